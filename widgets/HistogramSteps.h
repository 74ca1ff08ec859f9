// Histogram bins drawn as a step line: two points per bin, flat across the bin's width.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <vector>

struct HistogramSteps {
    std::vector<double> x;
    std::vector<double> y;
};

// centres: the bins' centres, increasing; heights: one value per bin. Each bin reaches
// halfway to its neighbours (the outer bins as far out as inward), so equal bins stay equal.
inline HistogramSteps histogramSteps(const std::vector<double>& centres,
                                     const std::vector<double>& heights)
{
    HistogramSteps steps;
    const std::size_t bins = centres.size() < heights.size() ? centres.size() : heights.size();
    if (bins < 2)
        return steps;
    steps.x.reserve(2 * bins);
    steps.y.reserve(2 * bins);
    for (std::size_t i = 0; i < bins; ++i) {
        const double left = i > 0 ? centres[i] - 0.5 * (centres[i] - centres[i - 1])
                                  : centres[0] - 0.5 * (centres[1] - centres[0]);
        const double right = i + 1 < bins ? centres[i] + 0.5 * (centres[i + 1] - centres[i])
                                          : centres[i] + 0.5 * (centres[i] - centres[i - 1]);
        steps.x.insert(steps.x.end(), {left, right});
        steps.y.insert(steps.y.end(), {heights[i], heights[i]});
    }
    return steps;
}
