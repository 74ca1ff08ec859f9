// Tests of the retrieval metrics (Recall@K, MAP@R, NMI) and of k-means.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Error.h"
#include "model/metrics/KMeans.h"
#include "model/metrics/RetrievalMetrics.h"

#include <QtTest>
#include <cmath>

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
};

void MetricsTest::recallAtKCountsTheFirstSameClassNeighbour()
{
    // Rank of the nearest same-class point (negatives strictly closer): query 0: 0; query 1:
    // 0 (the B at equal distance 1 does not count); query 2: 3 (A at 1, 1, 2 before the B at 8);
    // query 3: 1 (B at 1 before the A at 2); query 10: 1 (A at 7 before B at 8).
    const std::vector<int> ks{1, 2, 4, 8};
    const auto recall = sme::recallAtK(linePoints(), lineLabels, ks);
    QCOMPARE(recall, (std::vector<double>{2.0 / 5, 4.0 / 5, 1.0, 1.0}));
}

void MetricsTest::mapAtRMatchesHandComputation()
{
    // Query 0 (R=2): A, B -> (1/1)/2 = 0.5. Query 1 (R=2): tie at 1 between points 0 (A) and 2
    // (B), broken by index -> A, B -> 0.5. Query 2 (R=1): nearest is an A -> 0. Query 3 (R=2):
    // B, A -> (1/2)/2 = 0.25. Query 10 (R=1): nearest is an A -> 0. Mean 1.25 / 5 = 0.25.
    QCOMPARE(sme::meanAveragePrecisionAtR(linePoints(), lineLabels), 0.25);
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

#include "tst_metrics.moc"
