// A vertical reference line (lambda, a cutoff) as a two-point series named by a label at its top.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QXYSeries>
#include <cmath>

// Writes the series' name above its top point instead of in the legend; call once, after the
// series is on the chart.
inline void labelVerticalMarker(QChart* chart, QXYSeries* series)
{
    series->setPointLabelsFormat(series->name());
    series->setPointLabelsColor(series->pen().color());
    series->setPointLabelsClipping(false);
    series->setPointLabelsVisible(true);
    for (QLegendMarker* marker : chart->legend()->markers(series))
        marker->setVisible(false);
}

// The line at x from bottom to top (two points, replaced at once); empty when x is not finite.
inline void showVerticalMarker(QXYSeries* series, double x, double bottom, double top)
{
    if (!std::isfinite(x)) {
        series->clear();
        return;
    }
    series->replace({QPointF(x, bottom), QPointF(x, top)});
    series->setPointConfiguration(0, QXYSeries::PointConfiguration::LabelVisibility, false);
}
