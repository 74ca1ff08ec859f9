// Helpers shared by the statistical tests: quadrature over distances, goodness-of-fit
// statistics and their critical values.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <utility>
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

// z with P(Z > z) = upperTail for a standard normal Z: bisection on the monotone erfc
// (no dependency needed).
inline double normalUpperQuantile(double upperTail)
{
    double lo = 0.0, hi = 40.0;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        (0.5 * std::erfc(mid / std::numbers::sqrt2) > upperTail ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

// Upper alpha quantile of chi-square with k degrees of freedom, Wilson-Hilferty:
// (chi2/k)^(1/3) is close to normal with mean 1 - 2/(9k) and variance 2/(9k). At alpha = 1e-4
// it overestimates the exact quantile by 1.1% at k = 10 and 0.3% at k = 30 (slightly
// conservative).
inline double chiSquareCritical(int k, double alpha)
{
    const double z = normalUpperQuantile(alpha);
    const double v = 2.0 / (9.0 * k);
    return k * std::pow(1.0 - v + z * std::sqrt(v), 3.0);
}

struct ChiSquare {
    double statistic = 0.0;
    int degrees = 0;
};

// Pearson's statistic of counts against probabilities. Cells expected to get fewer than 5
// counts are pooled (smallest first) until each pooled cell expects at least 5, so the
// chi-square approximation holds. A count in a zero-probability cell gives infinity.
inline ChiSquare pearson(const std::vector<long>& counts, const Eigen::VectorXd& probabilities)
{
    const double draws = std::accumulate(counts.begin(), counts.end(), 0.0);
    std::vector<std::pair<double, double>> cells; // {expected, observed}
    for (std::size_t j = 0; j < counts.size(); ++j) {
        const double expected = draws * probabilities[static_cast<Eigen::Index>(j)];
        if (expected > 0.0)
            cells.emplace_back(expected, double(counts[j]));
        else if (counts[j] > 0)
            return {std::numeric_limits<double>::infinity(), 0};
    }
    std::sort(cells.begin(), cells.end());
    std::vector<std::pair<double, double>> pooled;
    for (const auto& cell : cells) {
        if (!pooled.empty() && pooled.back().first < 5.0) {
            pooled.back().first += cell.first;
            pooled.back().second += cell.second;
        } else {
            pooled.push_back(cell);
        }
    }
    if (pooled.size() >= 2 && pooled.back().first < 5.0) {
        pooled[pooled.size() - 2].first += pooled.back().first;
        pooled[pooled.size() - 2].second += pooled.back().second;
        pooled.pop_back();
    }
    ChiSquare result;
    result.degrees = static_cast<int>(pooled.size()) - 1;
    for (const auto& [expected, observed] : pooled)
        result.statistic += (observed - expected) * (observed - expected) / expected;
    return result;
}

} // namespace testing
