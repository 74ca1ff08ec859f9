// The law of the distance between two independent uniform points on the unit sphere.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace sme {

// PAPER.md §1: for two uniform points on S^{n-1}, the distance d in [0, 2] has density
//   q(d) = C_n d^(n-2) (1 - d^2/4)^((n-3)/2),  C_n = Gamma(n/2) / (sqrt(pi) Gamma((n-1)/2)),
// and u = d^2/4 ~ Beta((n-1)/2, (n-1)/2). Everything is evaluated in the log domain:
// at n = 128 the raw powers under- and overflow far from the mode.
class SphereDistanceLaw {
public:
    static constexpr int minDimension = 2;
    static constexpr int maxDimension = 4096;

    // Throws sme::Error unless minDimension <= n <= maxDimension.
    explicit SphereDistanceLaw(int n);

    int dimension() const { return n_; }

    // log q(d): -inf outside [0, 2] and where q vanishes; +inf at d = 2 when n = 2
    // (the integrable singularity q(d) = 1 / (pi sqrt(1 - d^2/4))).
    double logDensity(double d) const;
    double density(double d) const;
    // P(D <= d) = I_{d^2/4}((n-1)/2, (n-1)/2).
    double cdf(double d) const;

    // E[d] = 2 B(a + 1/2, a) / B(a, a) with a = (n-1)/2; E[d^2] = 2 exactly.
    double mean() const;
    double meanSquare() const { return 2.0; }
    double variance() const;

    // The Gaussian limit N(sqrt 2, 1/(2n)) that q approaches as n grows.
    double gaussianLimitMean() const;
    double gaussianLimitVariance() const;
    double gaussianLimitDensity(double d) const;

    // Total variation distance between q and its Gaussian limit: half the L1 distance of
    // the densities over the real line (the Gaussian's mass outside [0, 2] counts fully).
    // Falls like O(1/sqrt(n)).
    double totalVariationToGaussianLimit() const;

private:
    int n_;
    double logNormaliser_; // log C_n
};

} // namespace sme
