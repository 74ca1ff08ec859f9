// Tests of the losses: values at hand-computed points, derivatives, the margin batch loss, loss curves.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Error.h"
#include "model/losses/Losses.h"
#include "model/losses/MarginLoss.h"
#include "model/base/Random.h"

#include <QtTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <set>
#include <vector>

using sme::LossKind;

namespace {

constexpr double epsilon = std::numeric_limits<double>::epsilon();
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();
constexpr double infinity = std::numeric_limits<double>::infinity();

// Hand-computed points: every loss value is at most four floating operations on operands
// below 4, so it carries at most 4 * 4 * 2^-53 ~ 2e-15 of rounding. 1e-14 is that with a
// factor 5 to spare, and eleven orders below any slip in the arithmetic (>= 1e-3 here).
// Rows at a hinge use dyadic numbers (0.25, 0.3125, ...), where the hinge is exactly 0.
constexpr double handTolerance = 1e-14;

bool near(double actual, double expected, double tolerance = handTolerance)
{
    return std::abs(actual - expected) <= tolerance;
}

QString mismatch(const char* what, double actual, double expected)
{
    return QString("%1 is %2, expected %3").arg(what).arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17);
}

#define VERIFY_NEAR(what, actual, expected)                                                     \
    QVERIFY2(near((actual), (expected)), qPrintable(mismatch(what, (actual), (expected))))

// A loss of up to two variables with its analytic gradient, for the finite-difference check.
struct Evaluation {
    double value = 0.0;
    std::array<double, 2> gradient{};
};

struct DifferentiableLoss {
    int variables = 1;
    // Where each variable is drawn from, uniformly.
    std::array<double, 2> low{};
    std::array<double, 2> high{};
    std::function<Evaluation(std::array<double, 2> x, double alpha)> evaluate;
    // The signed argument of the hinge: the loss has its kink where it is 0. Empty: no kink.
    std::function<double(std::array<double, 2> x, double alpha)> hinge;
};

} // namespace

Q_DECLARE_METATYPE(DifferentiableLoss)
using Call = std::function<void()>;
Q_DECLARE_METATYPE(Call)

class TestLosses : public QObject {
    Q_OBJECT

private slots:
    void contrastiveLossAtHandPoints_data();
    void contrastiveLossAtHandPoints();
    void marginLossAtHandPoints_data();
    void marginLossAtHandPoints();
    void tripletSquaredLossAtHandPoints_data();
    void tripletSquaredLossAtHandPoints();
    void tripletLossAtHandPoints_data();
    void tripletLossAtHandPoints();
    void derivativesMatchCentralDifferences_data();
    void derivativesMatchCentralDifferences();

    void marginBatchLossAveragesOverActivePairs();
    void marginBatchLossIsZeroWithoutActivePairs();
    void marginBatchLossGradientsMatchFiniteDifferences_data();
    void marginBatchLossGradientsMatchFiniteDifferences();
    void marginBoundarySumsItsParts_data();
    void marginBoundarySumsItsParts();
    void marginBatchLossRejectsBadInput_data();
    void marginBatchLossRejectsBadInput();

    void lossCurvesRunOverZeroToTwo_data();
    void lossCurvesRunOverZeroToTwo();
    void lossCurvesAreTheLossFunctions();
    void plainTripletCurvesEqualMarginCurvesWhenHeldAtBeta_data();
    void plainTripletCurvesEqualMarginCurvesWhenHeldAtBeta();
    void lossNamesRoundTrip();
    void lossCurvesRejectBadParameters_data();
    void lossCurvesRejectBadParameters();
};

// ---------------------------------------------------------------------------------------------
// Single losses at hand-computed points

void TestLosses::contrastiveLossAtHandPoints_data()
{
    QTest::addColumn<double>("distance");
    QTest::addColumn<bool>("positive");
    QTest::addColumn<double>("alpha");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("dDistance");
    // Positive: D^2, derivative 2D, alpha plays no part.
    QTest::newRow("positive 0.5") << 0.5 << true << 1.0 << 0.25 << 1.0;
    QTest::newRow("positive 1.5 ignores alpha") << 1.5 << true << 0.2 << 2.25 << 3.0;
    QTest::newRow("positive at 0") << 0.0 << true << 1.0 << 0.0 << 0.0;
    // Negative: [alpha - D]_+^2, derivative -2 (alpha - D) while active.
    QTest::newRow("negative 0.5 within 1.2") << 0.5 << false << 1.2 << 0.49 << -1.4; // 0.7^2, -2*0.7
    QTest::newRow("negative at 0") << 0.0 << false << 1.2 << 1.44 << -2.4;             // 1.2^2, -2*1.2
    QTest::newRow("negative beyond alpha") << 1.5 << false << 1.2 << 0.0 << 0.0;       // 1.2-1.5 < 0
    QTest::newRow("negative at the hinge") << 1.25 << false << 1.25 << 0.0 << 0.0;     // inactive side
}

void TestLosses::contrastiveLossAtHandPoints()
{
    QFETCH(double, distance);
    QFETCH(bool, positive);
    QFETCH(double, alpha);
    QFETCH(double, value);
    QFETCH(double, dDistance);
    const sme::PairLossValue loss = sme::contrastiveLoss(distance, positive, alpha);
    VERIFY_NEAR("value", loss.value, value);
    VERIFY_NEAR("dDistance", loss.dDistance, dDistance);
    QVERIFY2(loss.dBeta == 0.0, "the contrastive loss has no beta");
}

void TestLosses::marginLossAtHandPoints_data()
{
    QTest::addColumn<double>("distance");
    QTest::addColumn<bool>("positive");
    QTest::addColumn<double>("alpha");
    QTest::addColumn<double>("beta");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("dDistance");
    QTest::addColumn<double>("dBeta");
    // [alpha + y'(D - beta)]_+; while active d/dD = y', d/dbeta = -y'.
    QTest::newRow("positive active") << 1.3 << true << 0.2 << 1.2 << 0.3 << 1.0 << -1.0;   // 0.2 + 0.1
    QTest::newRow("positive inactive") << 0.9 << true << 0.2 << 1.2 << 0.0 << 0.0 << 0.0;  // 0.2 - 0.3
    QTest::newRow("negative active") << 1.1 << false << 0.2 << 1.2 << 0.3 << -1.0 << 1.0;  // 0.2 + 0.1
    QTest::newRow("negative at 0") << 0.0 << false << 0.2 << 1.2 << 1.4 << -1.0 << 1.0;    // 0.2 + 1.2
    QTest::newRow("negative inactive") << 1.5 << false << 0.2 << 1.2 << 0.0 << 0.0 << 0.0; // 0.2 - 0.3
    QTest::newRow("positive at the hinge") << 1.0 << true << 0.25 << 1.25 << 0.0 << 0.0 << 0.0;
    QTest::newRow("negative at the hinge") << 1.5 << false << 0.25 << 1.25 << 0.0 << 0.0 << 0.0;
}

void TestLosses::marginLossAtHandPoints()
{
    QFETCH(double, distance);
    QFETCH(bool, positive);
    QFETCH(double, alpha);
    QFETCH(double, beta);
    QFETCH(double, value);
    QFETCH(double, dDistance);
    QFETCH(double, dBeta);
    const sme::PairLossValue loss = sme::marginLoss(distance, positive, alpha, beta);
    VERIFY_NEAR("value", loss.value, value);
    VERIFY_NEAR("dDistance", loss.dDistance, dDistance);
    VERIFY_NEAR("dBeta", loss.dBeta, dBeta);
}

void TestLosses::tripletSquaredLossAtHandPoints_data()
{
    QTest::addColumn<double>("positiveDistance");
    QTest::addColumn<double>("negativeDistance");
    QTest::addColumn<double>("alpha");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("dPositive");
    QTest::addColumn<double>("dNegative");
    // [D_ap^2 - D_an^2 + alpha]_+; while active 2 D_ap and -2 D_an.
    QTest::newRow("active") << 0.5 << 0.6 << 0.2 << 0.09 << 1.0 << -1.2;  // 0.25 - 0.36 + 0.2
    QTest::newRow("inactive") << 0.5 << 1.0 << 0.2 << 0.0 << 0.0 << 0.0; // 0.25 - 1 + 0.2 < 0
    // PAPER.md §4: the push on a hard negative vanishes with D_an (here -2 * 0.1).
    QTest::newRow("hard negative barely pushed") << 1.0 << 0.1 << 0.2 << 1.19 << 2.0 << -0.2;
    QTest::newRow("at the hinge") << 0.5 << 0.75 << 0.3125 << 0.0 << 0.0 << 0.0; // 0.25-0.5625+0.3125
}

void TestLosses::tripletSquaredLossAtHandPoints()
{
    QFETCH(double, positiveDistance);
    QFETCH(double, negativeDistance);
    QFETCH(double, alpha);
    QFETCH(double, value);
    QFETCH(double, dPositive);
    QFETCH(double, dNegative);
    const sme::TripletLossValue loss = sme::tripletSquaredLoss(positiveDistance, negativeDistance, alpha);
    VERIFY_NEAR("value", loss.value, value);
    VERIFY_NEAR("dPositive", loss.dPositive, dPositive);
    VERIFY_NEAR("dNegative", loss.dNegative, dNegative);
}

void TestLosses::tripletLossAtHandPoints_data()
{
    QTest::addColumn<double>("positiveDistance");
    QTest::addColumn<double>("negativeDistance");
    QTest::addColumn<double>("alpha");
    QTest::addColumn<double>("value");
    QTest::addColumn<double>("dPositive");
    QTest::addColumn<double>("dNegative");
    // [D_ap - D_an + alpha]_+; while active +1 and -1.
    QTest::newRow("active") << 0.9 << 1.0 << 0.2 << 0.1 << 1.0 << -1.0;   // 0.9 - 1 + 0.2
    QTest::newRow("inactive") << 0.5 << 1.0 << 0.2 << 0.0 << 0.0 << 0.0; // 0.5 - 1 + 0.2 < 0
    // Unlike the squared form, a hard negative gets the full push.
    QTest::newRow("hard negative fully pushed") << 1.0 << 0.1 << 0.2 << 1.1 << 1.0 << -1.0;
    QTest::newRow("at the hinge") << 0.5 << 0.75 << 0.25 << 0.0 << 0.0 << 0.0;
}

void TestLosses::tripletLossAtHandPoints()
{
    QFETCH(double, positiveDistance);
    QFETCH(double, negativeDistance);
    QFETCH(double, alpha);
    QFETCH(double, value);
    QFETCH(double, dPositive);
    QFETCH(double, dNegative);
    const sme::TripletLossValue loss = sme::tripletLoss(positiveDistance, negativeDistance, alpha);
    VERIFY_NEAR("value", loss.value, value);
    VERIFY_NEAR("dPositive", loss.dPositive, dPositive);
    VERIFY_NEAR("dNegative", loss.dNegative, dNegative);
}

// ---------------------------------------------------------------------------------------------
// Derivatives against central differences

void TestLosses::derivativesMatchCentralDifferences_data()
{
    using X = std::array<double, 2>;
    QTest::addColumn<DifferentiableLoss>("loss");
    const auto pair = [](auto f) {
        return [f](X x, double alpha) {
            const sme::PairLossValue v = f(x, alpha);
            return Evaluation{v.value, {v.dDistance, v.dBeta}};
        };
    };
    const auto triplet = [](auto f) {
        return [f](X x, double alpha) {
            const sme::TripletLossValue v = f(x[0], x[1], alpha);
            return Evaluation{v.value, {v.dPositive, v.dNegative}};
        };
    };
    QTest::newRow("contrastive positive") << DifferentiableLoss{
        1, {0.0, 0.0}, {2.0, 0.0},
        pair([](X x, double alpha) { return sme::contrastiveLoss(x[0], true, alpha); }),
        {}};
    QTest::newRow("contrastive negative") << DifferentiableLoss{
        1, {0.0, 0.0}, {2.0, 0.0},
        pair([](X x, double alpha) { return sme::contrastiveLoss(x[0], false, alpha); }),
        [](X x, double alpha) { return alpha - x[0]; }};
    // Margin: the variables are D and beta.
    QTest::newRow("margin positive") << DifferentiableLoss{
        2, {0.0, 0.5}, {2.0, 1.7},
        pair([](X x, double alpha) { return sme::marginLoss(x[0], true, alpha, x[1]); }),
        [](X x, double alpha) { return alpha + (x[0] - x[1]); }};
    QTest::newRow("margin negative") << DifferentiableLoss{
        2, {0.0, 0.5}, {2.0, 1.7},
        pair([](X x, double alpha) { return sme::marginLoss(x[0], false, alpha, x[1]); }),
        [](X x, double alpha) { return alpha - (x[0] - x[1]); }};
    QTest::newRow("triplet squared") << DifferentiableLoss{
        2, {0.0, 0.0}, {2.0, 2.0}, triplet(sme::tripletSquaredLoss),
        [](X x, double alpha) { return x[0] * x[0] - x[1] * x[1] + alpha; }};
    QTest::newRow("triplet") << DifferentiableLoss{
        2, {0.0, 0.0}, {2.0, 2.0}, triplet(sme::tripletLoss),
        [](X x, double alpha) { return x[0] - x[1] + alpha; }};
}

void TestLosses::derivativesMatchCentralDifferences()
{
    // (f(x + h) - f(x - h)) / 2h = f'(x) + h^2 f'''(xi) / 6: between its kinks every loss is a
    // polynomial of degree <= 2, so f''' = 0 and the O(h^2) term is kept only as h^2 with a
    // unit constant. Rounding: f(x +- h) each carry ~4 eps |f|, and x +- h is itself rounded,
    // which changes the step by up to eps |x|: together (8 eps (|f| + |x f'|) + eps) / h,
    // ~1e-9 for h = 1e-5. Any wrong derivative (a missing factor 2, a sign, a derivative
    // left on at the inactive side) is off by >= 0.01 at most of these points.
    // A kink inside [x - h, x + h] breaks the formula: points whose hinge argument is within
    // 1e-3 of 0 are skipped; the argument moves by at most 4h = 4e-5 over the step (its
    // slope is at most 2 * 2 = 4), so no skipped-in point straddles a kink.
    QFETCH(DifferentiableLoss, loss);
    constexpr double h = 1e-5;
    constexpr int points = 2000;
    sme::Rng rng(101);
    int checked = 0;
    int active = 0;
    for (int k = 0; k < points; ++k) {
        const double alpha = 0.05 + 0.95 * sme::uniformUnit(rng);
        std::array<double, 2> x{};
        for (int v = 0; v < 2; ++v)
            x[std::size_t(v)] = loss.low[std::size_t(v)]
                                + (loss.high[std::size_t(v)] - loss.low[std::size_t(v)]) * sme::uniformUnit(rng);
        if (loss.hinge && std::abs(loss.hinge(x, alpha)) < 1e-3)
            continue;
        ++checked;
        const Evaluation at = loss.evaluate(x, alpha);
        active += at.value > 0.0;
        for (int v = 0; v < loss.variables; ++v) {
            std::array<double, 2> up = x;
            std::array<double, 2> down = x;
            up[std::size_t(v)] += h;
            down[std::size_t(v)] -= h;
            const double difference = (loss.evaluate(up, alpha).value - loss.evaluate(down, alpha).value) / (2.0 * h);
            const double analytic = at.gradient[std::size_t(v)];
            const double tolerance
                = h * h + (8.0 * epsilon * (std::abs(at.value) + std::abs(x[std::size_t(v)] * analytic)) + epsilon) / h;
            QVERIFY2(std::abs(difference - analytic) <= tolerance,
                     qPrintable(QString("variable %1 at (%2, %3), alpha %4: analytic %5, central "
                                        "difference %6, tolerance %7")
                                    .arg(v).arg(x[0]).arg(x[1]).arg(alpha).arg(analytic, 0, 'g', 17)
                                    .arg(difference, 0, 'g', 17).arg(tolerance)));
        }
    }
    // The sampling must reach both sides of the hinge (the positive contrastive has none).
    QVERIFY2(checked > points * 9 / 10, "most points were skipped as too close to a kink");
    QVERIFY2(active > 100, "too few points on the active side");
    if (loss.hinge)
        QVERIFY2(checked - active > 100, "too few points on the inactive side");
}

// ---------------------------------------------------------------------------------------------
// The margin loss over a batch

namespace {

// Five pairs; alpha = 0.2, nu = 0.1, beta(i) = 1.2 + perClass[c] + perImage[i].
struct HandBatch {
    sme::MarginPairs pairs{
        {0, 0, 1, 1, 0},              // anchor class
        {0, 1, 2, 3, 0},              // anchor image
        {1.4, 0.9, 1.0, 1.6, 1.25},   // D
        {1, 1, 0, 0, 0}};             // positive?
    sme::MarginBoundary boundary{1.2, {0.1, -0.1}, {0.0, 0.05, 0.0, 0.0}};
};

} // namespace

void TestLosses::marginBatchLossAveragesOverActivePairs()
{
    const HandBatch batch;
    const sme::MarginLossResult r = sme::marginBatchLoss(batch.pairs, batch.boundary, 0.2, 0.1);
    // beta per pair: 1.2 + 0.1 + 0 = 1.3, 1.3 + 0.05 = 1.35, 1.2 - 0.1 = 1.1, 1.1, 1.3.
    // Hinges: pair 0 (positive) 0.2 + (1.4 - 1.3) = 0.3; pair 1 (positive) 0.2 + (0.9 - 1.35) < 0;
    // pair 2 (negative) 0.2 - (1.0 - 1.1) = 0.3; pair 3 (negative) 0.2 - (1.6 - 1.1) < 0;
    // pair 4 (negative) 0.2 - (1.25 - 1.3) = 0.25. Three active pairs.
    // loss = (0.3 + 0.3 + 0.25 + 0.1 * (1.3 + 1.35 + 1.1 + 1.1 + 1.3)) / 3 = (0.85 + 0.615) / 3.
    QCOMPARE(r.activePairs, 3);
    VERIFY_NEAR("loss", r.loss, 1.465 / 3.0);
    // d/dD = y' / 3 for the active pairs.
    const std::vector<double> dDistance{1.0 / 3, 0.0, -1.0 / 3, 0.0, -1.0 / 3};
    QCOMPARE(r.dDistance.size(), dDistance.size());
    for (std::size_t k = 0; k < dDistance.size(); ++k)
        VERIFY_NEAR("dDistance", r.dDistance[k], dDistance[k]);
    // d/dbeta(i) per pair = (-y' if active) + nu: -0.9, 0.1, 1.1, 0.1, 1.1, all over 3.
    VERIFY_NEAR("dBeta0", r.dBeta0, (-0.9 + 0.1 + 1.1 + 0.1 + 1.1) / 3.0);
    QCOMPARE(r.dPerClass.size(), std::size_t(2));
    VERIFY_NEAR("dPerClass[0]", r.dPerClass[0], (-0.9 + 0.1 + 1.1) / 3.0); // pairs 0, 1, 4
    VERIFY_NEAR("dPerClass[1]", r.dPerClass[1], (1.1 + 0.1) / 3.0);        // pairs 2, 3
    QCOMPARE(r.dPerImage.size(), std::size_t(4));
    VERIFY_NEAR("dPerImage[0]", r.dPerImage[0], (-0.9 + 1.1) / 3.0);       // pairs 0, 4
    VERIFY_NEAR("dPerImage[1]", r.dPerImage[1], 0.1 / 3.0);
    VERIFY_NEAR("dPerImage[2]", r.dPerImage[2], 1.1 / 3.0);
    VERIFY_NEAR("dPerImage[3]", r.dPerImage[3], 0.1 / 3.0);
}

void TestLosses::marginBatchLossIsZeroWithoutActivePairs()
{
    // Every pair on its inactive side; nu != 0 must not leak a loss or a gradient through.
    HandBatch batch;
    batch.pairs.distance = {0.5, 0.6, 1.9, 1.8, 1.7};
    const sme::MarginLossResult r = sme::marginBatchLoss(batch.pairs, batch.boundary, 0.2, 0.5);
    QCOMPARE(r.activePairs, 0);
    QVERIFY(r.loss == 0.0);
    QVERIFY(r.dBeta0 == 0.0);
    QCOMPARE(r.dDistance, std::vector<double>(5, 0.0));
    QCOMPARE(r.dPerClass, std::vector<double>(2, 0.0));
    QCOMPARE(r.dPerImage, std::vector<double>(4, 0.0));

    // No pairs at all: the same, and no division by zero.
    const sme::MarginLossResult empty = sme::marginBatchLoss({}, batch.boundary, 0.2, 0.5);
    QCOMPARE(empty.activePairs, 0);
    QVERIFY(empty.loss == 0.0);
    QVERIFY(empty.dDistance.empty());
}

void TestLosses::marginBatchLossGradientsMatchFiniteDifferences_data()
{
    QTest::addColumn<double>("nu");
    QTest::addColumn<bool>("learnClass");
    QTest::addColumn<bool>("learnImage");
    QTest::newRow("nu 0, all parts") << 0.0 << true << true;
    QTest::newRow("nu 0.1, all parts") << 0.1 << true << true;
    QTest::newRow("nu 1, beta0 and class") << 1.0 << true << false;
    QTest::newRow("nu 0.3, beta0 and image") << 0.3 << false << true;
    QTest::newRow("nu 0.05, beta0 only") << 0.05 << false << false;
}

void TestLosses::marginBatchLossGradientsMatchFiniteDifferences()
{
    QFETCH(double, nu);
    QFETCH(bool, learnClass);
    QFETCH(bool, learnImage);
    constexpr int count = 60;
    constexpr int classes = 4;
    constexpr int images = 12;
    constexpr double alpha = 0.2;
    sme::Rng rng(17);
    sme::MarginBoundary boundary;
    if (learnClass)
        for (int c = 0; c < classes; ++c)
            boundary.perClass.push_back(0.2 * sme::uniformUnit(rng) - 0.1);
    if (learnImage)
        for (int i = 0; i < images; ++i)
            boundary.perImage.push_back(0.1 * sme::uniformUnit(rng) - 0.05);
    sme::MarginPairs pairs;
    for (int k = 0; k < count; ++k) {
        const int c = int(sme::uniformIndex(classes, rng));
        const int i = int(sme::uniformIndex(images, rng));
        const bool positive = sme::uniformUnit(rng) < 0.5;
        const double beta = boundary.at(c, i);
        // Keep every hinge at least 0.01 from 0: a step of h moves a hinge by at most h, so
        // the set of active pairs (and the normalisation) stays fixed; checked below.
        double d = 0.0;
        do
            d = 0.5 + 1.4 * sme::uniformUnit(rng);
        while (std::abs(alpha + (positive ? 1.0 : -1.0) * (d - beta)) < 0.01);
        pairs.anchorClass.push_back(c);
        pairs.anchorImage.push_back(i);
        pairs.distance.push_back(d);
        pairs.positive.push_back(positive);
    }
    const sme::MarginLossResult r = sme::marginBatchLoss(pairs, boundary, alpha, nu);
    QVERIFY(r.activePairs > 5 && r.activePairs < count - 5);

    // The loss is linear in every input while the active set is fixed: the central difference
    // has no truncation error. Rounding: the sum of `count` terms carries at most
    // count * eps * sum|terms| (naive summation bound); the difference of two such sums,
    // over A * 2h, gives count * eps * sum|terms| / (A h), ~1e-8 here. A wrong gradient is off
    // by at least nu / A or 1 / A, i.e. >= 1e-3.
    constexpr double h = 1e-5;
    double sumOfTerms = 0.0;
    for (int k = 0; k < count; ++k) {
        const double beta = boundary.at(pairs.anchorClass[std::size_t(k)], pairs.anchorImage[std::size_t(k)]);
        sumOfTerms += sme::marginLoss(pairs.distance[std::size_t(k)], pairs.positive[std::size_t(k)] != 0, alpha, beta).value
                      + std::abs(nu * beta);
    }
    // Plus the rounding of the perturbed input x +- h (|x| <= 2), which changes the step by up
    // to 2 eps: a relative error 2 eps / h on the derivative.
    const double sumTolerance = count * epsilon * sumOfTerms / (r.activePairs * h);
    const auto centralDifference = [&](auto perturb) {
        sme::MarginPairs p = pairs;
        sme::MarginBoundary b = boundary;
        perturb(p, b, h);
        const sme::MarginLossResult up = sme::marginBatchLoss(p, b, alpha, nu);
        p = pairs;
        b = boundary;
        perturb(p, b, -h);
        const sme::MarginLossResult down = sme::marginBatchLoss(p, b, alpha, nu);
        if (up.activePairs != r.activePairs || down.activePairs != r.activePairs)
            return std::numeric_limits<double>::quiet_NaN(); // a hinge was crossed
        return (up.loss - down.loss) / (2.0 * h);
    };
    const auto check = [&](const char* what, int index, double analytic, double difference) {
        const double tolerance = sumTolerance + 2.0 * epsilon * std::abs(analytic) / h;
        QVERIFY2(std::abs(analytic - difference) <= tolerance,
                 qPrintable(QString("%1[%2]: analytic %3, central difference %4, tolerance %5")
                                .arg(what).arg(index).arg(analytic, 0, 'g', 17)
                                .arg(difference, 0, 'g', 17).arg(tolerance)));
    };

    for (int k = 0; k < count; ++k)
        check("dDistance", k, r.dDistance[std::size_t(k)],
              centralDifference([k](sme::MarginPairs& p, sme::MarginBoundary&, double step) {
                  p.distance[std::size_t(k)] += step;
              }));
    check("dBeta0", 0, r.dBeta0,
          centralDifference([](sme::MarginPairs&, sme::MarginBoundary& b, double step) { b.beta0 += step; }));
    QCOMPARE(r.dPerClass.size(), boundary.perClass.size());
    for (std::size_t c = 0; c < boundary.perClass.size(); ++c)
        check("dPerClass", int(c), r.dPerClass[c],
              centralDifference([c](sme::MarginPairs&, sme::MarginBoundary& b, double step) {
                  b.perClass[c] += step;
              }));
    QCOMPARE(r.dPerImage.size(), boundary.perImage.size());
    for (std::size_t i = 0; i < boundary.perImage.size(); ++i)
        check("dPerImage", int(i), r.dPerImage[i],
              centralDifference([i](sme::MarginPairs&, sme::MarginBoundary& b, double step) {
                  b.perImage[i] += step;
              }));
}

void TestLosses::marginBoundarySumsItsParts_data()
{
    QTest::addColumn<double>("beta0");
    QTest::addColumn<std::vector<double>>("perClass");
    QTest::addColumn<std::vector<double>>("perImage");
    QTest::addColumn<int>("classId");
    QTest::addColumn<int>("imageId");
    QTest::addColumn<double>("expected");
    // Dyadic parts: the sums are exact.
    QTest::newRow("beta0 only") << 1.25 << std::vector<double>{} << std::vector<double>{} << 3 << 7 << 1.25;
    QTest::newRow("unlearned parts ignore the index")
        << 1.25 << std::vector<double>{} << std::vector<double>{} << -1 << 100000 << 1.25;
    QTest::newRow("per class") << 1.0 << std::vector<double>{0.125, -0.25} << std::vector<double>{} << 1
                               << 5 << 0.75;
    QTest::newRow("per image") << 1.0 << std::vector<double>{} << std::vector<double>{0.0, 0.25, 0.5}
                               << 9 << 2 << 1.5;
    QTest::newRow("all parts") << 1.0 << std::vector<double>{0.125, 0.25}
                               << std::vector<double>{0.5, 0.0625} << 0 << 1 << 1.1875;
}

void TestLosses::marginBoundarySumsItsParts()
{
    QFETCH(double, beta0);
    QFETCH(std::vector<double>, perClass);
    QFETCH(std::vector<double>, perImage);
    QFETCH(int, classId);
    QFETCH(int, imageId);
    QFETCH(double, expected);
    const sme::MarginBoundary boundary{beta0, perClass, perImage};
    QVERIFY2(boundary.at(classId, imageId) == expected, // exact: dyadic parts
             qPrintable(mismatch("beta", boundary.at(classId, imageId), expected)));
}

void TestLosses::marginBatchLossRejectsBadInput_data()
{
    QTest::addColumn<Call>("call");
    const auto withPairs = [](auto change, double alpha = 0.2, double nu = 0.1) {
        return Call([change, alpha, nu] {
            HandBatch batch;
            change(batch);
            sme::marginBatchLoss(batch.pairs, batch.boundary, alpha, nu);
        });
    };
    const auto unchanged = [](HandBatch&) {};
    QTest::newRow("short anchorClass") << withPairs([](HandBatch& b) { b.pairs.anchorClass.pop_back(); });
    QTest::newRow("short anchorImage") << withPairs([](HandBatch& b) { b.pairs.anchorImage.pop_back(); });
    QTest::newRow("long positive") << withPairs([](HandBatch& b) { b.pairs.positive.push_back(1); });
    QTest::newRow("short distance") << withPairs([](HandBatch& b) { b.pairs.distance.pop_back(); });
    QTest::newRow("NaN distance") << withPairs([](HandBatch& b) { b.pairs.distance[2] = notANumber; });
    QTest::newRow("infinite distance") << withPairs([](HandBatch& b) { b.pairs.distance[0] = infinity; });
    QTest::newRow("NaN alpha") << withPairs(unchanged, notANumber);
    QTest::newRow("infinite alpha") << withPairs(unchanged, infinity);
    QTest::newRow("NaN nu") << withPairs(unchanged, 0.2, notANumber);
    QTest::newRow("class without a learned beta")
        << withPairs([](HandBatch& b) { b.pairs.anchorClass[1] = 2; });
    QTest::newRow("negative class") << withPairs([](HandBatch& b) { b.pairs.anchorClass[1] = -1; });
    QTest::newRow("image without a learned beta")
        << withPairs([](HandBatch& b) { b.pairs.anchorImage[4] = 4; });
    QTest::newRow("boundary: class out of range") << Call([] { HandBatch().boundary.at(2, 0); });
    QTest::newRow("boundary: image out of range") << Call([] { HandBatch().boundary.at(0, -1); });
}

void TestLosses::marginBatchLossRejectsBadInput()
{
    // The control: the unchanged hand batch goes through.
    const HandBatch good;
    QCOMPARE(sme::marginBatchLoss(good.pairs, good.boundary, 0.2, 0.1).activePairs, 3);
    QFETCH(Call, call);
    QVERIFY_THROWS_EXCEPTION(sme::Error, call());
}

// ---------------------------------------------------------------------------------------------
// Loss curves and names

void TestLosses::lossCurvesRunOverZeroToTwo_data()
{
    QTest::addColumn<int>("points");
    for (int points : {2, 3, 101, 1000})
        QTest::addRow("%d points", points) << points;
}

void TestLosses::lossCurvesRunOverZeroToTwo()
{
    QFETCH(int, points);
    const sme::LossCurves curves = sme::lossCurves(0.2, 1.2, 0.9, points);
    QCOMPARE(curves.alpha, 0.2);
    QCOMPARE(curves.beta, 1.2);
    QCOMPARE(curves.heldDistance, 0.9);
    QCOMPARE(curves.distance.size(), std::size_t(points));
    QVERIFY(curves.distance.front() == 0.0);
    QVERIFY(curves.distance.back() == 2.0);
    // Evenly spaced: d_i = 2 i / (points - 1), one multiplication and one division (<= 2 eps).
    for (int i = 0; i < points; ++i)
        QVERIFY(std::abs(curves.distance[std::size_t(i)] - 2.0 * i / (points - 1)) <= 4.0 * epsilon);
    for (LossKind kind : sme::allLossKinds) {
        QCOMPARE(curves.positive[std::size_t(kind)].size(), std::size_t(points));
        QCOMPARE(curves.negative[std::size_t(kind)].size(), std::size_t(points));
    }
}

void TestLosses::lossCurvesAreTheLossFunctions()
{
    // Every column is its loss function at the column's distance, in its LossKind slot. Not
    // bit for bit: inlined into lossCurves, D^2 - held^2 + alpha may be contracted into fused
    // multiply-adds (GCC's default -ffp-contract=fast with -march=native), which rounds
    // differently by a few ulps of the operands (< 4): handTolerance covers it. Held distance
    // 0.9 != beta, so the triplet and margin columns differ and a swapped slot shows.
    constexpr double alpha = 0.2;
    constexpr double beta = 1.2;
    constexpr double held = 0.9;
    const sme::LossCurves c = sme::lossCurves(alpha, beta, held, 41);
    const auto expectNear = [](const std::vector<double>& column, std::size_t i, double expected,
                               const char* what) {
        QVERIFY2(near(column[i], expected), qPrintable(mismatch(what, column[i], expected)));
    };
    for (std::size_t i = 0; i < c.distance.size(); ++i) {
        const double d = c.distance[i];
        const auto at = [](LossKind kind) { return std::size_t(kind); };
        expectNear(c.positive[at(LossKind::Contrastive)], i, sme::contrastiveLoss(d, true, alpha).value,
                   "contrastive positive");
        expectNear(c.negative[at(LossKind::Contrastive)], i, sme::contrastiveLoss(d, false, alpha).value,
                   "contrastive negative");
        expectNear(c.positive[at(LossKind::TripletSquared)], i, sme::tripletSquaredLoss(d, held, alpha).value,
                   "triplet squared positive");
        expectNear(c.negative[at(LossKind::TripletSquared)], i, sme::tripletSquaredLoss(held, d, alpha).value,
                   "triplet squared negative");
        expectNear(c.positive[at(LossKind::Triplet)], i, sme::tripletLoss(d, held, alpha).value,
                   "triplet positive");
        expectNear(c.negative[at(LossKind::Triplet)], i, sme::tripletLoss(held, d, alpha).value,
                   "triplet negative");
        expectNear(c.positive[at(LossKind::Margin)], i, sme::marginLoss(d, true, alpha, beta).value,
                   "margin positive");
        expectNear(c.negative[at(LossKind::Margin)], i, sme::marginLoss(d, false, alpha, beta).value,
                   "margin negative");
        if (QTest::currentTestFailed())
            return;
    }
}

void TestLosses::plainTripletCurvesEqualMarginCurvesWhenHeldAtBeta_data()
{
    QTest::addColumn<double>("alpha");
    QTest::addColumn<double>("beta");
    QTest::newRow("reference 0.2, 1.2") << 0.2 << 1.2;
    QTest::newRow("0.5, 0.8") << 0.5 << 0.8;
    QTest::newRow("alpha 0") << 0.0 << 1.0;
    QTest::newRow("beta near 2") << 0.3 << 1.9;
}

void TestLosses::plainTripletCurvesEqualMarginCurvesWhenHeldAtBeta()
{
    // Losses.h: with D_an = beta, [D - D_an + alpha]_+ = [alpha + (D - beta)]_+, the margin
    // positive; with D_ap = beta, [beta - D + alpha]_+ = [alpha - (D - beta)]_+, the margin
    // negative. The same two additions in another order (possibly one fused): each result
    // within an ulp or two of numbers below 4, 2 * 2^-51 ~ 1e-15; 2e-15 allows both.
    QFETCH(double, alpha);
    QFETCH(double, beta);
    constexpr double tolerance = 2e-15;
    const sme::LossCurves same = sme::lossCurves(alpha, beta, beta, 201);
    const auto t = std::size_t(LossKind::Triplet);
    const auto m = std::size_t(LossKind::Margin);
    for (std::size_t i = 0; i < same.distance.size(); ++i) {
        QVERIFY(near(same.positive[t][i], same.positive[m][i], tolerance));
        QVERIFY(near(same.negative[t][i], same.negative[m][i], tolerance));
    }
    // The control: holding the other distance 0.1 away shifts the positive triplet curve by
    // 0.1 wherever it is active (up to the rounding of sums near 2, far below 1e-12).
    const sme::LossCurves shifted = sme::lossCurves(alpha, beta, beta + 0.1, 201);
    double largest = 0.0;
    for (std::size_t i = 0; i < shifted.distance.size(); ++i)
        largest = std::max(largest, std::abs(shifted.positive[t][i] - shifted.positive[m][i]));
    QVERIFY(near(largest, 0.1, 1e-12));
}

void TestLosses::lossNamesRoundTrip()
{
    std::set<std::string_view> names;
    for (LossKind kind : sme::allLossKinds) {
        QVERIFY(sme::lossFromName(sme::lossName(kind)) == kind);
        names.insert(sme::lossName(kind));
    }
    QVERIFY((names == std::set<std::string_view>{"contrastive", "triplet-squared", "triplet", "margin"}));
    QVERIFY(!sme::lossFromName("Margin").has_value());
    QVERIFY(!sme::lossFromName("").has_value());
    QVERIFY(!sme::lossFromName("triplet squared").has_value());
}

void TestLosses::lossCurvesRejectBadParameters_data()
{
    QTest::addColumn<double>("alpha");
    QTest::addColumn<double>("beta");
    QTest::addColumn<double>("heldDistance");
    QTest::addColumn<int>("points");
    QTest::newRow("negative alpha") << -0.1 << 1.2 << 1.2 << 11;
    QTest::newRow("NaN alpha") << notANumber << 1.2 << 1.2 << 11;
    QTest::newRow("infinite alpha") << infinity << 1.2 << 1.2 << 11;
    QTest::newRow("NaN beta") << 0.2 << notANumber << 1.2 << 11;
    QTest::newRow("infinite beta") << 0.2 << -infinity << 1.2 << 11;
    QTest::newRow("NaN held distance") << 0.2 << 1.2 << notANumber << 11;
    QTest::newRow("negative held distance") << 0.2 << 1.2 << -0.5 << 11;
    QTest::newRow("1 point") << 0.2 << 1.2 << 1.2 << 1;
    QTest::newRow("0 points") << 0.2 << 1.2 << 1.2 << 0;
    QTest::newRow("negative points") << 0.2 << 1.2 << 1.2 << -3;
    QTest::newRow("too many points") << 0.2 << 1.2 << 1.2 << 1'000'001;
}

void TestLosses::lossCurvesRejectBadParameters()
{
    // The control: the smallest accepted values go through.
    QCOMPARE(sme::lossCurves(0.0, -1.0, 0.0, 2).distance.size(), std::size_t(2));
    QFETCH(double, alpha);
    QFETCH(double, beta);
    QFETCH(double, heldDistance);
    QFETCH(int, points);
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::lossCurves(alpha, beta, heldDistance, points));
}

QTEST_APPLESS_MAIN(TestLosses)
#include "tst_losses.moc"
