// How noisy the direction of a negative's gradient is, as a function of the pair distance.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Random.h"

#include <vector>

namespace sme {

struct GradientNoiseSettings {
    int dimension = 128;     // n
    double noise = 0.1;      // sigma, the standard deviation of each coordinate of z
    int trials = 1000;       // Monte Carlo draws of z, shared by every distance
    int gridPoints = 101;    // distances 0, ..., maxDistance, evenly spaced
    double maxDistance = 2.0;

    // Throws sme::Error naming the first setting that is out of range.
    void validate() const;
};

struct GradientVarianceCurve {
    std::vector<double> distance;
    std::vector<double> variance;
};

// PAPER.md §2: the total variance (trace of the covariance) of the unit vector
// (h + z) / ||h + z|| with ||h|| = d and z ~ N(0, sigma^2 I_n), estimated without bias as
// T/(T-1) (1 - ||mean of the unit vectors||^2), for every d of the grid.
// The same draws of z serve every d (common random numbers), so the curve is smooth in d.
// Tends to 1 as d -> 0 and to (n-1) sigma^2 / d^2 -> 0 for d >> sigma sqrt(n).
// At sigma = 0 the direction is exact (variance 0) for d > 0; at d = 0 it is undefined and
// reported as 1, the limit d -> 0 of every sigma > 0.
GradientVarianceCurve gradientDirectionVariance(const GradientNoiseSettings& settings, Rng& rng);

} // namespace sme
