// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/CandidateRetrieval.h"

#include "model/metrics/DistanceKernels.h"
#include "model/metrics/NeighbourSelection.h"
#include "model/metrics/QueryScoring.h"
#include "model/metrics/QueryTiles.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <vector>

namespace sme {
namespace {

constexpr float infinity = std::numeric_limits<float>::infinity();

// The smallest float at or above threshold: a float filter that keeps everything a double
// threshold reaches.
float roundedUp(double threshold)
{
    if (!(threshold < double(std::numeric_limits<float>::max())))
        return infinity;
    const auto rounded = float(threshold);
    return double(rounded) < threshold ? std::nextafter(rounded, infinity) : rounded;
}

// SplitMix64's output function: k's bits well mixed, for positions no pattern of the labels
// (such as i % classes) can line up with, as every stride-th would.
std::uint64_t mixed(std::uint64_t k)
{
    k = (k ^ (k >> 30)) * 0xbf58476d1ce4e5b9ULL;
    k = (k ^ (k >> 27)) * 0x94d049bb133111ebULL;
    return k ^ (k >> 31);
}

// What every worker reads: the points in the kernels' layouts, classes, tolerances.
struct Retrieval {
    Retrieval(const Eigen::Ref<const Eigen::MatrixXd>& embeddings, std::span<const int> labels)
        : embeddings(embeddings), panels(embeddings), rows(embeddings),
          squaredNorms(embeddings.rowwise().squaredNorm())
    {
        std::map<int, int> index;
        for (std::size_t j = 0; j < labels.size(); ++j) {
            const int dense = index.try_emplace(labels[j], int(index.size())).first->second;
            classOf.push_back(dense);
            if (std::size_t(dense) == members.size())
                members.emplace_back();
            members[std::size_t(dense)].push_back(std::int32_t(j));
        }
        const auto size = std::uint64_t(embeddings.rows());
        for (std::uint64_t k = 0; k < std::min<std::uint64_t>(size, 4096); ++k)
            samplePositions.push_back(size <= 4096 ? std::int32_t(k) : std::int32_t(mixed(k) % size));
        const double largest = squaredNorms.size() > 0 ? squaredNorms.maxCoeff() : 0.0;
        tolerance = tieTolerance(largest);
        errorBound = floatDistanceErrorBound(largest, embeddings.cols());
    }

    const Eigen::Ref<const Eigen::MatrixXd> embeddings; // a view, not a reference to a caller's view
    const FloatPanels panels;
    const ExactRows rows;
    const Eigen::VectorXd squaredNorms;
    std::vector<int> classOf;                        // labels numbered 0, 1, ...
    std::vector<std::vector<std::int32_t>> members;  // the points of each class
    std::vector<std::int32_t> samplePositions;       // where sampledThreshold looks
    double tolerance = 0.0;
    double errorBound = 0.0;
};

// One thread's scratch space, reused from one query to the next.
struct Worker {
    std::vector<float> tile;
    std::vector<float> queryScratch;
    std::vector<float> sample;
    std::vector<std::int32_t> kept;
    std::vector<double> query;     // its coordinates
    std::vector<double> distances; // the query (0), then its candidates, in double
    std::vector<int> classes;      // theirs
    std::vector<Neighbour> inReach;
    NeighbourSelection selection;
};

// A threshold under which about 1.4 r + 16 of the row's distances lie, from the distances at
// the sample positions (4,096 fixed pseudo-random ones, or every one): the order statistic's
// count is off by about 1/sqrt(its rank) of itself (13% for the 57th of 4,096 when R = 999
// of 100,000), so fewer than r fall under it (and the query takes the second, sure threshold)
// in about one query in a thousand.
float sampledThreshold(const float* row, Eigen::Index size, std::ptrdiff_t r, std::span<const std::int32_t> positions,
                       std::vector<float>& sample)
{
    sample.clear();
    for (const std::int32_t j : positions)
        sample.push_back(row[j]);
    const auto rank = std::size_t((1.4 * double(r) + 16.0) * double(sample.size()) / double(size));
    if (rank >= sample.size())
        return infinity;
    std::nth_element(sample.begin(), sample.begin() + std::ptrdiff_t(rank), sample.end());
    return sample[rank];
}

class QueryScorer {
public:
    QueryScorer(const Retrieval& retrieval, Worker& worker, Eigen::Index query, float* row)
        : retrieval_(retrieval), worker_(worker), query_(query), row_(row),
          class_(retrieval.classOf[std::size_t(query)])
    {
        row_[query] = infinity; // never its own candidate
        const auto coordinates = retrieval.embeddings.row(query);
        worker.query.assign(coordinates.begin(), coordinates.end());
    }

    // The double squared distance of the Gram form, in the order of operations of the exact
    // path's tiles: -2 x.q, + |x|^2, + |q|^2, clamped.
    double exactDistance(Eigen::Index j) const
    {
        const double gram = -2.0 * retrieval_.rows.dot(j, worker_.query.data()) + retrieval_.squaredNorms[j];
        return std::max(gram + retrieval_.squaredNorms[query_], 0.0);
    }

    // The query's r nearest and their ties: those of its candidates, which hold them all.
    std::span<const Neighbour> nearest(std::ptrdiff_t r)
    {
        const Eigen::Index size = retrieval_.embeddings.rows();
        const double margin = retrieval_.errorBound + retrieval_.tolerance;
        float threshold = sampledThreshold(row_, size, r, retrieval_.samplePositions, worker_.sample);
        for (bool sure = threshold == infinity;; sure = true) {
            const std::ptrdiff_t within = gatherCandidates(threshold, double(threshold) - margin);
            // Every point left out has a float distance over the threshold, so a double one
            // over threshold - errorBound: with r candidates at threshold - margin or less, the
            // r-th exact distance D is there too, and every point within D + tolerance is a
            // candidate. (margin is a computed double: errorBound's 1% slack covers its
            // rounding and that of the subtraction.)
            if (sure || within >= r)
                break;
            // The r-th smallest float distance F: r points have double ones within F +
            // errorBound, so D <= F + errorBound, and every point within D + tolerance has a
            // float distance within F + 2 errorBound + tolerance.
            worker_.sample.assign(row_, row_ + size);
            std::nth_element(worker_.sample.begin(), worker_.sample.begin() + (r - 1), worker_.sample.end());
            threshold = roundedUp(double(worker_.sample[std::size_t(r - 1)]) + retrieval_.errorBound + margin);
        }
        return worker_.selection.nearest(worker_.distances.data(), 0, worker_.classes, r, retrieval_.tolerance);
    }

    // Every point within the nearest positive's tie window, and a few more (queryRecall's scan):
    // the positive's exact distance P from its class alone, then the points whose float
    // distance is within P + tolerance + errorBound.
    std::span<const Neighbour> pointsInReach()
    {
        double nearestPositive = std::numeric_limits<double>::infinity();
        for (const std::int32_t j : retrieval_.members[std::size_t(class_)])
            if (j != query_)
                nearestPositive = std::min(nearestPositive, exactDistance(j));
        const float reach = roundedUp(nearestPositive + retrieval_.tolerance + retrieval_.errorBound);
        const Eigen::Index count = keepAtMost(row_, retrieval_.embeddings.rows(), reach, worker_.kept);
        worker_.inReach.clear();
        for (Eigen::Index c = 0; c < count; ++c)
            if (const std::int32_t j = worker_.kept[std::size_t(c)]; j != query_)
                worker_.inReach.push_back({exactDistance(j), retrieval_.classOf[std::size_t(j)] == class_});
        return worker_.inReach;
    }

private:
    // The query then the points with a float distance at most threshold, into the worker's
    // distances and classes; returns how many have an exact distance at most sureBelow.
    std::ptrdiff_t gatherCandidates(float threshold, double sureBelow)
    {
        const Eigen::Index count = keepAtMost(row_, retrieval_.embeddings.rows(), threshold, worker_.kept);
        worker_.distances.assign(1, 0.0);
        worker_.classes.assign(1, class_);
        std::ptrdiff_t within = 0;
        for (Eigen::Index c = 0; c < count; ++c) {
            const std::int32_t j = worker_.kept[std::size_t(c)];
            if (j == query_)
                continue; // kept by an infinite threshold
            const double distance = exactDistance(j);
            within += distance <= sureBelow;
            worker_.distances.push_back(distance);
            worker_.classes.push_back(retrieval_.classOf[std::size_t(j)]);
        }
        return within;
    }

    const Retrieval& retrieval_;
    Worker& worker_;
    const Eigen::Index query_;
    float* const row_;
    const int class_;
};

} // namespace

bool candidatePathSuits(const Eigen::Ref<const Eigen::MatrixXd>& embeddings)
{
    return embeddings.rows() >= candidatePathMinimumPoints && embeddings.rowwise().squaredNorm().maxCoeff() <= 1e30;
}

// The float distance of the kernels against the exact |x - q|^2, with u = 2^-24 (a float's
// unit roundoff), M = largestSquaredNorm >= |x|^2, |q|^2 (so |x||q| <= M), n = dimension:
// - rounding the coordinates to float moves x.q by at most (2u + u^2) M and each |x|^2 by at
//   most (2u + u^2) M; the norms, summed in double and rounded once to float, by u M more;
// - the dot product, a chain of n fused multiply-adds, is off by at most gamma_n M, gamma_n =
//   n u / (1 - n u) (Higham, Accuracy and Stability, 3.1), counted twice in -2 x.q;
// - |x|^2 + |q|^2 rounds once (u 2M), and fma(-2, x.q, that) once (u 4M); clamping at 0 only
//   moves towards the exact distance, which is >= 0.
// In all 2 gamma_n M + 2 (3u) M + 2u M + 4u M + O(u^2) = (2n + 12) u M + O(n^2 u^2) M; we take
// (2n + 20) u M, 1% more for the second-order terms (n u < 2.5e-4 for n up to 4,096) and the
// rounding of the thresholds computed from this bound. The double distance of the candidates
// is off from the exact one by the same with the double's 2^-53 in place of u. Gradual
// underflow adds at most half the smallest normal float an operation (4n + 16 of them).
double floatDistanceErrorBound(double largestSquaredNorm, Eigen::Index dimension)
{
    const double n = double(dimension);
    const double roundoffs = 0x1p-24 + 0x1p-53;
    return 1.01 * (2.0 * n + 20.0) * roundoffs * largestSquaredNorm
        + (4.0 * n + 16.0) * double(std::numeric_limits<float>::min());
}

RetrievalScores candidateRetrievalScores(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                                         std::span<const int> labels, std::span<const int> ks,
                                         const Progress& progress, std::size_t threads)
{
    // The points grouped by class (each class in its order): a query's candidates are mostly
    // of its class, so the rows their exact distances read lie together in memory, and stay in
    // the caches from one query of the class to the next (read scattered over the whole set,
    // each was a trip to memory: 3 times slower for R = 999 of 100,000).
    std::vector<Eigen::Index> grouping(labels.size());
    std::iota(grouping.begin(), grouping.end(), Eigen::Index{0});
    std::stable_sort(grouping.begin(), grouping.end(),
                     [&](Eigen::Index a, Eigen::Index b) { return labels[std::size_t(a)] < labels[std::size_t(b)]; });
    const Eigen::MatrixXd grouped = embeddings(grouping, Eigen::all);
    std::vector<int> groupedLabels;
    groupedLabels.reserve(labels.size());
    for (const Eigen::Index j : grouping)
        groupedLabels.push_back(labels[std::size_t(j)]);

    const Retrieval retrieval(grouped, groupedLabels);
    const Eigen::Index size = embeddings.rows();
    const Eigen::Index paddedRows = retrieval.panels.paddedRows();
    QueryScores scores(Eigen::Index(ks.size()), size);
    threads = threads == 0 ? defaultThreadCount() : threads;
    std::vector<Worker> workers(threads);
    const auto tiles = std::size_t((size + floatTileQueries - 1) / floatTileQueries);
    forEachTile(tiles, [&](std::size_t index, std::size_t tile) {
        Worker& worker = workers[index];
        const Eigen::Index first = Eigen::Index(tile) * floatTileQueries;
        const Eigen::Index count = std::min(floatTileQueries, size - first);
        worker.tile.resize(std::size_t(floatTileQueries * paddedRows));
        floatDistanceTile(retrieval.panels, first, count, worker.tile.data(), worker.queryScratch);
        for (Eigen::Index t = 0; t < count; ++t) {
            const Eigen::Index i = first + t;
            const auto r = std::ptrdiff_t(retrieval.members[std::size_t(retrieval.classOf[std::size_t(i)])].size()) - 1;
            if (r < 1)
                continue; // no other point of its class: counts in neither score
            QueryScorer scorer(retrieval, worker, i, worker.tile.data() + t * paddedRows);
            const std::span<const Neighbour> nearest = scorer.nearest(r);
            const Eigen::Index query = grouping[std::size_t(i)]; // stored where the caller has it
            scores.counted[std::size_t(query)] = 1;
            queryRecall(nearest, r, ks, retrieval.tolerance, scores.recallHits.col(query).data(),
                        [&] { return scorer.pointsInReach(); });
            scores.averagePrecision[std::size_t(query)] = averagePrecisionAtR(nearest, r, retrieval.tolerance);
        }
    }, progress, threads);
    return scores.mean();
}

} // namespace sme
