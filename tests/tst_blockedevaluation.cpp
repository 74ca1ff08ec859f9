// Tests of the evaluation that scales: the blocked Recall@K and MAP@R equal the full-matrix
// ones, whatever the number of threads, and a long evaluation reports progress and stops.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FullMatrixRetrieval.h"
#include "RetrievalComparison.h"
#include "SmallTraining.h"
#include "model/data/CsvDataset.h"
#include "model/metrics/KMeans.h"
#include "model/metrics/QueryTiles.h"
#include "model/metrics/RetrievalMetrics.h"

#include <QtTest>
#include <atomic>
#include <thread>

namespace {

using testing::describe;
using testing::sameBits;

const std::vector<int> ks{1, 2, 4, 8};

struct Case {
    Eigen::MatrixXd points;
    std::vector<int> labels;
};

// The held-out digits (5 classes of about 180) embedded by a model after 40 steps: what the
// explorer evaluates, in more than one tile of queries.
Case digitsCase()
{
    sme::TrainerSettings settings;
    settings.seed = 4;
    sme::Trainer trainer(sme::splitByClass(sme::loadCsvDataset(SME_DIGITS_CSV), 0.5), settings);
    for (int step = 0; step < 40; ++step)
        trainer.trainStep();
    return {trainer.heldOutEmbeddings().cast<double>(), trainer.heldOutLabels()};
}

// Overlapping Gaussian classes of unequal sizes (from 1 to 60) on the unit sphere of R^8.
Case overlappingCase(int count, std::uint64_t seed)
{
    sme::Rng rng(seed);
    Case c{Eigen::MatrixXd(count, 8), {}};
    sme::fillStandardNormal(c.points, rng);
    for (int i = 0; i < count; ++i) {
        const int label = int(std::sqrt(double(i)) * 1.3); // sizes grow with the label
        c.labels.push_back(label);
        c.points(i, label % 8) += 1.5;
    }
    c.points.rowwise().normalize();
    return c;
}

// Only 12 distinct points, each repeated 40 times under labels from 3 classes: distances
// exactly equal (0 between copies) everywhere, every neighbour list a few large ties.
Case duplicatedCase()
{
    Case distinct = overlappingCase(12, 21);
    Case c{Eigen::MatrixXd(480, 8), {}};
    for (int i = 0; i < 480; ++i) {
        c.points.row(i) = distinct.points.row(i % 12);
        c.labels.push_back((i * 7) % 3);
    }
    return c;
}

// A model collapsed to one point, up to `spread` (at 1e-9 every squared distance is Gram-form
// rounding noise, a few 1e-16 or 0, within the tie tolerance 1.4e-14, so every query sees one
// tie of all the others; at 2e-8 they are about the tolerance, so ties chain and break
// everywhere, past the R-th and around the nearest positive).
Case collapsedCase(double spread)
{
    sme::Rng rng(8);
    Case c{Eigen::MatrixXd(400, 16), {}};
    sme::fillStandardNormal(c.points, rng);
    Eigen::RowVectorXd centre = c.points.row(0);
    centre.normalize();
    c.points = (c.points * spread).rowwise() + centre;
    for (int i = 0; i < 400; ++i)
        c.labels.push_back(i % 4);
    return c;
}

// Classes of one member (never a query that counts) among classes of two and more.
Case singletonsCase()
{
    Case c = overlappingCase(300, 5);
    for (int i = 0; i < 300; i += 3)
        c.labels[std::size_t(i)] = 1000 + i; // a class of its own
    return c;
}

const struct {
    const char* name;
    Case (*make)();
} cases[] = {
    {"held-out digits after 40 steps", digitsCase},
    {"overlapping classes, 1 to 60 members", [] { return overlappingCase(700, 3); }},
    {"duplicated points", duplicatedCase},
    {"collapsed model", [] { return collapsedCase(1e-9); }},
    {"nearly collapsed, distances about the tie tolerance", [] { return collapsedCase(2e-8); }},
    {"classes of one member", singletonsCase},
};

} // namespace

class BlockedEvaluationTest : public QObject {
    Q_OBJECT
private slots:
    void blockedScoresEqualTheFullMatrix_data();
    void blockedScoresEqualTheFullMatrix();
    void threadCountDoesNotChangeTheBits();
    void progressComesFromTheCallingThreadOnly();
    void progressCanCancelRetrieval();
    void progressCanCancelKMeans();
    void evaluateAllCanBeCancelled();
};

void BlockedEvaluationTest::blockedScoresEqualTheFullMatrix_data()
{
    QTest::addColumn<int>("which");
    for (int which = 0; which < int(std::size(cases)); ++which)
        QTest::newRow(cases[std::size_t(which)].name) << which;
}

void BlockedEvaluationTest::blockedScoresEqualTheFullMatrix()
{
    // The blocked scores come from the same distances (the same Gram form, in the same order
    // of operations) and the same tie rules, and are summed in the same query order, so they
    // should be the same bits. The tolerance 1e-12 leaves room for the matrix product summing
    // a dot product in another order for another tile shape (an ulp on a distance, far inside
    // the tie tolerance, so moving no rank) and nothing more: a single query scored
    // differently moves a score by at least 1 / (N R) > 1e-7 here.
    QFETCH(int, which);
    const Case c = cases[std::size_t(which)].make();
    const Eigen::MatrixXd& points = c.points;
    const std::vector<int>& labels = c.labels;
    const sme::RetrievalScores expected = testing::fullMatrixScores(points, labels, ks);
    const sme::RetrievalScores blocked = sme::retrievalScores(points, labels, ks);
    for (std::size_t k = 0; k < ks.size(); ++k)
        QVERIFY2(std::abs(blocked.recall[k] - expected.recall[k]) <= 1e-12,
                 qPrintable(describe(blocked) + " against " + describe(expected)));
    QVERIFY2(std::abs(blocked.mapAtR - expected.mapAtR) <= 1e-12,
             qPrintable(describe(blocked) + " against " + describe(expected)));
    // Not a case where every score is trivially 0 or 1.
    QVERIFY(expected.mapAtR > 0.0 && expected.mapAtR < 1.0);
}

void BlockedEvaluationTest::threadCountDoesNotChangeTheBits()
{
    const Case c = overlappingCase(1500, 12); // 6 tiles of 256 queries
    const sme::RetrievalScores one = sme::retrievalScores(c.points, c.labels, ks, {}, 1);
    for (std::size_t threads : {2, 3, 7}) {
        const sme::RetrievalScores several = sme::retrievalScores(c.points, c.labels, ks, {}, threads);
        QVERIFY2(sameBits(one, several), qPrintable(QStringLiteral("%1 threads: ").arg(threads) + describe(several)
                                                     + " against " + describe(one)));
    }
}

void BlockedEvaluationTest::progressComesFromTheCallingThreadOnly()
{
    const Case c = overlappingCase(1500, 12);
    const std::thread::id caller = std::this_thread::get_id();
    std::vector<double> reported;
    bool elsewhere = false;
    sme::retrievalScores(c.points, c.labels, ks, [&](double done) {
        elsewhere = elsewhere || std::this_thread::get_id() != caller;
        reported.push_back(done);
        return true;
    }, 3);
    QVERIFY(!elsewhere);
    QVERIFY(std::is_sorted(reported.begin(), reported.end()));
    QCOMPARE(reported.front(), 0.0);
    QCOMPARE(reported.back(), 1.0);
    // On one thread, after every tile: 0, 1/6, ..., 6/6, and the end.
    reported.clear();
    sme::retrievalScores(c.points, c.labels, ks, [&](double done) { reported.push_back(done); return true; }, 1);
    QCOMPARE(reported, (std::vector<double>{0.0, 1.0 / 6, 2.0 / 6, 3.0 / 6, 4.0 / 6, 5.0 / 6, 1.0, 1.0}));
}

void BlockedEvaluationTest::progressCanCancelRetrieval()
{
    // Stopped at the first report: no more than the tiles then in progress are computed
    // after it (one a thread), and the call throws Cancelled, not an Error, with every worker
    // joined (the sanitizer builds would see a thread outliving the call).
    const Case c = overlappingCase(3000, 12); // 12 tiles of 256
    std::atomic<int> reports{0};
    QVERIFY_THROWS_EXCEPTION(sme::Cancelled, sme::retrievalScores(c.points, c.labels, ks, [&](double) {
        ++reports;
        return false;
    }, 2));
    QCOMPARE(reports.load(), 1);
}

void BlockedEvaluationTest::progressCanCancelKMeans()
{
    const Case c = overlappingCase(400, 2);
    sme::Rng rng(1);
    std::vector<double> reported;
    QVERIFY_THROWS_EXCEPTION(sme::Cancelled, sme::kMeans(c.points, 8, rng, 100, [&](double done) {
        reported.push_back(done);
        return reported.size() < 2;
    }));
    // After each of the (at most) 100 iterations, stopped at the second.
    QCOMPARE(reported, (std::vector<double>{0.01, 0.02}));
}

void BlockedEvaluationTest::evaluateAllCanBeCancelled()
{
    // Trainer::evaluateAll passes its progress down: it hears from the retrieval scores (the
    // first 90%) and from k-means (the rest) while they run, not only before and after, and
    // stopping at the first report from inside throws Cancelled.
    sme::Trainer trainer(testing::smallData(), testing::smallModel());
    trainer.trainStep();
    std::vector<double> reported;
    trainer.evaluateAll([&](double done) { reported.push_back(done); return true; });
    const auto reportedBetween = [&](double from, double to) {
        return std::any_of(reported.begin(), reported.end(), [&](double d) { return d > from && d < to; });
    };
    QVERIFY(std::count(reported.begin(), reported.end(), 0.9) >= 1); // the retrieval's end
    QVERIFY(reportedBetween(0.9, 1.0)); // k-means iterations
    QVERIFY_THROWS_EXCEPTION(sme::Cancelled, trainer.evaluateAll([](double done) { return done == 0.0; }));
}

QTEST_APPLESS_MAIN(BlockedEvaluationTest)
#include "tst_blockedevaluation.moc"
