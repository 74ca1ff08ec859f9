// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/geometry/Histogram.h"

#include "model/base/Error.h"

#include <cmath>

namespace sme {

Histogram::Histogram(double lower, double upper, int bins)
    : lower_(lower)
    , upper_(upper)
{
    require(bins >= 1, "a histogram needs at least one bin");
    require(std::isfinite(lower) && std::isfinite(upper) && lower < upper,
            "a histogram needs a finite interval with lower < upper");
    width_ = (upper - lower) / bins;
    counts_.assign(static_cast<std::size_t>(bins), 0.0);
}

int Histogram::binOf(double x) const
{
    if (!(x >= lower_ && x <= upper_))
        return -1;
    const int bin = static_cast<int>((x - lower_) / width_);
    return bin < bins() ? bin : bins() - 1;
}

void Histogram::add(double x, double weight)
{
    total_ += weight;
    if (const int bin = binOf(x); bin >= 0)
        counts_[static_cast<std::size_t>(bin)] += weight;
}

std::vector<double> Histogram::density() const
{
    std::vector<double> result(counts_.size(), 0.0);
    if (total_ > 0.0)
        for (std::size_t i = 0; i < counts_.size(); ++i)
            result[i] = counts_[i] / (total_ * width_);
    return result;
}

} // namespace sme
