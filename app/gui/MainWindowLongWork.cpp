// The main window's long work: large data loading in the background and the evaluation of every
// held-out point on request, each with its progress and Cancel in the status bar.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/control/ExplorerController.h"
#include "app/control/TrainingController.h"
#include "app/gui/WorkProgress.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/TrainingCurvesView.h"

#include <QAction>
#include <QStatusBar>

void MainWindow::buildLongWork()
{
    loadProgress_ = new WorkProgress;
    loadProgress_->setObjectName(QStringLiteral("loadProgress"));
    evaluationProgress_ = new WorkProgress;
    evaluationProgress_->setObjectName(QStringLiteral("evaluationProgress"));
    for (WorkProgress* progress : {loadProgress_, evaluationProgress_})
        statusBar()->addPermanentWidget(progress);
}

void MainWindow::connectLongWork()
{
    connect(explorer_, &ExplorerController::backgroundLoadStarted, this, [this](const QString& what) {
        loadProgress_->start(tr("Loading %1\u2026").arg(what));
    });
    connect(explorer_, &ExplorerController::backgroundLoadProgress, loadProgress_, &WorkProgress::setProgress);
    connect(explorer_, &ExplorerController::backgroundLoadEnded, loadProgress_, &WorkProgress::finish);
    connect(loadProgress_, &WorkProgress::cancelRequested, explorer_, &ExplorerController::cancelLoading);
    connect(explorer_, &ExplorerController::message, this, [this](const QString& text) {
        statusBar()->showMessage(text, 8000);
    });

    TrainingController* training = controller();
    connect(training, &TrainingController::fullEvaluationProgress, evaluationProgress_, &WorkProgress::setProgress);
    connect(training, &TrainingController::fullyEvaluated, this, &MainWindow::showFullEvaluation);
    connect(training, &TrainingController::fullEvaluationEnded, this, [this] {
        evaluationProgress_->finish();
        evaluateAll_->setEnabled(liveSampled_);
    });
    connect(evaluationProgress_, &WorkProgress::cancelRequested, training, &TrainingController::cancelFullEvaluation);
}

void MainWindow::evaluateAllHeldOut()
{
    if (evaluationProgress_->underWay())
        return;
    evaluateAll_->setEnabled(false);
    evaluationProgress_->start(tr("Evaluating every held-out point\u2026"));
    controller()->requestFullEvaluation();
}

void MainWindow::showFullEvaluation(const sme::Evaluation& evaluation)
{
    curves_->addFullEvaluation(evaluation);
    statusBar()->showMessage(tr("Step %1, all %L2 held-out images: Recall@1 %3, MAP@R %4, NMI %5")
                                 .arg(evaluation.step)
                                 .arg(evaluation.points)
                                 .arg(evaluation.recall[0], 0, 'f', 3)
                                 .arg(evaluation.mapAtR, 0, 'f', 3)
                                 .arg(evaluation.nmi, 0, 'f', 3));
}

// The full evaluation is offered while the live ones score a sample; the map says it shows one.
void MainWindow::updateEvaluateAll(const sme::TrainingSnapshot& snapshot)
{
    if (snapshot.evaluations.empty())
        return;
    const sme::Evaluation& last = snapshot.evaluations.back();
    if (last.heldOutPoints <= 0) // a saved run's: how many there were was not recorded
        return;
    liveSampled_ = last.sampled();
    map_->setHeldOutCount(last.heldOutPoints);
    evaluateAll_->setEnabled(liveSampled_ && !evaluationProgress_->underWay());
}
