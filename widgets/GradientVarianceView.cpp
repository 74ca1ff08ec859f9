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

    // A shade ramp over the references' sigmas: the larger the noise, the darker the curve.
    std::vector<std::size_t> rank(references.size());
    for (std::size_t i = 0; i < references.size(); ++i)
        for (const auto& other : references)
            rank[i] += other.first < references[i].first ? 1 : 0;
    for (std::size_t i = 0; i < references.size(); ++i) {
        const auto& [referenceSigma, curve] = references[i];
        QLineSeries* series = references_[i];
        const double amount = references.size() > 1
                                  ? 0.7 - 0.4 * double(rank[i]) / double(references.size() - 1)
                                  : 0.5;
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
