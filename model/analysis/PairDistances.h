// The pair distances of points on the sphere against q(d): histograms, means and total variation.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/geometry/Histogram.h"

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace sme {

struct PairDistanceLaw {
    Histogram all{0.0, 2.0, 1}, same{0.0, 2.0, 1}, different{0.0, 2.0, 1};
    std::size_t pairs = 0;
    double meanDistance = 0.0, positiveMeanDistance = 0.0, negativeMeanDistance = 0.0;
};

// The distances |x_i - x_j| between the columns of unitPoints (one point a column: contiguous),
// of every pair i < j when there are at most pairSample of them, else of pairSample pairs drawn
// uniformly (i != j, independently) from `seed`. Each distance is computed from the difference
// (not the Gram form, whose rounding would put identical points 1e-8 apart) and clamped to [0, 2].
// A mean over no pair (no two points of one class) is 0.
PairDistanceLaw pairDistanceLaw(const Eigen::Ref<const Eigen::MatrixXd>& unitPoints, std::span<const int> labels,
                                std::size_t pairSample, int bins, std::uint64_t seed);

// The probability of each of `bins` equal bins of [0, 2] under q(d) for dimension n, from
// differences of its CDF.
std::vector<double> sphereLawBinProbabilities(int n, int bins);

// Half the L1 distance between the bin probabilities of histogram and those of q (same bins):
// 0 for the same law, 1 for laws on disjoint bins. 0 for an empty histogram.
double totalVariation(const Histogram& histogram, const std::vector<double>& lawProbabilities);

} // namespace sme
