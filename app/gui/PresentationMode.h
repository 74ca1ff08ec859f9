// Presentation mode, for a projector: full screen, large fonts and thick lines in a
// high-contrast look, the controls collapsed to a slim bar, the focused view enlarged; keys
// 1-7 focus a view, Esc leaves. Leaving puts everything back as it was.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ViewId.h"

#include <QObject>
#include <optional>

class QAction;
class QDockWidget;
class QMainWindow;
class QToolBar;
class ViewGrid;

class PresentationMode : public QObject {
    Q_OBJECT
public:
    // barActions go on the slim bar (play, step, reset...), as they are in the menus.
    PresentationMode(QMainWindow* window, QDockWidget* controls, ViewGrid* views,
                     const QList<QAction*>& barActions);

    bool isActive() const { return active_; }
    void setActive(bool active);
    // Restyles the charts again (after views created new series), when active.
    void refresh();
    QToolBar* bar() const { return bar_; }

private:
    QMainWindow* window_;
    QDockWidget* controls_;
    ViewGrid* views_;
    QToolBar* bar_;
    bool active_ = false;
    // What leaving restores.
    bool controlsWereVisible_ = true;
    Qt::WindowStates windowState_;
    QString styleSheet_;
    std::optional<sme::ViewId> focusedView_;
};
