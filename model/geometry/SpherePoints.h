// Uniform points on the sphere and their pairwise distances, through the Gram matrix.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/geometry/Histogram.h"
#include "model/base/Random.h"

#include <Eigen/Core>

namespace sme {

// count points uniform on S^{n-1}, one per row: normalised standard Gaussian vectors.
Eigen::MatrixXd uniformPointsOnSphere(Eigen::Index count, int n, Rng& rng);

// Returns the rows of points scaled to unit length; a zero row stays zero (never NaN).
Eigen::MatrixXd normalizedRows(const Eigen::Ref<const Eigen::MatrixXd>& points);

// D_ij = ||x_i - x_j|| for the rows of points, from one GEMM:
// D_ij^2 = ||x_i||^2 + ||x_j||^2 - 2 <x_i, x_j>, clamped at 0 against rounding. Points need not
// be on the sphere. The diagonal is exactly 0.
Eigen::MatrixXd pairwiseDistances(const Eigen::Ref<const Eigen::MatrixXd>& points);

// Histogram over [0, 2] of the M(M-1)/2 distances between the rows of unitPoints (points on
// the sphere), computed from the lower half of the Gram matrix (a symmetric rank update),
// not from a double loop of norms. Distances a rounding error above 2 count in the last bin.
Histogram pairwiseDistanceHistogram(const Eigen::Ref<const Eigen::MatrixXd>& unitPoints,
                                    int bins);

} // namespace sme
