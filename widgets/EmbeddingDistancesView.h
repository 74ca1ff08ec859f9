// The pair-distances view of embeddings a user brings: the histogram of their pair distances
// (of the L2-normalised points) against q(d) for their dimension and its Gaussian limit, for
// all pairs or split into same-class and different-class pairs.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/analysis/EmbeddingAnalysis.h"
#include "model/figures/FigureData.h"
#include "widgets/ChartPanel.h"

class DistanceAxisZoom;
class QLineSeries;
class QValueAxis;

class EmbeddingDistancesView : public ChartPanel {
    Q_OBJECT
public:
    explicit EmbeddingDistancesView(QWidget* parent = nullptr);

    // sphereLaw: q(d) and its Gaussian limit for n = analysis.dimension at the bin centres of
    // the analysis's pair histograms (its Monte Carlo column unused); empty columns leave the
    // curves out (a dimension q(d) is not computed for).
    void setAnalysis(const sme::EmbeddingAnalysis& analysis, const sme::DensityFigure& sphereLaw);
    // All pairs in one histogram, or same-class and different-class pairs in two.
    void setSplitByClass(bool split);
    bool splitByClass() const { return split_; }

    const QLineSeries* exactSeries() const { return exact_; }
    const QLineSeries* gaussianSeries() const { return gaussian_; }
    const QLineSeries* allPairsSeries() const { return allPairs_; }
    const QLineSeries* samePairsSeries() const { return samePairs_; }
    const QLineSeries* differentPairsSeries() const { return differentPairs_; }
    DistanceAxisZoom* zoom() const { return zoom_; }

private:
    void showAnalysis();

    QValueAxis* xAxis_;
    QValueAxis* yAxis_;
    QLineSeries* exact_;
    QLineSeries* gaussian_;
    QLineSeries* allPairs_;
    QLineSeries* samePairs_;
    QLineSeries* differentPairs_;
    DistanceAxisZoom* zoom_;
    sme::EmbeddingAnalysis analysis_;
    sme::DensityFigure sphereLaw_;
    // The histograms' densities at their bin centres, kept for the zoom's curves.
    std::vector<double> centres_, all_, same_, different_;
    bool split_ = false;
};
