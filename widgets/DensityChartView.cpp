// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/DensityChartView.h"

#include <QChart>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

DensityChartView::DensityChartView(QWidget* parent)
    : QChartView(parent)
    , exact_(new QLineSeries)
    , gaussian_(new QLineSeries)
    , histogram_(new QLineSeries)
    , xAxis_(new QValueAxis)
    , yAxis_(new QValueAxis)
{
    auto* chart = new QChart;
    histogram_->setName(tr("Monte Carlo histogram"));
    histogram_->setPen(QPen(QColor(150, 150, 150), 1.5));
    exact_->setName(tr("exact q(d)"));
    exact_->setPen(QPen(QColor(31, 119, 180), 2.5));
    gaussian_->setName(tr("Gaussian limit N(\u221A2, 1/(2n))"));
    gaussian_->setPen(QPen(QColor(214, 39, 40), 2.0, Qt::DashLine));
    for (QLineSeries* series : {histogram_, exact_, gaussian_})
        chart->addSeries(series);
    xAxis_->setTitleText(tr("distance d"));
    xAxis_->setRange(0.0, 2.0);
    xAxis_->setTickCount(5);
    yAxis_->setTitleText(tr("density"));
    chart->addAxis(xAxis_, Qt::AlignBottom);
    chart->addAxis(yAxis_, Qt::AlignLeft);
    for (QLineSeries* series : {histogram_, exact_, gaussian_}) {
        series->attachAxis(xAxis_);
        series->attachAxis(yAxis_);
    }
    chart->legend()->setAlignment(Qt::AlignTop);
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
}

void DensityChartView::setFigure(const sme::DensityFigure& figure, int dimension)
{
    QList<QPointF> exact;
    QList<QPointF> gaussian;
    double top = 0.0;
    for (std::size_t i = 0; i < figure.distance.size(); ++i) {
        exact.append({figure.distance[i], figure.exact[i]});
        gaussian.append({figure.distance[i], figure.gaussianLimit[i]});
        top = std::max({top, figure.exact[i], figure.gaussianLimit[i]});
    }
    // The histogram as steps: each bin drawn flat across its width.
    QList<QPointF> steps;
    if (!figure.monteCarlo.empty() && figure.distance.size() > 1) {
        const double half = 0.5 * (figure.distance[1] - figure.distance[0]);
        for (std::size_t i = 0; i < figure.monteCarlo.size(); ++i) {
            steps.append({figure.distance[i] - half, figure.monteCarlo[i]});
            steps.append({figure.distance[i] + half, figure.monteCarlo[i]});
            top = std::max(top, figure.monteCarlo[i]);
        }
    }
    exact_->replace(exact);
    gaussian_->replace(gaussian);
    histogram_->replace(steps);
    yAxis_->setRange(0.0, top > 0.0 ? 1.05 * top : 1.0);
    chart()->setTitle(tr("Distances between random points on the sphere, n = %1 "
                         "(total variation to the Gaussian limit %2)")
                          .arg(dimension)
                          .arg(figure.totalVariation, 0, 'f', 4));
}
