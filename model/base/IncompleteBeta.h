// The regularised incomplete beta function, the CDF of the Beta law, and the log-gamma it needs.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace sme {

// I_x(a, b) for 0 <= x <= 1 and a, b > 0, by the continued fraction of the incomplete beta
// (modified Lentz), evaluated on the side where it converges fast and mirrored otherwise.
// Accuracy about 1e-14, down to about eps * lgamma(a + b) for large parameters (4e-12 at
// a = b = 2047.5) from the cancellation of large log-gamma values in the prefactor. Converges in O(sqrt(max(a, b))) terms, so a = b = 2047.5
// (the sphere of dimension 4096) is cheap. x outside [0, 1] is clamped.
double regularizedIncompleteBeta(double x, double a, double b);

// log |Gamma(x)|, safe from several threads at once. std::lgamma also stores the sign of
// Gamma(x) in the global signgam (POSIX): a data race when the trainer and the figure threads
// call it together. lgamma_r hands the sign back instead.
double logGamma(double x);

} // namespace sme
