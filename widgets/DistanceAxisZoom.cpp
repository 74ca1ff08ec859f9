// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/DistanceAxisZoom.h"

#include "widgets/AxisTicks.h"

#include <QChart>
#include <QContextMenuEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QValueAxis>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

namespace {

constexpr double narrowestRange = 0.005;
constexpr double wheelStep = 0.85; // the range's width after one notch of the wheel

// The middle fittedMass of the curves' summed mass (each curve normalised first), widened by
// a fifth of its width and a hundredth on each side.
std::pair<double, double> massRange(const std::vector<double>& x,
                                    const std::vector<const std::vector<double>*>& densities)
{
    std::vector<double> mass(x.size(), 0.0);
    for (const std::vector<double>* column : densities) {
        if (!column || column->size() != x.size())
            continue;
        double total = 0.0;
        for (double v : *column)
            total += std::isfinite(v) && v > 0.0 ? v : 0.0;
        if (total > 0.0)
            for (std::size_t i = 0; i < x.size(); ++i)
                mass[i] += std::isfinite((*column)[i]) && (*column)[i] > 0.0 ? (*column)[i] / total : 0.0;
    }
    double total = 0.0;
    for (double m : mass)
        total += m;
    if (!(total > 0.0) || x.size() < 2)
        return {DistanceAxisZoom::fullMinimum, DistanceAxisZoom::fullMaximum};
    const double tail = 0.5 * (1.0 - DistanceAxisZoom::fittedMass) * total;
    std::size_t first = 0;
    for (double seen = mass[0]; seen <= tail && first + 1 < x.size(); seen += mass[++first]) {}
    std::size_t last = x.size() - 1;
    for (double seen = mass[last]; seen <= tail && last > first; seen += mass[--last]) {}
    const double halfBin = 0.5 * (x[1] - x[0]);
    const double low = x[first] - halfBin;
    const double high = x[last] + halfBin;
    const double margin = 0.2 * (high - low) + 0.01;
    return {std::max(DistanceAxisZoom::fullMinimum, low - margin), std::min(DistanceAxisZoom::fullMaximum, high + margin)};
}

} // namespace

DistanceAxisZoom::DistanceAxisZoom(QChartView* view, QValueAxis* axis, QObject* parent)
    : QObject(parent ? parent : view)
{
    addChart(view, axis);
}

void DistanceAxisZoom::addChart(QChartView* view, QValueAxis* axis)
{
    views_.push_back(view);
    axes_.push_back(axis);
    view->viewport()->installEventFilter(this);
    axis->setRange(range_.first, range_.second);
}

void DistanceAxisZoom::setCurves(const std::vector<double>& x,
                                 const std::vector<const std::vector<double>*>& densities)
{
    fitted_ = massRange(x, densities);
    const double width = fitted_.second - fitted_.first;
    const double middle = 0.5 * (fitted_.first + fitted_.second);
    const bool keep = byHand_ && width < keepWithinWidthFactor * fittedWidthWhenChosen_
                      && width > fittedWidthWhenChosen_ / keepWithinWidthFactor && middle > range_.first
                      && middle < range_.second;
    if (keep)
        return;
    if (width < openFittedBelow)
        setRange(fitted_.first, fitted_.second, false);
    else
        setRange(fullMinimum, fullMaximum, false);
}

void DistanceAxisZoom::fitToData()
{
    setRange(fitted_.first, fitted_.second, true);
}

void DistanceAxisZoom::showFullRange()
{
    setRange(fullMinimum, fullMaximum, true);
}

void DistanceAxisZoom::zoomAround(double x, double factor)
{
    const double width = std::clamp((range_.second - range_.first) * factor, narrowestRange, fullMaximum - fullMinimum);
    const double share = (x - range_.first) / (range_.second - range_.first);
    double minimum = x - share * width;
    minimum = std::clamp(minimum, fullMinimum, fullMaximum - width);
    setRange(minimum, minimum + width, true);
}

void DistanceAxisZoom::panBy(double distance)
{
    const double width = range_.second - range_.first;
    const double minimum = std::clamp(range_.first + distance, fullMinimum, fullMaximum - width);
    setRange(minimum, minimum + width, true);
}

void DistanceAxisZoom::setRange(double minimum, double maximum, bool byHand)
{
    if (byHand) {
        fittedWidthWhenChosen_ = fitted_.second - fitted_.first;
        byHand_ = true;
    } else {
        byHand_ = false;
    }
    range_ = {minimum, maximum};
    for (QValueAxis* axis : axes_) {
        if (axis->min() != minimum || axis->max() != maximum)
            axis->setRange(minimum, maximum);
        useRoundTicks(axis, 4);
    }
}

int DistanceAxisZoom::viewIndex(QObject* viewport) const
{
    for (std::size_t i = 0; i < views_.size(); ++i)
        if (views_[i] && views_[i]->viewport() == viewport)
            return int(i);
    return -1;
}

double DistanceAxisZoom::distanceAt(int i, const QPointF& viewportPosition) const
{
    QChartView* view = views_[std::size_t(i)];
    const QPointF inChart = view->chart()->mapFromScene(view->mapToScene(viewportPosition.toPoint()));
    const QRectF area = view->chart()->plotArea();
    return range_.first + (inChart.x() - area.left()) / area.width() * (range_.second - range_.first);
}

double DistanceAxisZoom::pixelsPerUnit(int i) const
{
    return views_[std::size_t(i)]->chart()->plotArea().width() / (range_.second - range_.first);
}

bool DistanceAxisZoom::eventFilter(QObject* watched, QEvent* event)
{
    // Only these events touch the chart: others come while a view is being destroyed too.
    const QEvent::Type type = event->type();
    if (type != QEvent::Wheel && type != QEvent::MouseButtonPress && type != QEvent::MouseMove
        && type != QEvent::MouseButtonRelease && type != QEvent::ContextMenu)
        return QObject::eventFilter(watched, event);
    const int i = viewIndex(watched);
    if (i < 0 || !views_[std::size_t(i)]->chart() || views_[std::size_t(i)]->chart()->plotArea().width() <= 0.0)
        return QObject::eventFilter(watched, event);
    switch (type) {
    case QEvent::Wheel: {
        auto* wheel = static_cast<QWheelEvent*>(event);
        const double notches = wheel->angleDelta().y() / 120.0;
        if (notches == 0.0)
            return false;
        zoomAround(std::clamp(distanceAt(i, wheel->position()), range_.first, range_.second),
                   std::pow(wheelStep, notches));
        return true;
    }
    case QEvent::MouseButtonPress: {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (mouse->button() == Qt::LeftButton) {
            dragging_ = i;
            dragFrom_ = mouse->position();
        }
        return false; // a double-click still enlarges the view
    }
    case QEvent::MouseMove: {
        auto* mouse = static_cast<QMouseEvent*>(event);
        if (dragging_ != i || !(mouse->buttons() & Qt::LeftButton))
            return false;
        const double pixels = mouse->position().x() - dragFrom_.x();
        if (std::abs(pixels) < 1.0)
            return false;
        panBy(-pixels / pixelsPerUnit(i));
        dragFrom_ = mouse->position();
        return true;
    }
    case QEvent::MouseButtonRelease:
        dragging_ = -1;
        return false;
    case QEvent::ContextMenu: {
        QMenu menu;
        menu.addAction(tr("Fit to data"), this, &DistanceAxisZoom::fitToData);
        menu.addAction(tr("Full range 0\u2013" "2"), this, &DistanceAxisZoom::showFullRange);
        menu.exec(static_cast<QContextMenuEvent*>(event)->globalPos());
        return true;
    }
    default: return QObject::eventFilter(watched, event);
    }
}
