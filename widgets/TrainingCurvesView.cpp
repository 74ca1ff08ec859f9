// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/TrainingCurvesView.h"

#include "widgets/AxisTicks.h"
#include "widgets/EnvelopePoints.h"
#include "widgets/LabelPlacement.h"
#include "widgets/VerticalMarker.h"

#include <QAction>
#include <QChart>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

// ChartPanel's set-up, reachable from this view, which fills two of them.
class TrainingCurvesView::Panel : public ChartPanel {
public:
    using ChartPanel::ChartPanel;
    using ChartPanel::addLine;
    using ChartPanel::addValueAxis;
    using ChartPanel::setRange;
};

namespace {

using CurvePoints = EnvelopePoints<TrainingCurvesView::maxShownPoints>;

// The smallest of 1, 2, 2.5, 5 times a power of ten that is at least value (> 0), and the
// tick count that divides the range [0, it] into round steps.
std::pair<double, int> niceCeiling(double value)
{
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (const auto& [mantissa, ticks] : {std::pair{1.0, 6}, {2.0, 5}, {2.5, 6}, {5.0, 6}})
        if (mantissa * power >= value)
            return {mantissa * power, ticks};
    return {10.0 * power, 6};
}

// The smallest of 1, 2, 5 times a power of ten that is at least value (> 0): a tick step.
double roundStep(double value)
{
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (double mantissa : {1.0, 2.0, 5.0})
        if (mantissa * power >= value)
            return mantissa * power;
    return 10.0 * power;
}

enum CurveIndex {
    Loss,
    SmoothedLoss,
    ActiveShare,
    Beta,
    SmoothedBeta,
    Recall1,
    Nmi = Recall1 + 4,
    MapAtR,
    Spread,
    CurveCount
};

// The shape drawn at each evaluation while there are few: with the hue and the dashes, a third
// way to tell the scores apart (in grey print, or for a reader who cannot tell the hues).
enum class Marker { None, Circle, Square, Triangle, Diamond, Plus, Cross, Ring };

struct CurveStyle {
    const char* name;
    QColor color;
    qreal width;
    Qt::PenStyle style = Qt::SolidLine;
    Marker marker = Marker::None;
};

// Okabe-Ito colours (colour-blind safe, as ChartPanel.cpp's), and on the retrieval chart each
// score a hue, a dash pattern and a marker of its own: the four Recall@K lie close together.
// The raw loss and beta thin and light behind their smoothed curves; active share, noisy from
// batch to batch, thin. The spread dashed and mid grey (seen on the light and the dark theme):
// it is not a score, it shares their axis.
const std::array<CurveStyle, CurveCount>& curveStyles()
{
    static const std::array<CurveStyle, CurveCount> styles{{
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "loss"), faded(QColor(0x33, 0x33, 0x33), 0.7), 1.0},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "loss (smoothed)"), QColor(0x33, 0x33, 0x33), 2.0},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "active share"), QColor(0x00, 0x9E, 0x73), 1.0},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "beta"), faded(QColor(0xD5, 0x5E, 0x00), 0.7), 1.0},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "beta (smoothed)"), QColor(0xD5, 0x5E, 0x00), 2.0},
        {"Recall@1", QColor(0x00, 0x72, 0xB2), 2.5, Qt::SolidLine, Marker::Circle},
        {"Recall@2", QColor(0x56, 0xB4, 0xE9), 2.0, Qt::DashLine, Marker::Square},
        {"Recall@4", QColor(0x00, 0x9E, 0x73), 2.0, Qt::DotLine, Marker::Triangle},
        {"Recall@8", QColor(0x00, 0x00, 0x00), 1.5, Qt::DashDotLine, Marker::Diamond},
        {"NMI", QColor(0xCC, 0x79, 0xA7), 2.0, Qt::SolidLine, Marker::Plus},
        {"MAP@R", QColor(0xD5, 0x5E, 0x00), 2.0, Qt::DashDotDotLine, Marker::Cross},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "spread"), QColor(0x80, 0x80, 0x80), 1.5, Qt::DashLine},
    }};
    return styles;
}

// A marker image (QXYSeries::setLightMarker) of the curve's colour; a ring (hollow) marks an
// evaluation of every held-out point, larger than the live markers.
QImage markerImage(Marker marker, const QColor& color, int size = 11)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 1.8));
    painter.setBrush(color);
    const QRectF box(1.5, 1.5, size - 3.0, size - 3.0);
    const QPointF c = box.center();
    switch (marker) {
    case Marker::None: break;
    case Marker::Circle: painter.drawEllipse(box); break;
    case Marker::Ring:
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(box);
        break;
    case Marker::Square: painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5)); break;
    case Marker::Triangle:
        painter.drawPolygon(QPolygonF{{c.x(), box.top()}, box.bottomRight(), box.bottomLeft()});
        break;
    case Marker::Diamond:
        painter.drawPolygon(QPolygonF{{c.x(), box.top()}, {box.right(), c.y()}, {c.x(), box.bottom()}, {box.left(), c.y()}});
        break;
    case Marker::Plus:
        painter.drawLine(QPointF(c.x(), box.top()), QPointF(c.x(), box.bottom()));
        painter.drawLine(QPointF(box.left(), c.y()), QPointF(box.right(), c.y()));
        break;
    case Marker::Cross:
        painter.drawLine(box.topLeft(), box.bottomRight());
        painter.drawLine(box.topRight(), box.bottomLeft());
        break;
    }
    return image;
}

// Evaluations are sparse: their points get markers while there are few of them.
constexpr qsizetype maxMarkedPoints = 60;

// The previous run: well lighter and thinner than the current one, so the two never look alike.
constexpr double previousRunFading = 0.8;
constexpr qreal previousRunWidth = 1.0;

// Room around the scores when the axis is fitted, and the step its ends are rounded to.
constexpr double scoreMargin = 0.03;
constexpr double scoreStep = 0.1;

} // namespace

struct TrainingCurvesView::Curve {
    QLineSeries* series = nullptr;
    QLineSeries* previousSeries = nullptr; // none for the raw loss and beta
    QImage marker;
    CurvePoints points;
    CurvePoints previousPoints;
};

TrainingCurvesView::TrainingCurvesView(QWidget* parent)
    : QWidget(parent)
    , lossPanel_(new Panel(QString()))
    , ownedRetrieval_(std::make_unique<Panel>(QString()))
    , retrievalPanel_(ownedRetrieval_.get())
    , lossStepAxis_(lossPanel_->addValueAxis(Qt::AlignBottom, tr("step")))
    , retrievalStepAxis_(retrievalPanel_->addValueAxis(Qt::AlignBottom, tr("step")))
    , lossAxis_(lossPanel_->addValueAxis(Qt::AlignLeft, tr("loss, active share")))
    , betaAxis_(lossPanel_->addValueAxis(Qt::AlignRight, tr("mean \u03B2")))
    , scoreAxis_(retrievalPanel_->addValueAxis(Qt::AlignLeft, tr("score, spread")))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(lossPanel_);
    for (QValueAxis* axis : {lossStepAxis_, retrievalStepAxis_})
        axis->setLabelFormat(QStringLiteral("%.0f"));

    // Previous-run series first: series added later are drawn on top.
    const auto& styles = curveStyles();
    for (int i = 0; i < CurveCount; ++i)
        curves_.push_back(std::make_unique<Curve>());
    const auto axesOf = [this](int i) -> std::pair<Panel*, QValueAxis*> {
        if (i >= Recall1)
            return {retrievalPanel_, scoreAxis_};
        return {lossPanel_, i == Beta || i == SmoothedBeta ? betaAxis_ : lossAxis_};
    };
    for (int i = 0; i < CurveCount; ++i) {
        if (i == Loss || i == Beta)
            continue;
        const auto [panel, axis] = axesOf(i);
        QLineSeries* series = panel->addLine(tr("%1 (previous run)").arg(tr(styles[i].name)),
                                             faded(styles[i].color, previousRunFading), previousRunWidth,
                                             i >= Recall1 ? retrievalStepAxis_ : lossStepAxis_, axis,
                                             styles[i].style);
        for (QLegendMarker* marker : panel->chart()->legend()->markers(series))
            marker->setVisible(false);
        curves_[i]->previousSeries = series;
    }
    for (int i = 0; i < CurveCount; ++i) {
        const auto [panel, axis] = axesOf(i);
        curves_[i]->series = panel->addLine(tr(styles[i].name), styles[i].color, styles[i].width,
                                            i >= Recall1 ? retrievalStepAxis_ : lossStepAxis_, axis,
                                            styles[i].style);
        curves_[i]->series->setMarkerSize(9.0);
        curves_[i]->marker = markerImage(styles[i].marker, styles[i].color);
    }
    // Lines in the legends, so the dash patterns can be told apart there.
    for (Panel* panel : {lossPanel_, retrievalPanel_})
        panel->chart()->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    // The legend has no room for two more entries: the spread is named in the title with its
    // last value, the collapse line on the line itself; the raw beta is the smoothed one's.
    QChart* retrieval = retrievalPanel_->chart();
    for (QLegendMarker* marker : retrieval->legend()->markers(curves_[Spread]->series))
        marker->setVisible(false);
    for (QLegendMarker* marker : lossPanel_->chart()->legend()->markers(curves_[Beta]->series))
        marker->setVisible(false);
    collapseLine_ = retrievalPanel_->addLine(tr("collapsed below %1").arg(sme::collapsedSpread),
                                             styles[Spread].color, 1.0, retrievalStepAxis_, scoreAxis_,
                                             Qt::DotLine);
    labelVerticalMarker(retrieval, collapseLine_);
    // Inside the plot: a label outside it is not repainted when it moves, and leaves a trace.
    collapseLine_->setPointLabelsClipping(true);
    // Queued: not inside the layout pass that changed the area (only the line's points move).
    connect(retrieval, &QChart::plotAreaChanged, this, &TrainingCurvesView::placeCollapseLabel, Qt::QueuedConnection);

    // Full evaluations: hollow rings without lines, on top of the live curves.
    for (int i = Recall1; i < Spread; ++i) {
        QLineSeries* full = retrievalPanel_->addLine(tr("%1 (all held-out)").arg(styles[i].name), styles[i].color,
                                                     1.0, retrievalStepAxis_, scoreAxis_, Qt::NoPen);
        full->setMarkerSize(15.0);
        full->setLightMarker(markerImage(Marker::Ring, styles[i].color, 15));
        for (QLegendMarker* marker : retrieval->legend()->markers(full))
            marker->setVisible(false);
        full->setPointLabelsClipping(true);
        fullSeries_.push_back(full);
    }
    fullSeries_.front()->setPointLabelsVisible(true);

    auto* fullRange = new QAction(tr("Scores from 0 to 1"), retrievalPanel_);
    fullRange->setCheckable(true);
    connect(fullRange, &QAction::toggled, this, &TrainingCurvesView::setFullScoreRange);
    retrievalPanel_->addAction(fullRange);
    retrievalPanel_->setContextMenuPolicy(Qt::ActionsContextMenu);
    updateAxes();
}

TrainingCurvesView::~TrainingCurvesView() = default;

TrainingCurvesView::Curve& TrainingCurvesView::curve(int index) const
{
    return *curves_[std::size_t(index)];
}

void TrainingCurvesView::showCurve(int index) const
{
    const QList<QPointF> points = curve(index).points.shown();
    curve(index).series->replace(points);
    const bool marked = index >= Recall1 && points.size() <= maxMarkedPoints;
    curve(index).series->setLightMarker(marked ? curve(index).marker : QImage());
}

void TrainingCurvesView::addSmoothed(double& sum, double& weight, int index, double x, double value)
{
    sum = (1.0 - lossSmoothingWeight) * sum + lossSmoothingWeight * value;
    weight = (1.0 - lossSmoothingWeight) * weight + lossSmoothingWeight;
    curve(index).points.append({x, sum / weight});
}

void TrainingCurvesView::addSteps(const std::vector<sme::StepPoint>& steps)
{
    if (steps.empty())
        return;
    for (const sme::StepPoint& step : steps) {
        const double x = double(step.step);
        if (std::isfinite(step.loss)) {
            curve(Loss).points.append({x, step.loss});
            addSmoothed(smoothingSum_, smoothingWeight_, SmoothedLoss, x, step.loss);
        }
        if (std::isfinite(step.activeFraction))
            curve(ActiveShare).points.append({x, step.activeFraction});
        if (std::isfinite(step.beta)) {
            curve(Beta).points.append({x, step.beta});
            addSmoothed(betaSum_, betaWeight_, SmoothedBeta, x, step.beta);
        }
    }
    for (int i = Loss; i < Recall1; ++i)
        showCurve(i);
    updateAxes();
}

void TrainingCurvesView::addEvaluations(const std::vector<sme::Evaluation>& evaluations)
{
    if (evaluations.empty())
        return;
    for (const sme::Evaluation& evaluation : evaluations) {
        const double x = double(evaluation.step);
        const std::array<double, 7> values{evaluation.recall[0], evaluation.recall[1],
                                           evaluation.recall[2], evaluation.recall[3],
                                           evaluation.nmi, evaluation.mapAtR, evaluation.spread};
        for (int k = 0; k < 7; ++k)
            if (std::isfinite(values[std::size_t(k)]))
                curve(Recall1 + k).points.append({x, values[std::size_t(k)]});
        if (evaluation.heldOutPoints > 0) {
            samplePoints_ = evaluation.points;
            heldOutPoints_ = evaluation.heldOutPoints;
        }
    }
    for (int i = Recall1; i < CurveCount; ++i)
        showCurve(i);
    updateAxes();
}

void TrainingCurvesView::addFullEvaluation(const sme::Evaluation& evaluation)
{
    const double x = double(evaluation.step);
    const std::array<double, 6> values{evaluation.recall[0], evaluation.recall[1], evaluation.recall[2],
                                       evaluation.recall[3], evaluation.nmi, evaluation.mapAtR};
    for (std::size_t k = 0; k < values.size(); ++k)
        if (std::isfinite(values[k]))
            fullSeries_[k]->append(x, values[k]);
    fullSeries_.front()->setPointLabelsFormat(tr("all %L1 held-out").arg(evaluation.points));
    heldOutPoints_ = evaluation.heldOutPoints;
    updateAxes();
}

const QXYSeries* TrainingCurvesView::fullEvaluationSeries(const QString& name) const
{
    for (int i = Recall1; i < Spread; ++i)
        if (name == QLatin1String(curveStyles()[std::size_t(i)].name))
            return fullSeries_[std::size_t(i - Recall1)];
    return nullptr;
}

QString TrainingCurvesView::sampleNote() const
{
    if (samplePoints_ <= 0 || samplePoints_ >= heldOutPoints_)
        return {};
    return tr("Scores on a class-stratified sample of %L1 of the %L2 held-out images")
        .arg(samplePoints_)
        .arg(heldOutPoints_);
}

void TrainingCurvesView::startNewRun()
{
    const bool anything = std::any_of(curves_.begin(), curves_.end(),
                                      [](const auto& c) { return !c->points.isEmpty(); });
    if (!anything)
        return;
    for (auto& c : curves_) {
        if (c->previousSeries) {
            c->previousPoints = std::move(c->points);
            c->previousSeries->replace(c->previousPoints.shown());
        }
        c->points = CurvePoints();
        c->series->clear();
        c->series->setLightMarker(QImage());
    }
    smoothingSum_ = smoothingWeight_ = betaSum_ = betaWeight_ = 0.0;
    clearFullEvaluations();
    hasPreviousRun_ = true;
    updateAxes();
}

void TrainingCurvesView::clear()
{
    for (auto& c : curves_) {
        c->points = CurvePoints();
        c->previousPoints = CurvePoints();
        c->series->clear();
        c->series->setLightMarker(QImage());
        if (c->previousSeries)
            c->previousSeries->clear();
    }
    smoothingSum_ = smoothingWeight_ = betaSum_ = betaWeight_ = 0.0;
    clearFullEvaluations();
    hasPreviousRun_ = false;
    updateAxes();
}

void TrainingCurvesView::clearFullEvaluations()
{
    for (QXYSeries* full : fullSeries_)
        full->clear();
    samplePoints_ = heldOutPoints_ = 0;
}

const QXYSeries* TrainingCurvesView::series(const QString& name) const
{
    for (int i = 0; i < CurveCount; ++i)
        if (name == QLatin1String(curveStyles()[std::size_t(i)].name))
            return curve(i).series;
    return nullptr;
}

const QXYSeries* TrainingCurvesView::previousSeries(const QString& name) const
{
    for (int i = 0; i < CurveCount; ++i)
        if (name == QLatin1String(curveStyles()[std::size_t(i)].name))
            return curve(i).previousSeries;
    return nullptr;
}

QString TrainingCurvesView::spreadNote() const
{
    const CurvePoints& spread = curve(Spread).points;
    if (spread.isEmpty())
        return {};
    return spread.lastY() < sme::collapsedSpread ? tr("; spread %1 (dashed): collapsed").arg(spread.lastY(), 0, 'f', 2)
                                                 : tr("; spread %1 (dashed)").arg(spread.lastY(), 0, 'f', 2);
}

// The collapse line across the step axis, labelled at its second point: a quarter of the way
// (clear of the axis) unless the curves pass through the label there. Again when the plot area
// changes size: the label's size in the axes' units changes with it.
void TrainingCurvesView::placeCollapseLabel()
{
    const double stepTop = retrievalStepAxis_->max();
    collapseLine_->replace({{0.0, sme::collapsedSpread}, {collapseLabelPlace(stepTop), sme::collapsedSpread},
                            {stepTop, sme::collapsedSpread}});
    for (int point : {0, 2})
        collapseLine_->setPointConfiguration(point, QXYSeries::PointConfiguration::LabelVisibility, false);
}

// Where along the collapse line its label is farthest from the retrieval panel's curves (this
// run's, the previous run's, the full evaluations'), from their points and the label's size:
// in pixels over the plot area, converted to the axes' units (before the first layout, a
// quarter of the width and a twentieth of the height, about what they are at the window's size).
double TrainingCurvesView::collapseLabelPlace(double stepTop) const
{
    QList<QList<QPointF>> curves;
    for (QAbstractSeries* series : retrievalPanel_->chart()->series())
        if (auto* xy = qobject_cast<QXYSeries*>(series); xy && xy != collapseLine_ && xy->isVisible())
            curves.append(xy->points());
    const QRectF area = retrievalPanel_->chart()->plotArea();
    const double yRange = scoreAxis_->max() - scoreAxis_->min();
    const QFontMetricsF metrics(collapseLine_->pointLabelsFont());
    // The label's box: its text, above the point by half a marker (Qt's offset), with 2 px room
    // above and 12 px at each end.
    const double widthPixels = metrics.horizontalAdvance(collapseLine_->name()) + 24.0;
    const double heightPixels = metrics.height() + 0.5 * collapseLine_->markerSize() + 2.0;
    const bool laidOut = area.width() > 50.0 && area.height() > 50.0;
    const QSizeF label(laidOut ? widthPixels * stepTop / area.width() : 0.25 * stepTop,
                       laidOut ? heightPixels * yRange / area.height() : 0.05 * yRange);
    const double enough = 1.5 * label.height(); // a line and a half of text between them is room enough
    return clearestLabelCentre(curves, sme::collapsedSpread, 0.0, stepTop, label, enough, 0.25 * stepTop);
}

const QXYSeries* TrainingCurvesView::collapseLine() const
{
    return collapseLine_;
}

const ChartPanel* TrainingCurvesView::lossChart() const
{
    return lossPanel_;
}

const ChartPanel* TrainingCurvesView::retrievalChart() const
{
    return retrievalPanel_;
}

std::unique_ptr<ChartPanel> TrainingCurvesView::takeRetrievalView()
{
    return std::move(ownedRetrieval_);
}

void TrainingCurvesView::setFullScoreRange(bool full)
{
    if (full == fullScoreRange_)
        return;
    fullScoreRange_ = full;
    for (QAction* action : retrievalPanel_->actions())
        if (action->isCheckable())
            action->setChecked(full);
    fitScoreAxis();
}

void TrainingCurvesView::fitScoreAxis()
{
    // Fitted: the scores and the spread of both runs with a little room, on tenths.
    double low = std::numeric_limits<double>::infinity();
    double high = -low;
    for (int i = Recall1; i < CurveCount; ++i)
        for (const CurvePoints* points : {&curve(i).points, &curve(i).previousPoints})
            if (!points->isEmpty()) {
                low = std::min(low, points->lowest());
                high = std::max(high, points->highest());
            }
    for (const QXYSeries* full : fullSeries_)
        for (const QPointF& point : full->points()) {
            low = std::min(low, point.y());
            high = std::max(high, point.y());
        }
    double bottom = 0.0;
    double top = 1.0;
    if (!fullScoreRange_ && low <= high) {
        bottom = std::clamp(std::floor((low - scoreMargin) / scoreStep + 1e-9) * scoreStep, 0.0, 1.0);
        top = std::clamp(std::ceil((high + scoreMargin) / scoreStep - 1e-9) * scoreStep, bottom + scoreStep, 1.0);
        bottom = std::min(bottom, top - scoreStep);
    }
    Panel::setRange(scoreAxis_, bottom, top);
    useRoundTicks(scoreAxis_, 5);
}

void TrainingCurvesView::updateAxes()
{
    // x: 0 to a round number of steps past both runs, so it moves only at 100, 200, 250, 500...
    double lastStep = 100.0;
    double lossTop = 0.0;
    double betaLow = std::numeric_limits<double>::infinity();
    double betaHigh = -betaLow;
    for (int i = 0; i < CurveCount; ++i)
        for (const CurvePoints* points : {&curve(i).points, &curve(i).previousPoints}) {
            if (points->isEmpty())
                continue;
            lastStep = std::max(lastStep, points->lastX());
            if (i == Loss || i == SmoothedLoss || i == ActiveShare)
                lossTop = std::max(lossTop, points->highest());
            if (i == SmoothedBeta) { // the raw beta's band may leave the axis: it is the faint one
                betaLow = std::min(betaLow, points->lowest());
                betaHigh = std::max(betaHigh, points->highest());
            }
        }
    const auto [stepTop, stepTicks] = niceCeiling(lastStep);
    for (QValueAxis* axis : {lossStepAxis_, retrievalStepAxis_}) {
        Panel::setRange(axis, 0.0, stepTop);
        axis->setTickCount(stepTicks);
    }
    // The loss and active share from 0 to a round number above the highest (5% of room).
    Panel::setRange(lossAxis_, 0.0, roundedUp(lossTop > 0.0 ? 1.05 * lossTop : 1.0));
    useRoundTicks(lossAxis_, 4);

    // beta: round steps around the smoothed values seen (with room), at least 0.1 wide (beta
    // starts at 1.2 and moves by tenths).
    if (betaLow > betaHigh)
        betaLow = betaHigh = 1.2;
    const double betaRoom = 0.05 * std::max(betaHigh - betaLow, 0.1);
    betaLow -= betaRoom;
    betaHigh += betaRoom;
    const double betaStep = roundStep(std::max(betaHigh - betaLow, 0.1) / 4.0);
    // (1e-9: 1.2 / 0.05 is 23.999... in floating point; 1.2 is a bound, not 1.15.)
    const double bottom = std::floor(betaLow / betaStep + 1e-9) * betaStep;
    double top = std::ceil(betaHigh / betaStep - 1e-9) * betaStep;
    if (top <= bottom)
        top = bottom + betaStep;
    Panel::setRange(betaAxis_, bottom, top);
    betaAxis_->setTickCount(int(std::lround((top - bottom) / betaStep)) + 1);
    fitScoreAxis();
    placeCollapseLabel();

    // The titles say when faded curves are there (a new title relays the chart out).
    const QString note = hasPreviousRun_ ? tr(" (faded: the previous run)") : QString();
    const QString lossTitle = tr("Training: loss, active share and \u03B2") + note;
    if (lossPanel_->title() != lossTitle)
        lossPanel_->setTitle(lossTitle);
    const QString sample = sampleNote();
    const QString retrievalTitle = tr("Retrieval on the held-out classes") + spreadNote() + note
                                   + (sample.isEmpty() ? QString() : QLatin1Char('\n') + sample);
    if (retrievalPanel_->title() != retrievalTitle)
        retrievalPanel_->setTitle(retrievalTitle);
}
