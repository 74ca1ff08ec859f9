// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/control/BackgroundRun.h"
#include "app/io/DataSource.h"
#include "app/gui/ExportDialog.h"
#include "app/io/Language.h"
#include "app/io/OutputFile.h"
#include "app/gui/PresentationMode.h"
#include "app/control/PresetAnimation.h"
#include "app/gui/StartPage.h"
#include "app/io/SessionFile.h"
#include "app/render/FigureViews.h"
#include "app/io/ParameterJson.h"
#include "app/control/RaceController.h"
#include "app/gui/RaceWindow.h"
#include "app/control/TrainingController.h"
#include "app/gui/TripletInspector.h"
#include "model/base/Error.h"
#include "widgets/ControlPanel.h"
#include "widgets/DensityChartView.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/GradientVarianceView.h"
#include "widgets/LossFunctionsView.h"
#include "widgets/MessageBanner.h"
#include "widgets/SampledDistancesView.h"
#include "widgets/TrainingCurvesView.h"
#include "widgets/ViewGrid.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QLayout>
#include <QDockWidget>
#include <QFileDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>
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
    if (std::min(a.dimension, MainWindow::largestModelDimension)
        != std::min(b.dimension, MainWindow::largestModelDimension))
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

MainWindow::MainWindow(bool restore, QWidget* parent)
    : QMainWindow(parent)
    , controls_(new ControlPanel)
    , grid_(new ViewGrid(3))
    , density_(new DensityChartView)
    , gradient_(new GradientVarianceView)
    , sampled_(new SampledDistancesView)
    , losses_(new LossFunctionsView)
    , curves_(new TrainingCurvesView)
    , map_(new EmbeddingMapView)
    , banner_(new MessageBanner)
    , controller_(new TrainingController(this))
    , inspector_(new TripletInspector(map_, parameters_, this))
    , debounce_(new QTimer(this))
    , watcher_(new QFutureWatcher<IdealisedResult>(this))
{
    setWindowTitle(tr("Sampling Matters Explorer"));
    setObjectName(QStringLiteral("MainWindow"));

    const std::pair<sme::ViewId, QWidget*> views[] = {
        {sme::ViewId::Density, density_},        {sme::ViewId::GradientVariance, gradient_},
        {sme::ViewId::SampledDistances, sampled_}, {sme::ViewId::Losses, losses_},
        {sme::ViewId::TrainingCurves, curves_},  {sme::ViewId::EmbeddingMap, map_}};
    for (const auto& [id, view] : views) // in the order of sme::gridViews
        grid_->addView(id, view);
    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(banner_);
    layout->addWidget(grid_, 1);
    setCentralWidget(central);

    auto* scroll = new QScrollArea;
    scroll->setWidget(controls_);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(controls_->sizeHint().width() + 20);
    controlsDock_ = new QDockWidget(tr("Controls"));
    controlsDock_->setObjectName(QStringLiteral("ControlsDock"));
    controlsDock_->setWidget(scroll);
    controlsDock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                               | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, controlsDock_);

    const PresetLoad presets = loadPresets(QStringLiteral(":/presets"), uiLanguage());
    presets_ = presets.presets;
    if (!presets.problems.isEmpty())
        banner_->showMessage(tr("Some presets could not be read: %1").arg(presets.problems.join(QStringLiteral("; "))),
                             MessageBanner::Kind::Warning);
    animation_ = new PresetAnimation([this] { return parameters_; },
                                     [this](const sme::ExplorerParameters& p) { applyParameters(p); }, this);
    buildMenus();
    buildStatusBar();

    debounce_->setSingleShot(true);
    debounce_->setInterval(30);
    connect(debounce_, &QTimer::timeout, this, &MainWindow::computeIdealised);
    connect(watcher_, &QFutureWatcher<IdealisedResult>::finished, this, &MainWindow::showIdealised);

    connect(controls_, &ControlPanel::parametersChanged, animation_, &PresetAnimation::stop);
    connect(controls_, &ControlPanel::parametersChanged, this, &MainWindow::onParametersChanged);
    connect(controls_, &ControlPanel::playPauseClicked, this, &MainWindow::togglePlay);
    connect(controls_, &ControlPanel::stepClicked, controller_, &TrainingController::step);
    connect(controls_, &ControlPanel::resetClicked, controller_, &TrainingController::reset);
    connect(controls_, &ControlPanel::openFileRequested, this, &MainWindow::openDataFile);
    connect(losses_, &LossFunctionsView::betaDragged, this, [this](double beta) {
        sme::ExplorerParameters next = parameters_;
        next.beta0 = std::clamp(beta, 0.0, 2.0);
        applyParameters(next);
    });
    connect(losses_, &LossFunctionsView::alphaDragged, this, [this](double alpha) {
        sme::ExplorerParameters next = parameters_;
        next.alpha = std::clamp(alpha, 0.0, 2.0);
        applyParameters(next);
    });
    connect(controller_, &TrainingController::snapshotReady, this, &MainWindow::onSnapshot);
    connect(controller_, &TrainingController::runningChanged, controls_, &ControlPanel::setRunning);
    connect(controller_, &TrainingController::diverged, this, [this](const QString& reason) {
        banner_->showMessage(tr("Training paused: %1.").arg(reason), MessageBanner::Kind::Warning);
        statusBar()->showMessage(tr("Training diverged and was paused"), 8000);
    });
    connect(controller_, &TrainingController::failed, this, &MainWindow::showError);
    connect(inspector_, &TripletInspector::failed, this, &MainWindow::showError);

    sme::ExplorerParameters initial;
    if (restore)
        restoreSettings();
    else
        resize(1600, 950);
    if (restore) {
        QSettings settings;
        const QJsonObject json
            = QJsonDocument::fromJson(settings.value(QStringLiteral("parameters")).toByteArray()).object();
        initial = parametersFromJson(json);
    }
    parameters_ = initial;
    controls_->setParameters(initial);
    if (!configureModel(initial, QString())) {
        // The remembered data set could not be loaded: fall back to the synthetic clusters.
        initial.dataset = "synthetic";
        parameters_ = initial;
        controls_->setParameters(initial);
        configureModel(initial, QString());
    }
    controller_->setStepsPerSecond(initial.stepsPerSecond);
    controller_->setStopAfter(initial.stopAfter);
    computeIdealised();
}

MainWindow::~MainWindow()
{
    watcher_->waitForFinished();
}

bool MainWindow::computingFigures() const
{
    return watcher_->isRunning() || debounce_->isActive();
}

void MainWindow::applyParameters(const sme::ExplorerParameters& next)
{
    // The controls cannot hold values out of range, but a caller can ask for them: refused whole.
    if (const QStringList problems = parameterProblems(next); !problems.isEmpty()) {
        showError(tr("Parameters refused: %1").arg(problems.join(QStringLiteral("; "))));
        return;
    }
    controls_->setParameters(next);
    onParametersChanged(next);
}

void MainWindow::onParametersChanged(const sme::ExplorerParameters& next)
{
    const sme::ExplorerParameters previous = parameters_;
    if (next == previous)
        return;
    if (const QString why = modelChange(previous, next); !why.isEmpty()) {
        if (!configureModel(next, why)) {
            // Nothing changes when the new model cannot be built (a bad file, say).
            controls_->setParameters(previous);
            return;
        }
    } else {
        if (next.learningRate != previous.learningRate)
            controller_->setLearningRate(next.learningRate);
        if (next.sampler != previous.sampler)
            controller_->setSampler(next.sampler);
        if (next.loss != previous.loss) {
            controller_->setLoss(next.loss);
            controller_->setAlpha(next.alpha);
        } else if (next.alpha != previous.alpha) {
            controller_->setAlpha(next.alpha);
        }
        if (next.beta0 != previous.beta0)
            controller_->setBeta0(next.beta0);
        if (next.nu != previous.nu)
            controller_->setNu(next.nu);
    }
    if (next.stepsPerSecond != previous.stepsPerSecond)
        controller_->setStepsPerSecond(next.stepsPerSecond);
    if (next.stopAfter != previous.stopAfter)
        controller_->setStopAfter(next.stopAfter);
    parameters_ = next;
    if (idealisedChanged(previous, next))
        scheduleIdealised();
}

bool MainWindow::configureModel(const sme::ExplorerParameters& next, const QString& why)
{
    QApplication::setOverrideCursor(Qt::WaitCursor);
    try {
        DataChoice data;
        data.dataset = QString::fromStdString(next.dataset);
        data.noise = next.syntheticNoise;
        controller_->configure(loadDataSplit(data), trainerSettingsFor(next));
        QApplication::restoreOverrideCursor();
    } catch (const sme::Error& e) {
        QApplication::restoreOverrideCursor();
        showError(tr("Cannot set up the model: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
    modelDimension_ = std::min(next.dimension, largestModelDimension);
    curves_->startNewRun();
    if (!why.isEmpty())
        statusBar()->showMessage(tr("The model was reset to step 0: %1.").arg(why), 8000);
    if (next.dimension > largestModelDimension)
        banner_->showMessage(tr("The views show n = %1; the model trains at most n = %2, so it "
                                "trains at n = %2.").arg(next.dimension).arg(largestModelDimension),
                             MessageBanner::Kind::Information);
    return true;
}

void MainWindow::scheduleIdealised()
{
    debounce_->start();
    busyLabel_->setText(tr("Computing figures\u2026"));
}

void MainWindow::computeIdealised()
{
    if (watcher_->isRunning()) {
        recomputeAgain_ = true; // the latest parameters win once this finishes
        return;
    }
    busyLabel_->setText(tr("Computing figures\u2026"));
    const sme::ExplorerParameters parameters = parameters_;
    watcher_->setFuture(runInBackground([parameters]() -> IdealisedResult {
        try {
            return sme::computeIdealisedFigures(parameters);
        } catch (const sme::Error& e) {
            return QString::fromStdString(e.what());
        } catch (const std::bad_alloc&) {
            return QObject::tr("out of memory");
        }
    }));
}

void MainWindow::showIdealised()
{
    const IdealisedResult result = watcher_->result();
    if (recomputeAgain_) {
        recomputeAgain_ = false;
        computeIdealised();
    } else {
        busyLabel_->clear();
    }
    if (const QString* error = std::get_if<QString>(&result)) {
        showError(tr("Cannot compute the figures: %1").arg(*error));
        return;
    }
    const auto& figures = std::get<sme::IdealisedFigures>(result);
    showIdealisedFigures(figures, parameters_, *density_, *gradient_,
                         liveSampledAction_->isChecked() ? nullptr : sampled_, *losses_);
    lastFigures_ = std::make_shared<const sme::IdealisedFigures>(figures);
    presentation_->refresh();
    emit idealisedFiguresShown();
}

void MainWindow::onSnapshot(std::shared_ptr<const sme::TrainingSnapshot> snapshot)
{
    if (snapshot->reset)
        curves_->startNewRun();
    curves_->addSteps(snapshot->steps);
    curves_->addEvaluations(snapshot->evaluations);
    if (snapshot->heldOutEmbeddings && snapshot->heldOutLabels) {
        map_->setEmbeddings(*snapshot->heldOutEmbeddings, *snapshot->heldOutLabels);
        inspector_->setHeldOut(snapshot->heldOutEmbeddings, snapshot->heldOutLabels);
    }
    if (snapshot->samplerComparison && liveSampledAction_->isChecked()) {
        sampled_->setFigure(sme::sampledDistancesFromPicks(*snapshot->samplerComparison),
                            tr("live model's batch, step %1").arg(snapshot->step));
        sampled_->setMarkers(parameters_.cutoff, parameters_.nonzeroLossCutoff);
    }
    if (liveSampledAction_->isChecked() && !snapshot->evaluations.empty() && !snapshot->reset)
        controller_->requestSamplerComparison();
    presentation_->refresh(); // a new map has new series
    displayedStep_ = snapshot->step;
    stepLabel_->setText(tr("Step %1").arg(snapshot->step));
    speedLabel_->setText(snapshot->running ? tr("%1 steps/s").arg(snapshot->stepsPerSecond, 0, 'f', 0)
                                           : tr("paused"));
    emit snapshotShown();
}

RaceWindow* MainWindow::openRace()
{
    controller_->pause(); // the race's four threads get the cores to themselves
    auto* race = new RaceWindow(parameters_, this);
    race->setAttribute(Qt::WA_DeleteOnClose);
    race->show();
    return race;
}

void MainWindow::togglePlay()
{
    if (controller_->isRunning())
        controller_->pause();
    else
        controller_->start();
}

void MainWindow::openDataFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a data set"), QString(),
        tr("Data sets (*.csv *-idx3-ubyte *.idx3-ubyte *.idx);;All files (*)"));
    if (path.isEmpty()) {
        controls_->setParameters(parameters_); // back to the data set in use
        return;
    }
    sme::ExplorerParameters next = parameters_;
    next.dataset = path.toStdString();
    applyParameters(next);
}

sme::ViewId MainWindow::currentView() const
{
    return grid_->viewHolding(QApplication::focusWidget())
        .value_or(grid_->focusedView().value_or(sme::gridViews.front()));
}

void MainWindow::showError(const QString& text)
{
    banner_->showMessage(text, MessageBanner::Kind::Error);
    statusBar()->showMessage(text, 8000);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    controller_->pause();
    event->accept();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("geometry"), saveGeometry());
    settings.setValue(QStringLiteral("windowState"), saveState());
    settings.setValue(QStringLiteral("parameters"),
                      QJsonDocument(parametersToJson(parameters_)).toJson(QJsonDocument::Compact));
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("geometry")).toByteArray()))
        resize(1600, 950);
    restoreState(settings.value(QStringLiteral("windowState")).toByteArray());
}
