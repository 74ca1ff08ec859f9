// Tests of the negative selection: what uniform, hard and semi-hard pick, the triplets every
// sampler returns (structure, counts), determinism and bad input. The distance weighted law
// is pinned down in tst_distanceweighted.cpp.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SamplerTestSupport.h"

#include "model/base/Error.h"
#include "model/base/Random.h"
#include "model/sampling/DistanceWeightedSampler.h"
#include "model/sampling/Sampler.h"
#include "model/geometry/SphereGeometry.h"
#include "model/geometry/SpherePoints.h"

#include <QtTest>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

using sme::SamplerKind;
using sme::Triplet;
using testing::Batch;
using testing::idealised;
using testing::infinity;
using testing::settingsFor;
using testing::symmetricDistances;
using testing::verifyTriplets;

// A call that must throw sme::Error for every sampler kind it is given.
using SamplerCall = std::function<void(SamplerKind)>;

Q_DECLARE_METATYPE(SamplerCall)

namespace {

// min D_aj over the anchor's negatives j with D_aj > above; infinity when there is none.
double closestNegative(const Batch& batch, int anchor, double above = -infinity)
{
    double best = infinity;
    for (int j = 0; j < static_cast<int>(batch.labels.size()); ++j) {
        const double d = batch.distances(anchor, j);
        if (batch.labels[j] != batch.labels[anchor] && d > above)
            best = std::min(best, d);
    }
    return best;
}

} // namespace

class TestSamplers : public QObject {
    Q_OBJECT

private slots:
    void hardPicksClosestNegative_data();
    void hardPicksClosestNegative();
    void semiHardPicksClosestNegativeFartherThanPositive_data();
    void semiHardPicksClosestNegativeFartherThanPositive();
    void semiHardFallsBackToHardestWhenNoNegativeIsFarther();
    void semiHardTakesTheFirstOfTiedNegatives();

    void negativeIsNeverAnchorNorSameClass_data();
    void negativeIsNeverAnchorNorSameClass();
    void singletonClassesGetOnePickWithoutPositive();
    void singleClassGivesNoTriplets();
    void tripletCountIsOnePerAnchorPositivePair_data();
    void tripletCountIsOnePerAnchorPositivePair();
    void mixedClassSizesGiveExpectedCounts();

    void sameSeedGivesSameTriplets_data();
    void sameSeedGivesSameTriplets();
    void samplerNamesRoundTrip();
    void validInputDoesNotThrow();
    void badInputThrows_data();
    void badInputThrows();
};

// ---------------------------------------------------------------------------------------------
// Hard and semi-hard

namespace {

// Idealised P x K batches over dimensions from the circle to the largest supported n.
void randomBatchTable()
{
    QTest::addColumn<int>("dimension");
    QTest::addColumn<int>("classes");
    QTest::addColumn<int>("perClass");
    QTest::addColumn<double>("spread");
    QTest::newRow("n=2") << 2 << 8 << 4 << 0.5;
    QTest::newRow("n=3") << 3 << 8 << 4 << 0.5;
    QTest::newRow("n=3 wide") << 3 << 6 << 5 << 2.0;
    QTest::newRow("n=16 pairs") << 16 << 20 << 2 << 1.0;
    QTest::newRow("n=128") << 128 << 12 << 5 << 0.5;
    QTest::newRow("n=128 wide") << 128 << 12 << 5 << 3.0;
    QTest::newRow("n=4096") << 4096 << 6 << 5 << 0.5;
}

constexpr int batchesPerRow = 10;

} // namespace

void TestSamplers::hardPicksClosestNegative_data()
{
    randomBatchTable();
}

void TestSamplers::hardPicksClosestNegative()
{
    QFETCH(int, dimension);
    QFETCH(int, classes);
    QFETCH(int, perClass);
    QFETCH(double, spread);
    for (int seed = 1; seed <= batchesPerRow; ++seed) {
        const Batch batch = idealised(dimension, classes, perClass, spread, seed);
        sme::Rng rng(seed);
        const auto triplets = sme::sampleTriplets(SamplerKind::HardNegative, batch.distances,
                                                  batch.labels, settingsFor(dimension), rng);
        QCOMPARE(triplets.size(), std::size_t(classes * perClass * (perClass - 1)));
        verifyTriplets(triplets, batch.labels);
        // Exact comparison: the sampler must return one of the entries, not a computed value.
        for (const Triplet& t : triplets)
            QCOMPARE(batch.distances(t.anchor, t.negative), closestNegative(batch, t.anchor));
    }
}

void TestSamplers::semiHardPicksClosestNegativeFartherThanPositive_data()
{
    randomBatchTable();
}

void TestSamplers::semiHardPicksClosestNegativeFartherThanPositive()
{
    QFETCH(int, dimension);
    QFETCH(int, classes);
    QFETCH(int, perClass);
    QFETCH(double, spread);
    int semiHard = 0;
    for (int seed = 1; seed <= batchesPerRow; ++seed) {
        const Batch batch = idealised(dimension, classes, perClass, spread, seed);
        sme::Rng rng(seed);
        const auto triplets = sme::sampleTriplets(SamplerKind::SemiHard, batch.distances,
                                                  batch.labels, settingsFor(dimension), rng);
        QCOMPARE(triplets.size(), std::size_t(classes * perClass * (perClass - 1)));
        verifyTriplets(triplets, batch.labels);
        for (const Triplet& t : triplets) {
            const double positive = batch.distances(t.anchor, t.positive);
            const double negative = batch.distances(t.anchor, t.negative);
            const double farther = closestNegative(batch, t.anchor, positive);
            if (std::isfinite(farther)) {
                ++semiHard;
                QVERIFY(negative > positive);
                QCOMPARE(negative, farther);
            } else {
                QCOMPARE(negative, closestNegative(batch, t.anchor));
            }
        }
    }
    QVERIFY2(semiHard > 0, "the table never exercises the semi-hard branch");
}

void TestSamplers::semiHardFallsBackToHardestWhenNoNegativeIsFarther()
{
    // Rows 0, 1 of class 0; rows 2, 3 of class 1; row 4 alone in class 2.
    const std::vector<int> labels{0, 0, 1, 1, 2};
    const Eigen::MatrixXd d = symmetricDistances(
        5, {{0, 1, 1.5}, {0, 2, 0.6}, {0, 3, 0.4}, {0, 4, 0.9}, // anchor 0: every negative nearer
            {1, 2, 0.3}, {1, 3, 1.5}, {1, 4, 1.8},              // anchor 1: 3 ties D_ap, not farther
            {2, 3, 0.7}, {2, 4, 1.0}, {3, 4, 1.1}});
    sme::Rng rng(1);
    const auto triplets = sme::sampleTriplets(SamplerKind::SemiHard, d, labels, {}, rng);
    // (0, 1): no negative beyond D_ap = 1.5, fall back to the hardest, row 3 at 0.4.
    // (1, 0): D_ap = 1.5; row 3 sits at exactly 1.5 (not farther), row 4 at 1.8 is the pick,
    //         not the hardest (row 2 at 0.3).
    // (2, 3) and (3, 2): D_ap = 0.7; row 4 (1.0 and 1.1) beats rows 0 and 1 as the closest
    //         farther one for anchor 2 (0.6 and 0.3 are nearer) and for anchor 3 (0.4 nearer,
    //         1.5 farther than 1.1). Row 4 has no positive: semi-hard skips it.
    const std::vector<std::array<int, 3>> expected{{0, 1, 3}, {1, 0, 4}, {2, 3, 4}, {3, 2, 4}};
    QCOMPARE(triplets.size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
        QCOMPARE(triplets[k].anchor, expected[k][0]);
        QCOMPARE(triplets[k].positive, expected[k][1]);
        QCOMPARE(triplets[k].negative, expected[k][2]);
    }
}

void TestSamplers::semiHardTakesTheFirstOfTiedNegatives()
{
    // Rows 0, 1 of class 0; rows 2, 3, 4 of class 1. Anchor 0 (D_ap = 0.5): rows 2 and 3 tie at
    // 0.8 as the closest farther negatives, row 2 (the first) is the pick. Anchor 1 (D_ap = 0.5):
    // no negative is farther; rows 2 and 4 tie as the hardest at 0.2: row 2.
    const std::vector<int> labels{0, 0, 1, 1, 1};
    const Eigen::MatrixXd d = symmetricDistances(
        5, {{0, 1, 0.5}, {0, 2, 0.8}, {0, 3, 0.8}, {0, 4, 0.9}, {1, 2, 0.2}, {1, 3, 0.3}, {1, 4, 0.2},
            {2, 3, 1.0}, {2, 4, 1.0}, {3, 4, 1.0}});
    sme::Rng rng(1);
    const auto triplets = sme::sampleTriplets(SamplerKind::SemiHard, d, labels, {}, rng);
    QVERIFY(triplets.size() >= 2);
    QCOMPARE(triplets[0].anchor, 0);
    QCOMPARE(triplets[0].negative, 2);
    QCOMPARE(triplets[1].anchor, 1);
    QCOMPARE(triplets[1].negative, 2);
}

// ---------------------------------------------------------------------------------------------
// Structure and counts

void TestSamplers::negativeIsNeverAnchorNorSameClass_data()
{
    QTest::addColumn<SamplerKind>("kind");
    QTest::addColumn<int>("dimension");
    QTest::addColumn<int>("classes");
    QTest::addColumn<int>("perClass");
    QTest::addColumn<double>("spread");
    for (SamplerKind kind : sme::allSamplerKinds) {
        const auto name = std::string(sme::samplerName(kind));
        QTest::addRow("%s n=2 2x2", name.c_str()) << kind << 2 << 2 << 2 << 1.0;
        QTest::addRow("%s n=3 8x4", name.c_str()) << kind << 3 << 8 << 4 << 0.5;
        QTest::addRow("%s n=8 30x1", name.c_str()) << kind << 8 << 30 << 1 << 0.5;
        QTest::addRow("%s n=32 12x5 tight", name.c_str()) << kind << 32 << 12 << 5 << 0.05;
        QTest::addRow("%s n=128 12x5 wide", name.c_str()) << kind << 128 << 12 << 5 << 3.0;
    }
}

void TestSamplers::negativeIsNeverAnchorNorSameClass()
{
    QFETCH(SamplerKind, kind);
    QFETCH(int, dimension);
    QFETCH(int, classes);
    QFETCH(int, perClass);
    QFETCH(double, spread);
    for (int seed = 1; seed <= 50; ++seed) {
        const Batch batch = idealised(dimension, classes, perClass, spread, seed);
        sme::Rng rng(seed);
        const auto triplets
            = sme::sampleTriplets(kind, batch.distances, batch.labels, settingsFor(dimension), rng);
        QVERIFY(!triplets.empty() || (kind == SamplerKind::SemiHard && perClass == 1));
        verifyTriplets(triplets, batch.labels);
    }
}
void TestSamplers::singletonClassesGetOnePickWithoutPositive()
{
    constexpr int size = 30;
    sme::Rng rng(9);
    const Eigen::MatrixXd d = sme::pairwiseDistances(sme::uniformPointsOnSphere(size, 8, rng));
    std::vector<int> labels(size);
    std::iota(labels.begin(), labels.end(), 0);
    for (SamplerKind kind : sme::allSamplerKinds) {
        const auto triplets = sme::sampleTriplets(kind, d, labels, settingsFor(8), rng);
        if (kind == SamplerKind::SemiHard) {
            QVERIFY2(triplets.empty(), "semi-hard needs D_ap; without positives it picks nothing");
            continue;
        }
        QCOMPARE(triplets.size(), std::size_t(size));
        verifyTriplets(triplets, labels);
        for (int a = 0; a < size; ++a) {
            QCOMPARE(triplets[std::size_t(a)].anchor, a);
            QCOMPARE(triplets[std::size_t(a)].positive, Triplet::noPositive);
        }
    }
}

void TestSamplers::singleClassGivesNoTriplets()
{
    const Batch batch = idealised(8, 1, 10, 0.5, 4);
    for (SamplerKind kind : sme::allSamplerKinds) {
        sme::Rng rng(1);
        QVERIFY(sme::sampleTriplets(kind, batch.distances, batch.labels, settingsFor(8), rng).empty());
    }
}

void TestSamplers::tripletCountIsOnePerAnchorPositivePair_data()
{
    QTest::addColumn<SamplerKind>("kind");
    QTest::addColumn<int>("classes");
    QTest::addColumn<int>("perClass");
    for (SamplerKind kind : sme::allSamplerKinds) {
        const auto name = std::string(sme::samplerName(kind));
        for (auto [p, k] : {std::pair{2, 2}, {3, 5}, {12, 5}, {8, 10}})
            QTest::addRow("%s %dx%d", name.c_str(), p, k) << kind << p << k;
    }
}

void TestSamplers::tripletCountIsOnePerAnchorPositivePair()
{
    QFETCH(SamplerKind, kind);
    QFETCH(int, classes);
    QFETCH(int, perClass);
    const Batch batch = idealised(16, classes, perClass, 0.5, 6);
    sme::Rng rng(2);
    const auto triplets
        = sme::sampleTriplets(kind, batch.distances, batch.labels, settingsFor(16), rng);
    // N (K - 1) = P K (K - 1), and each ordered (anchor, positive) pair of a class exactly once.
    QCOMPARE(triplets.size(), std::size_t(classes * perClass * (perClass - 1)));
    std::set<std::pair<int, int>> pairs;
    for (const Triplet& t : triplets) {
        QVERIFY(t.positive != Triplet::noPositive);
        pairs.emplace(t.anchor, t.positive);
    }
    QCOMPARE(pairs.size(), triplets.size());
    verifyTriplets(triplets, batch.labels);
}

void TestSamplers::mixedClassSizesGiveExpectedCounts()
{
    // Class 0 of 3 (3 * 2 = 6 triplets), class 1 of 1 (1 pick without positive, none under
    // semi-hard), class 2 of 2 (2 triplets): 9 triplets, 8 under semi-hard.
    const std::vector<int> labels{0, 0, 0, 1, 2, 2};
    sme::Rng rng(8);
    const Eigen::MatrixXd d = sme::pairwiseDistances(sme::uniformPointsOnSphere(6, 3, rng));
    for (SamplerKind kind : sme::allSamplerKinds) {
        const auto triplets = sme::sampleTriplets(kind, d, labels, settingsFor(3), rng);
        QCOMPARE(triplets.size(), std::size_t(kind == SamplerKind::SemiHard ? 8 : 9));
        verifyTriplets(triplets, labels);
    }
}

// ---------------------------------------------------------------------------------------------
// Determinism, names, input checks

void TestSamplers::sameSeedGivesSameTriplets_data()
{
    QTest::addColumn<SamplerKind>("kind");
    QTest::addColumn<bool>("random"); // whether the sampler uses the generator at all
    QTest::newRow("uniform") << SamplerKind::Uniform << true;
    QTest::newRow("hard") << SamplerKind::HardNegative << false;
    QTest::newRow("semi-hard") << SamplerKind::SemiHard << false;
    QTest::newRow("distance-weighted") << SamplerKind::DistanceWeighted << true;
}

void TestSamplers::sameSeedGivesSameTriplets()
{
    QFETCH(SamplerKind, kind);
    QFETCH(bool, random);
    const Batch batch = idealised(8, 12, 5, 1.0, 10);
    const auto run = [&](std::uint64_t seed) {
        sme::Rng rng(seed);
        std::vector<std::array<int, 3>> result;
        for (const Triplet& t :
             sme::sampleTriplets(kind, batch.distances, batch.labels, settingsFor(8), rng))
            result.push_back({t.anchor, t.positive, t.negative});
        return result;
    };
    QCOMPARE(run(42), run(42));
    // 240 draws over ~55 negatives each: two seeds agree on all of them with probability
    // far below 1e-100 for the random samplers; the deterministic ones must ignore the seed.
    if (random)
        QVERIFY(run(42) != run(43));
    else
        QCOMPARE(run(42), run(43));
}

void TestSamplers::samplerNamesRoundTrip()
{
    std::set<std::string_view> names;
    for (SamplerKind kind : sme::allSamplerKinds) {
        QCOMPARE(sme::samplerFromName(sme::samplerName(kind)), std::optional{kind});
        names.insert(sme::samplerName(kind));
    }
    QCOMPARE(names, (std::set<std::string_view>{"uniform", "hard", "semi-hard", "distance-weighted"}));
    QCOMPARE(sme::samplerFromName("Uniform"), std::optional<SamplerKind>{});
    QCOMPARE(sme::samplerFromName(""), std::optional<SamplerKind>{});
    QCOMPARE(sme::samplerFromName("semihard"), std::optional<SamplerKind>{});
}

namespace {

const std::vector<int> goodLabels{0, 0, 1, 1};

Eigen::MatrixXd goodDistances()
{
    return symmetricDistances(4, {{0, 1, 0.3}, {2, 3, 0.4}}, 1.0);
}

} // namespace

void TestSamplers::validInputDoesNotThrow()
{
    // The control for badInputThrows: its rows differ from this input in one thing each.
    for (SamplerKind kind : sme::allSamplerKinds) {
        sme::Rng rng(1);
        QCOMPARE(sme::sampleTriplets(kind, goodDistances(), goodLabels, {}, rng).size(),
                 std::size_t(4));
    }
    QCOMPARE(sme::distanceWeightedProbabilities(goodDistances(), goodLabels, 3, {}).sum(), 1.0);
    for (int n : {sme::SphereDistanceLaw::minDimension, sme::SphereDistanceLaw::maxDimension})
        settingsFor(n).validate();
}

void TestSamplers::badInputThrows_data()
{
    QTest::addColumn<SamplerCall>("call");
    const auto withSettings = [](auto change) {
        return SamplerCall([change](SamplerKind kind) {
            sme::SamplerSettings settings;
            change(settings);
            sme::Rng rng(1);
            sme::sampleTriplets(kind, goodDistances(), goodLabels, settings, rng);
        });
    };
    const auto withBatch = [](Eigen::MatrixXd distances, std::vector<int> labels) {
        return SamplerCall([distances, labels](SamplerKind kind) {
            sme::Rng rng(1);
            sme::sampleTriplets(kind, distances, labels, {}, rng);
        });
    };
    const double nan = std::numeric_limits<double>::quiet_NaN();

    QTest::newRow("non-square distances") << withBatch(Eigen::MatrixXd::Ones(4, 3), goodLabels);
    QTest::newRow("fewer labels than rows") << withBatch(goodDistances(), std::vector<int>{0, 0, 1});
    QTest::newRow("more labels than rows") << withBatch(goodDistances(), std::vector<int>{0, 0, 1, 1, 2});
    Eigen::MatrixXd withNaN = goodDistances();
    withNaN(0, 2) = withNaN(2, 0) = nan;
    QTest::newRow("NaN distance") << withBatch(withNaN, goodLabels);
    Eigen::MatrixXd withInfinity = goodDistances();
    withInfinity(1, 3) = infinity;
    QTest::newRow("infinite distance") << withBatch(withInfinity, goodLabels);

    QTest::newRow("n = 1") << withSettings([](auto& s) { s.dimension = 1; });
    QTest::newRow("n = 4097") << withSettings([](auto& s) { s.dimension = 4097; });
    QTest::newRow("lambda = -1") << withSettings([](auto& s) { s.cutoff = -1.0; });
    QTest::newRow("lambda = 2") << withSettings([](auto& s) { s.cutoff = 2.0; });
    QTest::newRow("lambda NaN") << withSettings([nan](auto& s) { s.cutoff = nan; });
    QTest::newRow("non-zero-loss cutoff 0") << withSettings([](auto& s) { s.nonzeroLossCutoff = 0.0; });
    QTest::newRow("non-zero-loss cutoff NaN")
        << withSettings([nan](auto& s) { s.nonzeroLossCutoff = nan; });
    QTest::newRow("non-zero-loss cutoff infinite")
        << withSettings([](auto& s) { s.nonzeroLossCutoff = infinity; });

    QTest::newRow("probabilities: anchor out of range") << SamplerCall([](SamplerKind) {
        sme::distanceWeightedProbabilities(goodDistances(), goodLabels, 4, {});
    });
    QTest::newRow("probabilities: negative anchor") << SamplerCall([](SamplerKind) {
        sme::distanceWeightedProbabilities(goodDistances(), goodLabels, -1, {});
    });
    QTest::newRow("probabilities: label count mismatch") << SamplerCall([](SamplerKind) {
        sme::distanceWeightedProbabilities(goodDistances(), std::vector<int>{0, 1, 1}, 0, {});
    });
    QTest::newRow("probabilities: n = 1") << SamplerCall([](SamplerKind) {
        sme::distanceWeightedProbabilities(goodDistances(), goodLabels, 0, settingsFor(1));
    });
}

void TestSamplers::badInputThrows()
{
    QFETCH(SamplerCall, call);
    for (SamplerKind kind : sme::allSamplerKinds)
        QVERIFY_THROWS_EXCEPTION(sme::Error, call(kind));
}

QTEST_APPLESS_MAIN(TestSamplers)
#include "tst_samplers.moc"
