// Zoom and pan of the distance axis (0 to 2) of the distance views: the wheel zooms around the
// cursor, a drag pans, the context menu fits the axis to the data or shows the full range.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QChartView>
#include <utility>
#include <vector>

class QValueAxis;

class DistanceAxisZoom : public QObject {
    Q_OBJECT
public:
    // The distance axis of view; more charts can share the range (addChart).
    DistanceAxisZoom(QChartView* view, QValueAxis* axis, QObject* parent = nullptr);
    // A chart whose distance axis shows the same range, zoomed and panned from it as well.
    void addChart(QChartView* view, QValueAxis* axis);

    static constexpr double fullMinimum = 0.0;
    static constexpr double fullMaximum = 2.0;
    // The share of the curves' mass a fitted range holds (then a margin is added).
    static constexpr double fittedMass = 0.999;
    // A fitted range narrower than this opens fitted (the density at n >= 512); a wider one
    // opens on the full range, where the shape of the curves over 0 to 2 is the lesson.
    static constexpr double openFittedBelow = 0.35;
    // A range chosen by hand (wheel, drag, menu) is kept for new curves while their fitted
    // range keeps its width within this factor and its middle in view: the width of q(d)'s
    // peak goes as 1/sqrt(n), so this is n changing by less than about 2.25 times (e.g. 128
    // to 256: the same peak, a little narrower). A larger change (128 to 1024) would leave the
    // peak a needle or outside the range chosen for another n: the view opens afresh.
    static constexpr double keepWithinWidthFactor = 1.5;

    // New curves: densities over the same bin centres x (each normalised or not); a column
    // may be empty. Sets the range by the rule above.
    void setCurves(const std::vector<double>& x, const std::vector<const std::vector<double>*>& densities);
    // The range holding fittedMass of the curves' total mass (each curve counted alike), with a
    // margin, within [0, 2]; the full range without data.
    std::pair<double, double> fittedRange() const { return fitted_; }
    std::pair<double, double> range() const { return range_; }
    bool chosenByHand() const { return byHand_; }

    void fitToData();
    void showFullRange();
    // Zooms by factor (< 1 zooms in) keeping distance x in place; pans by a distance.
    void zoomAround(double x, double factor);
    void panBy(double distance);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void setRange(double minimum, double maximum, bool byHand);
    int viewIndex(QObject* viewport) const;
    // The distance under a viewport position of chart i, and the pixels one unit spans.
    double distanceAt(int i, const QPointF& viewportPosition) const;
    double pixelsPerUnit(int i) const;

    std::vector<QPointer<QChartView>> views_; // some may go first when a view is destroyed
    std::vector<QValueAxis*> axes_;
    std::pair<double, double> fitted_{fullMinimum, fullMaximum};
    std::pair<double, double> range_{fullMinimum, fullMaximum};
    bool byHand_ = false;
    double fittedWidthWhenChosen_ = 0.0;
    int dragging_ = -1; // the chart being dragged, or -1
    QPointF dragFrom_;
};
