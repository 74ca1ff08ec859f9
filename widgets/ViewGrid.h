// The views in a grid, each known by its sme::ViewId; any one can be enlarged to fill it
// (double-click, or asked for by id). Each view carries a "?" button over its top-right corner
// that opens its explanation over it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ViewId.h"

#include <QList>
#include <QWidget>
#include <optional>
#include <vector>

class ExplanationPanel;
class QGridLayout;
class QToolButton;

class ViewGrid : public QWidget {
    Q_OBJECT
public:
    // At most columns columns: fewer while a cell would be narrower than narrowestCell.
    explicit ViewGrid(int columns, QWidget* parent = nullptr);
    static constexpr int narrowestCell = 240;
    int columnCount() const { return shownColumns_; }

    // Puts view in the next cell (row by row) as the view id, with the "?" of id's explanation.
    // The button and the panel are the grid's children laid over the view, not the view's, so
    // exports leave them out.
    void addView(sme::ViewId id, QWidget* view);
    // The views in the grid's order.
    QList<sme::ViewId> viewIds() const;
    // nullptr when the grid does not hold id.
    QWidget* view(sme::ViewId id) const;
    // The view that is widget or holds it (e.g. the keyboard focus); nullopt for none.
    std::optional<sme::ViewId> viewHolding(const QWidget* widget) const;

    // Shows only view id, enlarged; nullopt, or showAllViews, shows them all again.
    void focusView(std::optional<sme::ViewId> id);
    void showAllViews() { focusView(std::nullopt); }
    std::optional<sme::ViewId> focusedView() const;

    static constexpr int minimumPanelWidth = 460;
    // Opens or closes the explanation of view id.
    void toggleExplanation(sme::ViewId id);
    // nullptr while the grid does not hold id (the panel: until first opened).
    QToolButton* explanationButton(sme::ViewId id) const;
    ExplanationPanel* explanationPanel(sme::ViewId id) const;
    bool explanationShown(sme::ViewId id) const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    // One view in its cell; the position in cells_ is its place in the grid.
    struct Cell {
        sme::ViewId id;
        QWidget* view = nullptr;
        QToolButton* button = nullptr;
        ExplanationPanel* panel = nullptr;
    };
    int positionOf(sme::ViewId id) const; // -1 when absent
    void focusPosition(int position);     // -1 shows every view
    void relayout();
    void addExplanationButton(int position);
    void showExplanation(int position, bool shown);
    // Puts the view's button and panel over it, visible when the view is.
    void placeExplanation(int position);

    int columns_;
    int shownColumns_;
    int focused_ = -1;
    QGridLayout* layout_;
    std::vector<Cell> cells_;
};
