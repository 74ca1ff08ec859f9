// The gradient-noise view: variance of a negative's gradient direction against the distance.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/geometry/GradientNoise.h"
#include "widgets/ChartPanel.h"

#include <utility>
#include <vector>

class QLineSeries;
class QLogValueAxis;
class QValueAxis;

class GradientVarianceView : public ChartPanel {
    Q_OBJECT
public:
    explicit GradientVarianceView(QWidget* parent = nullptr);

    // The curve of the current noise level sigma, bold, in front of the reference curves
    // (each with its own sigma), faded; all for embedding dimension n.
    void setCurves(const sme::GradientVarianceCurve& current, double sigma, int dimension,
                   const std::vector<std::pair<double, sme::GradientVarianceCurve>>& references);

    const QLineSeries* currentSeries() const { return current_; }
    int referenceCount() const { return int(references_.size()); }
    // In the order the references were given.
    QList<const QLineSeries*> referenceSeries() const;
    // How far a reference curve of noise sigma is faded towards the background: set by sigma
    // alone (darker for more noise), so its shade stays as the current sigma changes.
    static double referenceFading(double sigma);

private:
    // Adds or removes reference series until there are count, the current curve on top.
    void resizeReferences(std::size_t count);

    QValueAxis* xAxis_;
    QLogValueAxis* yAxis_;
    QLineSeries* current_;
    std::vector<QLineSeries*> references_;
};
