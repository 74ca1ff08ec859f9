// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/MainWindow.h"

#include "app/BackgroundRun.h"
#include "app/DataSource.h"
#include "app/ExportDialog.h"
#include "app/OutputFile.h"
#include "app/SessionFile.h"
#include "app/FigureViews.h"
#include "app/ParameterJson.h"
#include "app/TrainingController.h"
#include "model/Error.h"
#include "widgets/ControlPanel.h"
#include "widgets/DensityChartView.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/GradientVarianceView.h"
#include "widgets/LossFunctionsView.h"
#include "widgets/MessageBanner.h"
#include "widgets/SampledDistancesView.h"
#include "widgets/TrainingCurvesView.h"
#include "widgets/ViewGrid.h"

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

// The model trains up to this embedding dimension; the geometry views go to 4096.
constexpr int largestModelDimension = 1024;

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
    if (std::min(a.dimension, largestModelDimension) != std::min(b.dimension, largestModelDimension))
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
    , debounce_(new QTimer(this))
    , watcher_(new QFutureWatcher<IdealisedResult>(this))
{
    setWindowTitle(tr("Sampling Matters Explorer"));
    setObjectName(QStringLiteral("MainWindow"));

    for (QWidget* view : std::initializer_list<QWidget*>{density_, gradient_, sampled_, losses_, curves_, map_})
        grid_->addView(view);
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
    auto* dock = new QDockWidget(tr("Controls"));
    dock->setObjectName(QStringLiteral("ControlsDock"));
    dock->setWidget(scroll);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                      | QDockWidget::DockWidgetClosable);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    buildMenus();
    buildStatusBar();

    debounce_->setSingleShot(true);
    debounce_->setInterval(30);
    connect(debounce_, &QTimer::timeout, this, &MainWindow::computeIdealised);
    connect(watcher_, &QFutureWatcher<IdealisedResult>::finished, this, &MainWindow::showIdealised);

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

void MainWindow::buildMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open session\u2026"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a session"), QString(),
                                                          tr("Sessions (*.smx.json *.json);;All files (*)"));
        if (!path.isEmpty())
            if (const QString failure = openSession(path); !failure.isEmpty())
                showError(failure);
    });
    open->setShortcut(QKeySequence::Open);
    QAction* save = file->addAction(tr("&Save session\u2026"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the session"), QStringLiteral("session.smx.json"),
                                                          tr("Sessions (*.smx.json *.json)"));
        if (!path.isEmpty())
            if (const QString failure = saveSessionTo(path); !failure.isEmpty())
                showError(failure);
    });
    save->setShortcut(QKeySequence::Save);
    recentMenu_ = file->addMenu(tr("&Recent sessions"));
    fillRecentMenu();
    file->addSeparator();
    file->addAction(tr("Open &data file\u2026"), this, &MainWindow::openDataFile);
    file->addSeparator();
    QAction* exportView = file->addAction(tr("&Export view\u2026"), this, &MainWindow::exportCurrentView);
    exportView->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addAction(tr("Export &all views\u2026"), this, &MainWindow::exportAllViews);
    file->addAction(tr("Export view &data (CSV)\u2026"), this, &MainWindow::exportCurrentData);
    QAction* copy = file->addAction(tr("&Copy view to clipboard"), this, &MainWindow::copyCurrentView);
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    auto* run = menuBar()->addMenu(tr("&Run"));
    QAction* play = run->addAction(tr("&Play / pause"), this, &MainWindow::togglePlay);
    play->setShortcut(Qt::Key_Space);
    QAction* step = run->addAction(tr("Single &step"), controller_, &TrainingController::step);
    step->setShortcuts({QKeySequence(Qt::Key_N), QKeySequence(Qt::Key_Right)});
    QAction* reset = run->addAction(tr("&Reset"), controller_, &TrainingController::reset);
    reset->setShortcut(Qt::Key_R);
    for (QAction* action : {play, step, reset})
        action->setShortcutContext(Qt::WindowShortcut);

    auto* view = menuBar()->addMenu(tr("&View"));
    logDensityAction_ = view->addAction(tr("&Logarithmic density axis"));
    logDensityAction_->setCheckable(true);
    connect(logDensityAction_, &QAction::toggled, density_, &DensityChartView::setLogScale);
    liveSampledAction_ = view->addAction(tr("Sampled distances from the &live model"));
    liveSampledAction_->setCheckable(true);
    connect(liveSampledAction_, &QAction::toggled, this, [this](bool live) {
        if (live)
            controller_->requestSamplerComparison();
        else
            computeIdealised();
    });
    QAction* overlaid = view->addAction(tr("Sampled distances &overlaid"));
    overlaid->setCheckable(true);
    overlaid->setChecked(true);
    connect(overlaid, &QAction::toggled, sampled_, &SampledDistancesView::setOverlaid);
    view->addSeparator();
    QAction* all = view->addAction(tr("Show &all views"), grid_, [this] { grid_->focusView(-1); });
    all->setShortcut(Qt::Key_Escape);
    QAction* fullScreen = view->addAction(tr("&Full screen"));
    fullScreen->setShortcut(Qt::Key_F11);
    fullScreen->setCheckable(true);
    connect(fullScreen, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, &MainWindow::showAbout);
}

void MainWindow::buildStatusBar()
{
    stepLabel_ = new QLabel(tr("Step 0"));
    speedLabel_ = new QLabel;
    busyLabel_ = new QLabel;
    statusBar()->addPermanentWidget(busyLabel_);
    statusBar()->addPermanentWidget(speedLabel_);
    statusBar()->addPermanentWidget(stepLabel_);
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
    emit idealisedFiguresShown();
}

void MainWindow::onSnapshot(std::shared_ptr<const sme::TrainingSnapshot> snapshot)
{
    if (snapshot->reset)
        curves_->startNewRun();
    curves_->addSteps(snapshot->steps);
    curves_->addEvaluations(snapshot->evaluations);
    if (snapshot->heldOutEmbeddings && snapshot->heldOutLabels)
        map_->setEmbeddings(*snapshot->heldOutEmbeddings, *snapshot->heldOutLabels);
    if (snapshot->samplerComparison && liveSampledAction_->isChecked()) {
        sampled_->setFigure(sme::sampledDistancesFromPicks(*snapshot->samplerComparison),
                            tr("live model's batch, step %1").arg(snapshot->step));
        sampled_->setMarkers(parameters_.cutoff, parameters_.nonzeroLossCutoff);
    }
    if (liveSampledAction_->isChecked() && !snapshot->evaluations.empty() && !snapshot->reset)
        controller_->requestSamplerComparison();
    displayedStep_ = snapshot->step;
    stepLabel_->setText(tr("Step %1").arg(snapshot->step));
    speedLabel_->setText(snapshot->running ? tr("%1 steps/s").arg(snapshot->stepsPerSecond, 0, 'f', 0)
                                           : tr("paused"));
    emit snapshotShown();
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

int MainWindow::currentViewIndex() const
{
    if (const QWidget* focus = QApplication::focusWidget())
        for (int i = 0; i < grid_->count(); ++i)
            if (grid_->view(i) == focus || grid_->view(i)->isAncestorOf(focus))
                return i;
    return std::max(0, grid_->focusedView());
}

QString MainWindow::exportView(int index, const QString& path, const FigureExportOptions& options)
{
    if (index < 0 || index >= grid_->count())
        return tr("no such view");
    const QString failure = exportFigure(*grid_->view(index), path, options);
    grid_->layout()->invalidate(); // back to the size the window gives it
    grid_->layout()->activate();
    return failure;
}

QString MainWindow::exportAll(const QString& folder, const FigureExportOptions& options)
{
    if (!QDir().mkpath(folder))
        return tr("cannot create the folder '%1'").arg(folder);
    const QStringList names = figureNames();
    for (int i = 0; i < grid_->count() && i < names.size(); ++i) {
        const QString path = QDir(folder).filePath(names[i] + "." + figureFormatSuffix(options.format));
        if (const QString failure = exportView(i, path, options); !failure.isEmpty())
            return failure;
    }
    if (lastFigures_) {
        const std::pair<QString, sme::Table> tables[] = {
            {names[0], sme::toTable(lastFigures_->density)},
            {names[1], sme::toTable(lastFigures_->gradientVariance)},
            {names[2], sme::toTable(lastFigures_->sampledDistances)},
            {names[3], sme::toTable(lastFigures_->losses)},
        };
        for (const auto& [name, table] : tables)
            if (const QString failure = writeOutput(QDir(folder).filePath(name + ".csv"),
                                                    QByteArray::fromStdString(sme::toCsv(table)));
                !failure.isEmpty())
                return failure;
    }
    return {};
}

void MainWindow::exportCurrentView()
{
    const int index = currentViewIndex();
    ExportDialog dialog(grid_->view(index)->size(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const FigureExportOptions options = dialog.options();
    const QString suffix = figureFormatSuffix(options.format);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export view"),
                                                      figureNames().value(index) + "." + suffix,
                                                      tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return;
    if (const QString failure = exportView(index, path, options); !failure.isEmpty())
        showError(tr("Export failed: %1").arg(failure));
    else
        statusBar()->showMessage(tr("Exported %1").arg(path), 5000);
}

void MainWindow::exportAllViews()
{
    ExportDialog dialog(grid_->view(0)->size(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export all views into"));
    if (folder.isEmpty())
        return;
    if (const QString failure = exportAll(folder, dialog.options()); !failure.isEmpty())
        showError(tr("Export failed: %1").arg(failure));
    else
        statusBar()->showMessage(tr("Exported every view into %1").arg(folder), 5000);
}

void MainWindow::exportCurrentData()
{
    const int index = currentViewIndex();
    if (!lastFigures_ || index > 3) {
        showError(tr("This view has no data table yet; the training data comes from the train command."));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export view data"),
                                                      figureNames().value(index) + ".csv",
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const sme::Table table = index == 0   ? sme::toTable(lastFigures_->density)
                             : index == 1 ? sme::toTable(lastFigures_->gradientVariance)
                             : index == 2 ? sme::toTable(lastFigures_->sampledDistances)
                                          : sme::toTable(lastFigures_->losses);
    if (const QString failure = writeOutput(path, QByteArray::fromStdString(sme::toCsv(table))); !failure.isEmpty())
        showError(tr("Export failed: %1").arg(failure));
}

void MainWindow::copyCurrentView()
{
    QApplication::clipboard()->setPixmap(grid_->view(currentViewIndex())->grab());
    statusBar()->showMessage(tr("Copied the view to the clipboard"), 3000);
}

QString MainWindow::saveSessionTo(const QString& path)
{
    const QString failure = saveSession(path, parameters_);
    if (failure.isEmpty()) {
        rememberRecent(path);
        statusBar()->showMessage(tr("Saved the session to %1").arg(path), 5000);
    }
    return failure;
}

QString MainWindow::openSession(const QString& path)
{
    const SessionLoad load = loadSession(path);
    if (!load.parameters)
        return load.error;
    applyParameters(*load.parameters);
    rememberRecent(path);
    statusBar()->showMessage(tr("Opened the session %1").arg(path), 5000);
    return {};
}

void MainWindow::rememberRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentSessions")).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    settings.setValue(QStringLiteral("recentSessions"), recent.mid(0, 8));
    fillRecentMenu();
}

void MainWindow::fillRecentMenu()
{
    recentMenu_->clear();
    const QStringList recent = QSettings().value(QStringLiteral("recentSessions")).toStringList();
    for (const QString& path : recent)
        recentMenu_->addAction(path, this, [this, path] {
            if (const QString failure = openSession(path); !failure.isEmpty())
                showError(failure);
        });
    recentMenu_->setEnabled(!recent.isEmpty());
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

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Sampling Matters Explorer"),
        tr("<p><b>Sampling Matters Explorer</b> %1</p>"
           "<p>Shows how sampling and losses shape deep embedding learning, after "
           "C.-Y. Wu, R. Manmatha, A. J. Smola and P. Kr\u00e4henb\u00fchl, "
           "<i>Sampling Matters in Deep Embedding Learning</i>, ICCV 2017.</p>"
           "<p>Handwritten digits: UCI \"Optical Recognition of Handwritten Digits\" "
           "(E. Alpaydin, C. Kaynak, 1998), UCI Machine Learning Repository, CC BY 4.0.</p>"
           "<p>Free software under the GNU General Public License, version 3 or later.</p>")
            .arg(QStringLiteral(PROJECT_VERSION)));
}
