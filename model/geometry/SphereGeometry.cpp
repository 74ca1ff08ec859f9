// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/geometry/SphereGeometry.h"

#include "model/base/Error.h"
#include "model/base/IncompleteBeta.h"

#include <cmath>
#include <limits>
#include <numbers>
#include <string>

namespace sme {
namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();

// exponent * logBase, with 0 * log(0) = 0: the factor x^0 is 1 even at x = 0.
double logPower(double exponent, double logBase)
{
    return exponent == 0.0 ? 0.0 : exponent * logBase;
}

// Integral of f over [0, 2] through d = 2 sin(theta/2), dd = cos(theta/2) dtheta.
// In theta the integrand q(d) cos(theta/2) is proportional to sin^(n-2)(theta): smooth and
// bounded for every n, including n = 2 where q itself is unbounded at d = 2. Midpoint rule,
// which never evaluates the end points.
template <class F>
double integrateOverDistance(F&& f, int intervals)
{
    const double h = std::numbers::pi / intervals;
    double sum = 0.0;
    for (int i = 0; i < intervals; ++i) {
        const double theta = (i + 0.5) * h;
        sum += f(2.0 * std::sin(0.5 * theta)) * std::cos(0.5 * theta);
    }
    return sum * h;
}

} // namespace

SphereDistanceLaw::SphereDistanceLaw(int n)
    : n_(n)
{
    require(n >= minDimension && n <= maxDimension, [n] {
        return "embedding dimension must be between " + std::to_string(minDimension) + " and "
               + std::to_string(maxDimension) + ", got " + std::to_string(n);
    });
    logNormaliser_ = logGamma(0.5 * n) - 0.5 * std::log(std::numbers::pi)
                     - logGamma(0.5 * (n - 1));
}

double SphereDistanceLaw::logDensity(double d) const
{
    if (!(d >= 0.0 && d <= 2.0))
        return -infinity;
    // log(1 - d^2/4) as log((1 - d/2)(1 + d/2)): accurate next to d = 2.
    const double logOneMinus = std::log1p(-0.5 * d) + std::log1p(0.5 * d);
    return logNormaliser_ + logPower(n_ - 2.0, std::log(d))
           + logPower(0.5 * (n_ - 3.0), logOneMinus);
}

double SphereDistanceLaw::density(double d) const
{
    return std::exp(logDensity(d));
}

double SphereDistanceLaw::cdf(double d) const
{
    if (!(d > 0.0))
        return 0.0;
    if (!(d < 2.0))
        return 1.0;
    const double a = 0.5 * (n_ - 1);
    return regularizedIncompleteBeta(0.25 * d * d, a, a);
}

double SphereDistanceLaw::mean() const
{
    // d = 2 sqrt(u), u ~ Beta(a, a): E[sqrt(u)] = B(a + 1/2, a) / B(a, a).
    const double a = 0.5 * (n_ - 1);
    return 2.0 * std::exp(logGamma(a + 0.5) + logGamma(2.0 * a)
                          - logGamma(2.0 * a + 0.5) - logGamma(a));
}

double SphereDistanceLaw::variance() const
{
    const double m = mean();
    return meanSquare() - m * m;
}

double SphereDistanceLaw::gaussianLimitMean() const
{
    return std::numbers::sqrt2;
}

double SphereDistanceLaw::gaussianLimitVariance() const
{
    return 1.0 / (2.0 * n_);
}

double SphereDistanceLaw::gaussianLimitDensity(double d) const
{
    const double variance = gaussianLimitVariance();
    const double z = d - gaussianLimitMean();
    return std::exp(-0.5 * z * z / variance) / std::sqrt(2.0 * std::numbers::pi * variance);
}

double SphereDistanceLaw::totalVariationToGaussianLimit() const
{
    // Enough intervals that the Gaussian's width 1/sqrt(2n) spans many of them at n = 4096.
    const double inside = integrateOverDistance(
        [this](double d) { return std::abs(density(d) - gaussianLimitDensity(d)); }, 40000);
    const double sd = std::sqrt(gaussianLimitVariance());
    const double belowZero = 0.5 * std::erfc(gaussianLimitMean() / (sd * std::numbers::sqrt2));
    const double aboveTwo
        = 0.5 * std::erfc((2.0 - gaussianLimitMean()) / (sd * std::numbers::sqrt2));
    return 0.5 * (inside + belowZero + aboveTwo);
}

} // namespace sme
