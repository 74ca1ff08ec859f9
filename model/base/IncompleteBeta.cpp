// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/IncompleteBeta.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <math.h> // lgamma_r

namespace sme {
namespace {

constexpr double tiny = 1e-300;    // keeps Lentz's denominators away from zero
constexpr double epsilon = 1e-16;  // stop when a convergent changes less than this
constexpr int maxTerms = 100000;

double guarded(double v) { return std::abs(v) < tiny ? tiny : v; }

// The continued fraction for I_x(a, b) * a * B(a, b) / (x^a (1-x)^b), converging fast
// for x < (a + 1) / (a + b + 2).
double continuedFraction(double x, double a, double b)
{
    const double sum = a + b;
    double c = 1.0;
    double d = 1.0 / guarded(1.0 - sum * x / (a + 1.0));
    double h = d;
    for (int m = 1; m <= maxTerms; ++m) {
        const double m2 = 2.0 * m;
        // Even step.
        double coefficient = m * (b - m) * x / ((a - 1.0 + m2) * (a + m2));
        d = 1.0 / guarded(1.0 + coefficient * d);
        c = guarded(1.0 + coefficient / c);
        h *= d * c;
        // Odd step.
        coefficient = -(a + m) * (sum + m) * x / ((a + m2) * (a + 1.0 + m2));
        d = 1.0 / guarded(1.0 + coefficient * d);
        c = guarded(1.0 + coefficient / c);
        const double change = d * c;
        h *= change;
        if (std::abs(change - 1.0) < epsilon)
            break;
    }
    return h;
}

} // namespace

double regularizedIncompleteBeta(double x, double a, double b)
{
    if (!(x > 0.0))
        return 0.0;
    if (!(x < 1.0))
        return 1.0;
    const double y = 1.0 - x;
    // log of x^a (1-x)^b / B(a, b), in the log domain: the powers underflow for large a, b.
    const double logFront = logGamma(a + b) - logGamma(a) - logGamma(b)
                            + a * std::log(x) + b * std::log1p(-x);
    if (x < (a + 1.0) / (a + b + 2.0))
        return std::exp(logFront) * continuedFraction(x, a, b) / a;
    return 1.0 - std::exp(logFront) * continuedFraction(y, b, a) / b;
}

double logGamma(double x)
{
#if defined(__unix__) || defined(__APPLE__)
    int sign = 0;
    return ::lgamma_r(x, &sign);
#else
    return std::lgamma(x); // no global sign elsewhere (MSVC)
#endif
}

} // namespace sme
