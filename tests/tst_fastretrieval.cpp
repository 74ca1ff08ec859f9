// Tests of the candidate retrieval (float distances choose, double ones decide): its scores
// are the exact path's on clustered points, ties, collapsed models, small and many classes,
// whatever the threads and whichever vector kernels run.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RetrievalComparison.h"
#include "model/base/CpuFeatures.h"
#include "model/base/Random.h"
#include "model/metrics/CandidateRetrieval.h"
#include "model/metrics/DistanceKernels.h"
#include "model/metrics/ExactProducts.h"
#include "model/metrics/RetrievalMetrics.h"

#include <QtTest>
#include <bit>

namespace {

using testing::describe;
using testing::sameBits;

const std::vector<int> ks{1, 2, 4, 8};

struct Case {
    Eigen::MatrixXd points;
    std::vector<int> labels;
};

// Classes around centres on the unit sphere of R^dimension, each point its centre plus noise,
// classes overlapping; rounded to float as embedding files hold them, or not.
Case clusteredCase(int count, int classes, int dimension, bool asFloats, std::uint64_t seed)
{
    sme::Rng rng(seed);
    Eigen::MatrixXd centres(classes, dimension);
    sme::fillStandardNormal(centres, rng);
    centres.rowwise().normalize();
    Case c{Eigen::MatrixXd(count, dimension), {}};
    sme::fillStandardNormal(c.points, rng);
    c.points *= 1.1 / std::sqrt(double(dimension)); // noise of norm about 1.1: overlapping
    for (int i = 0; i < count; ++i) {
        c.labels.push_back(i % classes);
        c.points.row(i) += centres.row(i % classes);
    }
    if (asFloats)
        c.points = c.points.cast<float>().cast<double>();
    return c;
}

// 60 distinct points, each repeated 50 times under labels from 4 classes: exact ties everywhere.
Case duplicatedCase()
{
    const Case distinct = clusteredCase(60, 6, 16, true, 21);
    Case c{Eigen::MatrixXd(3000, 16), {}};
    for (int i = 0; i < 3000; ++i) {
        c.points.row(i) = distinct.points.row(i % 60);
        c.labels.push_back((i * 7) % 4);
    }
    return c;
}

// A model collapsed to one point, up to spread (see tst_blockedevaluation: at 1e-9 every
// distance is rounding noise inside the tie tolerance; at 2e-8 about the tolerance).
Case collapsedCase(double spread)
{
    sme::Rng rng(8);
    Case c{Eigen::MatrixXd(1500, 16), {}};
    sme::fillStandardNormal(c.points, rng);
    Eigen::RowVectorXd centre = c.points.row(0);
    centre.normalize();
    c.points = (c.points * spread).rowwise() + centre;
    for (int i = 0; i < 1500; ++i)
        c.labels.push_back(i % 4);
    return c;
}

// Classes of 1 to 7 members (R < 8, so Recall@8 often needs the scan past the R nearest).
Case smallClassesCase()
{
    Case c = clusteredCase(2000, 500, 24, true, 5);
    for (int i = 0; i < 2000; ++i)
        c.labels[std::size_t(i)] = (i * 7919) % 2000 / (1 + i % 7); // uneven sizes, some alone
    return c;
}

// How far the candidates' scores may be from the exact path's (candidatesScoreAsTheExactPath).
constexpr double lastBits = 1e-12;
constexpr double roundingDecidesTies = 1e-4;

const struct {
    const char* name;
    Case (*make)();
    double agreement;
} cases[] = {
    {"clustered floats, 128 dimensions", [] { return clusteredCase(3000, 30, 128, true, 3); }, lastBits},
    {"clustered doubles, 37 dimensions", [] { return clusteredCase(2500, 10, 37, false, 4); }, lastBits},
    {"many classes of 3", [] { return clusteredCase(3000, 1000, 64, true, 6); }, lastBits},
    {"duplicated points", duplicatedCase, lastBits},
    {"collapsed model", [] { return collapsedCase(1e-9); }, lastBits},
    {"nearly collapsed, distances about the tie tolerance", [] { return collapsedCase(2e-8); }, roundingDecidesTies},
    {"classes of 1 to 7 members", smallClassesCase, lastBits},
    // Past 2,048 points a tile's queries share, their products are computed in several blocks.
    {"two classes of 2,200", [] { return clusteredCase(4400, 2, 8, true, 7); }, lastBits},
};

// The distance kernels a test can ask for, fastest first: those this CPU lacks are skipped.
enum class Kernels { amx, avx512, avx2 };
constexpr Kernels everyKernel[] = {Kernels::amx, Kernels::avx512, Kernels::avx2};

// Turns the kernels above `kernels` off; whether the CPU runs them.
bool use(Kernels kernels)
{
    sme::setAvx512Allowed(kernels != Kernels::avx2);
    sme::setAmxAllowed(kernels == Kernels::amx);
    return kernels == Kernels::amx ? sme::amxAvailable() : kernels == Kernels::avx512 ? sme::avx512Available() : true;
}

const char* nameOf(Kernels kernels)
{
    return kernels == Kernels::amx ? "AMX" : kernels == Kernels::avx512 ? "AVX-512" : "AVX2";
}

sme::RetrievalScores candidates(const Case& c, std::size_t threads)
{
    return sme::retrievalScores(c.points, c.labels, ks, {}, threads, sme::RetrievalPath::candidates);
}

// The dot product of two rows in the order ExactRows::dots documents: eight chains of fused
// multiply-adds over the coordinates k = l mod 8, then added pairwise in a fixed tree.
double dotInTheDocumentedOrder(const Eigen::MatrixXd& points, Eigen::Index i, Eigen::Index j)
{
    double sums[8] = {};
    for (Eigen::Index k = 0; k < points.cols(); ++k)
        sums[k % 8] = std::fma(points(j, k), points(i, k), sums[k % 8]);
    return ((sums[0] + sums[4]) + (sums[2] + sums[6])) + ((sums[1] + sums[5]) + (sums[3] + sums[7]));
}

} // namespace

class FastRetrievalTest : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { use(Kernels::amx); }
    void candidatesScoreAsTheExactPath_data();
    void candidatesScoreAsTheExactPath();
    void everyKernelGivesTheSameBits_data() { candidatesScoreAsTheExactPath_data(); }
    void everyKernelGivesTheSameBits();
    void floatDistancesStayWithinTheirBound();
    void floatDistancesDoNotDependOnTheirNeighbours();
    void keepingFindsWhatALoopFinds();
    void exactProductsHaveOneOrderInEveryBlock();
    void automaticPathKeepsSmallSetsExact();
};

void FastRetrievalTest::candidatesScoreAsTheExactPath_data()
{
    QTest::addColumn<int>("which");
    for (int which = 0; which < int(std::size(cases)); ++which)
        QTest::newRow(cases[std::size_t(which)].name) << which;
}

void FastRetrievalTest::candidatesScoreAsTheExactPath()
{
    // Both paths score the same double distances of the same Gram form, but the candidates'
    // dot products are summed in another order than the exact path's matrix product: a
    // distance may move by a few ulps of |x||q| (128 terms: at most 2.8e-14 |x||q|), about
    // the tie tolerance (1.4e-14 |x|^2), so a comparison with a tie window's edge could turn,
    // with odds of about that over the spread of the distances for generic points. None turns
    // here: lastBits (1e-12) leaves room for the sums' last bits, and one query scored
    // differently moves a score by at least 1 / (N R) > 1e-7. Where every distance is
    // rounding noise about the tie tolerance (nearly collapsed), the rounding itself decides
    // which points tie, in either path: the scores agree to a tenth of a query's share or so
    // (roundingDecidesTies, 1e-4 of 1,500 queries), both at chance level.
    QFETCH(int, which);
    const Case c = cases[std::size_t(which)].make();
    const double agreement = cases[std::size_t(which)].agreement;
    use(Kernels::avx2);
    const sme::RetrievalScores exact =
        sme::retrievalScores(c.points, c.labels, ks, {}, 1, sme::RetrievalPath::exact);
    const sme::RetrievalScores one = candidates(c, 1);
    const sme::RetrievalScores two = candidates(c, 2);
    QVERIFY2(sameBits(one, two), qPrintable(describe(two) + " against " + describe(one)));
    for (std::size_t k = 0; k < ks.size(); ++k)
        QVERIFY2(std::abs(one.recall[k] - exact.recall[k]) <= agreement,
                 qPrintable(describe(one) + " against " + describe(exact)));
    QVERIFY2(std::abs(one.mapAtR - exact.mapAtR) <= agreement, qPrintable(describe(one) + " against " + describe(exact)));
    QVERIFY(exact.mapAtR > 0.0 && exact.mapAtR < 1.0); // not trivially 0 or 1
}

void FastRetrievalTest::everyKernelGivesTheSameBits()
{
    // The float distances only choose the candidates, each kernel's within its error bound
    // (the AMX kernel's own bits, the float kernels' the same ones: see floatDistances): the
    // scores read the exact distances of candidates that hold every point they may read, so
    // they are the same to the bit whichever kernel chose them.
    QFETCH(int, which);
    const Case c = cases[std::size_t(which)].make();
    use(Kernels::avx2);
    const sme::RetrievalScores narrow = candidates(c, 2);
    for (const Kernels kernels : {Kernels::amx, Kernels::avx512}) {
        if (!use(kernels))
            continue;
        const sme::RetrievalScores wide = candidates(c, 2);
        QVERIFY2(sameBits(wide, narrow), qPrintable(QString::fromLatin1(nameOf(kernels)) + ": " + describe(wide)
                                                     + " against " + describe(narrow)));
    }
}

void FastRetrievalTest::floatDistancesStayWithinTheirBound()
{
    // The float tiles of every kernel against double distances, on points of norms up to 5
    // (the bound scales with the largest squared norm): never past the kernel's bound
    // (floatDistanceErrorBound, or splitDistanceErrorBound for AMX), and the bound not vacuous
    // (the worst error within a factor 1,000 of it: the bound is the worst case of every
    // rounding in a row, where the errors of random points mostly cancel).
    const Case c = clusteredCase(700, 7, 128, false, 9);
    const Eigen::MatrixXd points = c.points * 5.0;
    use(Kernels::amx);
    const sme::FloatPanels panels(points); // split where AMX runs
    const double largest = points.rowwise().squaredNorm().maxCoeff();
    for (const Kernels kernels : everyKernel) {
        if (!use(kernels))
            continue;
        const double bound = kernels == Kernels::amx ? sme::splitDistanceErrorBound(largest, points.cols())
                                                     : sme::floatDistanceErrorBound(largest, points.cols());
        const Eigen::Index width = 40; // queries at a time: not a multiple of any kernel's block
        std::vector<float> tile(std::size_t(sme::paddedQueryCount(width) * panels.paddedRows()));
        sme::PackedQueries queries;
        double worst = 0.0;
        for (Eigen::Index first = 0; first < points.rows(); first += width) {
            const Eigen::Index count = std::min(width, points.rows() - first);
            queries.pack(panels, first, count);
            sme::floatDistances(panels, 0, panels.paddedRows(), queries, tile.data(), panels.paddedRows());
            for (Eigen::Index t = 0; t < count; ++t)
                for (Eigen::Index j = 0; j < points.rows(); ++j) {
                    const double exact = (points.row(j) - points.row(first + t)).squaredNorm();
                    worst = std::max(worst, std::abs(double(tile[std::size_t(t * panels.paddedRows() + j)]) - exact));
                }
        }
        const QString what = QStringLiteral("%1: error %2, bound %3").arg(nameOf(kernels)).arg(worst).arg(bound);
        QVERIFY2(worst <= bound, qPrintable(what));
        QVERIFY2(worst > bound / 1000.0, qPrintable(what));
    }
}

void FastRetrievalTest::floatDistancesDoNotDependOnTheirNeighbours()
{
    // A query's float distances have the same bits in a tile of 40 queries over every point,
    // packed alone, and over a part of the points (the candidate search's chunks, and
    // QueryScorer's row of one query, count on it), on each kernel; 200 points of 48
    // dimensions (AMX's tiles padded to 64).
    const Case c = clusteredCase(200, 5, 48, true, 12);
    use(Kernels::amx);
    const sme::FloatPanels panels(c.points);
    const Eigen::Index rows = panels.paddedRows();
    for (const Kernels kernels : everyKernel) {
        if (!use(kernels))
            continue;
        const Eigen::Index width = 40;
        sme::PackedQueries queries;
        queries.pack(panels, 3, width);
        std::vector<float> tile(std::size_t(sme::paddedQueryCount(width) * rows));
        sme::floatDistances(panels, 0, rows, queries, tile.data(), rows);
        std::vector<float> part(std::size_t(sme::paddedQueryCount(width) * 64));
        sme::floatDistances(panels, 64, 64, queries, part.data(), 64);
        sme::PackedQueries single;
        std::vector<float> alone(std::size_t(sme::paddedQueryCount(1) * rows));
        for (Eigen::Index t = 0; t < width; ++t) {
            single.pack(panels, 3 + t, 1);
            sme::floatDistances(panels, 0, rows, single, alone.data(), rows);
            for (Eigen::Index j = 0; j < c.points.rows(); ++j) {
                const float inTile = tile[std::size_t(t * rows + j)];
                const QString where = QStringLiteral("%1: query %2, point %3").arg(nameOf(kernels)).arg(3 + t).arg(j);
                QVERIFY2(std::bit_cast<std::uint32_t>(alone[std::size_t(j)]) == std::bit_cast<std::uint32_t>(inTile),
                         qPrintable(where));
                if (j >= 64 && j < 128)
                    QVERIFY2(std::bit_cast<std::uint32_t>(part[std::size_t(t * 64 + j - 64)])
                                 == std::bit_cast<std::uint32_t>(inTile),
                             qPrintable(where));
            }
        }
    }
}

void FastRetrievalTest::keepingFindsWhatALoopFinds()
{
    // keepAtMost on each kernel (AVX-512's compress, AVX2's packing permutations) against a
    // loop: the same positions and values in increasing order, for rows of lengths that are and
    // are not multiples of 8 and 16, thresholds that keep none, some and all, equal values (kept:
    // at most), a NaN (never kept), and with or without the values.
    sme::Rng rng(21);
    std::uniform_real_distribution<float> uniform(0.0f, 1.0f);
    std::vector<float> row(203);
    for (float& value : row)
        value = uniform(rng);
    row[17] = row[18] = 0.5f;
    row[40] = std::numeric_limits<float>::quiet_NaN();
    for (const Kernels kernels : {Kernels::avx512, Kernels::avx2}) {
        if (!use(kernels))
            continue;
        for (const Eigen::Index size : {Eigen::Index(0), Eigen::Index(5), Eigen::Index(8), Eigen::Index(16),
                                        Eigen::Index(61), Eigen::Index(203)})
            for (const float threshold : {-1.0f, 0.1f, 0.5f, 0.9f, 2.0f})
                for (const bool values : {false, true}) {
                    std::vector<std::int32_t> expected;
                    for (Eigen::Index j = 0; j < size; ++j)
                        if (row[std::size_t(j)] <= threshold)
                            expected.push_back(std::int32_t(100 + j));
                    std::vector<std::int32_t> kept(std::size_t(size + 16), -1);
                    std::vector<float> keptValues(kept.size(), -1.0f);
                    const Eigen::Index count = sme::keepAtMost(row.data(), size, threshold, 100, kept.data(),
                                                               values ? keptValues.data() : nullptr);
                    const QString where = QStringLiteral("%1: %2 values under %3").arg(nameOf(kernels)).arg(size)
                                              .arg(double(threshold));
                    QCOMPARE(std::vector<std::int32_t>(kept.begin(), kept.begin() + count), expected);
                    if (values)
                        for (Eigen::Index c = 0; c < count; ++c)
                            QVERIFY2(keptValues[std::size_t(c)] == row[std::size_t(kept[std::size_t(c)] - 100)],
                                     qPrintable(where));
                }
    }
}

void FastRetrievalTest::exactProductsHaveOneOrderInEveryBlock()
{
    // A candidate's exact distance is computed in its group's block product, as a pair (a
    // candidate few queries want) or alone (the scan of queryRecall), on whichever kernel the
    // CPU runs: each product must
    // have the same bits everywhere, the documented order's. Queries and rows in counts that
    // are no multiple of any kernel's block, scattered and repeated, more than dots takes at
    // once (rows in chunks of 64, queries in blocks of 12 or 18); float rows and double rows;
    // dimensions with and without padding.
    for (const bool asFloats : {true, false})
        for (const int dimension : {37, 128}) {
            const Eigen::MatrixXd points = clusteredCase(200, 3, dimension, asFloats, 11).points;
            const sme::ExactRows rows(points);
            std::vector<std::int32_t> queries{5, 0, 199, 17, 17};
            for (std::int32_t t = 0; t < 36; ++t)
                queries.push_back((t * 37 + 11) % 200);
            std::vector<std::int32_t> others;
            for (std::int32_t u = 0; u < 151; ++u)
                others.push_back((u * 23 + 7) % 200);
            for (const bool avx512 : {false, true}) {
                sme::setAvx512Allowed(avx512);
                std::vector<double> block(queries.size() * others.size());
                rows.dots(queries, others, block.data(), Eigen::Index(others.size()));
                std::vector<std::int32_t> pairQueries; // every query with every row: as pairs
                std::vector<std::int32_t> pairRows;
                for (const std::int32_t query : queries)
                    for (const std::int32_t other : others) {
                        pairQueries.push_back(query);
                        pairRows.push_back(other);
                    }
                std::vector<double> pairs(pairQueries.size());
                rows.pairDots(pairQueries, pairRows, pairs.data());
                std::vector<double> alone(others.size());
                for (std::size_t t = 0; t < queries.size(); ++t) {
                    rows.dots(queries[t], others, alone.data());
                    for (std::size_t u = 0; u < others.size(); ++u) {
                        const double expected = dotInTheDocumentedOrder(points, queries[t], others[u]);
                        const QString where = QStringLiteral("query %1, row %2, %3 dimensions, floats %4, AVX-512 %5")
                                                  .arg(queries[t]).arg(others[u]).arg(dimension).arg(asFloats)
                                                  .arg(sme::avx512Available());
                        QVERIFY2(block[t * others.size() + u] == expected, qPrintable(where));
                        QVERIFY2(alone[u] == expected, qPrintable(where));
                        QVERIFY2(pairs[t * others.size() + u] == expected, qPrintable(where));
                    }
                }
            }
        }
}

void FastRetrievalTest::automaticPathKeepsSmallSetsExact()
{
    // Training's live evaluations (2,000 points at most) keep their bits: below
    // candidatePathMinimumPoints the automatic path is the exact one. So do classes that are a
    // large share of the points (5 of 6,000 in the full evaluation of Fashion-MNIST), where
    // the exact path is the faster.
    const Case c = clusteredCase(int(sme::candidatePathMinimumPoints) - 1, 20, 16, true, 2);
    QVERIFY(!sme::candidatePathSuits(c.points, c.labels));
    QVERIFY(sameBits(sme::retrievalScores(c.points, c.labels, ks),
                     sme::retrievalScores(c.points, c.labels, ks, {}, 0, sme::RetrievalPath::exact)));
    const Case large = clusteredCase(int(sme::candidatePathMinimumPoints), 20, 16, true, 2);
    QVERIFY(sme::candidatePathSuits(large.points, large.labels));
    const Case fewClasses = clusteredCase(int(sme::candidatePathMinimumPoints), 5, 16, true, 2);
    QVERIFY(!sme::candidatePathSuits(fewClasses.points, fewClasses.labels));
}

QTEST_APPLESS_MAIN(FastRetrievalTest)
#include "tst_fastretrieval.moc"
