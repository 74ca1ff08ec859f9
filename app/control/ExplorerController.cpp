// The explorer's parameter policy, its figures in the background, and its sessions.
// Messages keep the translation context MainWindow, where they were written, so that the
// translations keyed by it still find them.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/ExplorerController.h"

#include "app/control/BackgroundRun.h"
#include "app/control/TrainingController.h"
#include "app/io/DataSource.h"
#include "app/io/ParameterJson.h"
#include "app/io/SessionFile.h"
#include "model/base/Error.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>
#include <algorithm>

namespace {

// What a change of parameters asks of the window.
bool idealisedChanged(const sme::ExplorerParameters& a, const sme::ExplorerParameters& b)
{
    return a.dimension != b.dimension || a.gradientNoise != b.gradientNoise
           || a.monteCarloPoints != b.monteCarloPoints || a.cutoff != b.cutoff
           || a.nonzeroLossCutoff != b.nonzeroLossCutoff || a.alpha != b.alpha || a.beta0 != b.beta0
           || a.batchClasses != b.batchClasses || a.batchK != b.batchK || a.seed != b.seed;
}

QString modelChange(const sme::ExplorerParameters& a, const sme::ExplorerParameters& b)
{
    if (std::min(a.dimension, sme::largestModelDimension)
        != std::min(b.dimension, sme::largestModelDimension))
        return QObject::tr("the embedding dimension changed");
    if (a.dataset != b.dataset || a.syntheticNoise != b.syntheticNoise)
        return QObject::tr("the data set changed");
    if (a.hidden != b.hidden)
        return QObject::tr("the hidden layers changed");
    if (a.seed != b.seed)
        return QObject::tr("the seed changed");
    if (a.batchClasses != b.batchClasses || a.batchK != b.batchK)
        return QObject::tr("the batch shape changed");
    if (a.learnClassBeta != b.learnClassBeta || a.learnImageBeta != b.learnImageBeta)
        return QObject::tr("the learned parts of \u03B2 changed");
    if (a.cutoff != b.cutoff || a.nonzeroLossCutoff != b.nonzeroLossCutoff)
        return QObject::tr("the sampling cutoffs changed");
    return {};
}

} // namespace

ExplorerController::ExplorerController(QObject* parent)
    : QObject(parent)
    , training_(new TrainingController(this))
    , debounce_(new QTimer(this))
    , watcher_(new QFutureWatcher<FiguresResult>(this))
{
    debounce_->setSingleShot(true);
    debounce_->setInterval(30);
    connect(debounce_, &QTimer::timeout, this, &ExplorerController::computeFigures);
    connect(watcher_, &QFutureWatcher<FiguresResult>::finished, this, &ExplorerController::figuresComputed);
}

ExplorerController::~ExplorerController()
{
    watcher_->waitForFinished();
}

void ExplorerController::setUp(sme::ExplorerParameters initial)
{
    parameters_ = initial;
    emit parametersReplaced(initial);
    if (!configureModel(initial, QString())) {
        // The remembered data set could not be loaded: fall back to the synthetic clusters.
        initial.dataset = "synthetic";
        parameters_ = initial;
        emit parametersReplaced(initial);
        configureModel(initial, QString());
    }
    training_->setStepsPerSecond(initial.stepsPerSecond);
    training_->setStopAfter(initial.stopAfter);
    computeFigures();
}

void ExplorerController::applyParameters(const sme::ExplorerParameters& next)
{
    if (const QStringList problems = parameterProblems(next); !problems.isEmpty()) {
        emit error(QCoreApplication::translate("MainWindow", "Parameters refused: %1")
                       .arg(problems.join(QStringLiteral("; "))));
        return;
    }
    emit parametersReplaced(next);
    changeParameters(next);
}

void ExplorerController::changeParameters(const sme::ExplorerParameters& next)
{
    const sme::ExplorerParameters previous = parameters_;
    if (next == previous)
        return;
    if (const QString why = modelChange(previous, next); !why.isEmpty()) {
        if (!configureModel(next, why)) {
            // Nothing changes when the new model cannot be built (a bad file, say).
            emit parametersReplaced(previous);
            return;
        }
    } else {
        if (next.learningRate != previous.learningRate)
            training_->setLearningRate(next.learningRate);
        if (next.sampler != previous.sampler)
            training_->setSampler(next.sampler);
        if (next.loss != previous.loss) {
            training_->setLoss(next.loss);
            training_->setAlpha(next.alpha);
        } else if (next.alpha != previous.alpha) {
            training_->setAlpha(next.alpha);
        }
        if (next.beta0 != previous.beta0)
            training_->setBeta0(next.beta0);
        if (next.nu != previous.nu)
            training_->setNu(next.nu);
    }
    if (next.stepsPerSecond != previous.stepsPerSecond)
        training_->setStepsPerSecond(next.stepsPerSecond);
    if (next.stopAfter != previous.stopAfter)
        training_->setStopAfter(next.stopAfter);
    parameters_ = next;
    if (idealisedChanged(previous, next))
        scheduleFigures();
}

bool ExplorerController::configureModel(const sme::ExplorerParameters& next, const QString& why)
{
    emit loading(true);
    try {
        DataChoice data;
        data.dataset = QString::fromStdString(next.dataset);
        data.noise = next.syntheticNoise;
        training_->configure(loadDataSplit(data), trainerSettingsFor(next));
        emit loading(false);
    } catch (const sme::Error& e) {
        emit loading(false);
        emit error(QCoreApplication::translate("MainWindow", "Cannot set up the model: %1")
                       .arg(QString::fromStdString(e.what())));
        return false;
    }
    emit modelReset(why);
    if (next.dimension > sme::largestModelDimension)
        emit modelDimensionCapped(next.dimension, sme::largestModelDimension);
    return true;
}

void ExplorerController::scheduleFigures()
{
    debounce_->start();
    emit computingFiguresChanged(true);
}

bool ExplorerController::computingFigures() const
{
    return watcher_->isRunning() || debounce_->isActive();
}

void ExplorerController::computeFigures()
{
    if (watcher_->isRunning()) {
        recomputeAgain_ = true; // the latest parameters win once this finishes
        return;
    }
    emit computingFiguresChanged(true);
    const sme::ExplorerParameters parameters = parameters_;
    watcher_->setFuture(runInBackground([parameters]() -> FiguresResult {
        try {
            return sme::computeIdealisedFigures(parameters);
        } catch (const sme::Error& e) {
            return QString::fromStdString(e.what());
        } catch (const std::bad_alloc&) {
            return QObject::tr("out of memory");
        }
    }));
}

void ExplorerController::figuresComputed()
{
    const FiguresResult result = watcher_->result();
    if (recomputeAgain_) {
        recomputeAgain_ = false;
        computeFigures();
    } else {
        emit computingFiguresChanged(false);
    }
    if (const QString* failure = std::get_if<QString>(&result)) {
        emit error(QCoreApplication::translate("MainWindow", "Cannot compute the figures: %1").arg(*failure));
        return;
    }
    emit figuresReady(std::make_shared<const sme::IdealisedFigures>(std::get<sme::IdealisedFigures>(result)));
}

QString ExplorerController::saveSession(const QString& path, bool keepModel)
{
    std::optional<sme::SavedRun> run;
    if (keepModel)
        run = training_->captureRun();
    return ::saveSession(path, parameters_, run ? &*run : nullptr);
}

QString ExplorerController::openSession(const QString& path)
{
    SessionLoad load = loadSession(path);
    if (!load.parameters)
        return load.error;
    // A kept model is rebuilt and restored first: if it does not fit, nothing has changed yet.
    std::unique_ptr<sme::Trainer> trainer;
    if (load.run) {
        emit loading(true);
        try {
            trainer = restoredTrainer(*load.parameters, load.run->state);
            emit loading(false);
        } catch (const sme::Error& e) {
            emit loading(false);
            return QCoreApplication::translate("MainWindow", "%1: its trained model cannot be restored: %2")
                .arg(QFileInfo(path).fileName(), QString::fromStdString(e.what()));
        }
    }
    applyParameters(*load.parameters);
    if (trainer)
        training_->adopt(std::move(trainer), std::move(load.run->history));
    return {};
}
