// The gradient-noise view: draws GradientVarianceCurves on a logarithmic variance axis.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/GradientVarianceView.h"

#include "model/sampling/Sampler.h"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

namespace {

// Hard negatives are the pairs this noise hurts (PAPER.md §2), hence their colour.
QColor curveColor()
{
    return samplerColor(int(sme::SamplerKind::HardNegative));
}

} // namespace

GradientVarianceView::GradientVarianceView(QWidget* parent)
    : ChartPanel(tr("Variance of the gradient direction of a negative pair"), parent)
    , xAxis_(addValueAxis(Qt::AlignBottom, tr("distance d of the pair")))
    , yAxis_(addLogAxis(Qt::AlignLeft, tr("variance of the direction")))
    , current_(addLine(QString(), curveColor(), 3.0, xAxis_, yAxis_))
{
    xAxis_->setRange(0.0, 2.0);
    xAxis_->setTickCount(5);
    yAxis_->setRange(1e-3, 1.5);
    chart()->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
}

QList<const QLineSeries*> GradientVarianceView::referenceSeries() const
{
    return QList<const QLineSeries*>(references_.begin(), references_.end());
}

void GradientVarianceView::resizeReferences(std::size_t count)
{
    if (count == references_.size())
        return;
    while (references_.size() > count) {
        chart()->removeSeries(references_.back());
        delete references_.back();
        references_.pop_back();
    }
    if (references_.size() < count) {
        while (references_.size() < count)
            references_.push_back(addLine(QString(), Qt::gray, 1.5, xAxis_, yAxis_));
        // Series added later are drawn on top: put the current curve back in front.
        chart()->removeSeries(current_);
        chart()->addSeries(current_);
        current_->attachAxis(xAxis_);
        current_->attachAxis(yAxis_);
    }
}

double GradientVarianceView::referenceFading(double sigma)
{
    // A shade per sigma, not per rank, so a sigma keeps its shade whatever the current one is:
    // the larger the noise, the darker; 0.01 -> 0.75, 0.03 -> 0.6, 0.1 -> 0.45, 0.3 -> 0.3 of
    // the way to the background (0.15 for each factor of 3).
    if (!(sigma > 0.0))
        return 0.8;
    return std::clamp(0.75 - 0.15 * std::log(sigma / 0.01) / std::log(3.0), 0.2, 0.8);
}

void GradientVarianceView::setCurves(
    const sme::GradientVarianceCurve& current, double sigma, int dimension,
    const std::vector<std::pair<double, sme::GradientVarianceCurve>>& references)
{
    resizeReferences(references.size());
    double smallest = std::numeric_limits<double>::infinity();
    const auto include = [&smallest](const std::vector<double>& values) {
        for (double v : values)
            if (std::isfinite(v) && v > 0.0)
                smallest = std::min(smallest, v);
    };

    for (std::size_t i = 0; i < references.size(); ++i) {
        const auto& [referenceSigma, curve] = references[i];
        QLineSeries* series = references_[i];
        const double amount = referenceFading(referenceSigma);
        QPen pen = series->pen();
        pen.setColor(faded(curveColor(), amount));
        series->setPen(pen);
        series->setName(tr("\u03C3 = %1").arg(referenceSigma, 0, 'g', 3));
        setPoints(series, curve.distance, curve.variance, true);
        include(curve.variance);
    }
    current_->setName(tr("\u03C3 = %1 (current)").arg(sigma, 0, 'g', 3));
    setPoints(current_, current.distance, current.variance, true);
    include(current.variance);

    // PAPER.md §2: the variance lies in (0, 1]; zeros (sigma = 0) cannot be drawn on a log axis.
    if (std::isfinite(smallest))
        setRange(yAxis_, std::min(0.5 * smallest, 0.1), 1.5);
    setTitle(tr("Variance of the gradient direction of a negative pair, n = %1, "
                         "\u03C3 = %2")
                          .arg(dimension)
                          .arg(sigma, 0, 'g', 3));
}
