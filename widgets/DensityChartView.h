// The distance-density view: exact q(d), its Gaussian limit and a Monte Carlo histogram.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/FigureData.h"

#include <QChartView>

class QLineSeries;
class QValueAxis;

class DensityChartView : public QChartView {
    Q_OBJECT
public:
    explicit DensityChartView(QWidget* parent = nullptr);

    // Shows the figure for dimension n; series are rebuilt with replace(), not append().
    void setFigure(const sme::DensityFigure& figure, int dimension);

    const QLineSeries* exactSeries() const { return exact_; }
    const QLineSeries* gaussianSeries() const { return gaussian_; }
    const QLineSeries* histogramSeries() const { return histogram_; }

private:
    QLineSeries* exact_;
    QLineSeries* gaussian_;
    QLineSeries* histogram_;
    QValueAxis* xAxis_;
    QValueAxis* yAxis_;
};
