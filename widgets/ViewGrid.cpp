// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ViewGrid.h"

#include "widgets/ExplanationPanel.h"

#include <QApplication>
#include <QEvent>
#include <QMouseEvent>
#include <QToolButton>
#include <algorithm>
#include <cmath>

ViewGrid::ViewGrid(QWidget* parent)
    : QWidget(parent)
{
}

void ViewGrid::addView(sme::ViewId id, QWidget* view)
{
    cells_.push_back({id, view});
    view->setParent(this);
    view->installEventFilter(this);
    for (QObject* child : view->findChildren<QWidget*>())
        child->installEventFilter(this);
    relayout();
    addExplanationButton(int(cells_.size()) - 1);
}

int ViewGrid::columnsFor(int width, int viewCount)
{
    for (int columns = std::min(3, viewCount); columns > 1; --columns)
        if ((width - (columns - 1) * spacing) / columns >= minimumViewWidth)
            return columns;
    return 1;
}

QList<sme::ViewId> ViewGrid::viewIds() const
{
    QList<sme::ViewId> ids;
    for (const Cell& cell : cells_)
        ids.append(cell.id);
    return ids;
}

int ViewGrid::positionOf(sme::ViewId id) const
{
    const auto cell = std::find_if(cells_.begin(), cells_.end(), [id](const Cell& c) { return c.id == id; });
    return cell == cells_.end() ? -1 : int(cell - cells_.begin());
}

QWidget* ViewGrid::view(sme::ViewId id) const
{
    const int position = positionOf(id);
    return position < 0 ? nullptr : cells_[std::size_t(position)].view;
}

std::optional<sme::ViewId> ViewGrid::viewHolding(const QWidget* widget) const
{
    for (const Cell& cell : cells_)
        if (widget && (cell.view == widget || cell.view->isAncestorOf(widget)))
            return cell.id;
    return std::nullopt;
}

void ViewGrid::focusView(std::optional<sme::ViewId> id)
{
    focusPosition(id ? positionOf(*id) : -1);
}

std::optional<sme::ViewId> ViewGrid::focusedView() const
{
    return focused_ < 0 ? std::nullopt : std::optional(cells_[std::size_t(focused_)].id);
}

void ViewGrid::focusPosition(int position)
{
    if (position == focused_)
        return;
    closeExplanation();
    focused_ = position;
    relayout();
}

bool ViewGrid::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::Move:
    case QEvent::Resize:
    case QEvent::Show:
    case QEvent::Hide:
        for (std::size_t i = 0; i < cells_.size(); ++i)
            if (cells_[i].view == watched)
                placeExplanation(int(i));
        break;
    case QEvent::MouseButtonPress:
        closesOnClick(watched, event);
        break;
    default:
        break;
    }
    if (event->type() == QEvent::MouseButtonDblClick && watched->isWidgetType())
        if (const std::optional<sme::ViewId> id = viewHolding(static_cast<QWidget*>(watched))) {
            const int position = positionOf(*id);
            focusPosition(focused_ == position ? -1 : position);
            return true;
        }
    return QWidget::eventFilter(watched, event);
}

void ViewGrid::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    placeViews();
}

void ViewGrid::relayout()
{
    for (int i = 0; i < int(cells_.size()); ++i)
        cells_[std::size_t(i)].view->setVisible(focused_ < 0 || focused_ == i);
    placeViews();
}

// Equal cells whatever the views ask for, set here rather than by a layout: a view's size
// hint (a longer legend, a larger font) can then never widen its column, nor a relayout of a
// view move the grid. The grid asks for the rows' least height; a scroll area around it
// scrolls when the window is lower.
void ViewGrid::holdPlacement(bool held)
{
    placementHeld_ = held;
    if (!held)
        placeViews();
}

void ViewGrid::placeViews()
{
    if (placementHeld_)
        return;
    const int count = int(cells_.size());
    if (focused_ >= 0) {
        setMinimumHeight(0);
        cells_[std::size_t(focused_)].view->setGeometry(rect());
        return;
    }
    columns_ = columnsFor(width(), count);
    const int rows = std::max(1, (count + columns_ - 1) / columns_);
    setMinimumHeight(rows * minimumViewHeight + (rows - 1) * spacing);
    const double cellWidth = double(width() - (columns_ - 1) * spacing) / columns_;
    const double cellHeight = double(height() - (rows - 1) * spacing) / rows;
    for (int i = 0; i < count; ++i) {
        const int row = i / columns_;
        const int column = i % columns_;
        const int left = int(std::lround(column * (cellWidth + spacing)));
        const int top = int(std::lround(row * (cellHeight + spacing)));
        const int right = int(std::lround(column * (cellWidth + spacing) + cellWidth));
        const int bottom = int(std::lround(row * (cellHeight + spacing) + cellHeight));
        cells_[std::size_t(i)].view->setGeometry(left, top, right - left, bottom - top);
    }
}

void ViewGrid::addExplanationButton(int position)
{
    Cell& cell = cells_[std::size_t(position)];
    cell.button = new QToolButton(this);
    cell.button->setObjectName(QStringLiteral("ExplanationButton"));
    cell.button->setText(QStringLiteral("?"));
    cell.button->setCheckable(true);
    cell.button->setFixedSize(buttonSize_, buttonSize_);
    QFont bold = cell.button->font();
    bold.setBold(true);
    cell.button->setFont(bold);
    cell.button->setToolTip(tr("What am I seeing? (F1)"));
    connect(cell.button, &QToolButton::toggled, this, [this, position](bool on) { showExplanation(position, on); });
    placeExplanation(position);
}

void ViewGrid::setButtonScale(double scale)
{
    buttonSize_ = int(std::lround(22 * scale));
    for (int i = 0; i < int(cells_.size()); ++i) {
        cells_[std::size_t(i)].button->setFixedSize(buttonSize_, buttonSize_);
        placeExplanation(i);
    }
}

void ViewGrid::toggleExplanation(sme::ViewId id)
{
    if (QToolButton* button = explanationButton(id))
        button->toggle();
}

bool ViewGrid::closeExplanation()
{
    bool closed = false;
    for (const Cell& cell : cells_)
        if (cell.button && cell.button->isChecked()) {
            cell.button->setChecked(false);
            closed = true;
        }
    return closed;
}

QToolButton* ViewGrid::explanationButton(sme::ViewId id) const
{
    const int position = positionOf(id);
    return position < 0 ? nullptr : cells_[std::size_t(position)].button;
}

ExplanationPanel* ViewGrid::explanationPanel(sme::ViewId id) const
{
    const int position = positionOf(id);
    return position < 0 ? nullptr : cells_[std::size_t(position)].panel;
}

bool ViewGrid::explanationShown(sme::ViewId id) const
{
    const ExplanationPanel* panel = explanationPanel(id);
    return panel && panel->isVisible();
}

void ViewGrid::showExplanation(int position, bool shown)
{
    Cell& cell = cells_[std::size_t(position)];
    if (shown) {
        for (const Cell& other : cells_) // one at a time: piled up, they would hide every view
            if (other.button != cell.button && other.button && other.button->isChecked())
                other.button->setChecked(false);
        if (!cell.panel) {
            cell.panel = new ExplanationPanel(cell.id, this);
            connect(cell.panel, &ExplanationPanel::closeRequested, cell.button,
                    [button = cell.button] { button->setChecked(false); });
        }
        qApp->installEventFilter(this); // to see a click outside
    } else if (std::none_of(cells_.begin(), cells_.end(),
                            [](const Cell& c) { return c.button && c.button->isChecked(); })) {
        qApp->removeEventFilter(this);
    }
    placeExplanation(position);
}

bool ViewGrid::closesOnClick(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::MouseButtonPress || !watched->isWidgetType())
        return false;
    // By where the click is, not by the widget: an unhandled press travels on to the panel's parents.
    const QPoint where = static_cast<QMouseEvent*>(event)->globalPosition().toPoint();
    const auto under = [where](const QWidget* widget) {
        return widget->isVisible() && widget->rect().contains(widget->mapFromGlobal(where));
    };
    for (const Cell& cell : cells_)
        if (cell.button && cell.button->isChecked() && !under(cell.button) && !under(cell.panel)) {
            cell.button->setChecked(false);
            return true;
        }
    return false;
}

void ViewGrid::placeExplanation(int position)
{
    const Cell& cell = cells_[std::size_t(position)];
    if (!cell.button)
        return;
    const QRect area = cell.view->geometry();
    const bool viewShown = cell.view->isVisibleTo(this);
    cell.button->move(area.right() - cell.button->width() - 3, area.top() + 3);
    cell.button->setVisible(viewShown);
    cell.button->raise();
    if (cell.panel) {
        // Below the button, across the view. A small view would squeeze the formulas onto many
        // short lines: the panel then takes at least minimumPanelWidth, reaching over the
        // neighbouring view (it is a passing note), and grows down as the text needs, in the grid.
        const int width = std::min(std::max(area.width() - 12, minimumPanelWidth), this->width() - 12);
        const int left = std::clamp(area.left() + 6, 6, std::max(6, this->width() - width - 6));
        const int top = area.top() + cell.button->height() + 6;
        const int height = std::min(cell.panel->preferredHeight(width), this->height() - top - 6);
        cell.panel->setGeometry(left, top, width, std::max(height, 60));
        cell.panel->setVisible(viewShown && cell.button->isChecked());
    }
    raiseOpenExplanation();
}

// The open panel over everything, the other views' "?" buttons included, and its own button
// over it.
void ViewGrid::raiseOpenExplanation()
{
    for (const Cell& cell : cells_)
        if (cell.panel && cell.panel->isVisible()) {
            cell.panel->raise();
            cell.button->raise();
        }
}
