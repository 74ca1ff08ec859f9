// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ViewGrid.h"

#include <QEvent>
#include <QGridLayout>

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
    emit focusChanged(index);
}

bool ViewGrid::eventFilter(QObject* watched, QEvent* event)
{
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
