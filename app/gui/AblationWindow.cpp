// The ablation grid window: the steps and seeds, the heat map, progress, cancel and the exports,
// wired to the AblationController.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/AblationWindow.h"

#include "app/control/AblationController.h"
#include "app/gui/ExportDialog.h"
#include "app/gui/FileDialogs.h"
#include "app/io/DataSource.h"
#include "app/io/ModelMessages.h"
#include "app/io/OutputFile.h"
#include "model/base/Error.h"
#include "model/training/Ablation.h"
#include "widgets/AblationHeatMap.h"
#include "widgets/MessageBanner.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

AblationWindow::AblationWindow(const sme::ExplorerParameters& parameters, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , controller_(new AblationController(this))
    , heatMap_(new AblationHeatMap)
    , banner_(new MessageBanner)
    , steps_(new QSpinBox)
    , seeds_(new QSpinBox)
    , start_(new QPushButton(tr("Start")))
    , cancel_(new QPushButton(tr("Cancel")))
    , exportTable_(new QPushButton(tr("Export table\u2026")))
    , exportFigure_(new QPushButton(tr("Export figure\u2026")))
    , progress_(new QProgressBar)
    , status_(new QLabel)
    , dataLabel_(new QLabel)
{
    setWindowTitle(tr("Ablation grid \u2014 Sampling Matters Explorer"));
    setObjectName(QStringLiteral("AblationWindow"));
    resize(960, 640);

    steps_->setRange(0, 1000000);
    steps_->setSingleStep(100);
    steps_->setValue(int(AblationController::defaultSteps));
    steps_->setToolTip(tr("Training steps of every run"));
    seeds_->setRange(1, 100);
    seeds_->setValue(AblationController::defaultSeeds);
    seeds_->setToolTip(tr("Runs per cell, each with its own seed; a cell shows their mean \u00b1 sd"));
    cancel_->setEnabled(false);
    status_->setText(tr("Not started"));
    banner_->hide();

    buildLayout();
    connect(start_, &QPushButton::clicked, this, &AblationWindow::startGrid);
    connect(cancel_, &QPushButton::clicked, controller_, &AblationController::cancel);
    connect(exportTable_, &QPushButton::clicked, this, &AblationWindow::chooseTableFile);
    connect(exportFigure_, &QPushButton::clicked, this, &AblationWindow::chooseFigureFile);
    connectController();
    loadData(parameters);
}

AblationWindow::~AblationWindow() = default;

void AblationWindow::buildLayout()
{
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Steps:")));
    controls->addWidget(steps_);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Seeds:")));
    controls->addWidget(seeds_);
    controls->addSpacing(12);
    controls->addWidget(start_);
    controls->addWidget(cancel_);
    controls->addStretch(1);
    controls->addWidget(exportTable_);
    controls->addWidget(exportFigure_);

    auto* progress = new QHBoxLayout;
    progress->addWidget(progress_, 1);
    progress->addWidget(status_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(controls);
    dataLabel_->setWordWrap(true);
    layout->addWidget(dataLabel_);
    layout->addWidget(banner_);
    layout->addWidget(heatMap_, 1);
    layout->addLayout(progress);
}

void AblationWindow::connectController()
{
    connect(controller_, &AblationController::started, this, [this](int total) {
        heatMap_->clear();
        progress_->setRange(0, total);
        progress_->setValue(0);
        status_->setText(tr("%1 runs to go").arg(total));
        showRunning(true);
    });
    connect(controller_, &AblationController::progressChanged, this, [this](int done, int total) {
        progress_->setValue(done);
        status_->setText(tr("%1 of %2 runs done").arg(done).arg(total));
    });
    connect(controller_, &AblationController::cellFinished, heatMap_,
            [this](int, const sme::AblationCell& cell) { heatMap_->setCell(cell); });
    connect(controller_, &AblationController::finished, this, [this](bool cancelled) {
        const sme::AblationResult& result = controller_->result();
        heatMap_->setResult(result);
        status_->setText(cancelled ? tr("Cancelled: %1 of %2 cells finished").arg(result.cells.size()).arg(sme::ablationCellCount)
                                   : tr("Done: every cell finished"));
        if (result.anyDiverged())
            banner_->showMessage(tr("Some runs diverged; their cells hold the restored weights' metrics."),
                                 MessageBanner::Kind::Warning);
        showRunning(false);
    });
    connect(controller_, &AblationController::failed, this, [this](const QString& message) {
        banner_->showMessage(tr("The grid stopped: %1").arg(message), MessageBanner::Kind::Error);
        status_->clear();
        showRunning(false);
    });
}

// The data and settings as the ablate command builds them from the same parameters.
void AblationWindow::loadData(const sme::ExplorerParameters& parameters)
{
    settings_ = sme::trainerSettingsFor(parameters);
    // The window's alpha is the margin of its current loss; the grid gives each loss its own
    // default (contrastive 1, the others 0.2), as `ablate` does without --alpha: at 0.2 the
    // contrastive loss is met by a model that packs everything within 0.2 and collapses.
    settings_.alpha.reset();
    try {
        data_ = loadDataSplit(dataChoiceFor(parameters));
        dataLabel_->setText(tr("Every sampler \u00d7 loss on %1 (%2 training and %3 held-out examples), the "
                               "model and batch as in the main window, each loss at its default margin \u03b1.")
                                .arg(QString::fromStdString(parameters.dataset))
                                .arg(data_->training.labels.size())
                                .arg(data_->heldOut.labels.size()));
    } catch (const sme::Error& e) {
        banner_->showMessage(tr("Cannot load the data: %1").arg(errorText(e)),
                             MessageBanner::Kind::Error);
        start_->setEnabled(false);
    }
}

bool AblationWindow::startGrid()
{
    if (!data_)
        return false;
    banner_->hide();
    return controller_->start(*data_, settings_, steps_->value(), seeds_->value());
}

void AblationWindow::showRunning(bool running)
{
    start_->setEnabled(!running && data_);
    cancel_->setEnabled(running);
    steps_->setEnabled(!running);
    seeds_->setEnabled(!running);
}

QString AblationWindow::exportTable(const QString& path) const
{
    const sme::Table table = sme::toAblationTable(controller_->result());
    const QString suffix = QFileInfo(path).suffix().toLower();
    std::string text;
    if (suffix == QLatin1String("md"))
        text = sme::ablationMarkdown(table);
    else if (suffix == QLatin1String("tex"))
        text = sme::ablationLatex(table);
    else if (suffix == QLatin1String("csv"))
        text = sme::toCsv(table);
    else
        return tr("%1: choose a file ending in .csv, .md or .tex").arg(path);
    return writeOutput(path, QByteArray::fromStdString(text));
}

QString AblationWindow::exportHeatMap(const QString& path, const FigureExportOptions& options)
{
    return exportFigure(*heatMap_, path, options);
}

void AblationWindow::chooseTableFile()
{
    QString filter;
    const QString path = filedialogs::saveFile(
        this, tr("Export the table"), QStringLiteral("ablation.csv"),
        tr("CSV (*.csv);;Markdown (*.md);;LaTeX, booktabs (*.tex)"), &filter);
    if (path.isEmpty())
        return;
    if (const QString failure = exportTable(path); !failure.isEmpty())
        banner_->showMessage(tr("Export failed: %1").arg(failure), MessageBanner::Kind::Error);
}

void AblationWindow::chooseFigureFile()
{
    ExportDialog dialog(windowTitle(), heatMap_->size(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const FigureExportOptions options = dialog.options();
    const QString suffix = figureFormatSuffix(options.format);
    const QString path = filedialogs::saveFile(this, tr("Export the heat map"),
                                                      QStringLiteral("ablation.") + suffix,
                                                      tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return;
    if (const QString failure = exportHeatMap(path, options); !failure.isEmpty())
        banner_->showMessage(tr("Export failed: %1").arg(failure), MessageBanner::Kind::Error);
}
