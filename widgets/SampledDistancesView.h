// The sampled-distances view: where each sampler's negatives lie, overlaid or side by side, on a
// distance axis that zooms.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/FigureData.h"

#include <QWidget>
#include <array>
#include <limits>

class DistanceAxisZoom;
class QLabel;
class QLineSeries;
class QStackedLayout;
class QXYSeries;

class SampledDistancesView : public QWidget {
    Q_OBJECT
public:
    explicit SampledDistancesView(QWidget* parent = nullptr);

    // source names where the distances come from, e.g. "idealised batches, n = 128".
    void setFigure(const sme::SampledDistancesFigure& figure, const QString& source);
    // Vertical lines at lambda and at the non-zero-loss cutoff in every chart.
    void setMarkers(double lambda, double nonzeroLossCutoff);
    // All four samplers in one chart, or a 2 x 2 grid with one chart per sampler.
    void setOverlaid(bool overlaid);
    bool overlaid() const;

    QString title() const;
    // Indexed by SamplerKind: the overlaid chart's series, then the grid's.
    QList<const QXYSeries*> samplerSeries() const;
    QList<const QXYSeries*> sideBySideSeries() const;
    // The distance axis's zoom, shared by every chart of the view.
    DistanceAxisZoom* zoom() const { return zoom_; }

private:
    class Panel; // a ChartPanel holding some samplers' histograms and the two markers
    void updateGridTitle();

    QStackedLayout* stack_;
    Panel* overlay_;
    QLabel* gridTitle_;
    std::array<Panel*, 4> single_{};
    std::array<QLineSeries*, 4> overlaidSeries_{};
    std::array<QLineSeries*, 4> singleSeries_{};
    DistanceAxisZoom* zoom_;
    bool markersShown_ = false;
};
