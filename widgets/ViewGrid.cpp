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
    , layout_(new QGridLayout(this))
{
    layout_->setContentsMargins(0, 0, 0, 0);
    layout_->setSpacing(4);
}

void ViewGrid::addView(QWidget* view)
{
    views_.append(view);
    explanations_.emplace_back();
    view->installEventFilter(this);
    for (QObject* child : view->findChildren<QWidget*>())
        child->installEventFilter(this);
    relayout();
}

void ViewGrid::focusView(int index)
{
    if (index < -1 || index >= views_.size())
        index = -1;
    if (index == focused_)
        return;
    focused_ = index;
    relayout();
}

bool ViewGrid::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::Move:
    case QEvent::Resize:
    case QEvent::Show:
    case QEvent::Hide:
        if (const qsizetype i = views_.indexOf(watched); i >= 0)
            placeExplanation(int(i));
        break;
    default:
        break;
    }
    if (event->type() == QEvent::MouseButtonDblClick) {
        for (int i = 0; i < views_.size(); ++i) {
            QObject* object = watched;
            while (object && object != views_[i])
                object = object->parent();
            if (object) {
                focusView(focused_ == i ? -1 : i);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ViewGrid::relayout()
{
    for (QWidget* view : views_)
        layout_->removeWidget(view);
    // Equal columns and rows whatever the views ask for; one cell when a view is enlarged.
    const int rows = (int(views_.size()) + columns_ - 1) / columns_;
    for (int c = 0; c < columns_; ++c)
        layout_->setColumnStretch(c, focused_ < 0 || c == 0 ? 1 : 0);
    for (int r = 0; r < rows; ++r)
        layout_->setRowStretch(r, focused_ < 0 || r == 0 ? 1 : 0);
    for (int i = 0; i < views_.size(); ++i) {
        const bool shown = focused_ < 0 || focused_ == i;
        views_[i]->setVisible(shown);
        if (focused_ == i)
            layout_->addWidget(views_[i], 0, 0);
        else if (focused_ < 0)
            layout_->addWidget(views_[i], i / columns_, i % columns_);
    }
}

void ViewGrid::setExplanation(int index, ExplainedView explained)
{
    if (index < 0 || index >= views_.size())
        return;
    Explanation& e = explanations_[std::size_t(index)];
    e.explained = explained;
    delete e.panel; // made again, for this view, when next opened
    e.panel = nullptr;
    if (!e.button) {
        e.button = new QToolButton(this);
        e.button->setObjectName(QStringLiteral("ExplanationButton"));
        e.button->setText(QStringLiteral("?"));
        e.button->setCheckable(true);
        e.button->setFixedSize(22, 22);
        QFont bold = e.button->font();
        bold.setBold(true);
        e.button->setFont(bold);
        connect(e.button, &QToolButton::toggled, this, [this, index](bool on) { showExplanation(index, on); });
    }
    e.button->setChecked(false);
    e.button->setToolTip(tr("What am I seeing? (F1)"));
    placeExplanation(index);
}

void ViewGrid::toggleExplanation(int index)
{
    if (QToolButton* button = explanationButton(index))
        button->toggle();
}

QToolButton* ViewGrid::explanationButton(int index) const
{
    return index >= 0 && index < views_.size() ? explanations_[std::size_t(index)].button : nullptr;
}

ExplanationPanel* ViewGrid::explanationPanel(int index) const
{
    return index >= 0 && index < views_.size() ? explanations_[std::size_t(index)].panel : nullptr;
}

bool ViewGrid::explanationShown(int index) const
{
    const ExplanationPanel* panel = explanationPanel(index);
    return panel && panel->isVisible();
}

void ViewGrid::showExplanation(int index, bool shown)
{
    Explanation& e = explanations_[std::size_t(index)];
    if (shown && !e.panel) {
        e.panel = new ExplanationPanel(e.explained, this);
        connect(e.panel, &ExplanationPanel::closeRequested, e.button, [button = e.button] { button->setChecked(false); });
    }
    placeExplanation(index);
}

void ViewGrid::placeExplanation(int index)
{
    const Explanation& e = explanations_[std::size_t(index)];
    if (!e.button)
        return;
    const QWidget* view = views_[index];
    const QRect area = view->geometry();
    const bool viewShown = view->isVisibleTo(this);
    e.button->move(area.right() - e.button->width() - 3, area.top() + 3);
    e.button->setVisible(viewShown);
    e.button->raise();
    if (!e.panel)
        return;
    // Below the button, across the view. A small view would squeeze the formulas onto many
    // short lines: the panel then takes at least minimumPanelWidth, reaching over the
    // neighbouring view (it is a passing note), and grows down as the text needs, in the grid.
    const int width = std::min(std::max(area.width() - 12, minimumPanelWidth), this->width() - 12);
    const int left = std::clamp(area.left() + 6, 6, std::max(6, this->width() - width - 6));
    const int top = area.top() + e.button->height() + 6;
    const int height = std::min(e.panel->preferredHeight(width), this->height() - top - 6);
    e.panel->setGeometry(left, top, width, std::max(height, 60));
    e.panel->setVisible(viewShown && e.button->isChecked());
    e.panel->raise();
    e.button->raise();
}
