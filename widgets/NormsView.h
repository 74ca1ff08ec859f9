// The norms view of embeddings a user brings: how long their vectors are before the analysis
// puts them on the unit sphere, with a line at norm 1.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/geometry/Histogram.h"
#include "widgets/ChartPanel.h"

class QLineSeries;
class QValueAxis;

class NormsView : public ChartPanel {
    Q_OBJECT
public:
    explicit NormsView(QWidget* parent = nullptr);

    // The histogram of the raw norms (as read, before normalisation), their mean, and whether
    // they were on the sphere already: the title says the analysis uses the normalised points.
    void setNorms(const sme::Histogram& norms, double meanNorm, bool alreadyNormalised);

    const QLineSeries* histogramSeries() const { return histogram_; }
    const QLineSeries* unitNormSeries() const { return unitNorm_; }

private:
    QValueAxis* xAxis_;
    QValueAxis* yAxis_;
    QLineSeries* histogram_;
    QLineSeries* unitNorm_;
};
