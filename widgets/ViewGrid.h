// The views in a grid, each known by its sme::ViewId; any one can be enlarged to fill it
// (double-click, or asked for by id). The grid reflows: as many columns (up to three) as give
// every view minimumViewWidth. Each view carries a "?" button over its top-right corner that
// opens its explanation over it, one explanation at a time.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ViewId.h"

#include <QList>
#include <QWidget>
#include <optional>
#include <vector>

class ExplanationPanel;
class QToolButton;

class ViewGrid : public QWidget {
    Q_OBJECT
public:
    explicit ViewGrid(QWidget* parent = nullptr);

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

    // Shows only view id, enlarged; nullopt, or showAllViews, shows them all again. Either
    // closes an open explanation (it was placed over the view as it was).
    void focusView(std::optional<sme::ViewId> id);
    void showAllViews() { focusView(std::nullopt); }
    std::optional<sme::ViewId> focusedView() const;

    // A view's least width and height in the grid of all views: below them its legends and
    // tick labels no longer fit, so the grid takes fewer columns, and in a scroll area (the
    // window's) scrolls rather than squeeze the rows.
    static constexpr int minimumViewWidth = 420;
    static constexpr int minimumViewHeight = 260;
    static constexpr int spacing = 4;
    // The columns for views of this count in this width: three, two or one.
    static int columnsFor(int width, int viewCount);
    int columns() const { return columns_; }
    // Puts every view back in its cell (after an export drew one at another size).
    void placeViews();
    // While held, the grid leaves its views' geometry alone (an export lays a view out at the
    // figure's size, and any resize of the grid meanwhile would put it back in its cell);
    // releasing places them again.
    void holdPlacement(bool held);

    // An explanation panel is at least this wide, reaching over a neighbour when its view is narrower.
    static constexpr int minimumPanelWidth = 460;
    // Opens or closes the explanation of view id; opening one closes any other.
    void toggleExplanation(sme::ViewId id);
    // Closes the open explanation; false when none was open (then Esc means something else).
    bool closeExplanation();
    // nullptr while the grid does not hold id (the panel: until first opened).
    QToolButton* explanationButton(sme::ViewId id) const;
    ExplanationPanel* explanationPanel(sme::ViewId id) const;
    bool explanationShown(sme::ViewId id) const;
    // The "?" buttons' size times scale (presentation mode: readable from the back of a room).
    void setButtonScale(double scale);

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
    void raiseOpenExplanation();
    // A click outside the open panel and its button closes it.
    bool closesOnClick(QObject* watched, QEvent* event);

    int columns_ = 3;
    int focused_ = -1;
    bool placementHeld_ = false;
    int buttonSize_ = 22;
    std::vector<Cell> cells_;
};
