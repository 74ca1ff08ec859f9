// The training curves' axes: a step axis that moves at round numbers, the loss, beta and score
// axes fitted to the curves, and the collapse line's label where the curves leave it room.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/TrainingCurvesParts.h"

#include "widgets/AxisTicks.h"
#include "widgets/LabelPlacement.h"

#include <QChart>
#include <QFontMetricsF>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

using namespace trainingcurves;

namespace {

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

} // namespace

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
