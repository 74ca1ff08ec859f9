// Round tick values (1, 2 or 5 times a power of ten) on a linear axis whose range follows data.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QValueAxis>
#include <cmath>

// Ticks from 0 every 1, 2 or 5 x 10^k, about intervals of them over the axis' current range;
// the range itself is left alone, so the data keep their headroom (no 0.864, 1.73, 2.59).
inline void useRoundTicks(QValueAxis* axis, int intervals = 4)
{
    const double span = axis->max() - axis->min();
    if (!(span > 0.0) || !std::isfinite(span))
        return;
    const double raw = span / intervals;
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    const double fraction = raw / decade;
    const double step = (fraction < 1.5 ? 1.0 : fraction < 3.5 ? 2.0 : fraction < 7.5 ? 5.0 : 10.0)
                        * decade;
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    if (axis->tickInterval() != step)
        axis->setTickInterval(step);
}

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
