// Axes whose text fits them: round ticks on linear axes (1, 2 or 5 times a power of ten), as
// many as the axis' length in pixels has room for; log axes that skip decades when crowded;
// axis titles that shrink, then wrap, rather than being elided.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFont>
#include <QString>
#include <cmath>

class QAbstractAxis;
class QLogValueAxis;
class QValueAxis;

// The smallest of 1, 2 or 5 x 10^k that divides span into at most maxIntervals intervals.
double roundTickStep(double span, int maxIntervals);
// The decimals that print every multiple of step exactly: 0 for 1, 2, 5, 10; 1 for 0.5; 2 for
// 0.25 (a format of "%.3g" printed the tick Qt reaches as -0.3 + 0.1 + 0.1 + 0.1 "-5.6e-17").
int tickDecimals(double step);
QString tickLabelFormat(double step);

// Ticks from 0 every roundTickStep over the axis' current range, as many intervals as its
// length holds (ChartPanel records it: see fitAxisText), or `intervals` before the axis has
// been laid out. The range itself is left alone, so the data keep their headroom (no 0.864,
// 1.73, 2.59). Marks the axis as having round ticks: ChartPanel refits them as it resizes.
void useRoundTicks(QValueAxis* axis, int intervals = 4);

// For ChartPanel: the axis laid out along `length` pixels. A linear axis left with fixed ticks
// or given round ticks gets round ticks for that length; one whose view chose its own interval
// keeps it, with a label format that prints it exactly; a log axis skips decades when they are
// crowded; a title longer than the axis is shrunk down to titleFloorScale, then wrapped onto
// more lines. Returns whether anything changed.
bool fitAxisText(QAbstractAxis* axis, double length);

// The title font the view or a style set, before any shrinking (what a style remembers).
QFont axisBaseTitleFont(const QAbstractAxis* axis);

// Axis titles shrink to at most this fraction of their font, never below minimumTitlePoints.
inline constexpr double titleFloorScale = 0.75;
inline constexpr double minimumTitlePoints = 7.0;

// The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten that is at least
// value (> 0): an axis end with a little room past the data, without a jump to the next power
// of ten.
inline double roundedUp(double value)
{
    const double power = std::pow(10.0, std::floor(std::log10(value)));
    for (double mantissa : {1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0})
        if (mantissa * power >= value)
            return mantissa * power;
    return 10.0 * power;
}
