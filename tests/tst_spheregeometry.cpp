// Tests of the law of distances on the sphere: density, CDF, moments, Gaussian limit, Monte Carlo.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestStatistics.h"
#include "model/base/Error.h"
#include "model/base/IncompleteBeta.h"
#include "model/geometry/SphereGeometry.h"
#include "model/geometry/SpherePoints.h"

#include <QtTest>
#include <cmath>
#include <numbers>

using sme::SphereDistanceLaw;

class SphereGeometryTest : public QObject {
    Q_OBJECT
private slots:
    void dimensions_data();
    void densityIntegratesToOne_data() { dimensions_data(); }
    void densityIntegratesToOne();
    void meanAndSquareMatchClosedForms_data() { dimensions_data(); }
    void meanAndSquareMatchClosedForms();
    void cdfMatchesIntegratedDensity_data() { dimensions_data(); }
    void cdfMatchesIntegratedDensity();
    void densityHasClosedFormsInLowDimensions();
    void densityIsRightAtBothEnds();
    void logDensityStaysFiniteFarFromTheMode();
    void monteCarloDistancesPassKolmogorovSmirnov_data();
    void monteCarloDistancesPassKolmogorovSmirnov();
    void histogramCountsEveryPairOnce();
    void totalVariationFallsAsDimensionGrows();
    void varianceApproachesGaussianLimit();
    void incompleteBetaKnownValues();
    void dimensionOutOfRangeIsRefused();
};

void SphereGeometryTest::dimensions_data()
{
    QTest::addColumn<int>("n");
    for (int n : {2, 3, 4, 8, 32, 128, 1024, 4096})
        QTest::addRow("n=%d", n) << n;
}

// 200000 midpoint intervals in theta: the Euler-Maclaurin error h^2/24 |g'(pi) - g'(0)| is at
// most (pi/2e5)^2/24 ~ 1e-11 (g = sin(theta)/2 at n = 3; g' vanishes at both ends for n >= 4,
// and g is constant for n = 2), well below the 1e-9 asked.
constexpr int intervals = 200000;

void SphereGeometryTest::densityIntegratesToOne()
{
    QFETCH(int, n);
    const SphereDistanceLaw law(n);
    const double total
        = testing::integrateOverDistance([&](double d) { return law.density(d); }, 2.0, intervals);
    QVERIFY2(std::abs(total - 1.0) < 1e-9, qPrintable(QString::number(total, 'g', 17)));
}

void SphereGeometryTest::meanAndSquareMatchClosedForms()
{
    QFETCH(int, n);
    const SphereDistanceLaw law(n);
    const double mean = testing::integrateOverDistance(
        [&](double d) { return d * law.density(d); }, 2.0, intervals);
    const double square = testing::integrateOverDistance(
        [&](double d) { return d * d * law.density(d); }, 2.0, intervals);
    QVERIFY2(std::abs(mean - law.mean()) < 1e-9, qPrintable(QString::number(mean - law.mean())));
    QVERIFY2(std::abs(square - 2.0) < 1e-9, qPrintable(QString::number(square - 2.0)));
    QCOMPARE(law.meanSquare(), 2.0);
    QVERIFY(std::abs(law.variance() - (2.0 - law.mean() * law.mean())) < 1e-15);
    QVERIFY(law.variance() > 0.0);
}

void SphereGeometryTest::cdfMatchesIntegratedDensity()
{
    QFETCH(int, n);
    const SphereDistanceLaw law(n);
    QCOMPARE(law.cdf(0.0), 0.0);
    QCOMPARE(law.cdf(2.0), 1.0);
    QCOMPARE(law.cdf(-1.0), 0.0);
    QCOMPARE(law.cdf(3.0), 1.0);
    double previous = 0.0;
    // Points across the support, including the tails where the CDF is tiny or close to 1.
    for (double d : {0.05, 0.3, 0.7, 1.0, 1.3, 1.4142, 1.5, 1.8, 1.99}) {
        const double integral = testing::integrateOverDistance(
            [&](double x) { return law.density(x); }, d, intervals);
        // The same quadrature bound as above, plus the continued fraction's ~1e-14.
        QVERIFY2(std::abs(law.cdf(d) - integral) < 1e-9,
                 qPrintable(QStringLiteral("d=%1 cdf=%2 integral=%3")
                                .arg(d)
                                .arg(law.cdf(d), 0, 'g', 15)
                                .arg(integral, 0, 'g', 15)));
        QVERIFY(law.cdf(d) >= previous);
        previous = law.cdf(d);
    }
}

void SphereGeometryTest::densityHasClosedFormsInLowDimensions()
{
    const SphereDistanceLaw circle(2), sphere(3), four(4);
    for (double d : {0.1, 0.5, 1.0, 1.5, 1.9, 1.999}) {
        const double circleDensity = 1.0 / (std::numbers::pi * std::sqrt(1.0 - d * d / 4.0));
        QVERIFY(std::abs(circle.density(d) / circleDensity - 1.0) < 1e-13);
        QVERIFY(std::abs(sphere.density(d) - d / 2.0) < 1e-14);
        const double fourDensity = 2.0 / std::numbers::pi * d * d * std::sqrt(1.0 - d * d / 4.0);
        QVERIFY(std::abs(four.density(d) - fourDensity) < 1e-14);
        // n = 3: the CDF of d/2 is d^2/4.
        QVERIFY(std::abs(sphere.cdf(d) - d * d / 4.0) < 1e-14);
    }
    // Mean chord of the circle 4/pi; of the sphere 4/3.
    QVERIFY(std::abs(circle.mean() - 4.0 / std::numbers::pi) < 1e-14);
    QVERIFY(std::abs(sphere.mean() - 4.0 / 3.0) < 1e-14);
}

void SphereGeometryTest::densityIsRightAtBothEnds()
{
    const SphereDistanceLaw circle(2), sphere(3), four(4);
    QVERIFY(std::abs(circle.density(0.0) - 1.0 / std::numbers::pi) < 1e-15);
    QVERIFY(std::isinf(circle.density(2.0)) && circle.density(2.0) > 0.0); // integrable singularity
    QCOMPARE(sphere.density(0.0), 0.0);
    QVERIFY(std::abs(sphere.density(2.0) - 1.0) < 1e-15);
    QCOMPARE(four.density(0.0), 0.0);
    QCOMPARE(four.density(2.0), 0.0);
    for (int n : {2, 3, 128, 4096}) {
        const SphereDistanceLaw law(n);
        QCOMPARE(law.density(-0.01), 0.0);
        QCOMPARE(law.density(2.01), 0.0);
        QVERIFY(!std::isnan(law.logDensity(0.0)) && !std::isnan(law.logDensity(2.0)));
        QVERIFY(!std::isnan(law.density(std::nan(""))));
    }
}

void SphereGeometryTest::logDensityStaysFiniteFarFromTheMode()
{
    // At n = 4096, q(0.01) ~ 0.01^4094 underflows double, but its logarithm does not.
    for (int n : {128, 1024, 4096}) {
        const SphereDistanceLaw law(n);
        for (double d : {1e-3, 0.01, 0.3, 1.0, 1.9, 1.99999}) {
            QVERIFY2(std::isfinite(law.logDensity(d)), qPrintable(QString("n=%1 d=%2").arg(n).arg(d)));
            QVERIFY(law.density(d) >= 0.0);
        }
        // log q(d) = log C_n + (n-2) log d + (n-3)/2 log(1 - d^2/4), evaluated by hand at d = 0.01.
        const double d = 0.01;
        const double expected = std::lgamma(n / 2.0) - 0.5 * std::log(std::numbers::pi)
                                - std::lgamma((n - 1) / 2.0) + (n - 2) * std::log(d)
                                + (n - 3) / 2.0 * std::log(1.0 - d * d / 4.0);
        QVERIFY(std::abs(law.logDensity(d) - expected) < 1e-9 * std::abs(expected));
    }
}

void SphereGeometryTest::monteCarloDistancesPassKolmogorovSmirnov_data()
{
    QTest::addColumn<int>("n");
    for (int n : {2, 3, 8, 128, 1024})
        QTest::addRow("n=%d", n) << n;
}

void SphereGeometryTest::monteCarloDistancesPassKolmogorovSmirnov()
{
    // The M(M-1)/2 pairwise distances of M uniform points are not independent, but they are
    // pairwise uncorrelated as indicators: given x_i, d(x_i, x_j) and d(x_i, x_k) are
    // independent with the law q by rotation invariance, so Cov(1{d_ij <= t}, 1{d_ik <= t}) = 0
    // and the empirical CDF has the variance of independent samples. The usual KS bound holds
    // (asymptotically); alpha = 1e-3 with a fixed seed.
    QFETCH(int, n);
    const SphereDistanceLaw law(n);
    sme::Rng rng(20261128u + n);
    const Eigen::MatrixXd points = sme::uniformPointsOnSphere(300, n, rng);
    QVERIFY(((points.rowwise().norm().array() - 1.0).abs() < 1e-12).all());
    const Eigen::MatrixXd distances = sme::pairwiseDistances(points);
    std::vector<double> samples;
    for (Eigen::Index j = 0; j < distances.cols(); ++j)
        for (Eigen::Index i = j + 1; i < distances.rows(); ++i)
            samples.push_back(distances(i, j));
    const double statistic = testing::kolmogorovSmirnov(samples, [&](double d) { return law.cdf(d); });
    const double critical = testing::kolmogorovSmirnovCritical(double(samples.size()), 1e-3);
    QVERIFY2(statistic < critical, qPrintable(QString("KS %1 >= %2").arg(statistic).arg(critical)));

    // And the law is not accepted for a wrong dimension: the test has power.
    const SphereDistanceLaw wrong(n == 2 ? 3 : n * 2);
    const double wrongStatistic
        = testing::kolmogorovSmirnov(samples, [&](double d) { return wrong.cdf(d); });
    QVERIFY(wrongStatistic > critical);
}

void SphereGeometryTest::histogramCountsEveryPairOnce()
{
    sme::Rng rng(7);
    const Eigen::MatrixXd points = sme::uniformPointsOnSphere(120, 16, rng);
    const sme::Histogram histogram = sme::pairwiseDistanceHistogram(points, 40);
    QCOMPARE(histogram.total(), 120.0 * 119.0 / 2.0);
    // The Gram route bins each pair where the direct distance puts it (rounding of 2 - 2<x,y>
    // moves a distance by ~1e-8, far less than a bin unless a pair sits on an edge).
    const Eigen::MatrixXd distances = sme::pairwiseDistances(points);
    sme::Histogram direct(0.0, 2.0, 40);
    for (Eigen::Index j = 0; j < 120; ++j)
        for (Eigen::Index i = j + 1; i < 120; ++i)
            direct.add((points.row(i) - points.row(j)).norm());
    double moved = 0.0;
    for (int b = 0; b < 40; ++b)
        moved += std::abs(histogram.count(b) - direct.count(b));
    QVERIFY(moved <= 2.0);
    QVERIFY(std::abs(distances(3, 5) - (points.row(3) - points.row(5)).norm()) < 1e-7);
    double integral = 0.0;
    for (double value : histogram.density())
        integral += value * histogram.binWidth();
    QVERIFY(std::abs(integral - 1.0) < 1e-12);
}

void SphereGeometryTest::totalVariationFallsAsDimensionGrows()
{
    double previous = 1.0;
    std::vector<double> values;
    for (int n : {2, 3, 4, 8, 32, 128, 1024, 4096}) {
        const double tv = SphereDistanceLaw(n).totalVariationToGaussianLimit();
        QVERIFY2(tv > 0.0 && tv < previous, qPrintable(QString("n=%1 tv=%2").arg(n).arg(tv)));
        previous = tv;
        values.push_back(tv);
    }
    // The leading difference is the skewness of q, of order 1/sqrt(n): quadrupling n halves the
    // distance up to O(1/n) terms. From 1024 to 4096 the ratio must be close to 2.
    const double ratio = values[6] / values[7];
    QVERIFY2(ratio > 1.8 && ratio < 2.2, qPrintable(QString::number(ratio)));
}

void SphereGeometryTest::varianceApproachesGaussianLimit()
{
    // E[d] = sqrt(2) (1 - 1/(8n) + O(1/n^2)), so Var d = 2 - E[d]^2 = 1/(2n) (1 + O(1/n)).
    for (int n : {32, 128, 1024, 4096}) {
        const SphereDistanceLaw law(n);
        QCOMPARE(law.gaussianLimitMean(), std::numbers::sqrt2);
        QCOMPARE(law.gaussianLimitVariance(), 1.0 / (2.0 * n));
        const double relative = law.variance() / law.gaussianLimitVariance() - 1.0;
        QVERIFY2(std::abs(relative) < 2.0 / n, qPrintable(QString::number(relative)));
        // The normal density integrates over [0, 2] to Phi((2 - mu)/s) - Phi(-mu/s).
        const double mass = testing::integrateOverDistance(
            [&](double d) { return law.gaussianLimitDensity(d); }, 2.0, intervals);
        const double s = std::sqrt(law.gaussianLimitVariance()) * std::numbers::sqrt2;
        const double inside = 0.5 * (std::erfc(-(2.0 - std::numbers::sqrt2) / s)
                                     - std::erfc(std::numbers::sqrt2 / s));
        QVERIFY2(std::abs(mass - inside) < 1e-9, qPrintable(QString::number(mass - inside)));
    }
}

void SphereGeometryTest::incompleteBetaKnownValues()
{
    for (double x : {0.0, 0.1, 0.5, 0.9, 1.0}) {
        QVERIFY(std::abs(sme::regularizedIncompleteBeta(x, 1.0, 1.0) - x) < 1e-14);
        QVERIFY(std::abs(sme::regularizedIncompleteBeta(x, 3.0, 1.0) - x * x * x) < 1e-14);
        QVERIFY(std::abs(sme::regularizedIncompleteBeta(x, 2.5, 7.0)
                         - (1.0 - sme::regularizedIncompleteBeta(1.0 - x, 7.0, 2.5)))
                < 1e-14);
    }
    // The prefactor exp(lgamma(2a) - 2 lgamma(a) + ...) loses about eps * lgamma(2a) to the
    // cancellation of large logarithms (3e4 at a = 2047.5): allow a few times that.
    for (double a : {0.5, 1.5, 63.5, 2047.5}) {
        const double tolerance = 1e-14 + 4.0 * 2.2e-16 * std::lgamma(2.0 * a + 1.0);
        QVERIFY(std::abs(sme::regularizedIncompleteBeta(0.5, a, a) - 0.5) < tolerance);
    }
}

void SphereGeometryTest::dimensionOutOfRangeIsRefused()
{
    QVERIFY_THROWS_EXCEPTION(sme::Error, SphereDistanceLaw(1));
    QVERIFY_THROWS_EXCEPTION(sme::Error, SphereDistanceLaw(4097));
    QVERIFY_THROWS_EXCEPTION(sme::Error, SphereDistanceLaw(-5));
    try {
        SphereDistanceLaw law(0);
        QFAIL("no exception");
    } catch (const sme::Error& e) {
        QVERIFY(QString(e.what()).contains("between 2 and 4096"));
    }
}

QTEST_APPLESS_MAIN(SphereGeometryTest)
#include "tst_spheregeometry.moc"
