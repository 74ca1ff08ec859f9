// The explorer's parameter policy, its figures and large data in the background (its sessions are
// in ExplorerSessions.cpp).
// Messages keep the translation context MainWindow, where they were written, so that the
// translations keyed by it still find them.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/ExplorerController.h"

#include "app/control/BackgroundRun.h"
#include "app/control/TrainingController.h"
#include "app/io/DataSource.h"
#include "app/io/ModelMessages.h"
#include "app/io/ParameterJson.h"
#include "app/io/SessionFile.h"
#include "model/base/Error.h"
#include "model/figures/ParameterSchema.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>
#include <new>

namespace {

// Why the model is built anew, as the window says it.
QString modelResetReason(sme::ModelReset reset)
{
    switch (reset) {
    case sme::ModelReset::None:
        break;
    case sme::ModelReset::Dimension:
        return QObject::tr("the embedding dimension changed");
    case sme::ModelReset::DataSet:
        return QObject::tr("the data set changed");
    case sme::ModelReset::HiddenLayers:
        return QObject::tr("the hidden layers changed");
    case sme::ModelReset::Seed:
        return QObject::tr("the seed changed");
    case sme::ModelReset::BatchShape:
        return QObject::tr("the batch shape changed");
    case sme::ModelReset::LearnedBeta:
        return QObject::tr("the learned parts of \u03B2 changed");
    case sme::ModelReset::SamplingCutoffs:
        return QObject::tr("the sampling cutoffs changed");
    }
    return {};
}

// Hands one setting of the parameters to the running training.
void applyLive(TrainingController& training, sme::LiveSetting setting, const sme::ExplorerParameters& p)
{
    switch (setting) {
    case sme::LiveSetting::LearningRate: training.setLearningRate(p.learningRate); break;
    case sme::LiveSetting::Sampler: training.setSampler(p.sampler); break;
    case sme::LiveSetting::Loss: training.setLoss(p.loss); break;
    case sme::LiveSetting::Alpha: training.setAlpha(p.alpha); break;
    case sme::LiveSetting::Beta0: training.setBeta0(p.beta0); break;
    case sme::LiveSetting::Nu: training.setNu(p.nu); break;
    case sme::LiveSetting::StepsPerSecond: training.setStepsPerSecond(p.stepsPerSecond); break;
    case sme::LiveSetting::StopAfter: training.setStopAfter(p.stopAfter); break;
    }
}

} // namespace

ExplorerController::ExplorerController(QObject* parent)
    : QObject(parent)
    , training_(new TrainingController(this))
    , debounce_(new QTimer(this))
    , settle_(new QTimer(this))
    , watcher_(new QFutureWatcher<FiguresResult>(this))
    , loader_(loadDataSplit)
    , loading_(
          this, [this](double done) { emit backgroundLoadProgress(done); },
          [this](const StoppableOutcome<LoadedModel>& outcome) { loadFinished(outcome); })
{
    debounce_->setSingleShot(true);
    debounce_->setInterval(30);
    connect(debounce_, &QTimer::timeout, this, &ExplorerController::computeFigures);
    settle_->setSingleShot(true);
    settle_->setInterval(settleMs);
    connect(settle_, &QTimer::timeout, this, [this] { rebuildIfNeeded(built_); });
    connect(watcher_, &QFutureWatcher<FiguresResult>::finished, this, &ExplorerController::figuresComputed);
}

ExplorerController::~ExplorerController()
{
    watcher_->waitForFinished(); // and loading_ waits for the loads, stopped at their next progress report
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
    emit dimensionChanged(initial.dimension, std::min(initial.dimension, sme::largestModelDimension));
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
    change(next, true);
}

void ExplorerController::changeParametersLater(const sme::ExplorerParameters& next)
{
    change(next, false);
}

bool ExplorerController::modelChangePending() const
{
    return settle_->isActive();
}

void ExplorerController::change(const sme::ExplorerParameters& next, bool resetNow)
{
    const sme::ExplorerParameters previous = parameters_;
    if (next == previous && !(resetNow && settle_->isActive()))
        return;
    // What the change asks for comes from the parameter schema (model/figures/ParameterSchema):
    // live settings and figures against what is shown, a new model against what it was built on
    // (a drag may have passed many values since).
    const sme::ParameterChange change = sme::changeBetween(previous, next);
    supersedeSession(); // it would undo this change
    settle_->stop();
    parameters_ = next;
    if (!resetNow && sme::changeBetween(built_, next).resetsModel())
        settle_->start();
    else if (!rebuildIfNeeded(previous))
        return;
    for (sme::LiveSetting setting : change.live)
        applyLive(*training_, setting, next);
    if (next.dimension != previous.dimension)
        emit dimensionChanged(next.dimension, std::min(next.dimension, sme::largestModelDimension));
    if (change.recomputeIdealised)
        scheduleFigures();
}

// A new model for parameters_ when they ask for one. Nothing changes when it cannot be built
// (a bad file, say): the parameters go back to fallback and the controls show them. While it
// is built the parameters are already the new ones: modelReset's listeners read them.
bool ExplorerController::rebuildIfNeeded(const sme::ExplorerParameters& fallback)
{
    const sme::ParameterChange rebuild = sme::changeBetween(built_, parameters_);
    if (!rebuild.resetsModel()) {
        abandonLoading(); // back to what the model was built on: a load under way is not needed
        return true;
    }
    if (configureModel(parameters_, resetReasonFor(parameters_)))
        return true;
    parameters_ = fallback;
    emit parametersReplaced(fallback);
    if (sme::changeBetween(built_, fallback).resetsModel())
        settle_->start(); // the fallback was itself a value still settling
    return false;
}

QString ExplorerController::resetReasonFor(const sme::ExplorerParameters& next) const
{
    return modelResetReason(sme::changeBetween(built_, next).reset);
}

// Another data set than the model's that cannot be read, or split into training and held-out
// classes, is said to be the data set's fault, as opening embeddings says it: the person chose
// a file, not a model. Either way the parameters go back, so nothing changed; at set-up there
// is no model yet to go back to.
QString ExplorerController::setUpFailure(const sme::ExplorerParameters& next, const QString& reason) const
{
    if (training_->isConfigured() && next.dataset != built_.dataset)
        return QCoreApplication::translate("MainWindow", "Cannot open the data set, so nothing changed: %1").arg(reason);
    return QCoreApplication::translate("MainWindow", "Cannot set up the model: %1").arg(reason);
}

bool ExplorerController::configureModel(const sme::ExplorerParameters& next, const QString& why)
{
    abandonLoading();
    const DataChoice choice = dataChoiceFor(next);
    if (loadsInBackground(choice)) {
        startLoading(next, why);
        return true;
    }
    emit loading(true);
    try {
        buildModel(std::make_unique<sme::Trainer>(loader_(choice, {}), settingsFor(next)), next, why);
        emit loading(false);
    } catch (const sme::Error& e) {
        emit loading(false);
        emit error(setUpFailure(next, errorText(e)));
        return false;
    }
    return true;
}

sme::TrainerSettings ExplorerController::settingsFor(const sme::ExplorerParameters& next) const
{
    sme::TrainerSettings settings = trainerSettingsFor(next);
    settings.evaluationSample = evaluationSample_;
    return settings;
}

void ExplorerController::buildModel(std::unique_ptr<sme::Trainer> trainer, const sme::ExplorerParameters& next,
                                    const QString& why)
{
    const bool playing = training_->isRunning();
    training_->adopt(std::move(trainer), {});
    built_ = next;
    emit modelReset(why);
    if (playing) // a change of n, say, while the class watches: the new run plays on
        training_->start();
}

bool ExplorerController::loadsInBackground(const DataChoice& choice)
{
    if (choice.dataset == QLatin1String("synthetic") || choice.dataset == QLatin1String("digits"))
        return false;
    return choice.dataset == QLatin1String("fashion-mnist") || QFileInfo(choice.dataset).size() > backgroundFileBytes;
}

void ExplorerController::setDataLoader(DataLoader loader)
{
    loader_ = std::move(loader);
}

void ExplorerController::setEvaluationSample(int points)
{
    evaluationSample_ = points;
}

void ExplorerController::startLoading(const sme::ExplorerParameters& next, const QString& why,
                                      std::shared_ptr<OpeningSession> session,
                                      std::shared_ptr<const sme::TrainerState> state)
{
    load_ = BackgroundLoad{next, why, session};
    // The model is built there too: standardising 60,000 images takes a while.
    loading_.start([loader = loader_, choice = dataChoiceFor(next), settings = settingsFor(next),
                    state](const sme::Progress& progress) {
        auto trainer = std::make_unique<sme::Trainer>(loader(choice, progress), settings);
        if (state)
            trainer->restoreState(*state);
        return std::make_shared<std::unique_ptr<sme::Trainer>>(std::move(trainer));
    });
    const QString name = next.dataset == "fashion-mnist" ? QStringLiteral("Fashion-MNIST")
                                                         : QFileInfo(QString::fromStdString(next.dataset)).fileName();
    emit backgroundLoadStarted(session ? QCoreApplication::translate("MainWindow", "%1 for the session %2")
                                             .arg(name, QFileInfo(session->path).fileName())
                                       : name);
}

// At once, not when the load stops: building the model on the data cannot be stopped.
void ExplorerController::cancelLoading()
{
    if (!load_)
        return;
    const std::shared_ptr<OpeningSession> session = load_->session;
    abandonLoading();
    if (session)
        sessionNotOpened(*session, true); // its parameters were never shown
    else
        restoreBuiltParameters();
}

void ExplorerController::abandonLoading()
{
    if (!load_)
        return;
    loading_.stop();
    load_.reset();
    emit backgroundLoadEnded();
}

void ExplorerController::loadFinished(const StoppableOutcome<LoadedModel>& result)
{
    const BackgroundLoad load = std::move(*load_);
    load_.reset();
    if (result.result && load.session) {
        adoptSession(std::move(*result.result), load.parameters, std::move(*load.session), load.why);
    } else if (result.result) {
        buildModel(std::move(*result.result), load.parameters, load.why);
    } else if (load.session) {
        emit error(QCoreApplication::translate("MainWindow", "The session %1 cannot be opened, so nothing changed: %2")
                       .arg(QFileInfo(load.session->path).fileName(), result.error));
    } else {
        if (!result.error.isEmpty())
            emit error(setUpFailure(load.parameters, result.error));
        restoreBuiltParameters();
    }
    emit backgroundLoadEnded();
}

void ExplorerController::restoreBuiltParameters()
{
    sme::ExplorerParameters fallback = parameters_;
    if (!training_->isConfigured()) { // at set-up: no model yet, so one on the synthetic clusters
        fallback.dataset = "synthetic";
        parameters_ = fallback;
        emit parametersReplaced(fallback);
        configureModel(fallback, QString());
        return;
    }
    for (const sme::ParameterField& field : sme::parameterSchema())
        if (field.resets != sme::ModelReset::None)
            std::visit([&](auto member) { fallback.*member = built_.*member; }, field.member);
    emit parametersReplaced(fallback);
    change(fallback, true);
}

void ExplorerController::scheduleFigures()
{
    debounce_->start();
    emit computingFiguresChanged(true);
}

bool ExplorerController::computingFigures() const
{
    // Until the result is handed on: the watcher stops running before its finished() arrives.
    return debounce_->isActive() || computing_;
}

void ExplorerController::computeFigures()
{
    if (watcher_->isRunning()) {
        recomputeAgain_ = true; // the latest parameters win once this finishes
        return;
    }
    computing_ = true;
    emit computingFiguresChanged(true);
    const sme::ExplorerParameters parameters = parameters_;
    watcher_->setFuture(runInBackground([parameters]() -> FiguresResult {
        try {
            return sme::computeIdealisedFigures(parameters);
        } catch (const sme::Error& e) {
            return errorText(e);
        } catch (const std::bad_alloc&) {
            return QObject::tr("out of memory");
        }
    }));
}

void ExplorerController::figuresComputed()
{
    const FiguresResult result = watcher_->result();
    computing_ = false;
    if (recomputeAgain_) {
        recomputeAgain_ = false;
        computeFigures();
    }
    if (const QString* failure = std::get_if<QString>(&result))
        emit error(QCoreApplication::translate("MainWindow", "Cannot compute the figures: %1").arg(*failure));
    else
        emit figuresReady(std::make_shared<const sme::IdealisedFigures>(std::get<sme::IdealisedFigures>(result)));
    // Only now, so that whoever sees computingFigures() false also sees these figures shown.
    if (!computing_)
        emit computingFiguresChanged(false);
}
