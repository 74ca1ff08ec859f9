// Tests of the retrieval metrics (Recall@K, MAP@R, NMI) and of k-means.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Error.h"
#include "model/metrics/KMeans.h"
#include "model/metrics/NeighbourSelection.h"
#include "model/metrics/RetrievalMetrics.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <random>

namespace {

// Five points on a line, classes A = 0 and B = 1: x = 0 (A), 1 (A), 2 (B), 3 (A), 10 (B).
Eigen::MatrixXd linePoints()
{
    Eigen::MatrixXd x(5, 1);
    x << 0, 1, 2, 3, 10;
    return x;
}
const std::vector<int> lineLabels{0, 0, 1, 0, 1};

// Three well separated blobs of 20 points in R^4.
Eigen::MatrixXd blobs(std::vector<int>& labels)
{
    sme::Rng rng(3);
    Eigen::MatrixXd x(60, 4);
    sme::fillStandardNormal(x, rng);
    x *= 0.1;
    labels.clear();
    for (int i = 0; i < 60; ++i) {
        labels.push_back(i % 3);
        x(i, i % 3) += 10.0;
    }
    return x;
}

// Recall@K and MAP@R by brute force, for points on a line: every order of the other points
// that sorts their distances (so ties in every order) is equally likely; each score is the
// plain one of an order, averaged over the orders, then over the queries with a positive.
struct BruteForce {
    std::vector<double> recall;
    double mapAtR = 0.0;
};
BruteForce bruteForceScores(const std::vector<double>& x, const std::vector<int>& labels, const std::vector<int>& ks)
{
    BruteForce result{std::vector<double>(ks.size(), 0.0), 0.0};
    int queries = 0;
    for (std::size_t q = 0; q < x.size(); ++q) {
        std::vector<std::size_t> others;
        for (std::size_t j = 0; j < x.size(); ++j)
            if (j != q)
                others.push_back(j);
        const auto r = std::count(labels.begin(), labels.end(), labels[q]) - 1;
        if (r < 1)
            continue;
        ++queries;
        std::vector<double> recall(ks.size(), 0.0);
        double ap = 0.0;
        int orders = 0;
        do {
            bool sorted = true;
            for (std::size_t i = 1; i < others.size(); ++i)
                sorted = sorted && std::abs(x[others[i - 1]] - x[q]) <= std::abs(x[others[i]] - x[q]);
            if (!sorted)
                continue;
            ++orders;
            std::size_t firstPositive = 0;
            while (labels[others[firstPositive]] != labels[q])
                ++firstPositive;
            for (std::size_t k = 0; k < ks.size(); ++k)
                recall[k] += firstPositive < std::size_t(ks[k]);
            double relevant = 0.0;
            for (std::ptrdiff_t i = 0; i < r; ++i)
                if (labels[others[std::size_t(i)]] == labels[q]) {
                    relevant += 1.0;
                    ap += relevant / double(i + 1) / double(r);
                }
        } while (std::next_permutation(others.begin(), others.end()));
        for (std::size_t k = 0; k < ks.size(); ++k)
            result.recall[k] += recall[k] / orders;
        result.mapAtR += ap / orders;
    }
    for (double& value : result.recall)
        value /= queries;
    result.mapAtR /= queries;
    return result;
}

} // namespace

class MetricsTest : public QObject {
    Q_OBJECT
private slots:
    void recallAtKCountsTheFirstSameClassNeighbour();
    void mapAtRMatchesHandComputation();
    void separatedClassesScorePerfectly();
    void nmiKnownValues();
    void kMeansRecoversSeparatedBlobs();
    void badInputIsRefused();
    void oneDistanceMatrixGivesBothScores();
    void collapsedEmbeddingScoresChance();
    void tiesScoreTheirMeanOverEveryOrder();
    void spreadIsTheRmsDistanceOverSqrtTwo();
    void uniformPointsHaveSpreadOne();
    void kMeansIsTheSameBitsOnAnyThreadsAsOnePass();
    void nearestAreTheSortedDistances_data();
    void nearestAreTheSortedDistances();
};

void MetricsTest::recallAtKCountsTheFirstSameClassNeighbour()
{
    // Rank of the nearest same-class point (negatives before it): query 0: 0; query 1: the A at
    // 0 and the B at 2 are tied at distance 1, so in a random order the B comes first half the
    // time: Recall@1 1/2, Recall@2 1; query 2: 3 (A at 1, 1, 2 before the B at 8); query 3: 1 (B
    // at 1 before the A at 2); query 10: 1 (A at 7 before B at 8).
    const std::vector<int> ks{1, 2, 4, 8};
    const auto recall = sme::recallAtK(linePoints(), lineLabels, ks);
    QCOMPARE(recall, (std::vector<double>{1.5 / 5, 4.0 / 5, 1.0, 1.0}));
}

void MetricsTest::mapAtRMatchesHandComputation()
{
    // Query 0 (R=2): A, B -> (1/1)/2 = 0.5. Query 1 (R=2): tie at 1 between points 0 (A) and 2
    // (B): A, B gives (1/1)/2 = 0.5 and B, A gives (1/2)/2 = 0.25, expectation 0.375. Query 2
    // (R=1): nearest is an A -> 0. Query 3 (R=2): B, A -> (1/2)/2 = 0.25. Query 10 (R=1):
    // nearest is an A -> 0. Mean 1.125 / 5 = 0.225.
    QCOMPARE(sme::meanAveragePrecisionAtR(linePoints(), lineLabels), 0.225);
}

void MetricsTest::separatedClassesScorePerfectly()
{
    std::vector<int> labels;
    const Eigen::MatrixXd x = blobs(labels);
    const std::vector<int> ks{1, 8};
    QCOMPARE(sme::recallAtK(x, labels, ks), (std::vector<double>{1.0, 1.0}));
    QCOMPARE(sme::meanAveragePrecisionAtR(x, labels), 1.0);
    sme::Rng rng(1);
    QCOMPARE(sme::clusteringNmi(x, labels, rng), 1.0);
}

void MetricsTest::nmiKnownValues()
{
    const std::vector<int> y{0, 0, 1, 1};
    QCOMPARE(sme::normalizedMutualInformation(y, std::vector<int>{7, 7, 3, 3}), 1.0);
    QCOMPARE(sme::normalizedMutualInformation(y, std::vector<int>{0, 1, 0, 1}), 0.0);
    // Clusters {0,0,0,1}: H(Y) = ln 2, H(C) = -(3/4 ln 3/4 + 1/4 ln 1/4),
    // I = 1/2 ln(4/3) + 1/4 ln(2/3) + 1/4 ln 2.
    const double hc = -(0.75 * std::log(0.75) + 0.25 * std::log(0.25));
    const double information = 0.5 * std::log(4.0 / 3.0) + 0.25 * std::log(2.0 / 3.0) + 0.25 * std::log(2.0);
    const double expected = 2.0 * information / (std::log(2.0) + hc);
    QVERIFY(std::abs(sme::normalizedMutualInformation(y, std::vector<int>{0, 0, 0, 1}) - expected) < 1e-15);
}

void MetricsTest::kMeansRecoversSeparatedBlobs()
{
    std::vector<int> labels;
    const Eigen::MatrixXd x = blobs(labels);
    sme::Rng rng(11);
    const auto result = sme::kMeans(x, 3, rng);
    QCOMPARE(sme::normalizedMutualInformation(labels, result.assignment), 1.0);
    QVERIFY(result.iterations <= 5);
    // Each centre sits on its blob: 10 on one axis, within a few noise widths 0.1/sqrt(20).
    for (int c = 0; c < 3; ++c)
        QVERIFY(std::abs(result.centres.row(c).maxCoeff() - 10.0) < 0.1);
    sme::Rng again(11);
    QCOMPARE(sme::kMeans(x, 3, again).assignment, result.assignment);
}

void MetricsTest::badInputIsRefused()
{
    const std::vector<int> ks{1};
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::recallAtK(linePoints(), std::vector<int>{0, 1}, ks));
    Eigen::MatrixXd bad = linePoints();
    bad(2, 0) = std::nan("");
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::meanAveragePrecisionAtR(bad, lineLabels));
    sme::Rng rng(1);
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::kMeans(linePoints(), 6, rng));
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::kMeans(linePoints(), 0, rng));
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::normalizedMutualInformation(std::vector<int>{}, std::vector<int>{}));
}

QTEST_APPLESS_MAIN(MetricsTest)
void MetricsTest::oneDistanceMatrixGivesBothScores()
{
    // What an evaluation computes in one pass equals the two functions on their own: on the
    // hand-checked line, and on overlapping random classes where neither score is 0 or 1.
    const std::vector<int> ks{1, 2, 4, 8};
    const sme::RetrievalScores line = sme::retrievalScores(linePoints(), lineLabels, ks);
    QCOMPARE(line.recall, sme::recallAtK(linePoints(), lineLabels, ks));
    QCOMPARE(line.mapAtR, sme::meanAveragePrecisionAtR(linePoints(), lineLabels));

    sme::Rng rng(5);
    Eigen::MatrixXd x(90, 6);
    sme::fillStandardNormal(x, rng);
    std::vector<int> labels;
    for (int i = 0; i < 90; ++i) {
        labels.push_back(i % 9);
        x(i, i % 6) += 1.0;
    }
    const sme::RetrievalScores scores = sme::retrievalScores(x, labels, ks);
    QCOMPARE(scores.recall, sme::recallAtK(x, labels, ks));
    QCOMPARE(scores.mapAtR, sme::meanAveragePrecisionAtR(x, labels));
    QVERIFY(scores.recall[0] > 0.0 && scores.recall[0] < 1.0);
    QVERIFY(scores.mapAtR > 0.0 && scores.mapAtR < 1.0);
}

void MetricsTest::collapsedEmbeddingScoresChance()
{
    // A model that maps every point to one place: 3 classes of 10 on one unit vector of R^16
    // (the Gram form of identical rows need not round to one number twice). Every other point
    // is tied, so Recall@K is the chance that K draws from 29 (9 positives, 20 negatives)
    // hold a positive, and Recall@1 = 9/29, the share of same-class points: chance, not 1.
    sme::Rng rng(7);
    Eigen::RowVectorXd point(16);
    sme::fillStandardNormal(point, rng);
    point.normalize();
    const Eigen::MatrixXd x = point.replicate(30, 1);
    std::vector<int> labels;
    for (int i = 0; i < 30; ++i)
        labels.push_back(i / 10);
    const std::vector<int> ks{1, 2, 4, 8};
    const std::vector<double> recall = sme::recallAtK(x, labels, ks);
    for (std::size_t k = 0; k < ks.size(); ++k) {
        double allNegative = 1.0;
        for (int j = 0; j < ks[k]; ++j)
            allNegative *= (20.0 - j) / (29.0 - j);
        QVERIFY2(std::abs(recall[k] - (1.0 - allNegative)) < 1e-12, qPrintable(QString::number(recall[k])));
    }
    // MAP@R of a random order: rank j holds a positive with chance 9/29, and then the j - 1
    // before it hold (j - 1) 8/28 of them; sum over j = 1..9 of (9/29)(1 + (j - 1) 8/28)/j, / 9.
    double expected = 0.0;
    for (int j = 1; j <= 9; ++j)
        expected += 9.0 / 29.0 * (1.0 + (j - 1) * 8.0 / 28.0) / j / 9.0;
    QVERIFY(std::abs(sme::meanAveragePrecisionAtR(x, labels) - expected) < 1e-12);
    // From the centred points: only the rounding of the mean, about eps |x|, is left (the
    // uncentred form left sqrt(eps), 2.6e-8 on an x86-64-v3 build).
    QVERIFY2(sme::embeddingSpread(x) < 1e-12, QByteArray::number(sme::embeddingSpread(x)).constData());
}

void MetricsTest::tiesScoreTheirMeanOverEveryOrder()
{
    // Points on a line with ties of every kind (a positive tied with negatives, several
    // positives in a tie, a tie across rank R), checked against every order of the ties.
    const std::vector<double> x{0, 1, 1, 2, 3, 3, 3, 5};
    const std::vector<int> labels{0, 1, 0, 1, 0, 1, 1, 0};
    const std::vector<int> ks{1, 2, 4, 8};
    const BruteForce expected = bruteForceScores(x, labels, ks);
    const Eigen::MatrixXd points = Eigen::Map<const Eigen::VectorXd>(x.data(), Eigen::Index(x.size()));
    const sme::RetrievalScores scores = sme::retrievalScores(points, labels, ks);
    for (std::size_t k = 0; k < ks.size(); ++k)
        QVERIFY2(std::abs(scores.recall[k] - expected.recall[k]) < 1e-12,
                 qPrintable(QStringLiteral("K=%1: %2 against %3").arg(ks[k]).arg(scores.recall[k]).arg(expected.recall[k])));
    QVERIFY2(std::abs(scores.mapAtR - expected.mapAtR) < 1e-12,
             qPrintable(QStringLiteral("%1 against %2").arg(scores.mapAtR).arg(expected.mapAtR)));
    // Not a case where ties do not matter: the first-come order (by index) scores otherwise.
    QVERIFY(expected.recall[0] > 0.0 && expected.recall[0] < 1.0);
}

void MetricsTest::spreadIsTheRmsDistanceOverSqrtTwo()
{
    sme::Rng rng(9);
    Eigen::MatrixXd x(40, 5);
    sme::fillStandardNormal(x, rng);
    double sumOfSquares = 0.0;
    for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (Eigen::Index j = 0; j < x.rows(); ++j)
            if (i != j)
                sumOfSquares += (x.row(i) - x.row(j)).squaredNorm();
    const double rms = std::sqrt(sumOfSquares / (40.0 * 39.0));
    QVERIFY(std::abs(sme::embeddingSpread(x) - rms / std::sqrt(2.0)) < 1e-12);
    QCOMPARE(sme::embeddingSpread(x.topRows(1)), 0.0);
}

void MetricsTest::uniformPointsHaveSpreadOne()
{
    // For N uniform points on the sphere of R^n, spread^2 = N/(N - 1) (1 - |mean|^2) has
    // expectation 1 exactly, and sd of |mean|^2 about sqrt(2/n)/N = 3.5e-4 at N = 1000,
    // n = 16: 0.003 is over 8 sd.
    sme::Rng rng(13);
    Eigen::MatrixXd x(1000, 16);
    sme::fillStandardNormal(x, rng);
    x.rowwise().normalize();
    QVERIFY(std::abs(sme::embeddingSpread(x) - 1.0) < 0.003);
}

namespace {

// k-means as it was before it ran in blocks on threads: one GEMM of every point against the
// centres, each row's minCoeff, the sums in the order of the points. The threaded one must
// give the same bits.
sme::KMeansResult onePassKMeans(const Eigen::MatrixXd& points, int k, sme::Rng& rng)
{
    const Eigen::Index rows = points.rows();
    Eigen::MatrixXd centres(k, points.cols());
    centres.row(0) = points.row(Eigen::Index(sme::uniformIndex(std::size_t(rows), rng)));
    Eigen::VectorXd nearest = (points.rowwise() - centres.row(0)).rowwise().squaredNorm();
    for (int c = 1; c < k; ++c) {
        double u = sme::uniformUnit(rng) * nearest.sum();
        Eigen::Index chosen = 0;
        while (chosen + 1 < rows && (u -= nearest[chosen]) >= 0.0)
            ++chosen;
        while (nearest[chosen] <= 0.0 && chosen > 0)
            --chosen;
        centres.row(c) = points.row(chosen);
        nearest = nearest.cwiseMin((points.rowwise() - centres.row(c)).rowwise().squaredNorm());
    }
    sme::KMeansResult result;
    result.assignment.assign(std::size_t(rows), -1);
    const Eigen::VectorXd pointNorms = points.rowwise().squaredNorm();
    Eigen::MatrixXd distances(rows, k);
    for (int iteration = 1; iteration <= 100; ++iteration) {
        result.iterations = iteration;
        distances.noalias() = -2.0 * points * centres.transpose();
        distances = ((distances.colwise() + pointNorms).rowwise() + centres.rowwise().squaredNorm().transpose())
                        .cwiseMax(0.0);
        bool changed = false;
        for (Eigen::Index i = 0; i < rows; ++i) {
            Eigen::Index cluster;
            distances.row(i).minCoeff(&cluster);
            changed = changed || result.assignment[std::size_t(i)] != int(cluster);
            result.assignment[std::size_t(i)] = int(cluster);
        }
        if (!changed && iteration > 1)
            break;
        Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(k, points.cols());
        Eigen::VectorXd counts = Eigen::VectorXd::Zero(k);
        for (Eigen::Index column = 0; column < points.cols(); ++column)
            for (Eigen::Index i = 0; i < rows; ++i)
                sums(result.assignment[std::size_t(i)], column) += points(i, column);
        for (const int cluster : result.assignment)
            counts[cluster] += 1.0;
        for (int c = 0; c < k; ++c)
            if (counts[c] > 0.0) // (no cluster empties on these points)
                centres.row(c) = sums.row(c) / counts[c];
    }
    result.centres = centres;
    return result;
}

} // namespace

void MetricsTest::kMeansIsTheSameBitsOnAnyThreadsAsOnePass()
{
    // Overlapping classes on the sphere (many points near two centres), in several blocks of
    // rows with a remainder, and a size of one block only.
    for (const Eigen::Index rows : {Eigen::Index(7'013), Eigen::Index(301)}) {
        sme::Rng rng(23);
        Eigen::MatrixXd centres(20, 16);
        sme::fillStandardNormal(centres, rng);
        Eigen::MatrixXd points(rows, 16);
        sme::fillStandardNormal(points, rng);
        points *= 1.5;
        for (Eigen::Index i = 0; i < rows; ++i)
            points.row(i) += centres.row(i % 20);
        points.rowwise().normalize();
        sme::Rng expectedRng(5);
        const sme::KMeansResult expected = onePassKMeans(points, 20, expectedRng);
        QVERIFY(expected.iterations > 3); // the assignments moved for a while
        for (const std::size_t threads : {std::size_t(1), std::size_t(2), std::size_t(3)}) {
            sme::Rng kMeansRng(5);
            const sme::KMeansResult result = sme::kMeans(points, 20, kMeansRng, 100, {}, threads);
            QCOMPARE(result.iterations, expected.iterations);
            QCOMPARE(result.assignment, expected.assignment);
            QVERIFY2(result.centres.cwiseEqual(expected.centres).all(),
                     qPrintable(QStringLiteral("%1 rows, %2 threads: largest difference %3")
                                    .arg(rows)
                                    .arg(threads)
                                    .arg((result.centres - expected.centres).cwiseAbs().maxCoeff())));
            sme::Rng expectedAfter = expectedRng;
            QCOMPARE(kMeansRng(), expectedAfter()); // as many draws for the seeds
        }
    }
}

void MetricsTest::nearestAreTheSortedDistances_data()
{
    QTest::addColumn<QString>("shape");
    QTest::addColumn<int>("r");
    QTest::addColumn<double>("tolerance");
    QTest::newRow("spread, r = 1") << "spread" << 1 << 1e-9;
    QTest::newRow("spread, r = 600") << "spread" << 600 << 1e-9;
    QTest::newRow("spread, every other point") << "spread" << 1998 << 1e-9;
    // The tolerance reaches buckets past the r-th's: sorted in a second step.
    QTest::newRow("spread, a wide tolerance") << "spread" << 600 << 0.05;
    // Most points in a bucket of their own, past 32 (sorted apart), among spread ones.
    QTest::newRow("a dense cluster") << "cluster" << 900 << 1e-9;
    QTest::newRow("a dense cluster, r inside it") << "cluster" << 1100 << 1e-9;
    QTest::newRow("few distinct values") << "steps" << 700 << 1e-9; // ties across rank r
    QTest::newRow("every distance equal") << "equal" << 50 << 1e-9;
    QTest::newRow("two values far apart") << "outlier" << 3 << 1e-9;
}

// NeighbourSelection::nearest against a plain sort: the same distances in the same order,
// the same labels among each run of equal distances, and every point within the tolerance of
// the r-th (and no other past it).
void MetricsTest::nearestAreTheSortedDistances()
{
    QFETCH(QString, shape);
    QFETCH(int, r);
    QFETCH(double, tolerance);
    const int size = 2000;
    const Eigen::Index query = 777;
    std::mt19937_64 rng(9);
    std::uniform_real_distribution<double> uniform(0.0, 4.0);
    std::vector<double> distances(size);
    std::vector<int> labels(size);
    for (int j = 0; j < size; ++j) {
        const double u = uniform(rng);
        distances[std::size_t(j)] = shape == "spread" ? u
            : shape == "cluster" ? (j % 5 == 0 ? u : 1.0 + u * 1e-6)
            : shape == "steps" ? std::floor(u * 4.0) / 4.0
            : shape == "equal" ? 2.0 : (j == 3 ? 0.0 : 3.0);
        labels[std::size_t(j)] = int(rng() % 3);
    }
    distances[std::size_t(query)] = 0.0;
    std::vector<std::pair<double, bool>> expected;
    for (int j = 0; j < size; ++j)
        if (j != query)
            expected.emplace_back(distances[std::size_t(j)], labels[std::size_t(j)] == labels[std::size_t(query)]);
    std::sort(expected.begin(), expected.end());
    const double boundary = expected[std::size_t(r - 1)].first + tolerance;
    const auto expectedCount = std::size_t(std::upper_bound(expected.begin(), expected.end(), std::pair(boundary, true))
                                           - expected.begin());

    sme::NeighbourSelection selection;
    for (int pass = 0; pass < 2; ++pass) { // and again on the same scratch space
        const std::span<const sme::Neighbour> nearest =
            selection.nearest(distances.data(), query, labels, r, tolerance);
        QCOMPARE(nearest.size(), expectedCount);
        for (std::size_t u = 0; u < nearest.size();) {
            std::size_t end = u;
            int relevant = 0;
            int expectedRelevant = 0;
            for (; end < nearest.size() && expected[end].first == expected[u].first; ++end) {
                QVERIFY2(nearest[end].distance == expected[end].first,
                         qPrintable(QStringLiteral("place %1: %2 against %3").arg(end).arg(nearest[end].distance, 0, 'g', 17)
                                        .arg(expected[end].first, 0, 'g', 17)));
                relevant += nearest[end].relevant;
                expectedRelevant += expected[end].second;
            }
            QCOMPARE(relevant, expectedRelevant);
            u = end;
        }
        QCOMPARE(selection.everyOther().size(), std::size_t(size - 1));
    }
}

#include "tst_metrics.moc"
