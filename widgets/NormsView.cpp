// The norms view: the raw norms' histogram as steps, and the unit sphere's norm as a line.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/NormsView.h"

#include "widgets/AxisTicks.h"
#include "widgets/HistogramSteps.h"
#include "widgets/VerticalMarker.h"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <limits>

NormsView::NormsView(QWidget* parent)
    : ChartPanel(tr("Norms of the embeddings"), parent)
    , xAxis_(addValueAxis(Qt::AlignBottom, tr("norm \u2016x\u2016 (as read)")))
    , yAxis_(addValueAxis(Qt::AlignLeft, tr("density")))
{
    histogram_ = addLine(tr("norms"), QColor(31, 119, 180), 2.0, xAxis_, yAxis_);
    unitNorm_ = addLine(tr("unit sphere"), QColor(60, 60, 60), 1.5, xAxis_, yAxis_, Qt::DashLine);
    labelVerticalMarker(chart(), unitNorm_);
    chart()->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
}

void NormsView::setNorms(const sme::Histogram& norms, double meanNorm, bool alreadyNormalised)
{
    std::vector<double> centres(std::size_t(norms.bins()));
    for (int bin = 0; bin < norms.bins(); ++bin)
        centres[std::size_t(bin)] = norms.binCentre(bin);
    const std::vector<double> density = norms.density();
    const HistogramSteps steps = histogramSteps(centres, density);
    setPoints(histogram_, steps.x, steps.y);
    const double peak = density.empty() ? 0.0 : *std::max_element(density.begin(), density.end());
    const double top = peak > 0.0 ? 1.05 * peak : 1.0;
    // The unit sphere's line only where the histogram reaches it: norms of 20 would squash
    // their histogram to show it; the title gives the mean. At an end of the histogram (norms
    // of 1 already), the axis reaches a little further, so the line's label is not cut.
    const bool unitShown = norms.lower() <= 1.0 && 1.0 <= norms.upper();
    const double margin = 0.1 * (norms.upper() - norms.lower());
    double left = norms.lower();
    double right = norms.upper();
    if (unitShown && 1.0 - left < margin)
        left = std::max(0.0, left - margin);
    if (unitShown && right - 1.0 < margin)
        right += margin;
    setRange(xAxis_, left, right);
    useRoundTicks(xAxis_);
    setRange(yAxis_, 0.0, top);
    useRoundTicks(yAxis_);
    showVerticalMarker(unitNorm_, unitShown ? 1.0 : std::numeric_limits<double>::quiet_NaN(), 0.0, top);
    histogram_->setName(tr("norms (%L1 points)").arg(norms.total(), 0, 'f', 0));
    setTitle(alreadyNormalised
                 ? tr("Norms of the embeddings (mean %1): on the unit sphere already, analysed as they are")
                       .arg(meanNorm, 0, 'f', 3)
                 : tr("Norms of the embeddings (mean %1): the analysis uses the L2-normalised points, on the "
                      "unit sphere, as the paper's geometry does")
                       .arg(meanNorm, 0, 'f', 3));
}
