// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/TrainingCurvesView.h"

#include "widgets/ChartPanel.h"
#include "widgets/EnvelopePoints.h"
#include "widgets/VerticalMarker.h"

#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

// ChartPanel's set-up, reachable from this view, which holds two of them.
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

enum CurveIndex { Loss, SmoothedLoss, ActiveShare, Beta, Recall1, Nmi = Recall1 + 4, MapAtR, Spread, CurveCount };

struct CurveStyle {
    const char* name;
    QColor color;
    qreal width;
    Qt::PenStyle style = Qt::SolidLine;
};

// Okabe-Ito colours; Recall@K from dark to light blue as K grows. The raw loss thin and light
// behind its smoothed curve; active share and beta, noisy from batch to batch, thin. The spread
// dashed and mid grey (seen on the light and the dark theme): it is not a score, it shares
// their [0, 1] axis.
const std::array<CurveStyle, CurveCount>& curveStyles()
{
    static const std::array<CurveStyle, CurveCount> styles{{
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "loss"), faded(QColor(0x33, 0x33, 0x33), 0.7), 1.0},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "loss (smoothed)"), QColor(0x33, 0x33, 0x33), 2.0},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "active share"), QColor(0x00, 0x9E, 0x73), 1.0},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "beta"), QColor(0xD5, 0x5E, 0x00), 1.0},
        {"Recall@1", QColor(0x0B, 0x3C, 0x8C), 2.5},
        {"Recall@2", QColor(0x2F, 0x6D, 0xB5), 2.0},
        {"Recall@4", QColor(0x5B, 0x9B, 0xD5), 2.0},
        {"Recall@8", QColor(0x8F, 0xBC, 0xE6), 2.0},
        {"NMI", QColor(0xCC, 0x79, 0xA7), 2.0},
        {"MAP@R", QColor(0xE6, 0x9F, 0x00), 2.0},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "spread"), QColor(0x80, 0x80, 0x80), 1.5, Qt::DashLine},
    }};
    return styles;
}

// Evaluations are sparse: their points get markers while there are few of them.
constexpr qsizetype maxMarkedPoints = 60;

} // namespace

struct TrainingCurvesView::Curve {
    QLineSeries* series = nullptr;
    QLineSeries* previousSeries = nullptr; // none for the raw loss
    CurvePoints points;
    CurvePoints previousPoints;
};

TrainingCurvesView::TrainingCurvesView(QWidget* parent)
    : QWidget(parent)
    , lossPanel_(new Panel(QString()))
    , retrievalPanel_(new Panel(QString()))
    , lossStepAxis_(lossPanel_->addValueAxis(Qt::AlignBottom, tr("step")))
    , retrievalStepAxis_(retrievalPanel_->addValueAxis(Qt::AlignBottom, tr("step")))
    , lossAxis_(lossPanel_->addValueAxis(Qt::AlignLeft, tr("loss, active share")))
    , betaAxis_(lossPanel_->addValueAxis(Qt::AlignRight, tr("mean \u03B2")))
    , scoreAxis_(retrievalPanel_->addValueAxis(Qt::AlignLeft, tr("score, spread")))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(lossPanel_, 1); // equal heights, whatever the charts' size hints
    layout->addWidget(retrievalPanel_, 1);
    for (QValueAxis* axis : {lossStepAxis_, retrievalStepAxis_})
        axis->setLabelFormat(QStringLiteral("%.0f"));
    scoreAxis_->setRange(0.0, 1.0);
    scoreAxis_->setTickCount(6);

    // Previous-run series first: series added later are drawn on top.
    const auto& styles = curveStyles();
    for (int i = 0; i < CurveCount; ++i)
        curves_.push_back(std::make_unique<Curve>());
    const auto axesOf = [this](int i) -> std::pair<Panel*, QValueAxis*> {
        if (i >= Recall1)
            return {retrievalPanel_, scoreAxis_};
        return {lossPanel_, i == Beta ? betaAxis_ : lossAxis_};
    };
    for (int i = 0; i < CurveCount; ++i) {
        if (i == Loss)
            continue;
        const auto [panel, axis] = axesOf(i);
        QLineSeries* series = panel->addLine(tr("%1 (previous run)").arg(tr(styles[i].name)),
                                             faded(styles[i].color, 0.6), 1.5,
                                             i >= Recall1 ? retrievalStepAxis_ : lossStepAxis_, axis);
        for (QLegendMarker* marker : panel->chart()->legend()->markers(series))
            marker->setVisible(false);
        curves_[i]->previousSeries = series;
    }
    for (int i = 0; i < CurveCount; ++i) {
        const auto [panel, axis] = axesOf(i);
        curves_[i]->series = panel->addLine(tr(styles[i].name), styles[i].color, styles[i].width,
                                            i >= Recall1 ? retrievalStepAxis_ : lossStepAxis_, axis,
                                            styles[i].style);
    }
    // The legend has no room for two more entries: the spread is named in the title with its
    // last value, the collapse line on the line itself.
    QChart* retrieval = retrievalPanel_->chart();
    for (QLegendMarker* marker : retrieval->legend()->markers(curves_[Spread]->series))
        marker->setVisible(false);
    collapseLine_ = retrievalPanel_->addLine(tr("collapsed below %1").arg(sme::collapsedSpread),
                                             styles[Spread].color, 1.0, retrievalStepAxis_, scoreAxis_,
                                             Qt::DotLine);
    labelVerticalMarker(retrieval, collapseLine_);
    // Inside the plot: a label outside it is not repainted when it moves, and leaves a trace.
    collapseLine_->setPointLabelsClipping(true);
    baseMargins_ = lossPanel_->chart()->margins();
    // Queued: by then both charts have been laid out (they are resized together).
    for (Panel* panel : {lossPanel_, retrievalPanel_})
        connect(panel->chart(), &QChart::plotAreaChanged, this, &TrainingCurvesView::alignPlotAreas,
                Qt::QueuedConnection);
    updateAxes();
}

TrainingCurvesView::~TrainingCurvesView() = default;

void TrainingCurvesView::alignPlotAreas()
{
    // The charts share the step axis, so their plot areas should span the same columns, but
    // only the loss chart has an axis on the right: the narrower side gets a wider margin.
    // Edges are compared without the margins added here, so one pass settles them.
    QChart* charts[2] = {lossPanel_->chart(), retrievalPanel_->chart()};
    qreal naturalLeft[2];
    qreal naturalRight[2];
    for (int i = 0; i < 2; ++i) {
        const QRectF area = charts[i]->plotArea();
        if (area.isEmpty())
            return;
        const QMargins margins = charts[i]->margins();
        naturalLeft[i] = area.left() - (margins.left() - baseMargins_.left());
        naturalRight[i] = area.right() + (margins.right() - baseMargins_.right());
    }
    const qreal left = std::max(naturalLeft[0], naturalLeft[1]);
    const qreal right = std::min(naturalRight[0], naturalRight[1]);
    for (int i = 0; i < 2; ++i) {
        QMargins margins = charts[i]->margins(); // top and bottom: the title's and legend's room
        margins.setLeft(baseMargins_.left() + qRound(left - naturalLeft[i]));
        margins.setRight(baseMargins_.right() + qRound(naturalRight[i] - right));
        if (charts[i]->margins() != margins) {
            charts[i]->setMargins(margins);
            // Lay out now: a plot area computed with the old margins would mislead the next pass.
            charts[i]->layout()->activate();
        }
    }
}

TrainingCurvesView::Curve& TrainingCurvesView::curve(int index) const
{
    return *curves_[std::size_t(index)];
}

void TrainingCurvesView::showCurve(int index) const
{
    const QList<QPointF> points = curve(index).points.shown();
    curve(index).series->replace(points);
    curve(index).series->setPointsVisible(index >= Recall1 && points.size() <= maxMarkedPoints);
}

void TrainingCurvesView::addSteps(const std::vector<sme::StepPoint>& steps)
{
    if (steps.empty())
        return;
    for (const sme::StepPoint& step : steps) {
        const double x = double(step.step);
        if (std::isfinite(step.loss)) {
            curve(Loss).points.append({x, step.loss});
            smoothingSum_ = (1.0 - lossSmoothingWeight) * smoothingSum_ + lossSmoothingWeight * step.loss;
            smoothingWeight_ = (1.0 - lossSmoothingWeight) * smoothingWeight_ + lossSmoothingWeight;
            curve(SmoothedLoss).points.append({x, smoothingSum_ / smoothingWeight_});
        }
        if (std::isfinite(step.activeFraction))
            curve(ActiveShare).points.append({x, step.activeFraction});
        if (std::isfinite(step.beta))
            curve(Beta).points.append({x, step.beta});
    }
    for (int i : {Loss, SmoothedLoss, ActiveShare, Beta})
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
    }
    for (int i = Recall1; i < CurveCount; ++i)
        showCurve(i);
    updateAxes();
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
        c->series->setPointsVisible(false);
    }
    smoothingSum_ = smoothingWeight_ = 0.0;
    hasPreviousRun_ = true;
    updateAxes();
}

void TrainingCurvesView::clear()
{
    for (auto& c : curves_) {
        c->points = CurvePoints();
        c->previousPoints = CurvePoints();
        c->series->clear();
        c->series->setPointsVisible(false);
        if (c->previousSeries)
            c->previousSeries->clear();
    }
    smoothingSum_ = smoothingWeight_ = 0.0;
    hasPreviousRun_ = false;
    updateAxes();
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

void TrainingCurvesView::updateAxes()
{
    // x: 0 to a round number of steps past both runs, so it moves only at 100, 200, 250, 500...
    double lastStep = 100.0;
    double lossTop = 1.0; // active share lives in [0, 1]
    double betaLow = std::numeric_limits<double>::infinity();
    double betaHigh = -betaLow;
    for (int i = 0; i < CurveCount; ++i)
        for (const CurvePoints* points : {&curve(i).points, &curve(i).previousPoints}) {
            if (points->isEmpty())
                continue;
            lastStep = std::max(lastStep, points->lastX());
            if (i == Loss || i == SmoothedLoss)
                lossTop = std::max(lossTop, points->highest());
            if (i == Beta) {
                betaLow = std::min(betaLow, points->lowest());
                betaHigh = std::max(betaHigh, points->highest());
            }
        }
    const auto [stepTop, stepTicks] = niceCeiling(lastStep);
    for (QValueAxis* axis : {lossStepAxis_, retrievalStepAxis_}) {
        Panel::setRange(axis, 0.0, stepTop);
        axis->setTickCount(stepTicks);
    }
    const auto [lossCeiling, lossTicks] = niceCeiling(lossTop);
    Panel::setRange(lossAxis_, 0.0, lossCeiling);
    lossAxis_->setTickCount(lossTicks);

    // beta: round steps around the values seen, at least 0.1 wide (beta starts at 1.2 and
    // moves by tenths).
    if (betaLow > betaHigh)
        betaLow = betaHigh = 1.2;
    const double betaStep = roundStep(std::max(betaHigh - betaLow, 0.1) / 4.0);
    // (1e-9: 1.2 / 0.05 is 23.999... in floating point; 1.2 is a bound, not 1.15.)
    const double bottom = std::floor(betaLow / betaStep + 1e-9) * betaStep;
    double top = std::ceil(betaHigh / betaStep - 1e-9) * betaStep;
    if (top <= bottom)
        top = bottom + betaStep;
    Panel::setRange(betaAxis_, bottom, top);
    betaAxis_->setTickCount(int(std::lround((top - bottom) / betaStep)) + 1);
    // Labelled at its second point, a quarter of the way, clear of the axis.
    collapseLine_->replace({{0.0, sme::collapsedSpread}, {0.25 * stepTop, sme::collapsedSpread},
                            {stepTop, sme::collapsedSpread}});
    for (int point : {0, 2})
        collapseLine_->setPointConfiguration(point, QXYSeries::PointConfiguration::LabelVisibility, false);

    // The titles say when faded curves are there (a new title relays the chart out).
    const QString note = hasPreviousRun_ ? tr(" (faded: the previous run)") : QString();
    const QString lossTitle = tr("Training: loss, active share and \u03B2") + note;
    if (lossPanel_->title() != lossTitle)
        lossPanel_->setTitle(lossTitle);
    const QString retrievalTitle = tr("Retrieval on the held-out classes") + spreadNote() + note;
    if (retrievalPanel_->title() != retrievalTitle)
        retrievalPanel_->setTitle(retrievalTitle);
}
