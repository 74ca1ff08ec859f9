// A fixed-bin histogram over an interval, normalisable to a density.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

namespace sme {

class Histogram {
public:
    // bins equal bins over [lower, upper]; throws sme::Error unless bins >= 1 and lower < upper.
    Histogram(double lower, double upper, int bins);

    // Counts x in its bin (upper itself goes in the last bin); values outside the interval,
    // and NaN, count in total() but in no bin, so density() stays a density of the whole law.
    void add(double x, double weight = 1.0);

    int bins() const { return static_cast<int>(counts_.size()); }
    double lower() const { return lower_; }
    double upper() const { return upper_; }
    double binWidth() const { return width_; }
    // Computed as lower + (upper - lower)(2 bin + 1) / (2 bins): 0.3, not 0.30000000000000004.
    double binCentre(int bin) const
    {
        return lower_ + (upper_ - lower_) * (2.0 * bin + 1.0) / (2.0 * bins());
    }
    // The bin holding x, or -1 when x is outside [lower, upper].
    int binOf(double x) const;
    double count(int bin) const { return counts_[static_cast<std::size_t>(bin)]; }
    double total() const { return total_; }
    const std::vector<double>& counts() const { return counts_; }

    // count / (total * binWidth) per bin; all zero when nothing was added.
    std::vector<double> density() const;

private:
    double lower_;
    double upper_;
    double width_;
    double total_ = 0.0;
    std::vector<double> counts_;
};

} // namespace sme
