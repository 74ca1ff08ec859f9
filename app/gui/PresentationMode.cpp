// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/PresentationMode.h"

#include "widgets/PresentationStyle.h"
#include "widgets/ViewGrid.h"

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QToolBar>

PresentationMode::PresentationMode(QMainWindow* window, QDockWidget* controls, ViewGrid* views,
                                   const QList<QAction*>& barActions)
    : QObject(window)
    , window_(window)
    , controls_(controls)
    , views_(views)
    , bar_(new QToolBar(tr("Presentation bar"), window))
{
    bar_->setObjectName(QStringLiteral("PresentationBar"));
    bar_->setMovable(false);
    bar_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar_->addActions(barActions);
    window->addToolBar(Qt::TopToolBarArea, bar_);
    bar_->hide();
}

void PresentationMode::setActive(bool active)
{
    if (active == active_)
        return;
    active_ = active;
    if (active) {
        controlsWereVisible_ = controls_->isVisible();
        windowState_ = window_->windowState();
        styleSheet_ = window_->styleSheet();
        focusedView_ = views_->focusedView();
        // A style sheet, not setFont: widgets with style sheets of their own (the message
        // banner) do not take a font set on their parent.
        const qreal points = window_->font().pointSizeF() > 0 ? window_->font().pointSizeF() : 10.0;
        window_->setStyleSheet(styleSheet_ + QStringLiteral("\n* { font-size: %1pt; }").arg(points * 1.5));
        controls_->hide();
        bar_->show();
        window_->setWindowState(windowState_ | Qt::WindowFullScreen);
        if (!views_->focusedView())
            views_->focusView(views_->viewIds().front());
    } else {
        window_->setStyleSheet(styleSheet_);
        bar_->hide();
        controls_->setVisible(controlsWereVisible_);
        window_->setWindowState(windowState_);
        views_->focusView(focusedView_);
    }
    applyPresentationStyle(views_, active);
}

void PresentationMode::refresh()
{
    if (active_)
        applyPresentationStyle(views_, true);
}
