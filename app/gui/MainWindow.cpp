// The main window's layout and wiring: the views, the controls and the status bar, fed by the
// explorer's controller and its training thread.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/control/ExplorerController.h"
#include "app/control/PresetAnimation.h"
#include "app/control/TrainingController.h"
#include "app/control/TripletInspector.h"
#include "app/gui/FileDialogs.h"
#include "app/gui/MainWindowActions.h"
#include "app/gui/MapInspection.h"
#include "app/gui/PresentationMode.h"
#include "app/gui/RaceWindow.h"
#include "app/gui/ScreenFit.h"
#include "app/gui/Settings.h"
#include "app/io/DataSource.h"
#include "app/io/Language.h"
#include "app/render/FigureViews.h"
#include "model/training/TrainingPipeline.h"
#include "widgets/ControlPanel.h"
#include "widgets/DensityChartView.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/GradientVarianceView.h"
#include "widgets/LossFunctionsView.h"
#include "widgets/MessageBanner.h"
#include "widgets/SampledDistancesView.h"
#include "widgets/TrainingCurvesView.h"
#include "widgets/ViewGrid.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QLabel>
#include <QScrollArea>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <QVBoxLayout>
#include <algorithm>

MainWindow::MainWindow(bool restore, QWidget* parent)
    : QMainWindow(parent)
    , explorer_(new ExplorerController(this))
    , controls_(new ControlPanel)
    , grid_(new ViewGrid)
    , density_(new DensityChartView)
    , gradient_(new GradientVarianceView)
    , sampled_(new SampledDistancesView)
    , losses_(new LossFunctionsView)
    , curves_(new TrainingCurvesView)
    , map_(new EmbeddingMapView)
    , banner_(new MessageBanner)
    , inspector_(new TripletInspector([this] { return parameters(); }, this))
{
    setWindowTitle(tr("Sampling Matters Explorer"));
    setObjectName(QStringLiteral("MainWindow"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/io.github.samplingmatters.Explorer.svg")));

    const std::pair<sme::ViewId, QWidget*> views[] = {
        {sme::ViewId::Density, density_},        {sme::ViewId::GradientVariance, gradient_},
        {sme::ViewId::SampledDistances, sampled_}, {sme::ViewId::Losses, losses_},
        {sme::ViewId::TrainingCurves, curves_},  {sme::ViewId::Retrieval, curves_->takeRetrievalView().release()},
        {sme::ViewId::EmbeddingMap, map_}};
    for (const auto& [id, view] : views) // in the order of sme::gridViews
        grid_->addView(id, view);
    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(banner_);
    layout->addWidget(gridScrollArea(), 1);
    setCentralWidget(central);

    buildControlsDock();
    loadPresetList();
    animation_ = new PresetAnimation([this] { return parameters(); },
                                     [this](const sme::ExplorerParameters& p) { applyParameters(p); }, this);
    actions_ = new MainWindowActions(*this);
    buildRunBar();
    buildStatusBar();
    connectControls();
    connectExplorer();
    connectTraining();
    connectLongWork();
    connectInspection(*inspector_, *map_);
    connect(inspector_, &TripletInspector::failed, this, &MainWindow::showError);
    explorer_->setUp(initialParameters(restore));
}

MainWindow::~MainWindow() = default;

void MainWindow::buildControlsDock()
{
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
}

// The grid in a scroll area: on a low screen its rows keep their least height and scroll
// (ViewGrid::minimumViewHeight) rather than squeeze the charts' text into "...".
QScrollArea* MainWindow::gridScrollArea()
{
    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("ViewScrollArea"));
    scroll->setWidget(grid_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    return scroll;
}

// Play/Pause, Step, Reset and the speed above the views, in sight at any window height (the
// control panel's Run group scrolls out of sight at 1280 x 720). The menu's own actions, so
// shortcuts, texts and state are one; the speed box shares the control panel's list.
void MainWindow::buildRunBar()
{
    runBar_ = addToolBar(tr("Run"));
    runBar_->setObjectName(QStringLiteral("RunBar"));
    runBar_->setMovable(false);
    runBar_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const QList<QAction*> run = actions_->runActions(); // play, step, reset
    run[1]->setIcon(style()->standardIcon(QStyle::SP_MediaSkipForward));
    run[2]->setIcon(style()->standardIcon(QStyle::SP_MediaSkipBackward));
    showRunning(false);
    runBar_->addActions(run);
    runBar_->addSeparator();
    runBar_->addWidget(new QLabel(tr("Speed") + QLatin1Char(' ')));
    QComboBox* panelSpeed = controls_->speedBox();
    speedBox_ = new QComboBox;
    speedBox_->setObjectName(QStringLiteral("RunBarSpeed"));
    speedBox_->setModel(panelSpeed->model());
    speedBox_->setToolTip(panelSpeed->toolTip());
    speedBox_->setFocusPolicy(Qt::NoFocus); // Space and N stay the run's keys
    runBar_->addWidget(speedBox_);
    connect(speedBox_, &QComboBox::activated, panelSpeed, &QComboBox::setCurrentIndex);
    connect(panelSpeed, &QComboBox::currentIndexChanged, speedBox_, &QComboBox::setCurrentIndex);
    speedBox_->setCurrentIndex(panelSpeed->currentIndex());
}

// The play action says what it will do: Play while paused, Pause while playing.
void MainWindow::showRunning(bool running)
{
    QAction* play = actions_->runActions().front();
    play->setText(running ? tr("&Pause") : tr("&Play"));
    play->setIcon(style()->standardIcon(running ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
}

void MainWindow::loadPresetList()
{
    const PresetLoad presets = loadPresets(QStringLiteral(":/presets"), uiLanguage());
    presets_ = presets.presets;
    if (!presets.problems.isEmpty())
        banner_->showMessage(tr("Some presets could not be read: %1").arg(presets.problems.join(QStringLiteral("; "))),
                             MessageBanner::Kind::Warning);
}

void MainWindow::buildStatusBar()
{
    stepLabel_ = new QLabel(tr("Step 0"));
    speedLabel_ = new QLabel;
    busyLabel_ = new QLabel;
    buildLongWork();
    buildEmbeddings();
    statusBar()->addPermanentWidget(busyLabel_);
    statusBar()->addPermanentWidget(speedLabel_);
    statusBar()->addPermanentWidget(stepLabel_);
}

void MainWindow::connectControls()
{
    connect(controls_, &ControlPanel::parametersChanged, this, &MainWindow::clearStaleMessages);
    for (auto signal : {&ControlPanel::parametersChanged, &ControlPanel::parametersChanging})
        connect(controls_, signal, animation_, &PresetAnimation::stop);
    connect(controls_, &ControlPanel::parametersChanged, explorer_, &ExplorerController::changeParameters);
    connect(controls_, &ControlPanel::parametersChanging, explorer_, &ExplorerController::changeParametersLater);
    connect(controls_, &ControlPanel::fieldLeft, grid_, [this] { grid_->setFocus(Qt::ShortcutFocusReason); });
    connect(controls_, &ControlPanel::playPauseClicked, this, &MainWindow::togglePlay);
    connect(controls_, &ControlPanel::stepClicked, controller(), &TrainingController::step);
    connect(controls_, &ControlPanel::resetClicked, this, &MainWindow::resetRun);
    connect(controls_, &ControlPanel::openFileRequested, this, &MainWindow::openDataFile);
    connect(losses_, &LossFunctionsView::betaDragged, this, [this](double beta) {
        sme::ExplorerParameters next = parameters();
        next.beta0 = std::clamp(beta, 0.0, 2.0);
        applyParameters(next);
    });
    connect(losses_, &LossFunctionsView::alphaDragged, this, [this](double alpha) {
        sme::ExplorerParameters next = parameters();
        next.alpha = std::clamp(alpha, 0.0, 2.0);
        applyParameters(next);
    });
}

void MainWindow::connectExplorer()
{
    connect(explorer_, &ExplorerController::parametersReplaced, controls_, &ControlPanel::setParameters);
    connect(explorer_, &ExplorerController::modelReset, this, &MainWindow::showModelReset);
    connect(explorer_, &ExplorerController::dimensionChanged, this, &MainWindow::showDimensionNote);
    connect(explorer_, &ExplorerController::loading, this, [](bool busy) {
        if (busy)
            QApplication::setOverrideCursor(Qt::WaitCursor);
        else
            QApplication::restoreOverrideCursor();
    });
    connect(explorer_, &ExplorerController::computingFiguresChanged, this, [this](bool computing) {
        busyLabel_->setText(computing ? tr("Computing figures\u2026") : QString());
    });
    connect(explorer_, &ExplorerController::figuresReady, this, &MainWindow::showIdealised);
    connect(explorer_, &ExplorerController::error, this, &MainWindow::showError);
}

void MainWindow::connectTraining()
{
    TrainingController* training = controller();
    connect(training, &TrainingController::snapshotReady, this, &MainWindow::onSnapshot);
    connect(training, &TrainingController::runningChanged, controls_, &ControlPanel::setRunning);
    connect(training, &TrainingController::runningChanged, this, &MainWindow::showRunning);
    connect(training, &TrainingController::diverged, this, &MainWindow::showDivergence);
    connect(training, &TrainingController::failed, this, &MainWindow::showError);
}

// The remembered window and parameters, or the defaults (tests).
sme::ExplorerParameters MainWindow::initialParameters(bool restore)
{
    if (!restore) {
        resize(1600, 950);
        return {};
    }
    restoreSettings();
    return settings::parameters();
}

const sme::ExplorerParameters& MainWindow::parameters() const
{
    return explorer_->parameters();
}

TrainingController* MainWindow::controller() const
{
    return explorer_->training();
}

bool MainWindow::computingFigures() const
{
    return explorer_->computingFigures();
}

void MainWindow::applyParameters(const sme::ExplorerParameters& next)
{
    clearStaleMessages();
    explorer_->applyParameters(next);
}

// The curves start anew with the new model's first snapshot (onSnapshot), not here: snapshots of
// the old model still on their way would otherwise become the faded "previous run".
void MainWindow::showModelReset(const QString& why)
{
    // The digits' lesson is what is not seen: say so when they are chosen, not on every reset.
    const bool digits = parameters().dataset == "digits";
    const QString digitsNote = tr("Handwritten digits: raw 8\u00d7" "8 pixels already retrieve the held-out digits 5-9 "
                                "almost perfectly (Recall@1 0.96 at step 0; a nearest neighbour on pixels, 0.99). "
                                "A model trained on digits 0-4 can only bend that geometry: expect the held-out "
                                "scores to fall, not rise, and the run to stall near step 3400 once the five "
                                "training digits are apart by the margin. The samplers' effects show on the "
                                "synthetic data.");
    if (digits && !digitsExplained_)
        banner_->showMessage(digitsNote, MessageBanner::Kind::Information);
    else if (!digits)
        banner_->withdraw(digitsNote); // it no longer applies
    digitsExplained_ = digits;
    if (!why.isEmpty())
        statusBar()->showMessage(tr("The model was reset to step 0: %1.").arg(why), 8000);
}

void MainWindow::showIdealised(std::shared_ptr<const sme::IdealisedFigures> figures)
{
    showIdealisedFigures(*figures, parameters(), *density_, *gradient_,
                         actions_->liveSampled()->isChecked() ? nullptr : sampled_, *losses_);
    lastFigures_ = std::move(figures);
    presentation()->refresh();
    emit idealisedFiguresShown();
}

void MainWindow::onSnapshot(std::shared_ptr<const sme::TrainingSnapshot> snapshot)
{
    if (snapshot->reset)
        curves_->startNewRun();
    curves_->addSteps(snapshot->steps);
    curves_->addEvaluations(snapshot->evaluations);
    updateEvaluateAll(*snapshot);
    if (snapshot->heldOutEmbeddings && snapshot->heldOutLabels) {
        map_->setEmbeddings(*snapshot->heldOutEmbeddings, *snapshot->heldOutLabels, snapshot->classNames());
        inspector_->setHeldOut(snapshot->heldOutEmbeddings, snapshot->heldOutLabels);
    }
    const bool liveSampled = actions_->liveSampled()->isChecked();
    if (snapshot->samplerComparison && liveSampled) {
        sampled_->setFigure(sme::sampledDistancesFromPicks(*snapshot->samplerComparison),
                            tr("live model's batch, step %1").arg(snapshot->step));
        sampled_->setMarkers(parameters().cutoff, parameters().nonzeroLossCutoff);
    }
    if (liveSampled && !snapshot->evaluations.empty() && !snapshot->reset)
        controller()->requestSamplerComparison();
    presentation()->refresh(); // a new map has new series
    showTrainingHealth(*snapshot);
    displayedStep_ = snapshot->step;
    stepLabel_->setText(tr("Step %1").arg(snapshot->step));
    speedLabel_->setText(snapshot->running ? tr("%1 steps/s").arg(snapshot->stepsPerSecond, 0, 'f', 0)
                                           : tr("paused"));
    emit snapshotShown();
}

void MainWindow::showTrainingHealth(const sme::TrainingSnapshot& snapshot)
{
    if (snapshot.reset) // its evaluations are the run's whole history
        collapsedSince_.reset();
    for (const sme::Evaluation& evaluation : snapshot.evaluations)
        collapsedSince_ = evaluation.collapsed() ? collapsedSince_.value_or(evaluation.step)
                                                 : std::optional<long>();
    QStringList parts;
    if (collapsedSince_)
        parts << tr("The model has collapsed (since step %1): every held-out point maps to nearly one place "
                    "(spread below %2), so no margin holds and its scores rest on chance. Hard negatives with "
                    "a triplet loss do this (the paper, section 4): choose another sampler, the margin loss or "
                    "a lower learning rate, and reset.")
                     .arg(*collapsedSince_).arg(sme::collapsedSpread);
    if (snapshot.stalledSince)
        parts << tr("Training has stalled (since step %1): for %2 steps no sampled pair or triplet had a "
                    "non-zero loss. Every pick already satisfies its margin, so the loss is zero, there is no "
                    "gradient, and the model stops learning. To go on: a larger margin \u03B1 or the contrastive "
                    "loss (its positive pairs keep a gradient until they meet). Another sampler helps only while "
                    "some pair is still inside the margin.")
                     .arg(*snapshot.stalledSince).arg(sme::TrainingPipeline::stalledAfterSteps);
    const QString message = parts.join(QLatin1Char(' '));
    if (message == healthMessage_)
        return; // unchanged: a banner the user dismissed stays dismissed
    banner_->withdraw(healthMessage_);
    healthMessage_ = message;
    if (!message.isEmpty())
        banner_->showMessage(message, MessageBanner::Kind::Warning);
}

PresentationMode* MainWindow::presentation() const
{
    return actions_->presentationMode();
}

QAction* MainWindow::presentationAction() const
{
    return actions_->presentation();
}

RaceWindow* MainWindow::openRace()
{
    controller()->pause(); // the race's four threads get the cores to themselves
    auto* race = new RaceWindow(parameters(), this);
    race->setAttribute(Qt::WA_DeleteOnClose);
    race->show();
    return race;
}

void MainWindow::togglePlay()
{
    if (controller()->isRunning())
        controller()->pause();
    else
        controller()->start();
}

void MainWindow::openDataFile()
{
    const QString path = filedialogs::openFile(
        this, tr("Open a data set"), QString(),
        tr("Data sets (%1);;All files (*)").arg(dataFilePatterns().join(QLatin1Char(' '))));
    if (path.isEmpty()) {
        controls_->setParameters(parameters()); // back to the data set in use
        return;
    }
    sme::ExplorerParameters next = parameters();
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
    controller()->pause();
    event->accept();
}

void MainWindow::saveSettings() const
{
    settings::setWindowGeometry(saveGeometry());
    settings::setWindowState(saveState());
    settings::setParameters(parameters());
}

void MainWindow::restoreSettings()
{
    // restoreGeometry keeps a remembered geometry on the screen. The offscreen platform's 800 x
    // 600 screen is no screen (a --screenshot without a display): the window keeps its size there.
    if (!restoreGeometry(settings::windowGeometry())) {
        const QSize wanted(1600, 950);
        if (QGuiApplication::platformName() == QLatin1String("offscreen"))
            resize(wanted);
        else
            fitWindowToScreen(this, wanted);
    }
    restoreState(settings::windowState());
}
