// Presentation mode, for a projector: full screen, large fonts and thick lines in a
// high-contrast look, the controls collapsed to a slim bar, the focused view enlarged; keys
// 1-9 focus a view, Esc leaves. Leaving puts everything back as it was: every widget's font,
// the docks, tool bars and their sizes, the grid.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ViewId.h"

#include <QByteArray>
#include <QFont>
#include <QObject>
#include <QPointer>
#include <optional>
#include <vector>

class QAction;
class QDockWidget;
class QMainWindow;
class QToolBar;
class QWidget;
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

    static constexpr double fontScale = 1.5; // the window's text, beside the charts' own scale

private:
    void enter();
    void leave();
    // A font set by a style sheet stays behind when the sheet goes (spin boxes, their line
    // edits): each widget's own font is noted on entering and put back on leaving.
    struct WidgetFont {
        QPointer<QWidget> widget;
        QFont font;
        bool ownFont; // set on the widget itself, not inherited
    };

    QMainWindow* window_;
    QDockWidget* controls_;
    ViewGrid* views_;
    QToolBar* bar_;
    bool active_ = false;
    // What leaving restores.
    QByteArray windowLayout_; // docks and tool bars, shown or not, and their sizes
    Qt::WindowStates windowState_;
    QString styleSheet_;
    std::vector<WidgetFont> fonts_;
    std::optional<sme::ViewId> focusedView_;
};
