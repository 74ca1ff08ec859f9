// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ViewGrid.h"

#include "widgets/ExplanationPanel.h"

#include <QEvent>
#include <QGridLayout>
#include <QToolButton>
#include <algorithm>

ViewGrid::ViewGrid(int columns, QWidget* parent)
    : QWidget(parent)
    , columns_(columns)
    , shownColumns_(columns)
    , layout_(new QGridLayout(this))
{
    layout_->setContentsMargins(0, 0, 0, 0);
    layout_->setSpacing(4);
}

void ViewGrid::addView(sme::ViewId id, QWidget* view)
{
    cells_.push_back({id, view});
    view->installEventFilter(this);
    for (QObject* child : view->findChildren<QWidget*>())
        child->installEventFilter(this);
    relayout();
    addExplanationButton(int(cells_.size()) - 1);
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
    // Seven views in four columns of 240 pixels or more; a narrower grid takes three rows.
    const int columns = std::clamp(width() / narrowestCell, std::min(3, columns_), columns_);
    if (columns != shownColumns_) {
        shownColumns_ = columns;
        relayout();
    }
}

void ViewGrid::relayout()
{
    for (const Cell& cell : cells_)
        layout_->removeWidget(cell.view);
    // Equal columns and rows whatever the views ask for; one cell when a view is enlarged. The
    // last view spans what its row leaves free.
    const int count = int(cells_.size());
    const int columns = shownColumns_;
    const int rows = (count + columns - 1) / columns;
    for (int c = 0; c < columns_; ++c)
        layout_->setColumnStretch(c, c < columns && (focused_ < 0 || c == 0) ? 1 : 0);
    for (int r = 0; r < layout_->rowCount(); ++r)
        layout_->setRowStretch(r, r < rows && (focused_ < 0 || r == 0) ? 1 : 0);
    for (int i = 0; i < count; ++i) {
        QWidget* view = cells_[std::size_t(i)].view;
        view->setVisible(focused_ < 0 || focused_ == i);
        if (focused_ == i)
            layout_->addWidget(view, 0, 0);
        else if (focused_ < 0)
            layout_->addWidget(view, i / columns, i % columns, 1, i + 1 == count ? columns - i % columns : 1);
    }
}

void ViewGrid::addExplanationButton(int position)
{
    Cell& cell = cells_[std::size_t(position)];
    cell.button = new QToolButton(this);
    cell.button->setObjectName(QStringLiteral("ExplanationButton"));
    cell.button->setText(QStringLiteral("?"));
    cell.button->setCheckable(true);
    cell.button->setFixedSize(22, 22);
    QFont bold = cell.button->font();
    bold.setBold(true);
    cell.button->setFont(bold);
    cell.button->setToolTip(tr("What am I seeing? (F1)"));
    connect(cell.button, &QToolButton::toggled, this, [this, position](bool on) { showExplanation(position, on); });
    placeExplanation(position);
}

void ViewGrid::toggleExplanation(sme::ViewId id)
{
    if (QToolButton* button = explanationButton(id))
        button->toggle();
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
    if (shown && !cell.panel) {
        cell.panel = new ExplanationPanel(cell.id, this);
        connect(cell.panel, &ExplanationPanel::closeRequested, cell.button,
                [button = cell.button] { button->setChecked(false); });
    }
    placeExplanation(position);
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
    if (!cell.panel)
        return;
    // Below the button, across the view. A small view would squeeze the formulas onto many
    // short lines: the panel then takes at least minimumPanelWidth, reaching over the
    // neighbouring view (it is a passing note), and grows down as the text needs, in the grid.
    const int width = std::min(std::max(area.width() - 12, minimumPanelWidth), this->width() - 12);
    const int left = std::clamp(area.left() + 6, 6, std::max(6, this->width() - width - 6));
    const int top = area.top() + cell.button->height() + 6;
    const int height = std::min(cell.panel->preferredHeight(width), this->height() - top - 6);
    cell.panel->setGeometry(left, top, width, std::max(height, 60));
    cell.panel->setVisible(viewShown && cell.button->isChecked());
    cell.panel->raise();
    cell.button->raise();
}
