// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/LabelPlacement.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

// How far the values low..high are from the band [bottom, top]: 0 when they meet it.
double gap(double low, double high, double bottom, double top)
{
    if (high < bottom)
        return bottom - high;
    if (low > top)
        return low - top;
    return 0.0;
}

// How far a curve comes to the box [from, to] x [bottom, top]: over each of its segments'
// parts within [from, to] (linear, so their ends bound them), and its points within.
double clearance(const QList<QPointF>& curve, double from, double to, double bottom, double top)
{
    double nearest = std::numeric_limits<double>::infinity();
    for (qsizetype i = 0; i < curve.size(); ++i) {
        const QPointF& a = curve[i];
        if (a.x() >= from && a.x() <= to)
            nearest = std::min(nearest, gap(a.y(), a.y(), bottom, top));
        if (i + 1 == curve.size())
            break;
        const QPointF& b = curve[i + 1];
        const double low = std::max(std::min(a.x(), b.x()), from);
        const double high = std::min(std::max(a.x(), b.x()), to);
        if (low > high || a.x() == b.x())
            continue;
        const auto at = [&](double x) { return a.y() + (b.y() - a.y()) * (x - a.x()) / (b.x() - a.x()); };
        const double y0 = at(low);
        const double y1 = at(high);
        nearest = std::min(nearest, gap(std::min(y0, y1), std::max(y0, y1), bottom, top));
    }
    return nearest;
}

} // namespace

double clearestLabelCentre(std::span<const QList<QPointF>> curves, double y, double left, double right,
                           QSizeF label, double enough, double preferred)
{
    const double half = 0.5 * label.width();
    const double first = left + half;
    const double last = right - half;
    if (!(last > first))
        return 0.5 * (left + right); // no room to choose: in the middle
    constexpr int places = 24;
    double best = preferred;
    double bestClearance = -1.0;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (int i = 0; i <= places; ++i) {
        const double centre = first + (last - first) * i / places;
        double clear = std::numeric_limits<double>::infinity();
        for (const QList<QPointF>& curve : curves)
            clear = std::min(clear, clearance(curve, centre - half, centre + half, y, y + label.height()));
        clear = std::min(clear, enough);
        const double distance = std::abs(centre - preferred);
        if (clear > bestClearance || (clear == bestClearance && distance < bestDistance)) {
            best = centre;
            bestClearance = clear;
            bestDistance = distance;
        }
    }
    return best;
}
