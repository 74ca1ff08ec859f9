// The distance-density view: draws a DensityFigure on a linear or logarithmic density axis.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/DensityChartView.h"

#include "widgets/AxisTicks.h"
#include "widgets/DistanceAxisZoom.h"
#include "widgets/HistogramSteps.h"
#include "widgets/VerticalMarker.h"

#include <QChart>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace {

// The largest value and the smallest positive value of some columns (0 and +inf if none).
struct PositiveRange {
    double peak = 0.0;
    double smallest = std::numeric_limits<double>::infinity();

    void include(const std::vector<double>& values)
    {
        for (double v : values)
            if (std::isfinite(v) && v > 0.0) {
                peak = std::max(peak, v);
                smallest = std::min(smallest, v);
            }
    }
};

const QColor markerColor(60, 60, 60);

} // namespace

DensityChartView::DensityChartView(QWidget* parent)
    : ChartPanel(tr("Pair distances on the sphere"), parent)
    , xAxis_(addValueAxis(Qt::AlignBottom, tr("distance d")))
    , linearAxis_(addValueAxis(Qt::AlignLeft, tr("density")))
    , logAxis_(addLogAxis(Qt::AlignLeft, tr("density (log scale)")))
{
    linearAxis_->setRange(0.0, 1.0);
    // Only one density axis is on the chart at a time; the other waits, owned by the view.
    chart()->removeAxis(logAxis_);
    logAxis_->setParent(this);

    exact_ = addLine(tr("exact q(d)"), QColor(31, 119, 180), 2.5, xAxis_, linearAxis_);
    gaussian_ = addLine(tr("Gaussian limit N(\u221A" "2, 1/(2n))"), QColor(214, 39, 40), 2.0,
                        xAxis_, linearAxis_, Qt::DashLine);
    // Over the curves, thin and dark: where they agree (n = 128) a histogram under them was
    // hidden; its steps now show on them.
    histogram_ = addLine(tr("Monte Carlo histogram"), QColor(70, 70, 70), 1.2, xAxis_, linearAxis_);
    lambdaLine_ = addLine(tr("\u03BB (cutoff)"), markerColor, 1.5, xAxis_, linearAxis_,
                          Qt::DashLine);
    cutoffLine_ = addLine(tr("non-zero-loss cutoff"), markerColor, 1.5, xAxis_, linearAxis_,
                          Qt::DotLine);
    labelVerticalMarker(chart(), lambdaLine_);
    labelVerticalMarker(chart(), cutoffLine_);
    // Lines in the legend, so dashed and solid series can be told apart there.
    chart()->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    zoom_ = new DistanceAxisZoom(this, xAxis_);
}

void DensityChartView::setFigure(const sme::DensityFigure& figure, int dimension)
{
    figure_ = figure;
    zoom_->setCurves(figure_.distance, {&figure_.exact, &figure_.gaussianLimit, &figure_.monteCarlo});
    setTitle(tr("Pair distances on the sphere, n = %1 "
                         "(total variation to the Gaussian limit: %2)")
                          .arg(dimension)
                          .arg(figure.totalVariation, 0, 'f', 4));
    showFigure();
}

void DensityChartView::setMarkers(double lambda, double nonzeroLossCutoff)
{
    lambda_ = lambda;
    nonzeroLossCutoff_ = nonzeroLossCutoff;
    showFigure();
}

void DensityChartView::setLogScale(bool on)
{
    if (on == logScale_)
        return;
    QAbstractAxis* from = logScale_ ? static_cast<QAbstractAxis*>(logAxis_) : linearAxis_;
    QAbstractAxis* to = on ? static_cast<QAbstractAxis*>(logAxis_) : linearAxis_;
    logScale_ = on;
    chart()->removeAxis(from); // detaches every series from it
    from->setParent(this);
    const auto attach = [this, to] {
        chart()->addAxis(to, Qt::AlignLeft);
        for (QLineSeries* series : {histogram_, exact_, gaussian_, lambdaLine_, cutoffLine_})
            series->attachAxis(to);
    };
    // A logarithmic domain must never see a non-positive value: to the log axis, the
    // positive points go first; back to the linear axis, the axis goes first.
    if (on) {
        showFigure();
        attach();
    } else {
        attach();
        showFigure();
    }
}

void DensityChartView::showFigure()
{
    const HistogramSteps steps = histogramSteps(figure_.distance, figure_.monteCarlo);
    setPoints(histogram_, steps.x, steps.y, logScale_);
    setPoints(exact_, figure_.distance, figure_.exact, logScale_);
    setPoints(gaussian_, figure_.distance, figure_.gaussianLimit, logScale_);

    PositiveRange range;
    range.include(figure_.exact);
    range.include(figure_.gaussianLimit);
    range.include(figure_.monteCarlo);
    double bottom = 0.0;
    double top = 1.0;
    if (logScale_) {
        // Six decades under the peak at most: far tails of q(d) reach 1e-300 at large n.
        if (range.peak > 0.0) {
            bottom = std::pow(10.0, std::floor(std::log10(
                                        std::max(1e-6 * range.peak, range.smallest))));
            top = std::pow(10.0, std::ceil(std::log10(1.05 * range.peak)));
        } else {
            bottom = 1e-6;
        }
        setRange(logAxis_, bottom, top);
    } else {
        if (range.peak > 0.0)
            top = 1.05 * range.peak;
        setRange(linearAxis_, bottom, top);
        useRoundTicks(linearAxis_);
    }
    // The markers span the density axis.
    showVerticalMarker(lambdaLine_, lambda_, bottom, top);
    showVerticalMarker(cutoffLine_, nonzeroLossCutoff_, bottom, top);
}
