// Tests of the distance weighted sampler (PAPER.md §3): its probabilities, the law of its
// draws against SphereDistanceLaw, flat picks over distance, its fallbacks and the traps of
// high dimension and distances beyond the sphere.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SamplerTestSupport.h"
#include "TestStatistics.h"

#include "model/base/Random.h"
#include "model/sampling/DistanceWeightedSampler.h"
#include "model/sampling/Sampler.h"
#include "model/geometry/SphereGeometry.h"
#include "model/geometry/SpherePoints.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <utility>
#include <vector>

using sme::SamplerKind;
using sme::Triplet;
using testing::Batch;
using testing::ChiSquare;
using testing::chiSquareCritical;
using testing::epsilon;
using testing::idealised;
using testing::normalUpperQuantile;
using testing::pearson;
using testing::settingsFor;
using testing::symmetricDistances;
using testing::verifyTriplets;

namespace {

QString exactZeroProblem(double probability, int anchor, int row)
{
    return QString("anchor %1, row %2: probability %3, must be exactly 0")
        .arg(anchor).arg(row).arg(probability, 0, 'g', 17);
}

struct Negatives {
    int count = 0;        // rows of another class
    bool anyValid = false; // some of them below the non-zero-loss cutoff
};

Negatives negativesOf(const Batch& batch, int anchor, const sme::SamplerSettings& settings)
{
    Negatives result;
    for (int j = 0; j < static_cast<int>(batch.labels.size()); ++j)
        if (batch.labels[j] != batch.labels[anchor]) {
            ++result.count;
            result.anyValid = result.anyValid || batch.distances(anchor, j) < settings.nonzeroLossCutoff;
        }
    return result;
}

// distanceWeightedProbabilities is a probability law for the anchor: finite, non-negative,
// sum 1 (all 0 without negatives); uniform over the negatives when none is below the cutoff.
void verifyProbabilitiesAreLaw(const Batch& batch, int anchor, const sme::SamplerSettings& settings)
{
    const Eigen::VectorXd p
        = sme::distanceWeightedProbabilities(batch.distances, batch.labels, anchor, settings);
    const int size = static_cast<int>(batch.labels.size());
    QCOMPARE(p.size(), Eigen::Index{size});
    QVERIFY2(p.allFinite(), "a probability is NaN or infinite");
    QVERIFY2((p.array() >= 0.0).all(), "a probability is negative");
    const Negatives negatives = negativesOf(batch, anchor, settings);
    if (negatives.count == 0) {
        QVERIFY2(p.isZero(0.0), "an anchor without negatives must get all zeros");
        return;
    }
    if (!negatives.anyValid)
        for (int j = 0; j < size; ++j)
            if (batch.labels[j] != batch.labels[anchor])
                // Fallback: 1/count from one division and one normalisation: a few ulps.
                QVERIFY(std::abs(p[j] - 1.0 / negatives.count) <= 4.0 * epsilon / negatives.count);
    // Summing `size` terms in [0, 1] accumulates at most size * eps of rounding.
    QVERIFY2(std::abs(p.sum() - 1.0) <= size * epsilon,
             qPrintable(QString("probabilities sum to %1").arg(p.sum(), 0, 'g', 17)));
}

// The anchor, its class and (when some negative is valid) the negatives at or beyond the
// non-zero-loss cutoff get probability exactly 0. A valid negative may also get 0 when its
// weight underflows next to a far larger one at high n, so "valid => > 0" is not asserted.
void verifyExcludedRowsAreZero(const Batch& batch, int anchor, const sme::SamplerSettings& settings)
{
    const Eigen::VectorXd p
        = sme::distanceWeightedProbabilities(batch.distances, batch.labels, anchor, settings);
    const Negatives negatives = negativesOf(batch, anchor, settings);
    for (int j = 0; j < static_cast<int>(batch.labels.size()); ++j) {
        const bool excluded = batch.labels[j] == batch.labels[anchor]
                              || (negatives.anyValid
                                  && !(batch.distances(anchor, j) < settings.nonzeroLossCutoff));
        // Exact: QCOMPARE(x, 0.0) would accept anything below 1e-12.
        if (excluded)
            QVERIFY2(p[j] == 0.0, qPrintable(exactZeroProblem(p[j], anchor, j)));
    }
}

} // namespace

class TestDistanceWeighted : public QObject {
    Q_OBJECT

private slots:
    void samplerDrawsFollowTheirLaw_data();
    void samplerDrawsFollowTheirLaw();
    void distanceWeightedProbabilitiesKeepOnlyValidNegatives_data();
    void distanceWeightedProbabilitiesKeepOnlyValidNegatives();
    void distanceWeightedGivesZeroToAnchorClassAndCutoff_data();
    void distanceWeightedGivesZeroToAnchorClassAndCutoff();
    void distanceWeightedProbabilitiesAreInverseDensity_data();
    void distanceWeightedProbabilitiesAreInverseDensity();
    void distanceWeightedFallsBackToUniformBeyondCutoff();
    void batchDrawsAreThoseOfTheProbabilities_data();
    void batchDrawsAreThoseOfTheProbabilities();
    void distanceWeightedPicksAreFlatOnUniformPoints();

    void offSphereAndHighDimensionStayFinite_data();
    void offSphereAndHighDimensionStayFinite();
    void zeroCutoffWithCoincidentNegativeStaysFinite();
};

// ---------------------------------------------------------------------------------------------
// The law of the draws

void TestDistanceWeighted::samplerDrawsFollowTheirLaw_data()
{
    QTest::addColumn<SamplerKind>("kind");
    QTest::newRow("uniform") << SamplerKind::Uniform;
    QTest::newRow("distance-weighted") << SamplerKind::DistanceWeighted;
}

void TestDistanceWeighted::samplerDrawsFollowTheirLaw()
{
    // One fixed batch, anchor 0 of a class of 6: every call draws 5 negatives for it, i.i.d.
    // from the sampler's law, so the counts over rows are multinomial. Pearson's chi-square
    // against that law, at alpha = 1e-4 with the Wilson-Hilferty critical value: the seed is
    // fixed, so this is one deterministic draw that a correct sampler passes with probability
    // 1 - 1e-4, while a wrong law shifts the statistic by ~draws * (chi-square distance of the
    // laws), here thousands against critical values of 40 to 85. That power is checked too: the
    // same counts must be rejected against the other sampler's law.
    QFETCH(SamplerKind, kind);
    constexpr int n = 8;
    const Batch batch = idealised(n, 8, 6, 0.8, 2024);
    const sme::SamplerSettings settings = settingsFor(n);
    constexpr int anchor = 0;

    Eigen::VectorXd uniform = Eigen::VectorXd::Zero(Eigen::Index(batch.labels.size()));
    for (std::size_t j = 0; j < batch.labels.size(); ++j)
        uniform[Eigen::Index(j)] = batch.labels[j] != batch.labels[anchor];
    uniform /= uniform.sum();
    const Eigen::VectorXd weighted
        = sme::distanceWeightedProbabilities(batch.distances, batch.labels, anchor, settings);
    // The batch must hold negatives that the weights exclude (D >= 1.4) and valid ones.
    int excluded = 0;
    for (std::size_t j = 0; j < batch.labels.size(); ++j)
        excluded += uniform[Eigen::Index(j)] > 0.0 && batch.distances(anchor, Eigen::Index(j)) >= 1.4;
    QVERIFY(excluded > 0 && excluded < (uniform.array() > 0.0).count());
    const Eigen::VectorXd& law = kind == SamplerKind::Uniform ? uniform : weighted;
    const Eigen::VectorXd& other = kind == SamplerKind::Uniform ? weighted : uniform;

    std::vector<long> counts(batch.labels.size(), 0);
    sme::Rng rng(7);
    // 30000 draws: ~700 per cell for the 42 negatives under uniform sampling, ~2300 for the
    // 13 below the cutoff under distance weighting.
    constexpr int calls = 6000;
    for (int call = 0; call < calls; ++call)
        for (const Triplet& t : sme::sampleTriplets(kind, batch.distances, batch.labels, settings, rng))
            if (t.anchor == anchor)
                ++counts[std::size_t(t.negative)];
    QCOMPARE(std::accumulate(counts.begin(), counts.end(), 0L), long(calls) * 5);

    constexpr double alpha = 1e-4;
    const ChiSquare fit = pearson(counts, law);
    QVERIFY2(fit.degrees >= 10, "too few cells for the chi-square test to mean much");
    const double critical = chiSquareCritical(fit.degrees, alpha);
    qInfo("chi-square %.1f with %d degrees of freedom, critical value %.1f", fit.statistic,
          fit.degrees, critical);
    QVERIFY2(fit.statistic < critical,
             qPrintable(QString("chi-square %1 with %2 degrees of freedom exceeds %3")
                            .arg(fit.statistic).arg(fit.degrees).arg(critical)));
    const ChiSquare against = pearson(counts, other);
    QVERIFY2(against.statistic > chiSquareCritical(std::max(against.degrees, 1), alpha),
             "the test cannot tell the uniform and the distance weighted laws apart");
}

void TestDistanceWeighted::distanceWeightedProbabilitiesKeepOnlyValidNegatives_data()
{
    QTest::addColumn<int>("dimension");
    QTest::addColumn<double>("spread");
    QTest::newRow("n=2") << 2 << 0.5;
    QTest::newRow("n=3") << 3 << 0.5;
    QTest::newRow("n=8") << 8 << 0.8;
    QTest::newRow("n=32") << 32 << 0.8;
    QTest::newRow("n=128") << 128 << 0.8;
    QTest::newRow("n=128 tight") << 128 << 0.1;
    QTest::newRow("n=1024") << 1024 << 0.5;
    QTest::newRow("n=4096") << 4096 << 0.5;
}

void TestDistanceWeighted::distanceWeightedProbabilitiesKeepOnlyValidNegatives()
{
    QFETCH(int, dimension);
    QFETCH(double, spread);
    for (int seed = 1; seed <= 3; ++seed) {
        const Batch batch = idealised(dimension, 12, 5, spread, seed);
        for (int anchor = 0; anchor < static_cast<int>(batch.labels.size()); ++anchor) {
            verifyProbabilitiesAreLaw(batch, anchor, settingsFor(dimension));
            verifyExcludedRowsAreZero(batch, anchor, settingsFor(dimension));
            if (QTest::currentTestFailed())
                return;
        }
    }
}

namespace {

// Anchor 0 with a positive (row 1) at 0.2 and negatives (rows 2..8), each its own class, at:
const std::vector<double> handMadeNegatives{0.3, 0.45, 0.9, 1.2, 1.39, 1.4, 1.7};

Batch handMadeAnchor()
{
    Batch batch{symmetricDistances(9, {{0, 1, 0.2}}), {0, 0, 1, 2, 3, 4, 5, 6, 7}};
    for (std::size_t k = 0; k < handMadeNegatives.size(); ++k)
        batch.distances(0, Eigen::Index(k) + 2) = batch.distances(Eigen::Index(k) + 2, 0)
            = handMadeNegatives[k];
    return batch;
}

void dimensionTable()
{
    QTest::addColumn<int>("dimension");
    for (int n : {2, 3, 4, 8, 32, 128})
        QTest::addRow("n=%d", n) << n;
}

} // namespace

void TestDistanceWeighted::distanceWeightedGivesZeroToAnchorClassAndCutoff_data()
{
    dimensionTable();
}

void TestDistanceWeighted::distanceWeightedGivesZeroToAnchorClassAndCutoff()
{
    // Exactly 0 for the anchor (row 0), its positive (row 1), the negative at exactly the
    // cutoff 1.4 (row 7: no loss, no weight) and the one beyond it (row 8).
    QFETCH(int, dimension);
    const Batch batch = handMadeAnchor();
    const Eigen::VectorXd p
        = sme::distanceWeightedProbabilities(batch.distances, batch.labels, 0, settingsFor(dimension));
    for (int j : {0, 1, 7, 8})
        QVERIFY2(p[j] == 0.0, qPrintable(exactZeroProblem(p[j], 0, j)));
    for (int j = 2; j <= 6; ++j)
        QVERIFY(p[j] > 0.0);
}

void TestDistanceWeighted::distanceWeightedProbabilitiesAreInverseDensity_data()
{
    dimensionTable();
}

void TestDistanceWeighted::distanceWeightedProbabilitiesAreInverseDensity()
{
    // PAPER.md §3: p_j proportional to 1/q(max(D_aj, lambda)) for the negatives D_aj < 1.4.
    QFETCH(int, dimension);
    const Batch batch = handMadeAnchor();
    const sme::SamplerSettings settings = settingsFor(dimension);
    const Eigen::VectorXd p
        = sme::distanceWeightedProbabilities(batch.distances, batch.labels, 0, settings);
    const sme::SphereDistanceLaw law(dimension);
    const auto weightOfRow = [&](int row) {
        const double distance = handMadeNegatives[std::size_t(row) - 2];
        return 1.0 / law.density(std::max(distance, settings.cutoff));
    };

    // 0.3 and 0.45 are both clipped up to lambda = 0.5: the same weight, bit for bit.
    QVERIFY(p[2] > 0.0);
    QVERIFY(p[2] == p[3]);
    // Ratios against SphereDistanceLaw. Both sides are exp of log-domain sums whose terms
    // reach |(n-2) log d| + |(n-3)/2 log(1 - d^2/4)| < 200 at n = 128: each log carries an
    // absolute rounding of ~200 eps = 4e-14, which exp turns into that relative error.
    // 1e-12 leaves a factor 20 and is ten orders below any wrong exponent or clip.
    const double tolerance = 1e-12;
    for (const auto& [i, j] : {std::pair{2, 4}, {4, 5}, {5, 6}, {2, 6}}) {
        const double expected = weightOfRow(i) / weightOfRow(j);
        const double actual = p[i] / p[j];
        QVERIFY2(std::abs(actual / expected - 1.0) < tolerance,
                 qPrintable(QString("p[%1]/p[%2] = %3, 1/q ratio %4")
                                .arg(i).arg(j).arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17)));
    }
    // And the normalisation: p_j = w_j / sum of the valid negatives' weights (rows 2..6).
    double total = 0.0;
    for (int j = 2; j <= 6; ++j)
        total += weightOfRow(j);
    QVERIFY(std::abs(p[4] - weightOfRow(4) / total) < tolerance * p[4]);
}

// sampleTriplets computes a pair's log weight once for its two anchors, and keeps its buffers
// from one anchor to the next: its draws must be those of distanceWeightedProbabilities, anchor
// by anchor (u = uniformUnit x the sum, the first cumulative probability above u, stepped back
// off zero-probability rows), bit for bit. Also when the distances are not symmetric (a pair
// whose two distances differ must get each its own weight), and with lambda at 0.
void TestDistanceWeighted::batchDrawsAreThoseOfTheProbabilities_data()
{
    QTest::addColumn<bool>("asymmetric");
    QTest::addColumn<double>("cutoff");
    QTest::newRow("symmetric") << false << 0.5;
    QTest::newRow("asymmetric") << true << 0.5;
    QTest::newRow("asymmetric, lambda 0") << true << 0.0;
}

void TestDistanceWeighted::batchDrawsAreThoseOfTheProbabilities()
{
    QFETCH(bool, asymmetric);
    QFETCH(double, cutoff);
    Batch batch = idealised(16, 6, 4, 0.6, 11);
    // Exactly symmetric (pairwiseDistances' rounding may leave a pair's two distances apart by
    // an ulp): every pair's weight is taken again for its second anchor. Or every third pair's
    // lower distance moved: a different weight each way.
    for (Eigen::Index i = 0; i < batch.distances.rows(); ++i)
        for (Eigen::Index j = 0; j < i; ++j)
            batch.distances(i, j) = asymmetric && j % 3 == 0 ? 0.97 * batch.distances(j, i) : batch.distances(j, i);
    sme::SamplerSettings settings = settingsFor(16);
    settings.cutoff = cutoff;
    sme::Rng drawing(5);
    const std::vector<Triplet> triplets
        = sme::sampleTriplets(SamplerKind::DistanceWeighted, batch.distances, batch.labels, settings, drawing);

    sme::Rng expected(5);
    std::size_t next = 0;
    int differentWeights = 0;
    const int size = int(batch.labels.size());
    for (int anchor = 0; anchor < size; ++anchor) {
        const Eigen::VectorXd p = sme::distanceWeightedProbabilities(batch.distances, batch.labels, anchor, settings);
        std::vector<double> cumulative;
        double running = 0.0;
        for (Eigen::Index j = 0; j < p.size(); ++j)
            cumulative.push_back(running += p[j]);
        for (int j = 0; j < size; ++j) {
            if (j == anchor || batch.labels[std::size_t(j)] != batch.labels[std::size_t(anchor)])
                continue;
            const double u = sme::uniformUnit(expected) * running;
            auto index = Eigen::Index(std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin());
            index = std::min<Eigen::Index>(index, p.size() - 1);
            while (p[index] <= 0.0 && index > 0)
                --index;
            QVERIFY(next < triplets.size());
            QCOMPARE(triplets[next].anchor, anchor);
            QCOMPARE(triplets[next].positive, j);
            QCOMPARE(triplets[next].negative, int(index));
            ++next;
        }
        for (int j = 0; j < anchor; ++j)
            differentWeights += batch.distances(anchor, j) != batch.distances(j, anchor);
    }
    QCOMPARE(next, triplets.size());
    QCOMPARE(differentWeights > 0, asymmetric);
}

void TestDistanceWeighted::distanceWeightedFallsBackToUniformBeyondCutoff()
{
    // Anchor 0 (class 0, positive row 1 close by); its four negatives all at or beyond 1.4:
    // none carries loss, so the stated policy is uniform over them.
    const std::vector<int> labels{0, 0, 1, 1, 2, 3};
    const Eigen::MatrixXd d = symmetricDistances(
        6, {{0, 1, 0.1}, {0, 2, 1.4}, {0, 3, 1.5}, {0, 4, 1.9}, {0, 5, 2.0}});
    const sme::SamplerSettings settings = settingsFor(16);
    const Eigen::VectorXd p = sme::distanceWeightedProbabilities(d, labels, 0, settings);
    Eigen::VectorXd expected(6);
    expected << 0.0, 0.0, 0.25, 0.25, 0.25, 0.25; // all exact in binary
    QCOMPARE(p, expected);

    // The draws use it: over many calls every one of the four negatives turns up, nothing else.
    // Each is missed by 400 draws with probability 0.75^400 ~ 1e-50.
    std::set<int> drawn;
    sme::Rng rng(3);
    for (int call = 0; call < 400; ++call)
        for (const Triplet& t :
             sme::sampleTriplets(SamplerKind::DistanceWeighted, d, labels, settings, rng))
            if (t.anchor == 0)
                drawn.insert(t.negative);
    QCOMPARE(drawn, (std::set<int>{2, 3, 4, 5}));

    // An anchor whose class is the whole batch has no negative: all zeros.
    const std::vector<int> oneClass(6, 0);
    QVERIFY(sme::distanceWeightedProbabilities(d, oneClass, 0, settings).isZero(0.0));
}

void TestDistanceWeighted::distanceWeightedPicksAreFlatOnUniformPoints()
{
    // PAPER.md §3: with every point its own class and uniform points on S^{n-1}, an anchor's
    // negative distances follow q, and weighting by 1/q(max(D, lambda)) makes the law of the
    // picked distance q(D) / q(max(D, lambda)) = 1 on [lambda, 1.4): flat.
    constexpr int n = 8;
    constexpr int points = 2000; // N
    constexpr int batches = 20;
    constexpr int bins = 9;
    const sme::SamplerSettings settings = settingsFor(n);
    const double low = settings.cutoff;
    const double high = settings.nonzeroLossCutoff;
    const double width = (high - low) / bins;

    std::vector<int> labels(points);
    std::iota(labels.begin(), labels.end(), 0);
    std::vector<double> weighted(bins, 0.0);
    std::vector<double> uniform(bins, 0.0);
    const auto add = [&](std::vector<double>& histogram, double d) {
        if (d >= low && d < high)
            histogram[std::min<std::size_t>(bins - 1, std::size_t((d - low) / width))] += 1.0;
    };
    sme::Rng rng(11);
    for (int b = 0; b < batches; ++b) {
        const Eigen::MatrixXd d = sme::pairwiseDistances(sme::uniformPointsOnSphere(points, n, rng));
        const auto picks = sme::sampleTriplets(SamplerKind::DistanceWeighted, d, labels, settings, rng);
        QCOMPARE(picks.size(), std::size_t(points));
        for (const Triplet& t : picks)
            add(weighted, d(t.anchor, t.negative));
        for (const Triplet& t : sme::sampleTriplets(SamplerKind::Uniform, d, labels, settings, rng))
            add(uniform, d(t.anchor, t.negative));
    }

    // Tolerance, relative to the mean bin m:
    // - sampling: a bin count is multinomial, sd sqrt(m (1 - p)) <= sqrt(m), and the mean bin
    //   moves with it (Var(c - mean) ~ m (1 - 1/bins) <= m); picks of one batch share points,
    //   a weak dependence. z for alpha = 1e-4 split over both tails of every bin.
    // - self-normalisation: each anchor's weights are divided by their own sum over N - 1
    //   negatives, E[w_b / sum w] != E[w_b] / E[sum w]. To first order the bias of a bin is
    //   (Var(w)/E[w]^2 + 1 - wbar_b / E[w]) / N, wbar_b the mean of w over the bin; only the
    //   last term differs between bins, and 0 < wbar_b <= w_max = 1/q(lambda): the spread of
    //   the bins is at most w_max / (N E[w]), E[w] = integral of q(D) w(D) over [0, 1.4).
    // At a fixed cost ~ N^2 * batches, bias ~ 1/N and sampling ~ 1/sqrt(N * batches) balance
    // near N ~ 2000 (n = 8: w_max ~ 74, E[w] ~ 0.97): about 4% + 7% with 20 batches, against
    // a factor ~50 between the first and last bins under uniform sampling.
    const sme::SphereDistanceLaw law(n);
    const double maxWeight = 1.0 / law.density(low);
    // q w = 1 on [lambda, 1.4); below lambda, q(D) / q(lambda) is smooth ((D/lambda)^6-like).
    const double meanWeight
        = (high - low)
          + testing::integrateOverDistance([&](double d) { return law.density(d) / law.density(low); },
                                           low, 10000);
    const double bias = maxWeight / (points * meanWeight);
    const double z = normalUpperQuantile(1e-4 / (2.0 * bins));
    const auto mean = [](const std::vector<double>& h) {
        return std::accumulate(h.begin(), h.end(), 0.0) / double(h.size());
    };
    const double m = mean(weighted);
    const double tolerance = z * std::sqrt(m) + bias * m;
    qInfo("mean bin %.0f, tolerance %.1f%% (sampling %.1f%%, self-normalisation %.1f%%)", m,
          100.0 * tolerance / m, 100.0 * z / std::sqrt(m), 100.0 * bias);
    QVERIFY2(tolerance < 0.15 * m, "the tolerance is too wide for the test to mean anything");
    for (int b = 0; b < bins; ++b)
        QVERIFY2(std::abs(weighted[std::size_t(b)] - m) <= tolerance,
                 qPrintable(QString("bin [%1, %2): %3 picks, mean bin %4, tolerance %5")
                                .arg(low + b * width).arg(low + (b + 1) * width)
                                .arg(weighted[std::size_t(b)]).arg(m).arg(tolerance)));

    // The same check rejects uniform sampling, whose picks pile up near sqrt(2).
    const double mu = mean(uniform);
    const double uniformTolerance = z * std::sqrt(mu) + bias * mu;
    QVERIFY(std::any_of(uniform.begin(), uniform.end(),
                        [&](double c) { return std::abs(c - mu) > uniformTolerance; }));
}
// ---------------------------------------------------------------------------------------------
// Robustness: distances beyond the sphere, high dimension, no clip

void TestDistanceWeighted::offSphereAndHighDimensionStayFinite_data()
{
    // Rows scaled by 1.05 put distances up to 2.1 (beyond the sphere's 2); with the
    // non-zero-loss cutoff raised to 2.5 they reach the weights and log(1 - D^2/4).
    QTest::addColumn<int>("dimension");
    QTest::addColumn<double>("scale");
    QTest::addColumn<double>("nonzeroLossCutoff");
    QTest::addColumn<bool>("beyondTwo"); // the batch must hold some D > 2
    QTest::newRow("n=4096 on sphere") << 4096 << 1.0 << 1.4 << false;
    QTest::newRow("n=4096 x1.05") << 4096 << 1.05 << 2.5 << false;
    QTest::newRow("n=4096 x0.9") << 4096 << 0.9 << 1.4 << false;
    QTest::newRow("n=2 x1.05") << 2 << 1.05 << 2.5 << true;
    QTest::newRow("n=2 x1.05 default cutoff") << 2 << 1.05 << 1.4 << true;
    QTest::newRow("n=3 x1.05") << 3 << 1.05 << 2.5 << true;
    QTest::newRow("n=3 x0.9") << 3 << 0.9 << 2.5 << false;
    QTest::newRow("n=128 x1.05") << 128 << 1.05 << 2.5 << false;
    QTest::newRow("n=128 x0.9") << 128 << 0.9 << 1.4 << false;
}

void TestDistanceWeighted::offSphereAndHighDimensionStayFinite()
{
    QFETCH(int, dimension);
    QFETCH(double, scale);
    QFETCH(double, nonzeroLossCutoff);
    QFETCH(bool, beyondTwo);
    sme::Rng rng(5);
    // Spread 1.5: classes overlap, so the distances cover most of [0, 2 * scale].
    const sme::LabelledBatch b = sme::idealisedBatch({dimension, 10, 4, 1.5}, rng);
    const Batch batch{sme::pairwiseDistances(scale * b.points), b.labels};
    QVERIFY2(batch.distances.allFinite(), "pairwiseDistances gave NaN or infinity");
    if (beyondTwo)
        QVERIFY2(batch.distances.maxCoeff() > 2.0, "the row does not exercise D > 2");
    sme::SamplerSettings settings = settingsFor(dimension);
    settings.nonzeroLossCutoff = nonzeroLossCutoff;
    for (int anchor = 0; anchor < static_cast<int>(batch.labels.size()); ++anchor) {
        verifyProbabilitiesAreLaw(batch, anchor, settings);
        if (QTest::currentTestFailed())
            return;
    }
    for (SamplerKind kind : sme::allSamplerKinds) {
        const auto triplets = sme::sampleTriplets(kind, batch.distances, batch.labels, settings, rng);
        QCOMPARE(triplets.size(), std::size_t(10 * 4 * 3));
        verifyTriplets(triplets, batch.labels);
    }
}

void TestDistanceWeighted::zeroCutoffWithCoincidentNegativeStaysFinite()
{
    // lambda = 0 removes the clip; a negative at distance exactly 0 would then have
    // weight 1/q(0) = infinity. The probabilities must stay finite and sum to 1.
    const std::vector<int> labels{0, 0, 1, 2, 3};
    const Eigen::MatrixXd d
        = symmetricDistances(5, {{0, 1, 0.5}, {0, 2, 0.0}, {0, 3, 0.7}, {0, 4, 1.1}});
    for (int n : {3, 128, 4096}) {
        sme::SamplerSettings settings = settingsFor(n);
        settings.cutoff = 0.0;
        verifyProbabilitiesAreLaw({d, labels}, 0, settings);
        const Eigen::VectorXd p = sme::distanceWeightedProbabilities(d, labels, 0, settings);
        // At n >= 3 the weight diverges at 0 far faster than any other: all the mass there.
        QVERIFY2(p[2] > 0.99, qPrintable(QString("n=%1: p at D = 0 is %2").arg(n).arg(p[2])));
    }
}
QTEST_APPLESS_MAIN(TestDistanceWeighted)
#include "tst_distanceweighted.moc"
