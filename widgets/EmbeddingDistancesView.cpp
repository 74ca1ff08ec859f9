// The pair-distances view of a user's embeddings: their histograms drawn as steps over q(d).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/EmbeddingDistancesView.h"

#include "widgets/AxisTicks.h"
#include "widgets/DistanceAxisZoom.h"
#include "widgets/HistogramSteps.h"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>

namespace {

std::vector<double> binCentres(const sme::Histogram& histogram)
{
    std::vector<double> centres(std::size_t(histogram.bins()));
    for (int bin = 0; bin < histogram.bins(); ++bin)
        centres[std::size_t(bin)] = histogram.binCentre(bin);
    return centres;
}

double peak(const std::vector<double>& values)
{
    return values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
}

} // namespace

EmbeddingDistancesView::EmbeddingDistancesView(QWidget* parent)
    : ChartPanel(tr("Pair distances of the embeddings"), parent)
    , xAxis_(addValueAxis(Qt::AlignBottom, tr("distance d (of the L2-normalised points)")))
    , yAxis_(addValueAxis(Qt::AlignLeft, tr("density")))
{
    yAxis_->setRange(0.0, 1.0);
    exact_ = addLine(tr("q(d) of points uniform on the sphere"), QColor(31, 119, 180), 2.5, xAxis_, yAxis_);
    gaussian_ = addLine(tr("Gaussian limit N(\u221A" "2, 1/(2n))"), QColor(214, 39, 40), 2.0, xAxis_, yAxis_,
                        Qt::DashLine);
    // The data over the curves, as steps: its bins are what was measured.
    allPairs_ = addLine(tr("all pairs"), QColor(50, 50, 50), 1.8, xAxis_, yAxis_);
    samePairs_ = addLine(tr("same class"), QColor(44, 160, 44), 2.0, xAxis_, yAxis_);
    differentPairs_ = addLine(tr("different classes"), QColor(255, 127, 14), 2.0, xAxis_, yAxis_);
    chart()->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    zoom_ = new DistanceAxisZoom(this, xAxis_);
    samePairs_->setVisible(false);
    differentPairs_->setVisible(false);
}

void EmbeddingDistancesView::setAnalysis(const sme::EmbeddingAnalysis& analysis, const sme::DensityFigure& sphereLaw)
{
    analysis_ = analysis;
    sphereLaw_ = sphereLaw;
    centres_ = binCentres(analysis.allPairs);
    all_ = analysis.allPairs.density();
    same_ = analysis.samePairs.density();
    different_ = analysis.differentPairs.density();
    showAnalysis();
}

void EmbeddingDistancesView::setSplitByClass(bool split)
{
    if (split == split_)
        return;
    split_ = split;
    showAnalysis();
}

void EmbeddingDistancesView::showAnalysis()
{
    const sme::EmbeddingAnalysis& a = analysis_;
    allPairs_->setVisible(!split_);
    samePairs_->setVisible(split_);
    differentPairs_->setVisible(split_);
    // Every pair, or a sample of them (pairSample): the legend says which.
    const double everyPair = 0.5 * double(a.points) * (double(a.points) - 1.0);
    const QString sampled = a.allPairs.total() < everyPair ? tr(", sampled") : QString();
    allPairs_->setName(tr("all pairs (%L1%2)").arg(a.allPairs.total(), 0, 'f', 0).arg(sampled));
    samePairs_->setName(tr("same class (%L1 pairs%2; total variation to q(d): %3)")
                            .arg(a.samePairs.total(), 0, 'f', 0).arg(sampled).arg(a.tvSameToSphereLaw, 0, 'f', 3));
    differentPairs_->setName(tr("different classes (%L1 pairs%2; total variation to q(d): %3)")
                                 .arg(a.differentPairs.total(), 0, 'f', 0).arg(sampled)
                                 .arg(a.tvDifferentToSphereLaw, 0, 'f', 3));
    const HistogramSteps all = histogramSteps(centres_, all_);
    const HistogramSteps same = histogramSteps(centres_, same_);
    const HistogramSteps different = histogramSteps(centres_, different_);
    setPoints(allPairs_, all.x, all.y);
    setPoints(samePairs_, same.x, same.y);
    setPoints(differentPairs_, different.x, different.y);
    setPoints(exact_, sphereLaw_.distance, sphereLaw_.exact);
    setPoints(gaussian_, sphereLaw_.distance, sphereLaw_.gaussianLimit);

    std::vector<const std::vector<double>*> shown;
    if (sphereLaw_.exact.size() == centres_.size())
        shown.push_back(&sphereLaw_.exact);
    if (split_)
        shown.insert(shown.end(), {&same_, &different_});
    else
        shown.push_back(&all_);
    double top = 0.0;
    for (const std::vector<double>* curve : shown)
        top = std::max(top, peak(*curve));
    // Where the data lie and where q(d) lies, both in view: that gap is the figure's point.
    zoom_->setCurves(centres_, shown);
    setRange(yAxis_, 0.0, top > 0.0 ? 1.05 * top : 1.0);
    useRoundTicks(yAxis_);
    const QString normalised = a.alreadyNormalised ? QString() : tr(" (L2-normalised)");
    setTitle(split_ ? tr("Same-class and different-class pair distances of %L1 embeddings%2, n = %3, against "
                         "q(d) of points uniform on the sphere")
                          .arg(a.points).arg(normalised).arg(a.dimension)
                    : tr("Pair distances of %L1 embeddings%2, n = %3, against q(d) of points uniform on the "
                         "sphere (total variation: %4)")
                          .arg(a.points).arg(normalised).arg(a.dimension).arg(a.tvToSphereLaw, 0, 'f', 3));
}
