// The main window's sessions: saved and opened through the explorer's controller, listed among
// the recent sessions, reported in the status bar.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/control/ExplorerController.h"
#include "app/gui/EmbeddingsWindow.h"
#include "app/gui/MainWindowActions.h"
#include "app/gui/Settings.h"
#include "widgets/ViewGrid.h"

#include <QAction>
#include <QStatusBar>

QString MainWindow::saveSessionTo(const QString& path, bool remember)
{
    const SessionViewState view = viewState();
    const QString failure = explorer_->saveSession(path, actions_->keepModel()->isChecked(), &view);
    if (failure.isEmpty()) {
        if (remember)
            rememberRecent(path);
        statusBar()->showMessage(tr("Saved the session to %1").arg(path), 5000);
    }
    return failure;
}

// On large data the session comes in later (ExplorerController::openSession): its view state,
// the recent list and the message follow once its model is in.
QString MainWindow::openSession(const QString& path, bool remember)
{
    return explorer_->openSession(path, [this, path, remember](const std::optional<SessionViewState>& view) {
        if (view)
            setViewState(*view);
        clearStaleMessages(); // what they said was of the state the session replaced
        if (remember)
            rememberRecent(path);
        statusBar()->showMessage(tr("Opened the session %1").arg(path), 5000);
    });
}

// With the embeddings window's files and batches when one is open.
SessionViewState MainWindow::viewState() const
{
    SessionViewState view{grid_->focusedView(), actions_->logDensity()->isChecked(),
                          actions_->overlaid()->isChecked(), actions_->liveSampled()->isChecked(), std::nullopt};
    if (embeddings_)
        view.embeddings = embeddings_->sessionEntry();
    return view;
}

void MainWindow::setViewState(const SessionViewState& view)
{
    actions_->logDensity()->setChecked(view.logDensity);
    actions_->overlaid()->setChecked(view.sampledOverlaid);
    actions_->liveSampled()->setChecked(view.liveSampled);
    grid_->focusView(view.enlarged);
    if (view.embeddings) // in the background; a missing or changed file says so and changes nothing else
        reopenEmbeddings(*view.embeddings);
}

void MainWindow::rememberRecent(const QString& path)
{
    settings::addRecentSession(path);
    actions_->fillRecentMenu();
}
