// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/geometry/GradientNoise.h"

#include "model/base/Error.h"
#include "model/geometry/SphereGeometry.h"

#include <Eigen/Core>
#include <cmath>
#include <string>

namespace sme {

void GradientNoiseSettings::validate() const
{
    SphereDistanceLaw{dimension}; // checks the dimension range with its message
    require(std::isfinite(noise) && noise >= 0.0,
            "the noise level sigma must be a finite number >= 0, got " + numberText(noise));
    require(trials >= 2 && trials <= 1'000'000,
            "the number of trials must be between 2 and 1000000, got " + std::to_string(trials));
    require(static_cast<double>(trials) * dimension <= 64e6,
            "trials x dimension is too large (at most 64 million draws)");
    require(gridPoints >= 2 && gridPoints <= 100'000,
            "the distance grid needs between 2 and 100000 points");
    require(std::isfinite(maxDistance) && maxDistance > 0.0,
            "the largest distance must be a finite number > 0");
}

GradientVarianceCurve gradientDirectionVariance(const GradientNoiseSettings& settings, Rng& rng)
{
    settings.validate();
    const Eigen::Index trials = settings.trials;
    const Eigen::Index points = settings.gridPoints;
    GradientVarianceCurve curve;
    curve.distance.resize(static_cast<std::size_t>(points));
    curve.variance.resize(static_cast<std::size_t>(points));
    // d_g = maxDistance * g / (points - 1): exact grid values such as 1.2, not 1.2000000000000002.
    const Eigen::ArrayXd grid = Eigen::ArrayXd::LinSpaced(points, 0.0, double(points - 1))
                                * settings.maxDistance / double(points - 1);
    Eigen::Map<Eigen::ArrayXd>(curve.distance.data(), points) = grid;

    if (settings.noise == 0.0) {
        Eigen::Map<Eigen::ArrayXd>(curve.variance.data(), points)
            = (grid > 0.0).select(Eigen::ArrayXd::Zero(points), 1.0);
        return curve;
    }

    // h = d e_1; z_i is row i of z. ||h + z_i||^2 = ||z_i||^2 + 2 d z_i1 + d^2.
    Eigen::MatrixXd z(trials, settings.dimension);
    fillStandardNormal(z, rng);
    z *= settings.noise;
    const Eigen::ArrayXd squaredNorms = z.rowwise().squaredNorm();
    const Eigen::ArrayXd first = z.col(0);

    // inverseNorms(i, g) = 1 / ||h(d_g) + z_i||.
    Eigen::ArrayXXd squaredSums = 2.0 * (first.matrix() * grid.matrix().transpose()).array();
    squaredSums.colwise() += squaredNorms;
    squaredSums.rowwise() += grid.square().transpose();
    const Eigen::MatrixXd inverseNorms = squaredSums.cwiseMax(0.0).rsqrt().matrix();

    // Mean unit vector, split into the e_1 coordinate and the rest (one GEMM for the rest).
    const Eigen::ArrayXd meanFirst
        = ((inverseNorms.transpose() * first.matrix()).array()
           + grid * inverseNorms.colwise().sum().transpose().array())
          / double(trials);
    Eigen::MatrixXd meanRest(settings.dimension - 1, points);
    meanRest.noalias()
        = z.rightCols(settings.dimension - 1).transpose() * inverseNorms / double(trials);
    const Eigen::ArrayXd squaredMeanNorm
        = meanFirst.square() + meanRest.colwise().squaredNorm().transpose().array();
    const double unbiased = double(trials) / double(trials - 1);
    Eigen::Map<Eigen::ArrayXd>(curve.variance.data(), points)
        = (unbiased * (1.0 - squaredMeanNorm)).cwiseMax(0.0);
    return curve;
}

} // namespace sme
