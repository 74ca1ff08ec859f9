// Tests of the analysis of a user's own embeddings: its scores and pair distances against an
// independent computation, ties, a collapsed set, uniform points against q(d), scale
// invariance, determinism, cancelling, and what it refuses.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FullMatrixRetrieval.h"
#include "model/analysis/EmbeddingAnalysis.h"
#include "model/base/Error.h"
#include "model/geometry/SphereGeometry.h"
#include "model/geometry/SpherePoints.h"
#include "model/losses/Losses.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

namespace {

const std::vector<int> ks{1, 2, 4, 8};

// Overlapping classes of unequal sizes in R^dimension, not normalised (norms about 1 to 3).
sme::Dataset overlappingSet(int count, int dimension, std::uint64_t seed)
{
    sme::Rng rng(seed);
    Eigen::MatrixXd points(count, dimension);
    sme::fillStandardNormal(points, rng);
    sme::Dataset data;
    data.name = "overlapping";
    for (int i = 0; i < count; ++i) {
        const int label = i % 7 < 4 ? i % 7 : 4 + i % 2; // 6 classes, 4 large, 2 smaller
        data.labels.push_back(label);
        points(i, label % dimension) += 2.0;
    }
    data.features = points.cast<float>();
    return data;
}

// The rows scaled to unit length, as the analysis must see them.
Eigen::MatrixXd unitRows(const sme::Dataset& data)
{
    Eigen::MatrixXd points = data.features.cast<double>();
    for (Eigen::Index i = 0; i < points.rows(); ++i)
        points.row(i) /= points.row(i).norm();
    return points;
}

// Total variation of a histogram of pair distances against q, computed here from the CDF.
double tvAgainstLaw(const sme::Histogram& histogram, int n)
{
    const sme::SphereDistanceLaw law(n);
    double sum = 0.0;
    for (int b = 0; b < histogram.bins(); ++b) {
        const double low = histogram.lower() + b * histogram.binWidth();
        const double high = b + 1 == histogram.bins() ? 2.0 : low + histogram.binWidth();
        sum += std::abs(histogram.count(b) / histogram.total() - (law.cdf(high) - law.cdf(low)));
    }
    return 0.5 * sum;
}

// The expected total variation between q and the histogram of m pairs drawn from q itself:
// each bin's share is about normal with variance p(1 - p)/m, so E|share - p| = sqrt(2 p (1 - p)
// / (pi m)), and the half sum is sum_b sqrt(p_b (1 - p_b) / (2 pi m)).
double samplingBias(int n, int bins, double m)
{
    const sme::SphereDistanceLaw law(n);
    double bias = 0.0;
    for (int b = 0; b < bins; ++b) {
        const double p = law.cdf(2.0 * (b + 1) / bins) - law.cdf(2.0 * b / bins);
        bias += std::sqrt(p * (1.0 - p) / (2.0 * std::numbers::pi * m));
    }
    return bias;
}

sme::Dataset uniformSet(int count, int n, std::uint64_t seed)
{
    sme::Rng rng(seed);
    sme::Dataset data;
    data.name = "uniform";
    data.features = sme::uniformPointsOnSphere(count, n, rng).cast<float>();
    for (int i = 0; i < count; ++i)
        data.labels.push_back(i % 10);
    return data;
}

} // namespace

class EmbeddingAnalysisTest : public QObject {
    Q_OBJECT
private slots:
    void scoresMatchTheFullMatrix();
    void pairDistancesMatchADirectComputation();
    void samplerPicksCountAndCarryMarginLoss();
    void duplicatePointsAreTies();
    void collapsedSetIsFarFromTheSphereLaw();
    void uniformPointsFollowTheSphereLaw_data();
    void uniformPointsFollowTheSphereLaw();
    void scalingChangesOnlyTheNorms();
    void sameSeedSameAnalysis();
    void progressRisesAndCancels();
    void badSettingsAreRefused_data();
    void badSettingsAreRefused();
    void badDataIsRefused_data();
    void badDataIsRefused();
    void tablesHoldTheFigures();
    void pickBatchesAloneIsTheAnalysisSamplers();
};

void EmbeddingAnalysisTest::scoresMatchTheFullMatrix()
{
    const sme::Dataset data = overlappingSet(600, 8, 3);
    const sme::EmbeddingAnalysis analysis = sme::analyseEmbeddings(data);
    const sme::RetrievalScores expected = testing::fullMatrixScores(unitRows(data), data.labels, ks);
    // 1e-12: the normalisation here may round a coordinate the other way (an ulp, moving no
    // rank); a query scored differently moves a score by at least 1 / (N R) > 1e-6.
    for (std::size_t k = 0; k < ks.size(); ++k)
        QVERIFY2(std::abs(analysis.recall[k] - expected.recall[k]) <= 1e-12, qPrintable(QString::number(k)));
    QVERIFY(std::abs(analysis.mapAtR - expected.mapAtR) <= 1e-12);
    QVERIFY(expected.mapAtR > 0.05 && expected.mapAtR < 0.95); // not trivially 0 or 1
    QCOMPARE(analysis.points, std::size_t(600));
    QCOMPARE(analysis.dimension, std::size_t(8));
    QCOMPARE(analysis.classes, std::size_t(6));
    QVERIFY(analysis.nmi > 0.0 && analysis.nmi < 1.0);
}

void EmbeddingAnalysisTest::pairDistancesMatchADirectComputation()
{
    const sme::Dataset data = overlappingSet(600, 8, 4); // 179,700 pairs: all of them
    const sme::EmbeddingAnalysis analysis = sme::analyseEmbeddings(data);
    const Eigen::MatrixXd points = unitRows(data);
    sme::Histogram all(0.0, 2.0, 100), same(0.0, 2.0, 100), different(0.0, 2.0, 100);
    double sum = 0.0, sameSum = 0.0, differentSum = 0.0;
    double rawNormSum = 0.0;
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        rawNormSum += data.features.row(i).cast<double>().norm();
        for (Eigen::Index j = i + 1; j < points.rows(); ++j) {
            const double d = std::min(2.0, (points.row(i) - points.row(j)).norm());
            const bool sameClass = data.labels[std::size_t(i)] == data.labels[std::size_t(j)];
            all.add(d);
            (sameClass ? same : different).add(d);
            sum += d;
            (sameClass ? sameSum : differentSum) += d;
        }
    }
    QCOMPARE(analysis.pairsSampled, std::size_t(600 * 599 / 2));
    QCOMPARE(analysis.allPairs.counts(), all.counts());
    QCOMPARE(analysis.samePairs.counts(), same.counts());
    QCOMPARE(analysis.differentPairs.counts(), different.counts());
    // Sums in another order: relative 1e-12 is far more than the rounding of 180,000 terms.
    QVERIFY(std::abs(analysis.meanDistance - sum / all.total()) <= 1e-12);
    QVERIFY(std::abs(analysis.positiveMeanDistance - sameSum / same.total()) <= 1e-12);
    QVERIFY(std::abs(analysis.negativeMeanDistance - differentSum / different.total()) <= 1e-12);
    QVERIFY(analysis.positiveMeanDistance < analysis.negativeMeanDistance);
    QVERIFY(std::abs(analysis.tvToSphereLaw - tvAgainstLaw(all, 8)) <= 1e-12);
    QVERIFY(std::abs(analysis.tvSameToSphereLaw - tvAgainstLaw(same, 8)) <= 1e-12);
    QVERIFY(std::abs(analysis.tvDifferentToSphereLaw - tvAgainstLaw(different, 8)) <= 1e-12);
    QVERIFY(std::abs(analysis.meanNorm - rawNormSum / 600.0) <= 1e-12);
    QVERIFY(!analysis.alreadyNormalised);
}

void EmbeddingAnalysisTest::samplerPicksCountAndCarryMarginLoss()
{
    const sme::Dataset data = overlappingSet(600, 8, 5);
    sme::EmbeddingAnalysisSettings settings;
    settings.batchClasses = 4;
    settings.batchK = 3;
    settings.batches = 50;
    const sme::EmbeddingAnalysis analysis = sme::analyseEmbeddings(data, settings);
    for (sme::SamplerKind kind : sme::allSamplerKinds) {
        const sme::SamplerPicks& picks = analysis.samplers[std::size_t(kind)];
        QCOMPARE(picks.sampler, kind);
        // One triplet per (anchor, positive): 4 x 3 anchors with 2 positives each, a batch.
        QCOMPARE(picks.picks, std::size_t(50 * 4 * 3 * 2));
        // beta + alpha = 1.4 is the edge of bin 70 of 100 over [0, 2]: the share of the picks
        // below it is the density's mass there.
        double below = 0.0;
        for (int b = 0; b < 70; ++b)
            below += picks.density[std::size_t(b)] * 0.02;
        QVERIFY2(std::abs(picks.nonZeroLossShare - below) <= 1e-9, qPrintable(QString::number(int(kind))));
    }
    // The hardest negatives are the closest: more of them carry loss than uniform picks do.
    QVERIFY(analysis.samplers[std::size_t(sme::SamplerKind::HardNegative)].nonZeroLossShare
            > analysis.samplers[std::size_t(sme::SamplerKind::Uniform)].nonZeroLossShare);
    // With fewer classes of K points than P, the batch takes all of them.
    settings.batchClasses = 50;
    const sme::EmbeddingAnalysis all = sme::analyseEmbeddings(data, settings);
    QCOMPARE(all.samplers[0].picks, std::size_t(50 * 6 * 3 * 2));
}

void EmbeddingAnalysisTest::duplicatePointsAreTies()
{
    // 12 distinct points, each 40 times under 3 classes: every neighbour list is a few ties.
    const sme::Dataset distinct = overlappingSet(12, 8, 21);
    sme::Dataset data;
    data.features.resize(480, 8);
    for (int i = 0; i < 480; ++i) {
        data.features.row(i) = distinct.features.row(i % 12);
        data.labels.push_back((i * 7) % 3);
    }
    const sme::EmbeddingAnalysis analysis = sme::analyseEmbeddings(data);
    const sme::RetrievalScores expected = testing::fullMatrixScores(unitRows(data), data.labels, ks);
    for (std::size_t k = 0; k < ks.size(); ++k)
        QVERIFY(std::abs(analysis.recall[k] - expected.recall[k]) <= 1e-12);
    QVERIFY(std::abs(analysis.mapAtR - expected.mapAtR) <= 1e-12);
    // Copies are at distance exactly 0 (from the difference, not the Gram form): 12 x 40 x 39 / 2.
    QCOMPARE(analysis.allPairs.count(0), 12.0 * 40 * 39 / 2);
}

void EmbeddingAnalysisTest::collapsedSetIsFarFromTheSphereLaw()
{
    // Every point the same: all pairs at 0, q puts almost nothing there; retrieval at chance.
    sme::Dataset data;
    data.features = Eigen::MatrixXf::Constant(400, 16, 0.3f);
    for (int i = 0; i < 400; ++i)
        data.labels.push_back(i % 4);
    const sme::EmbeddingAnalysis analysis = sme::analyseEmbeddings(data);
    const sme::SphereDistanceLaw law(16);
    QVERIFY(std::abs(analysis.tvToSphereLaw - (1.0 - law.cdf(0.02))) <= 1e-12);
    QVERIFY(analysis.tvToSphereLaw > 0.999);
    QCOMPARE(analysis.meanDistance, 0.0);
    // One tie of 399 points holding 99 of the query's class: Recall@1 = 99 / 399.
    QVERIFY(std::abs(analysis.recall[0] - 99.0 / 399.0) <= 1e-12);
    QVERIFY(std::abs(analysis.meanNorm - 0.3 * 4.0) <= 1e-6);
}

void EmbeddingAnalysisTest::uniformPointsFollowTheSphereLaw_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("pairSample");
    QTest::newRow("n = 3, all 499,500 pairs") << 3 << 1000 << 2'000'000;
    QTest::newRow("n = 16, all 499,500 pairs") << 16 << 1000 << 2'000'000;
    QTest::newRow("n = 128, 300,000 of 1,999,000 pairs") << 128 << 2000 << 300'000;
}

void EmbeddingAnalysisTest::uniformPointsFollowTheSphereLaw()
{
    // The binned TV of m pairs from q itself is about samplingBias (see there) with a spread
    // of about 0.6 / sqrt(bins holding mass) of it. Pairs of uniform points sharing a point are
    // uncorrelated (given one point, the other's distance follows q whatever it is), so m pairs
    // count as m independent ones. Twice the bias is several spreads away.
    QFETCH(int, n);
    QFETCH(int, count);
    QFETCH(int, pairSample);
    sme::EmbeddingAnalysisSettings settings;
    settings.pairSample = std::size_t(pairSample);
    settings.batches = 10;
    const sme::EmbeddingAnalysis analysis = sme::analyseEmbeddings(uniformSet(count, n, 7), settings);
    const double m = double(analysis.pairsSampled);
    QCOMPARE(m, std::min(double(pairSample), count * (count - 1) / 2.0));
    const double bias = samplingBias(n, 100, m);
    QVERIFY2(analysis.tvToSphereLaw <= 2.0 * bias,
             qPrintable(QStringLiteral("TV %1, bias %2").arg(analysis.tvToSphereLaw).arg(bias)));
    QVERIFY(analysis.alreadyNormalised);
    // A law of another dimension is far: these pairs against q for 2n.
    QVERIFY(tvAgainstLaw(analysis.allPairs, 2 * n) > 10.0 * bias);
}

void EmbeddingAnalysisTest::scalingChangesOnlyTheNorms()
{
    // Times 4, a power of two: the scaled floats and their norms are exact, the normalised
    // points the same bits, so everything but the norms must be the same bits.
    const sme::Dataset data = overlappingSet(500, 8, 6);
    sme::Dataset scaled = data;
    scaled.features *= 4.0f;
    const sme::EmbeddingAnalysis a = sme::analyseEmbeddings(data);
    const sme::EmbeddingAnalysis b = sme::analyseEmbeddings(scaled);
    QCOMPARE(sme::toCsv(sme::pairDistanceTable(a)), sme::toCsv(sme::pairDistanceTable(b)));
    QCOMPARE(sme::toCsv(sme::samplerPicksTable(a)), sme::toCsv(sme::samplerPicksTable(b)));
    sme::Table summaryA = sme::analysisSummary(a), summaryB = sme::analysisSummary(b);
    QCOMPARE(*summaryB.column("mean_norm")[0], 4.0 * *summaryA.column("mean_norm")[0]);
    for (sme::Table* t : {&summaryA, &summaryB})
        t->rows[0][9] = sme::Cell(); // mean_norm
    QCOMPARE(sme::toCsv(summaryA), sme::toCsv(summaryB));
    QCOMPARE(b.norms.counts(), a.norms.counts()); // the same shares of [0, max norm]
    QCOMPARE(b.norms.upper(), 4.0 * a.norms.upper());
}

void EmbeddingAnalysisTest::sameSeedSameAnalysis()
{
    const sme::Dataset data = overlappingSet(2500, 8, 8); // 3,123,750 pairs: sampled
    sme::EmbeddingAnalysisSettings settings;
    settings.pairSample = 100'000;
    const auto csv = [&](std::size_t threads, std::uint64_t seed) {
        settings.threads = threads;
        settings.seed = seed;
        const sme::EmbeddingAnalysis analysis = sme::analyseEmbeddings(data, settings);
        return sme::toCsv(sme::analysisSummary(analysis)) + sme::toCsv(sme::pairDistanceTable(analysis))
            + sme::toCsv(sme::samplerPicksTable(analysis)) + sme::toCsv(sme::normTable(analysis));
    };
    const std::string first = csv(1, 1);
    QCOMPARE(csv(3, 1), first);
    QVERIFY(csv(1, 2) != first);
}

void EmbeddingAnalysisTest::progressRisesAndCancels()
{
    const sme::Dataset data = overlappingSet(1500, 8, 9);
    std::vector<double> reported;
    sme::analyseEmbeddings(data, {}, [&](double done) { reported.push_back(done); return true; });
    QVERIFY(std::is_sorted(reported.begin(), reported.end()));
    QCOMPARE(reported.front(), 0.0);
    QCOMPARE(reported.back(), 1.0);
    for (double stopAt : {0.0, 0.12, 0.5, 0.9})
        QVERIFY_THROWS_EXCEPTION(sme::Cancelled, sme::analyseEmbeddings(data, {}, [&](double done) {
            return done < stopAt || (stopAt == 0.0 && done > 0.0);
        }));
}

void EmbeddingAnalysisTest::badSettingsAreRefused_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("message");
    QTest::newRow("P = 1") << "P" << 1.0 << "classes per batch P";
    QTest::newRow("K = 1") << "K" << 1.0 << "points per class K";
    QTest::newRow("no batch") << "batches" << 0.0 << "number of batches";
    QTest::newRow("alpha NaN") << "alpha" << std::nan("") << "alpha";
    QTest::newRow("beta infinite") << "beta" << HUGE_VAL << "beta";
    QTest::newRow("cutoff 2") << "cutoff" << 2.0 << "lambda";
    QTest::newRow("no pair") << "pairs" << 0.0 << "pair sample";
    QTest::newRow("one bin") << "bins" << 1.0 << "bins";
}

void EmbeddingAnalysisTest::badSettingsAreRefused()
{
    QFETCH(QString, field);
    QFETCH(double, value);
    QFETCH(QString, message);
    sme::EmbeddingAnalysisSettings settings;
    if (field == "P") settings.batchClasses = int(value);
    if (field == "K") settings.batchK = int(value);
    if (field == "batches") settings.batches = int(value);
    if (field == "alpha") settings.alpha = value;
    if (field == "beta") settings.beta = value;
    if (field == "cutoff") settings.cutoff = value;
    if (field == "pairs") settings.pairSample = std::size_t(value);
    if (field == "bins") settings.bins = int(value);
    try {
        sme::analyseEmbeddings(overlappingSet(100, 4, 1), settings);
        QFAIL("accepted");
    } catch (const sme::Error& e) {
        QVERIFY2(QString(e.what()).contains(message), e.what());
    }
}

void EmbeddingAnalysisTest::badDataIsRefused_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("message");
    QTest::newRow("a zero vector") << "zero" << "point 8 is the zero vector";
    QTest::newRow("dimension 1") << "dimension" << "dimension 1";
    QTest::newRow("one class") << "one class" << "class";
    QTest::newRow("NaN") << "nan" << "non-finite";
    QTest::newRow("no class with K points") << "small classes" << "K = 5";
}

void EmbeddingAnalysisTest::badDataIsRefused()
{
    QFETCH(QString, what);
    QFETCH(QString, message);
    sme::Dataset data = overlappingSet(100, 4, 1);
    data.name = "mine.tsv";
    if (what == "zero") data.features.row(7).setZero();
    if (what == "dimension") data.features = data.features.leftCols(1).eval();
    if (what == "one class") std::fill(data.labels.begin(), data.labels.end(), 3);
    if (what == "nan") data.features(3, 2) = std::nanf("");
    if (what == "small classes")
        for (std::size_t i = 0; i < data.labels.size(); ++i)
            data.labels[i] = int(i) / 4; // 25 classes of 4 points; K = 5
    try {
        sme::analyseEmbeddings(data);
        QFAIL("accepted");
    } catch (const sme::Error& e) {
        QVERIFY2(QString(e.what()).contains(message), e.what());
        if (what != "small classes")
            QVERIFY2(QString(e.what()).startsWith("mine.tsv: "), e.what());
    }
}

void EmbeddingAnalysisTest::tablesHoldTheFigures()
{
    const sme::EmbeddingAnalysis analysis = sme::analyseEmbeddings(overlappingSet(300, 8, 2));
    const sme::Table summary = sme::analysisSummary(analysis);
    QCOMPARE(summary.columns.size(), std::size_t(14));
    QCOMPARE(summary.rows.size(), std::size_t(1));
    QCOMPARE(*summary.column("recall_at_4")[0], analysis.recall[2]);
    QCOMPARE(*summary.column("tv_to_sphere_law")[0], analysis.tvToSphereLaw);
    const sme::Table pairs = sme::pairDistanceTable(analysis);
    QCOMPARE(pairs.columns, (std::vector<std::string>{"d", "exact", "gaussian_limit", "all_pairs", "same_class",
                                                      "different_class"}));
    QCOMPARE(pairs.rows.size(), std::size_t(100));
    QCOMPARE(*pairs.rows[70][0], 1.41);
    QCOMPARE(*pairs.rows[70][1], sme::SphereDistanceLaw(8).density(1.41));
    QCOMPARE(sme::normTable(analysis).columns, (std::vector<std::string>{"norm", "density"}));
    const sme::Table picks = sme::samplerPicksTable(analysis);
    QCOMPARE(picks.columns.size(), std::size_t(5));
    QCOMPARE(*picks.rows[3][2], analysis.samplers[1].density[3]);
}

// A change of P, K, alpha or beta draws the picks again from the normalised points the analysis
// kept: the same numbers as a whole analysis with those settings, and cancellable.
void EmbeddingAnalysisTest::pickBatchesAloneIsTheAnalysisSamplers()
{
    const sme::Dataset data = overlappingSet(600, 8, 5);
    const sme::EmbeddingAnalysis analysis = sme::analyseEmbeddings(data);
    QVERIFY(analysis.unitPoints);
    QCOMPARE(analysis.unitPoints->rows(), data.features.rows());
    QVERIFY(analysis.unitPoints->rowwise().norm().isOnes(1e-12));
    sme::EmbeddingAnalysisSettings settings;
    settings.batchClasses = 3;
    settings.batchK = 4;
    settings.alpha = 0.3;
    settings.beta = 1.0;
    const sme::EmbeddingAnalysis whole = sme::analyseEmbeddings(data, settings);
    const std::array<sme::SamplerPicks, 4> picks = sme::pickBatches(*analysis.unitPoints, data.labels, settings);
    for (sme::SamplerKind kind : sme::allSamplerKinds) {
        const auto k = std::size_t(kind);
        QCOMPARE(picks[k].sampler, kind);
        QCOMPARE(picks[k].picks, whole.samplers[k].picks);
        QCOMPARE(picks[k].density, whole.samplers[k].density);
        QCOMPARE(picks[k].nonZeroLossShare, whole.samplers[k].nonZeroLossShare);
    }
    QVERIFY(picks[0].picks != analysis.samplers[0].picks); // 3 x 4 batches, not 12 x 5
    QCOMPARE(picks[0].batchClasses, 3);
    // P above the classes with K points: every batch holds all of those, and says so.
    std::map<int, int> sizes;
    for (const int label : data.labels)
        ++sizes[label];
    settings.batchClasses = int(sizes.size()) + 4;
    const auto [smallest, largest] = std::minmax_element(sizes.begin(), sizes.end(),
                                                         [](auto a, auto b) { return a.second < b.second; });
    settings.batchK = 1 + (smallest->second + largest->second) / 2; // the 4 large classes have it
    const int withK = int(std::count_if(sizes.begin(), sizes.end(), [&](auto s) { return s.second >= settings.batchK; }));
    QVERIFY(withK >= 2 && withK < int(sizes.size()));
    QCOMPARE(sme::pickBatches(*analysis.unitPoints, data.labels, settings)[0].batchClasses, withK);
    settings.batchK = 4;
    QVERIFY_THROWS_EXCEPTION(sme::Cancelled, sme::pickBatches(*analysis.unitPoints, data.labels, settings,
                                                              [](double done) { return done == 0.0; }));
    settings.batchK = 1;
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::pickBatches(*analysis.unitPoints, data.labels, settings));
}

QTEST_APPLESS_MAIN(EmbeddingAnalysisTest)
#include "tst_embeddinganalysis.moc"
