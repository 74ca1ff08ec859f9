// Helpers shared by the statistical tests: quadrature over distances and critical values.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace testing {

// Integral of f over [0, upper] (upper <= 2) by the midpoint rule in theta, d = 2 sin(theta/2).
// The integrand f(d) cos(theta/2) is bounded and smooth for f = q of every dimension, even
// n = 2 where q is unbounded at d = 2; the midpoint rule never evaluates the end points.
// Euler-Maclaurin: error = h^2/24 (g'(b) - g'(a)) + O(h^4) for the theta integrand g.
template <class F>
double integrateOverDistance(F&& f, double upper, int intervals)
{
    const double top = 2.0 * std::asin(std::min(1.0, upper / 2.0));
    const double h = top / intervals;
    double sum = 0.0;
    for (int i = 0; i < intervals; ++i) {
        const double theta = (i + 0.5) * h;
        sum += f(2.0 * std::sin(0.5 * theta)) * std::cos(0.5 * theta);
    }
    return sum * h;
}

// Kolmogorov-Smirnov statistic sup |F_empirical - F| of samples against a CDF.
template <class Cdf>
double kolmogorovSmirnov(std::vector<double> samples, Cdf&& cdf)
{
    std::sort(samples.begin(), samples.end());
    const double count = double(samples.size());
    double worst = 0.0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const double f = cdf(samples[i]);
        worst = std::max({worst, std::abs(f - i / count), std::abs((i + 1) / count - f)});
    }
    return worst;
}

// Asymptotic KS critical value for sample size count at significance alpha:
// sqrt(-ln(alpha / 2) / 2) / sqrt(count).
inline double kolmogorovSmirnovCritical(double count, double alpha)
{
    return std::sqrt(-std::log(alpha / 2.0) / 2.0) / std::sqrt(count);
}

// Upper alpha quantile of chi-square with k degrees of freedom, Wilson-Hilferty:
// (chi2/k)^(1/3) is close to normal with mean 1 - 2/(9k) and variance 2/(9k).
inline double chiSquareCritical(int k, double alpha)
{
    // Standard normal upper quantile by bisection on erfc (no dependency needed).
    double lo = 0.0, hi = 40.0;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        (0.5 * std::erfc(mid / std::numbers::sqrt2) > alpha ? lo : hi) = mid;
    }
    const double z = 0.5 * (lo + hi);
    const double v = 2.0 / (9.0 * k);
    return k * std::pow(1.0 - v + z * std::sqrt(v), 3.0);
}

} // namespace testing
