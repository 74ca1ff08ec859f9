// The main window's messages and when each goes. The banner shows one message at a time:
// - the lesson of a preset (with its animation's controls): until closed or another preset;
// - the model's n below the views' (dimensionNote_): while n is beyond the model's largest;
// - the digits' note: until another data set is chosen (showModelReset);
// - a collapsed or stalled run (healthMessage_): until it clears (showTrainingHealth);
// - a divergence, an error: until the state they describe is gone (clearStaleMessages);
// - presets that could not be read: until closed.
// A refused action (refuse) only passes in the status bar: nothing went wrong with the state.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/control/ExplorerController.h"
#include "app/control/PresetAnimation.h"
#include "app/control/TrainingController.h"
#include "widgets/MessageBanner.h"

#include <QStatusBar>

void MainWindow::refuse(const QString& text)
{
    statusBar()->showMessage(text, 8000);
}

void MainWindow::clearStaleMessages()
{
    banner_->withdrawKind(MessageBanner::Kind::Error);
    banner_->withdraw(divergenceMessage_);
    divergenceMessage_.clear();
}

void MainWindow::showDimensionNote(int viewDimension, int modelDimension)
{
    const QString note = viewDimension == modelDimension
                             ? QString()
                             : tr("The views show n = %1; the model trains at most n = %2, so it trains at n = %2.")
                                   .arg(viewDimension)
                                   .arg(modelDimension);
    if (note == dimensionNote_)
        return;
    banner_->withdraw(dimensionNote_);
    dimensionNote_ = note;
    if (!note.isEmpty())
        banner_->showMessage(note, MessageBanner::Kind::Information);
}

void MainWindow::showDivergence(const QString& reason, long step)
{
    divergenceMessage_ = tr("Training diverged and paused at step %1: %2. The run goes on from step %1 with the restored "
                            "weights; the curves' last point scores them.")
                             .arg(step)
                             .arg(reason);
    banner_->showMessage(divergenceMessage_, MessageBanner::Kind::Warning);
    statusBar()->showMessage(tr("Training diverged and was paused"), 8000);
}

void MainWindow::resetRun()
{
    clearStaleMessages();
    controller()->reset();
}

void MainWindow::resetAllParameters()
{
    animation_->stop();
    applyParameters(sme::ExplorerParameters{});
    statusBar()->showMessage(tr("Every parameter is back to its default."), 5000);
}
