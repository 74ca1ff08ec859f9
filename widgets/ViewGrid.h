// The views in a grid; any one can be enlarged to fill it (double-click, or by number). Each
// view can carry a "?" button over its top-right corner that opens its explanation over it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/ViewExplanations.h"

#include <QWidget>
#include <vector>

class ExplanationPanel;
class QGridLayout;
class QToolButton;

class ViewGrid : public QWidget {
    Q_OBJECT
public:
    explicit ViewGrid(int columns, QWidget* parent = nullptr);

    void addView(QWidget* view);
    int count() const { return int(views_.size()); }
    QWidget* view(int index) const { return views_.at(index); }

    // Shows only view index, enlarged; -1 shows them all again.
    void focusView(int index);
    int focusedView() const { return focused_; }

    // "What am I seeing?" for view index: its "?" button and panel. The button and the panel
    // are the grid's children laid over the view, not the view's, so exports leave them out.
    void setExplanation(int index, ExplainedView explained);
    static constexpr int minimumPanelWidth = 460;
    // Opens or closes the explanation of view index (nothing without one).
    void toggleExplanation(int index);
    // nullptr while view index has no explanation (the panel: until first opened).
    QToolButton* explanationButton(int index) const;
    ExplanationPanel* explanationPanel(int index) const;
    bool explanationShown(int index) const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Explanation {
        QToolButton* button = nullptr;
        ExplanationPanel* panel = nullptr;
        ExplainedView explained = ExplainedView::Density;
    };
    void relayout();
    void showExplanation(int index, bool shown);
    // Puts view index's button and panel over it, visible when the view is.
    void placeExplanation(int index);

    int columns_;
    int focused_ = -1;
    QGridLayout* layout_;
    QList<QWidget*> views_;
    std::vector<Explanation> explanations_; // one per view
};
