// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/geometry/SpherePoints.h"

#include "model/base/Error.h"

#include <algorithm>
#include <cmath>

namespace sme {

Eigen::MatrixXd uniformPointsOnSphere(Eigen::Index count, int n, Rng& rng)
{
    require(count >= 0, "the number of points cannot be negative");
    require(n >= 1, "the dimension must be positive");
    Eigen::MatrixXd points(count, n);
    fillStandardNormal(points, rng);
    // A standard Gaussian vector is rotation invariant: its direction is uniform.
    return normalizedRows(points);
}

Eigen::MatrixXd normalizedRows(const Eigen::Ref<const Eigen::MatrixXd>& points)
{
    // Eigen's rowwise().normalize() would turn a zero row into NaN: divide by 1 there.
    Eigen::VectorXd norms = points.rowwise().norm();
    norms = (norms.array() > 0.0).select(norms, 1.0);
    return points.array().colwise() / norms.array();
}

Eigen::MatrixXd pairwiseDistances(const Eigen::Ref<const Eigen::MatrixXd>& points)
{
    const Eigen::VectorXd squaredNorms = points.rowwise().squaredNorm();
    Eigen::MatrixXd distances(points.rows(), points.rows());
    distances.noalias() = -2.0 * points * points.transpose();
    distances.colwise() += squaredNorms;
    distances.rowwise() += squaredNorms.transpose();
    distances = distances.cwiseMax(0.0).cwiseSqrt();
    distances.diagonal().setZero();
    return distances;
}

Histogram pairwiseDistanceHistogram(const Eigen::Ref<const Eigen::MatrixXd>& unitPoints,
                                    int bins)
{
    Histogram histogram(0.0, 2.0, bins);
    const Eigen::Index m = unitPoints.rows();
    Eigen::MatrixXd gram = Eigen::MatrixXd::Zero(m, m);
    gram.selfadjointView<Eigen::Lower>().rankUpdate(unitPoints);
    // For unit vectors D^2 = 2 - 2 <x_i, x_j>; clamp into [0, 2] against rounding.
    for (Eigen::Index j = 0; j < m; ++j)
        for (Eigen::Index i = j + 1; i < m; ++i)
            histogram.add(std::min(2.0, std::sqrt(std::max(0.0, 2.0 - 2.0 * gram(i, j)))));
    return histogram;
}

} // namespace sme
