// The distance-density view: exact q(d), its Gaussian limit and a Monte Carlo histogram, on a
// distance axis that zooms.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/FigureData.h"
#include "widgets/ChartPanel.h"

#include <limits>

class DistanceAxisZoom;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;

class DensityChartView : public ChartPanel {
    Q_OBJECT
public:
    explicit DensityChartView(QWidget* parent = nullptr);

    // Shows the figure for dimension n (kept, so the scale can change without the model).
    void setFigure(const sme::DensityFigure& figure, int dimension);
    // Vertical lines, labelled at their top, at lambda (the distance weighted sampler's clip)
    // and at the non-zero-loss cutoff; a non-finite value leaves its line out.
    void setMarkers(double lambda, double nonzeroLossCutoff);
    // Density axis logarithmic (non-positive values left out) or linear from 0.
    void setLogScale(bool on);
    bool logScale() const { return logScale_; }

    const QLineSeries* exactSeries() const { return exact_; }
    const QLineSeries* gaussianSeries() const { return gaussian_; }
    const QLineSeries* histogramSeries() const { return histogram_; }
    const QLineSeries* lambdaSeries() const { return lambdaLine_; }
    const QLineSeries* nonzeroLossCutoffSeries() const { return cutoffLine_; }
    // The distance axis's zoom (wheel, drag, context menu; fitted at large n).
    DistanceAxisZoom* zoom() const { return zoom_; }

private:
    // Rebuilds every series for the current scale and fits the density axis.
    void showFigure();

    QValueAxis* xAxis_;
    QValueAxis* linearAxis_;
    QLogValueAxis* logAxis_;
    QLineSeries* histogram_;
    QLineSeries* exact_;
    QLineSeries* gaussian_;
    QLineSeries* lambdaLine_;
    QLineSeries* cutoffLine_;
    DistanceAxisZoom* zoom_;
    sme::DensityFigure figure_;
    double lambda_ = std::numeric_limits<double>::quiet_NaN();
    double nonzeroLossCutoff_ = std::numeric_limits<double>::quiet_NaN();
    bool logScale_ = false;
};
