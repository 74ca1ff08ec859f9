// The main window's sessions: saved and opened through the explorer's controller, listed among
// the recent sessions, reported in the status bar.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/control/ExplorerController.h"
#include "app/gui/MainWindowActions.h"
#include "app/gui/Settings.h"

#include <QAction>
#include <QStatusBar>

QString MainWindow::saveSessionTo(const QString& path, bool remember)
{
    const QString failure = explorer_->saveSession(path, actions_->keepModel()->isChecked());
    if (failure.isEmpty()) {
        if (remember)
            rememberRecent(path);
        statusBar()->showMessage(tr("Saved the session to %1").arg(path), 5000);
    }
    return failure;
}

QString MainWindow::openSession(const QString& path, bool remember)
{
    if (const QString failure = explorer_->openSession(path); !failure.isEmpty())
        return failure;
    if (remember)
        rememberRecent(path);
    statusBar()->showMessage(tr("Opened the session %1").arg(path), 5000);
    return {};
}

void MainWindow::rememberRecent(const QString& path)
{
    settings::addRecentSession(path);
    actions_->fillRecentMenu();
}
