// The embeddings window's layout, its header of scores, the batches' controls (each change
// draws the samplers' picks again in the background) and the map with the triplet inspector.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/EmbeddingsWindow.h"

#include "app/control/TripletInspector.h"
#include "app/gui/MapInspection.h"
#include "app/gui/ScreenFit.h"
#include "app/gui/WorkProgress.h"
#include "app/io/ModelMessages.h"
#include "model/base/Error.h"
#include "model/metrics/EvaluationSample.h"
#include "widgets/ChartPanel.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/MessageBanner.h"

#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QShortcut>
#include <QSpinBox>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace {
const QSize minimumViewSize(300, 380);
constexpr int maxBatchSide = 1000; // P or K alone
} // namespace

EmbeddingsWindow::EmbeddingsWindow(std::shared_ptr<const EmbeddingsResult> result, QWidget* parent)
    : QMainWindow(parent, Qt::Window)
    , result_(std::move(result))
    , controller_(new EmbeddingsController(this))
    , inspector_(new TripletInspector([this] {
        const sme::EmbeddingAnalysisSettings s = settings();
        sme::ExplorerParameters parameters;
        parameters.batchClasses = s.batchClasses;
        parameters.batchK = s.batchK;
        parameters.cutoff = s.cutoff;
        parameters.nonzeroLossCutoff = s.nonzeroLossCutoff;
        parameters.seed = s.seed;
        return parameters;
    }, this))
    , header_(new QLabel)
    , banner_(new MessageBanner)
    , progress_(new WorkProgress)
    , batchClasses_(new QSpinBox)
    , batchK_(new QSpinBox)
    , alpha_(new QDoubleSpinBox)
    , beta_(new QDoubleSpinBox)
    , settle_(new QTimer(this))
    , grid_(new QGridLayout)
    , map_(new EmbeddingMapView)
{
    setObjectName(QStringLiteral("EmbeddingsWindow"));
    setAttribute(Qt::WA_DeleteOnClose);
    fitToScreen();
    header_->setWordWrap(true);
    header_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header_->setObjectName(QStringLiteral("embeddingsHeader"));
    statusBar()->addPermanentWidget(progress_);
    connect(new QShortcut(QKeySequence(Qt::Key_Escape), this), &QShortcut::activated, this, &QWidget::close);

    auto* central = new QWidget;
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(header_);
    layout->addWidget(buildControls());
    layout->addWidget(banner_);
    // The views keep a readable height (their titles and legends wrap, never elide): on a small
    // screen the grid scrolls rather than squeezing them.
    auto* views = new QWidget;
    views->setLayout(grid_);
    auto* scroll = new QScrollArea;
    scroll->setWidget(views);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(scroll, 1);
    setCentralWidget(central);
    buildMenus();

    connectInspection(*inspector_, *map_);
    connect(inspector_, &TripletInspector::failed, this, [this](const QString& message) {
        banner_->showMessage(message, MessageBanner::Kind::Error);
    });
    settle_->setSingleShot(true);
    settle_->setInterval(settleMs);
    connect(settle_, &QTimer::timeout, this, &EmbeddingsWindow::reanalyse);
    connect(controller_, &EmbeddingsController::started, progress_,
            [this](const QString& what) { progress_->start(tr("Analysing %1\u2026").arg(what)); });
    connect(controller_, &EmbeddingsController::progress, progress_, &WorkProgress::setProgress);
    connect(controller_, &EmbeddingsController::ended, progress_, &WorkProgress::finish);
    connect(progress_, &WorkProgress::cancelRequested, controller_, &EmbeddingsController::cancel);
    connect(controller_, &EmbeddingsController::analysed, this, [this](std::shared_ptr<const EmbeddingsResult> next) {
        if (next->work == EmbeddingsWork::SamplerPicks)
            showPicks(std::move(next));
        else
            showResult(std::move(next));
    });
    connect(controller_, &EmbeddingsController::failed, this, [this](const QString& message) {
        banner_->showMessage(tr("Cannot analyse the embeddings with these batches: %1").arg(message),
                             MessageBanner::Kind::Error);
    });
    const sme::EmbeddingAnalysisSettings& s = result_->request.settings;
    setBatches(s.batchClasses, s.batchK, s.alpha, s.beta);
    settle_->stop(); // the result already has them
    showResult(result_);
}

EmbeddingsWindow::~EmbeddingsWindow() = default;

// 1400 x 900 where there is room, less on a smaller screen.
void EmbeddingsWindow::fitToScreen()
{
    fitWindowToScreen(this, QSize(1400, 900));
}

QWidget* EmbeddingsWindow::buildControls()
{
    batchClasses_->setRange(2, maxBatchSide);
    batchK_->setRange(2, maxBatchSide);
    alpha_->setRange(0.0, 2.0);
    beta_->setRange(0.0, 2.0);
    for (QDoubleSpinBox* box : {alpha_, beta_}) {
        box->setDecimals(2);
        box->setSingleStep(0.05);
    }
    batchClasses_->setToolTip(tr("P: classes in each batch the samplers pick from"));
    batchK_->setToolTip(tr("K: points of each class in a batch"));
    alpha_->setToolTip(tr("\u03B1: the margin loss's margin; a pick counts when its loss is not zero"));
    beta_->setToolTip(tr("\u03B2: the margin loss's boundary between positives and negatives"));
    auto* controls = new QWidget;
    auto* row = new QHBoxLayout(controls);
    row->setContentsMargins(0, 0, 0, 0);
    const std::pair<QString, QWidget*> fields[] = {{tr("Batch: P"), batchClasses_}, {tr("K"), batchK_},
                                                   {tr("\u03B1"), alpha_}, {tr("\u03B2"), beta_}};
    for (const auto& [label, field] : fields) {
        row->addWidget(new QLabel(label));
        row->addWidget(field);
        row->addSpacing(8);
    }
    row->addStretch(1);
    // P x K within what the analysis draws (maxBatchPoints): each box's maximum follows the
    // other's value, so no batch the boxes offer is refused (and no refusal shows untranslated).
    const auto boundBatch = [this] {
        const int most = sme::EmbeddingAnalysisSettings::maxBatchPoints;
        batchK_->setMaximum(std::min(maxBatchSide, most / batchClasses_->value()));
        batchClasses_->setMaximum(std::min(maxBatchSide, most / batchK_->value()));
    };
    boundBatch();
    for (QSpinBox* box : {batchClasses_, batchK_}) {
        connect(box, &QSpinBox::valueChanged, this, boundBatch);
        connect(box, &QSpinBox::valueChanged, settle_, qOverload<>(&QTimer::start));
    }
    for (QDoubleSpinBox* box : {alpha_, beta_})
        connect(box, &QDoubleSpinBox::valueChanged, settle_, qOverload<>(&QTimer::start));
    return controls;
}

sme::EmbeddingAnalysisSettings EmbeddingsWindow::settings() const
{
    sme::EmbeddingAnalysisSettings s = result_->request.settings;
    s.batchClasses = batchClasses_->value();
    s.batchK = batchK_->value();
    s.alpha = alpha_->value();
    s.beta = beta_->value();
    return s;
}

void EmbeddingsWindow::setBatches(int batchClasses, int batchK, double alpha, double beta)
{
    batchClasses_->setValue(batchClasses);
    batchK_->setValue(batchK);
    alpha_->setValue(alpha);
    beta_->setValue(beta);
}

void EmbeddingsWindow::reanalyse()
{
    const sme::EmbeddingAnalysisSettings next = settings();
    const sme::EmbeddingAnalysisSettings& shown = result_->request.settings;
    if (next.batchClasses == shown.batchClasses && next.batchK == shown.batchK && next.alpha == shown.alpha
        && next.beta == shown.beta && !controller_->busy())
        return;
    banner_->withdrawKind(MessageBanner::Kind::Error);
    controller_->repick(result_, next);
}

SessionEmbeddings EmbeddingsWindow::sessionEntry() const
{
    const EmbeddingsRequest& request = result_->request;
    const sme::EmbeddingAnalysisSettings s = settings();
    SessionEmbeddings entry;
    entry.path = QFileInfo(request.path).absoluteFilePath();
    entry.sha256 = result_->sha256;
    entry.labelsPath = request.labelsPath.isEmpty() ? QString() : QFileInfo(request.labelsPath).absoluteFilePath();
    entry.labelsSha256 = result_->labelsSha256;
    entry.labelColumn = request.labelColumn;
    entry.batchClasses = s.batchClasses;
    entry.batchK = s.batchK;
    entry.alpha = s.alpha;
    entry.beta = s.beta;
    return entry;
}

void EmbeddingsWindow::showResult(std::shared_ptr<const EmbeddingsResult> result)
{
    result_ = std::move(result);
    setWindowTitle(tr("%1 \u2014 your embeddings \u2014 Sampling Matters Explorer")
                       .arg(QFileInfo(result_->request.path).fileName()));
    showHeader();
    for (EmbeddingFigure figure : allEmbeddingFigures)
        showFigure(figure);
    if (grid_->indexOf(map_) < 0) {
        map_->setObjectName(QStringLiteral("embedding-map"));
        map_->setMinimumSize(minimumViewSize);
        grid_->addWidget(map_, 1, 1, 1, 2);
        showMap(); // the points do not change with the batches
    }
    fitViewHeights();
}

// Only the samplers' picks changed: their view anew, the scores and the other views as they are.
void EmbeddingsWindow::showPicks(std::shared_ptr<const EmbeddingsResult> result)
{
    result_ = std::move(result);
    showFigure(EmbeddingFigure::SampledDistances);
    fitViewHeights();
}

void EmbeddingsWindow::showFigure(EmbeddingFigure figure)
{
    QWidget* next = embeddingFigureView(figure, result_->analysis, result_->request.settings).release();
    next->setObjectName(embeddingFigureName(figure));
    next->setMinimumSize(minimumViewSize);
    if (QWidget* previous = figures_[std::size_t(figure)]) {
        delete grid_->replaceWidget(previous, next); // the old item is ours to delete
        delete previous;
    } else {
        grid_->addWidget(next, int(figure) / 3, int(figure) % 3);
    }
    figures_[std::size_t(figure)] = next;
}

// A chart does not shrink below what its wrapped title, legend and axes need: a view is made at
// least that high, so that nothing is cut off below (the grid scrolls instead). Then shown().
void EmbeddingsWindow::fitViewHeights()
{
    QTimer::singleShot(0, this, [this] {
        for (QWidget* view : std::initializer_list<QWidget*>{figures_[0], figures_[1], figures_[2], figures_[3], map_}) {
            QList<ChartPanel*> panels = view->findChildren<ChartPanel*>();
            if (auto* panel = qobject_cast<ChartPanel*>(view))
                panels << panel;
            for (ChartPanel* panel : panels) {
                if (!panel->isVisible())
                    continue;
                const int overflow = int(std::ceil(panel->chart()->size().height())) - panel->viewport()->height();
                if (overflow > 0)
                    view->setMinimumHeight(view->height() + overflow);
            }
        }
        emit shown();
    });
}

void EmbeddingsWindow::showHeader()
{
    const sme::EmbeddingAnalysis& a = result_->analysis;
    const QString sphere = a.alreadyNormalised
        ? tr("Your vectors are on the unit sphere already (mean norm %1).").arg(a.meanNorm, 0, 'g', 3)
        : tr("Analysed on the unit sphere: your vectors were L2-normalised; mean norm %1.").arg(a.meanNorm, 0, 'g', 3);
    header_->setText(tr("<b>%1</b>: %L2 points, dimension %3, %4 classes. %5<br>"
                        "Recall@1 %6, Recall@2 %7, Recall@4 %8, Recall@8 %9, NMI %10, MAP@R %11 "
                        "(every point a query; ties counted by their expectation).")
                         .arg(QFileInfo(result_->request.path).fileName().toHtmlEscaped())
                         .arg(qulonglong(a.points))
                         .arg(qulonglong(a.dimension))
                         .arg(qulonglong(a.classes))
                         .arg(sphere)
                         .arg(a.recall[0], 0, 'f', 3)
                         .arg(a.recall[1], 0, 'f', 3)
                         .arg(a.recall[2], 0, 'f', 3)
                         .arg(a.recall[3], 0, 'f', 3)
                         .arg(a.nmi, 0, 'f', 3)
                         .arg(a.mapAtR, 0, 'f', 3));
}

// The normalised points (the geometry the analysis sees), at most mapPoints of them: the
// class-stratified sample the live evaluations use; the map's title says of how many.
void EmbeddingsWindow::showMap()
{
    const sme::Dataset& data = *result_->data;
    const std::vector<Eigen::Index> rows = sme::stratifiedSample(data.labels, mapPoints, result_->request.settings.seed);
    auto points = std::make_shared<Eigen::MatrixXf>(Eigen::Index(rows.size()), data.features.cols());
    auto labels = std::make_shared<std::vector<int>>(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        points->row(Eigen::Index(i)) = data.features.row(rows[i]).cast<double>().normalized().cast<float>();
        (*labels)[i] = data.labels[std::size_t(rows[i])];
    }
    try {
        map_->setEmbeddings(*points, *labels, data.classNames);
        map_->setHeldOutCount(long(data.labels.size()));
        map_->setSubject(tr("Embeddings of %1").arg(QFileInfo(result_->request.path).fileName()));
    } catch (const sme::Error& e) {
        banner_->showMessage(tr("Cannot draw the map: %1").arg(errorText(e)),
                             MessageBanner::Kind::Error);
        return;
    }
    inspector_->setHeldOut(points, labels);
}
