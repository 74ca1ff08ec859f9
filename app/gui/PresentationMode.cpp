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
    bar_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon); // the play action's icon says whether it plays
    bar_->addActions(barActions);
    window->addToolBar(Qt::TopToolBarArea, bar_);
    bar_->hide();
}

void PresentationMode::setActive(bool active)
{
    if (active == active_)
        return;
    active_ = active;
    if (active)
        enter();
    else
        leave();
    applyPresentationStyle(views_, active);
}

void PresentationMode::enter()
{
    windowLayout_ = window_->saveState();
    windowState_ = window_->windowState();
    styleSheet_ = window_->styleSheet();
    focusedView_ = views_->focusedView();
    fonts_.clear();
    for (QWidget* widget : window_->findChildren<QWidget*>())
        fonts_.push_back({widget, widget->font(), widget->testAttribute(Qt::WA_SetFont)});
    // A style sheet, not setFont: widgets with style sheets of their own (the message
    // banner) do not take a font set on their parent.
    const qreal points = window_->font().pointSizeF() > 0 ? window_->font().pointSizeF() : 10.0;
    window_->setStyleSheet(styleSheet_ + QStringLiteral("\n* { font-size: %1pt; }").arg(points * fontScale));
    views_->setButtonScale(fontScale);
    for (QToolBar* other : window_->findChildren<QToolBar*>())
        other->setVisible(other == bar_); // the slim bar has the run's actions
    controls_->hide();
    window_->setWindowState(windowState_ | Qt::WindowFullScreen);
    if (!views_->focusedView())
        views_->focusView(views_->viewIds().front());
}

void PresentationMode::leave()
{
    window_->setStyleSheet(styleSheet_);
    for (const WidgetFont& noted : fonts_)
        if (noted.widget) // QFont() clears the widget's own font: it inherits its parent's again
            noted.widget->setFont(noted.ownFont ? noted.font : QFont());
    fonts_.clear();
    views_->setButtonScale(1.0);
    window_->setWindowState(windowState_);
    window_->restoreState(windowLayout_);
    views_->focusView(focusedView_);
}

void PresentationMode::refresh()
{
    if (active_)
        applyPresentationStyle(views_, true);
}
