// Tests of the Monte Carlo variance of a negative's gradient direction against distance.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Error.h"
#include "model/geometry/GradientNoise.h"

#include <QtTest>
#include <cmath>

using sme::GradientNoiseSettings;

namespace {

sme::GradientVarianceCurve curveFor(int n, double sigma, int trials, std::uint64_t seed = 42)
{
    GradientNoiseSettings settings;
    settings.dimension = n;
    settings.noise = sigma;
    settings.trials = trials;
    sme::Rng rng(seed);
    return sme::gradientDirectionVariance(settings, rng);
}

} // namespace

class GradientNoiseTest : public QObject {
    Q_OBJECT
private slots:
    void gridRunsFromZeroToTwo();
    void varianceTendsToOneAtZeroDistance_data();
    void varianceTendsToOneAtZeroDistance();
    void varianceVanishesFarBeyondTheNoise_data();
    void varianceVanishesFarBeyondTheNoise();
    void varianceFallsWithDistance_data();
    void varianceFallsWithDistance();
    void varianceRisesWithNoise();
    void zeroNoiseGivesExactDirections();
    void sameSeedSameCurve();
    void badSettingsAreRefused();
};

void GradientNoiseTest::gridRunsFromZeroToTwo()
{
    const auto curve = curveFor(16, 0.1, 100);
    QCOMPARE(curve.distance.size(), std::size_t(101));
    QCOMPARE(curve.variance.size(), std::size_t(101));
    QCOMPARE(curve.distance.front(), 0.0);
    QCOMPARE(curve.distance.back(), 2.0);
    QCOMPARE(curve.distance[60], 1.2);
}

void GradientNoiseTest::varianceTendsToOneAtZeroDistance_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("sigma");
    QTest::newRow("n=2") << 2 << 0.1;
    QTest::newRow("n=128") << 128 << 0.1;
    QTest::newRow("n=128 loud") << 128 << 1.0;
    QTest::newRow("n=1024") << 1024 << 0.01;
}

void GradientNoiseTest::varianceTendsToOneAtZeroDistance()
{
    // At d = 0 the direction z/||z|| is uniform on the sphere: total variance exactly 1. The
    // estimator T/(T-1)(1 - ||mean||^2) is unbiased; ||mean||^2 has mean 1/T and standard
    // deviation about sqrt(2/n)/T, so 10/T bounds the error by a wide margin.
    QFETCH(int, n);
    QFETCH(double, sigma);
    const int trials = 4000;
    const auto curve = curveFor(n, sigma, trials);
    QVERIFY2(std::abs(curve.variance[0] - 1.0) < 10.0 / trials,
             qPrintable(QString::number(curve.variance[0], 'g', 10)));
    // And close to d = 0 (d << sigma sqrt(n)) the direction is still nearly random.
    if (sigma * std::sqrt(double(n)) > 1.0)
        QVERIFY(curve.variance[1] > 0.9);
}

void GradientNoiseTest::varianceVanishesFarBeyondTheNoise_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("sigma");
    QTest::newRow("n=128 sigma=0.01") << 128 << 0.01;
    QTest::newRow("n=32 sigma=0.02") << 32 << 0.02;
    QTest::newRow("n=1024 sigma=0.003") << 1024 << 0.003;
}

void GradientNoiseTest::varianceVanishesFarBeyondTheNoise()
{
    // For d >> sigma sqrt(n): (h + z)/||h + z|| ~ e_1 + z_perp / d, so the total variance is
    // (n-1) sigma^2 / d^2 (1 + O(n sigma^2 / d^2)). Here n sigma^2 / d^2 <= 0.003 at d = 2.
    // Monte Carlo: each ||v - mean||^2 is about (n-1)sigma^2/d^2 * chi2_{n-1}/(n-1), relative
    // sd sqrt(2/(n-1)) <= 0.26, so over T = 2000 draws the relative sd is <= 0.6%. 4% is
    // more than six standard deviations plus the O(n sigma^2/d^2) term.
    QFETCH(int, n);
    QFETCH(double, sigma);
    const auto curve = curveFor(n, sigma, 2000);
    QVERIFY(sigma * std::sqrt(double(n)) < 0.12);
    for (std::size_t i = 50; i < curve.distance.size(); i += 10) {
        const double d = curve.distance[i];
        const double expected = (n - 1) * sigma * sigma / (d * d);
        QVERIFY2(std::abs(curve.variance[i] / expected - 1.0) < 0.04,
                 qPrintable(QString("d=%1 got %2 expected %3").arg(d).arg(curve.variance[i]).arg(expected)));
    }
    QVERIFY(curve.variance.back() < 0.01);
}

void GradientNoiseTest::varianceFallsWithDistance_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("sigma");
    QTest::newRow("n=8") << 8 << 0.1;
    QTest::newRow("n=128") << 128 << 0.05;
    QTest::newRow("n=128 loud") << 128 << 0.3;
    QTest::newRow("n=4096") << 4096 << 0.01;
}

void GradientNoiseTest::varianceFallsWithDistance()
{
    // The same draws of z serve every d (common random numbers): the estimate is a smooth,
    // decreasing function of d for a fixed sample, not only in expectation.
    QFETCH(int, n);
    QFETCH(double, sigma);
    const auto curve = curveFor(n, sigma, 1000);
    for (std::size_t i = 1; i < curve.variance.size(); ++i)
        QVERIFY2(curve.variance[i] < curve.variance[i - 1],
                 qPrintable(QString("d=%1: %2 >= %3").arg(curve.distance[i]).arg(curve.variance[i]).arg(curve.variance[i - 1])));
}

void GradientNoiseTest::varianceRisesWithNoise()
{
    // Same seed: the draws are the same z scaled by sigma, so the comparison is paired.
    const auto quiet = curveFor(128, 0.01, 1000);
    const auto middle = curveFor(128, 0.05, 1000);
    const auto loud = curveFor(128, 0.2, 1000);
    for (std::size_t i = 1; i < quiet.variance.size(); ++i) {
        QVERIFY(quiet.variance[i] < middle.variance[i]);
        QVERIFY(middle.variance[i] < loud.variance[i]);
    }
}

void GradientNoiseTest::zeroNoiseGivesExactDirections()
{
    const auto curve = curveFor(64, 0.0, 10);
    QCOMPARE(curve.variance[0], 1.0); // d = 0: undefined direction, reported as the limit
    for (std::size_t i = 1; i < curve.variance.size(); ++i)
        QCOMPARE(curve.variance[i], 0.0);
}

void GradientNoiseTest::sameSeedSameCurve()
{
    QCOMPARE(curveFor(32, 0.1, 500, 9).variance, curveFor(32, 0.1, 500, 9).variance);
    QVERIFY(curveFor(32, 0.1, 500, 9).variance != curveFor(32, 0.1, 500, 10).variance);
}

void GradientNoiseTest::badSettingsAreRefused()
{
    const auto refused = [](auto change) {
        GradientNoiseSettings settings;
        change(settings);
        sme::Rng rng(1);
        try {
            sme::gradientDirectionVariance(settings, rng);
        } catch (const sme::Error&) {
            return true;
        }
        return false;
    };
    QVERIFY(refused([](GradientNoiseSettings& s) { s.dimension = 1; }));
    QVERIFY(refused([](GradientNoiseSettings& s) { s.dimension = 5000; }));
    QVERIFY(refused([](GradientNoiseSettings& s) { s.noise = -0.1; }));
    QVERIFY(refused([](GradientNoiseSettings& s) { s.noise = std::nan(""); }));
    QVERIFY(refused([](GradientNoiseSettings& s) { s.noise = INFINITY; }));
    QVERIFY(refused([](GradientNoiseSettings& s) { s.trials = 1; }));
    QVERIFY(refused([](GradientNoiseSettings& s) { s.trials = 1'000'000; s.dimension = 4096; }));
    QVERIFY(refused([](GradientNoiseSettings& s) { s.gridPoints = 1; }));
    QVERIFY(!refused([](GradientNoiseSettings& s) { s.noise = 1e6; s.trials = 10; }));
}

QTEST_APPLESS_MAIN(GradientNoiseTest)
#include "tst_gradientnoise.moc"
