// The sampler race window: controls, the overlaid curves and four maps, wired to the RaceController.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/RaceWindow.h"

#include "app/gui/ScreenFit.h"
#include "app/io/DataSource.h"
#include "app/io/ModelMessages.h"
#include "app/render/FigureViews.h"
#include "app/control/RaceController.h"
#include "model/base/Error.h"
#include "widgets/ChartPanel.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/ExplanationPanel.h"
#include "widgets/LossLabel.h"
#include "widgets/MessageBanner.h"
#include "widgets/RaceCurvesView.h"
#include "widgets/SamplerLabel.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

RaceWindow::RaceWindow(const sme::ExplorerParameters& parameters, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , race_(new RaceController(RaceController::defaultChunkSteps, this))
    , curves_(new RaceCurvesView)
    , banner_(new MessageBanner)
    , play_(new QPushButton(tr("Play")))
    , step_(new QPushButton(tr("Step")))
    , reset_(new QPushButton(tr("Reset")))
    , loss_(new QComboBox)
    , metric_(new QComboBox)
    , stepLabel_(new QLabel(tr("Step 0")))
{
    setWindowTitle(tr("Sampler race \u2014 Sampling Matters Explorer"));
    setObjectName(QStringLiteral("RaceWindow"));
    fitToScreen();
    // Closed from the keyboard as any document window (the mouse may be across the room).
    // Esc closes the open explanation first.
    connect(new QShortcut(QKeySequence(Qt::Key_Escape), this), &QShortcut::activated, this, [this] {
        auto* explain = findChild<QPushButton*>(QStringLiteral("explainRace"));
        if (explain && explain->isChecked())
            explain->setChecked(false);
        else
            close();
    });
    connect(new QShortcut(QKeySequence::Close, this), &QShortcut::activated, this, &QWidget::close);

    play_->setShortcut(Qt::Key_Space);
    step_->setShortcut(Qt::Key_N);
    reset_->setShortcut(Qt::Key_R);
    play_->setToolTip(tr("Train all four runs, or pause them together (Space)"));
    step_->setToolTip(tr("One training step of every run (N)"));
    reset_->setToolTip(tr("All four runs back to their common initial weights (R)"));
    for (sme::LossKind kind : sme::allLossKinds)
        loss_->addItem(lossChoiceLabel(kind), int(kind));
    loss_->setCurrentIndex(loss_->findData(int(parameters.loss)));
    loss_->setToolTip(tr("The loss of all four runs; a change applies to all at the same step"));
    for (RaceCurvesView::Metric metric : RaceCurvesView::allMetrics)
        metric_->addItem(RaceCurvesView::metricName(metric), int(metric));

    buildLayout();

    connect(play_, &QPushButton::clicked, this, &RaceWindow::togglePlay);
    connect(step_, &QPushButton::clicked, race_, &RaceController::step);
    connect(reset_, &QPushButton::clicked, race_, &RaceController::reset);
    connect(loss_, &QComboBox::currentIndexChanged, this, [this] {
        race_->setLoss(sme::LossKind(loss_->currentData().toInt()));
    });
    connect(metric_, &QComboBox::currentIndexChanged, this, [this] {
        curves_->setMetric(RaceCurvesView::Metric(metric_->currentData().toInt()));
    });
    connectRace();
    configureRace(parameters);
}

RaceWindow::~RaceWindow() = default;

// 1400 x 850 where there is room, less on a smaller screen (1366 x 768).
void RaceWindow::fitToScreen()
{
    fitWindowToScreen(this, QSize(1400, 850));
}

void RaceWindow::buildLayout()
{
    auto* controls = new QHBoxLayout;
    for (QPushButton* button : {play_, step_, reset_})
        controls->addWidget(button);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Loss:")));
    controls->addWidget(loss_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Curves:")));
    controls->addWidget(metric_);
    controls->addStretch(1);
    controls->addWidget(stepLabel_);
    // "What am I seeing?" for the race, from the same place as every view's explanation.
    auto* explain = new QPushButton(tr("What am I seeing?"));
    explain->setCheckable(true);
    explain->setObjectName(QStringLiteral("explainRace"));
    auto* explanation = new ExplanationPanel(sme::ViewId::SamplerRace);
    explanation->hide();
    connect(explain, &QPushButton::toggled, explanation, &QWidget::setVisible);
    connect(explanation, &ExplanationPanel::closeRequested, explain, [explain] { explain->setChecked(false); });
    controls->addWidget(explain);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(controls);
    layout->addWidget(explanation);
    layout->addWidget(banner_);
    layout->addWidget(curves_, 3);
    layout->addLayout(mapGrid(), 2);
}

// The maps side by side, each under its sampler's name in the sampler's colour.
QGridLayout* RaceWindow::mapGrid()
{
    auto* maps = new QGridLayout;
    for (sme::SamplerKind kind : sme::allSamplerKinds) {
        const int column = int(kind);
        auto* name = new QLabel(samplerLabel(kind));
        name->setAlignment(Qt::AlignCenter);
        mapNames_[std::size_t(kind)] = name;
        name->setStyleSheet(QStringLiteral("font-weight: bold; color: %1;").arg(samplerColor(column).name()));
        maps_[std::size_t(kind)] = new EmbeddingMapView;
        maps->addWidget(name, 0, column);
        maps->addWidget(maps_[std::size_t(kind)], 1, column);
        maps->setColumnStretch(column, 1);
    }
    return maps;
}

void RaceWindow::connectRace()
{
    connect(race_, &RaceController::snapshotReady, this, &RaceWindow::onSnapshot);
    connect(race_, &RaceController::runningChanged, this, [this](bool running) {
        play_->setText(running ? tr("Pause") : tr("Play"));
        showSteps();
    });
    connect(race_, &RaceController::diverged, this, [this](sme::SamplerKind kind, const QString& reason) {
        banner_->showMessage(tr("The %1 run diverged and left the race until a reset: %2.")
                                 .arg(samplerLabel(kind), reason),
                             MessageBanner::Kind::Warning);
    });
    connect(race_, &RaceController::failed, this, [this](const QString& message) {
        banner_->showMessage(message, MessageBanner::Kind::Error);
    });
}

// The data and the four runs from the explorer's parameters; the controls disabled when they
// cannot be built.
void RaceWindow::configureRace(const sme::ExplorerParameters& parameters)
{
    try {
        race_->configure(loadDataSplit(dataChoiceFor(parameters)), trainerSettingsFor(parameters));
    } catch (const sme::Error& e) {
        banner_->showMessage(tr("Cannot set up the race: %1").arg(errorText(e)),
                             MessageBanner::Kind::Error);
        for (QWidget* control : std::initializer_list<QWidget*>{play_, step_, reset_, loss_})
            control->setEnabled(false);
    }
}

void RaceWindow::togglePlay()
{
    if (race_->isRunning())
        race_->pause();
    else
        race_->start();
}

void RaceWindow::onSnapshot(sme::SamplerKind sampler, std::shared_ptr<const sme::TrainingSnapshot> snapshot)
{
    curves_->addSnapshot(sampler, *snapshot);
    mapNames_[std::size_t(sampler)]->setText(curves_->runLabel(sampler)); // collapsed, stalled: in words
    if (snapshot->heldOutEmbeddings && snapshot->heldOutLabels)
        maps_[std::size_t(sampler)]->setEmbeddings(*snapshot->heldOutEmbeddings, *snapshot->heldOutLabels,
                                                   snapshot->classNames());
    showSteps();
    emit snapshotShown();
}

void RaceWindow::showSteps()
{
    const long slowest = race_->slowestSteps();
    const long fastest = race_->fastestSteps();
    // While running the runs may be up to a chunk apart (RaceController): show the spread.
    stepLabel_->setText(slowest == fastest ? tr("Step %1").arg(slowest)
                                           : tr("Steps %1\u2013%2").arg(slowest).arg(fastest));
}
