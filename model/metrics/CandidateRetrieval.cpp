// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/CandidateRetrieval.h"

#include "model/base/HugePages.h"
#include "model/metrics/CandidateSearch.h"
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

using namespace candidates;

class QueryScorer {
public:
    QueryScorer(const Retrieval& retrieval, Worker& worker, Eigen::Index query)
        : retrieval_(retrieval), worker_(worker), query_(query), class_(retrieval.classOf[std::size_t(query)])
    {
    }

    // The query's r nearest and their ties: those of its candidates (findCandidates' under
    // threshold, their exact distances at the same places), which hold them all, or those
    // under a sure threshold.
    std::span<const Neighbour> nearest(std::ptrdiff_t r, float threshold, std::span<const std::int32_t> candidates,
                                       std::span<const double> distances)
    {
        const double margin = retrieval_.errorBound + retrieval_.tolerance;
        // Every point left out has a float distance over the threshold, so a double one over
        // threshold - errorBound: with r candidates at threshold - margin or less, the r-th
        // exact distance D is there too, and every point within D + tolerance is a candidate.
        // (margin is a computed double: errorBound's 1% slack covers its rounding and that of
        // the subtraction.)
        const std::ptrdiff_t within = gatherCandidates(candidates, distances, double(threshold) - margin);
        if (threshold != infinity && within < r) {
            // The r-th smallest float distance F: r points have double ones within F +
            // errorBound, so D <= F + errorBound, and every point within D + tolerance has a
            // float distance within F + 2 errorBound + tolerance.
            const float* row = everyFloatDistance();
            worker_.sample.assign(row, row + retrieval_.embeddings.rows());
            std::nth_element(worker_.sample.begin(), worker_.sample.begin() + (r - 1), worker_.sample.end());
            const float sure = roundedUp(double(worker_.sample[std::size_t(r - 1)]) + retrieval_.errorBound + margin);
            const std::span<const std::int32_t> sureCandidates = keptUnder(sure);
            retrieval_.exactDistances(std::int32_t(query_), sureCandidates, worker_.keptDistances);
            gatherCandidates(sureCandidates, worker_.keptDistances, 0.0);
        }
        return worker_.selection.nearest(worker_.exact.data(), 0, worker_.classes, r, retrieval_.tolerance);
    }

    // Every point within the nearest positive's tie window, and a few more (queryRecall's scan):
    // the positive's exact distance P from its class alone, then the points whose float
    // distance is within P + tolerance + errorBound.
    std::span<const Neighbour> pointsInReach()
    {
        const std::vector<std::int32_t>& positives = retrieval_.members[std::size_t(class_)];
        retrieval_.exactDistances(std::int32_t(query_), positives, worker_.keptDistances);
        double nearestPositive = std::numeric_limits<double>::infinity();
        for (std::size_t u = 0; u < positives.size(); ++u)
            if (positives[u] != query_)
                nearestPositive = std::min(nearestPositive, worker_.keptDistances[u]);
        const std::span<const std::int32_t> inReach =
            keptUnder(roundedUp(nearestPositive + retrieval_.tolerance + retrieval_.errorBound));
        retrieval_.exactDistances(std::int32_t(query_), inReach, worker_.keptDistances);
        worker_.inReach.clear();
        for (std::size_t u = 0; u < inReach.size(); ++u)
            if (inReach[u] != query_)
                worker_.inReach.push_back(
                    {worker_.keptDistances[u], retrieval_.classOf[std::size_t(inReach[u])] == class_});
        return worker_.inReach;
    }

private:
    // The query's float distance to every point (itself at infinity), computed once: the same
    // bits as in its tile (see floatDistances).
    const float* everyFloatDistance()
    {
        if (!rowDone_) {
            const Eigen::Index paddedRows = retrieval_.panels.paddedRows();
            worker_.single.pack(retrieval_.panels, query_, 1);
            worker_.row.resize(std::size_t(paddedQueryCount(1) * paddedRows));
            floatDistances(retrieval_.panels, 0, paddedRows, worker_.single, worker_.row.data(), paddedRows);
            worker_.row[std::size_t(query_)] = infinity;
            rowDone_ = true;
        }
        return worker_.row.data();
    }

    std::span<const std::int32_t> keptUnder(float threshold)
    {
        const Eigen::Index size = retrieval_.embeddings.rows();
        worker_.kept.resize(std::size_t(size + 16));
        const Eigen::Index count = keepAtMost(everyFloatDistance(), size, threshold, 0, worker_.kept.data());
        return {worker_.kept.data(), std::size_t(count)};
    }

    // The query then the candidates (their exact distances at the same places), into the
    // worker's exact distances and classes; returns how many are at most sureBelow.
    std::ptrdiff_t gatherCandidates(std::span<const std::int32_t> candidates, std::span<const double> distances,
                                    double sureBelow)
    {
        worker_.exact.assign(1, 0.0);
        worker_.classes.assign(1, class_);
        std::ptrdiff_t within = 0;
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            const std::int32_t j = candidates[c];
            if (j == query_)
                continue;
            const double distance = distances[c];
            within += distance <= sureBelow;
            worker_.exact.push_back(distance);
            worker_.classes.push_back(retrieval_.classOf[std::size_t(j)]);
        }
        return within;
    }

    const Retrieval& retrieval_;
    Worker& worker_;
    const Eigen::Index query_;
    const int class_;
    bool rowDone_ = false;
};

} // namespace

bool candidatePathSuits(const Eigen::Ref<const Eigen::MatrixXd>& embeddings, std::span<const int> labels)
{
    const Eigen::Index size = embeddings.rows();
    if (size < candidatePathMinimumPoints || embeddings.rowwise().squaredNorm().maxCoeff() > 1e30)
        return false;
    std::map<int, double> members;
    for (const int label : labels)
        members[label] += 1.0;
    double nearestSought = 0.0; // the sum of R over the queries
    for (const auto& [label, count] : members)
        nearestSought += count * (count - 1.0);
    return nearestSought <= double(size) * double(size) / 8.0;
}

// The float distance of the kernels against the exact |x - q|^2, with u = 2^-24 (a float's
// unit roundoff), M = largestSquaredNorm >= |x|^2, |q|^2 (so |x||q| <= M), n = dimension:
// - rounding the coordinates to float moves x.q by at most (2u + u^2) M and each |x|^2 by at
//   most (2u + u^2) M; the norms, summed in double and rounded once to float, by u M more;
// - the dot product, chains of fused multiply-adds over at most 32 coordinates whose sums are
//   added in order (DistanceKernels.h), takes each product through at most m =
//   floatChainLength(n) roundings (32 in its chain, one for each later part: 35 for n = 128),
//   so it is off by at most gamma_m M, gamma_m = m u / (1 - m u) (Higham, Accuracy and
//   Stability, 3.1), counted twice in -2 x.q;
// - |x|^2 + |q|^2 rounds once (u 2M), and fma(-2, x.q, that) once (u 4M); clamping at 0 only
//   moves towards the exact distance, which is >= 0.
// In all 2 gamma_m M + 2 (3u) M + 2u M + 4u M + O(u^2) = (2m + 12) u M + O(m^2 u^2) M; we take
// (2m + 20) u M, 1% more for the second-order terms (m u < 2.5e-4 for n up to 4,096) and the
// rounding of the thresholds computed from this bound. The double distance of the candidates
// is off from the exact one by at most (2n + 20) 2^-53 M (a chain of n: ExactRows sums shorter
// ones). Gradual underflow adds at most half the smallest normal float an operation (fewer than
// 4n + 16 of them).
double floatDistanceErrorBound(double largestSquaredNorm, Eigen::Index dimension)
{
    const double n = double(dimension);
    const double m = double(floatChainLength(dimension));
    return 1.01 * ((2.0 * m + 20.0) * 0x1p-24 + (2.0 * n + 20.0) * 0x1p-53) * largestSquaredNorm
        + (4.0 * n + 16.0) * double(std::numeric_limits<float>::min());
}

// The AMX kernel's distance against the exact one, with u, M and n as above. Each float
// coordinate x is split into hi = bf16(x) and lo = bf16(x - hi), rounded to nearest with
// bfloat16's 8-bit significand: |x - hi| <= 2^-8 |x|, |x - hi - lo| <= 2^-16 |x|, |lo| <= (2^-8 +
// 2^-16) |x|. The kernel sums hi.hi + hi.lo + lo.hi over the coordinates: 3n products, each
// exact in float (8 + 8 significant bits), added in float in an order of the hardware's, so off
// by at most gamma_3n times the sum of their magnitudes (Intel's SDM: float additions rounded
// to nearest even), that sum at most ((1 + 2^-8)^2 + 2 (1 + 2^-8)(2^-8 + 2^-16)) M <= 1.016 M.
// The terms' exact sum misses x.q by the split's remainders (2 2^-16 + 2^-32) M and the lo.lo
// left out ((2^-8 + 2^-16)^2 M < (2^-16 + 2^-22) M): 3 2^-16 M + 2^-21 M in all. Counted twice
// in -2 x.q, with the float kernels' other terms (coordinates and norms rounded to float, the
// norms' sum and the last fma: at most 16 u M): 2 (1.016 gamma_3n + 3 2^-16 + 2^-21) M + 16 u M
// = (6.096 n + 16) u M + (6 2^-16 + 2^-20) M + O(n^2 u^2) M; we take (6.1 n + 40) u M + 6
// 2^-16 M (2^-20 = 16 u), with 1% more as above. Underflow: the tiles flush subnormal inputs and
// results to zero, so each of the 6n operations may lose up to the smallest normal float, and a
// coordinate under it (its hi or lo flushed) up to that times the other point's coordinate:
// with the float kernels' own, (16n + 16 + 5 sqrt(n M)) of the smallest normal float covers them.
double splitDistanceErrorBound(double largestSquaredNorm, Eigen::Index dimension)
{
    const double n = double(dimension);
    const double roundoffs = 0x1p-24 + 0x1p-53;
    return 1.01 * ((6.1 * n + 40.0) * roundoffs + 6.0 * 0x1p-16) * largestSquaredNorm
        + (16.0 * n + 16.0 + 5.0 * std::sqrt(n * largestSquaredNorm)) * double(std::numeric_limits<float>::min());
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
    Eigen::MatrixXd grouped(embeddings.rows(), embeddings.cols());
    preferHugePages(grouped.data(), std::size_t(grouped.size()) * sizeof(double)); // first touched below
    grouped = embeddings(grouping, Eigen::all);
    std::vector<int> groupedLabels;
    groupedLabels.reserve(labels.size());
    for (const Eigen::Index j : grouping)
        groupedLabels.push_back(labels[std::size_t(j)]);

    const Retrieval retrieval(grouped, groupedLabels);
    const Eigen::Index size = embeddings.rows();
    QueryScores scores(Eigen::Index(ks.size()), size);
    threads = threads == 0 ? defaultThreadCount() : threads;
    std::vector<Worker> workers(threads);
    const auto groups = std::size_t((size + groupQueries - 1) / groupQueries);
    forEachTile(groups, [&](std::size_t index, std::size_t group) {
        Worker& worker = workers[index];
        const Eigen::Index first = Eigen::Index(group) * groupQueries;
        const Eigen::Index count = std::min(groupQueries, size - first);
        worker.thresholds.assign(std::size_t(count), -infinity);
        worker.candidateCounts.assign(std::size_t(count), 0);
        for (Eigen::Index tile = 0; tile < count; tile += tileQueries)
            findCandidates(retrieval, worker, first + tile, std::min(tileQueries, count - tile), tile);
        exactCandidateDistances(retrieval, worker, first, count);
        for (Eigen::Index t = 0; t < count; ++t) {
            const Eigen::Index i = first + t;
            const std::ptrdiff_t r = retrieval.othersOfItsClass(i);
            if (r < 1)
                continue; // no other point of its class: counts in neither score
            QueryScorer scorer(retrieval, worker, i);
            const std::span<const Neighbour> nearest =
                scorer.nearest(r, worker.thresholds[std::size_t(t)],
                               {worker.candidates[std::size_t(t)].data(), std::size_t(worker.candidateCounts[std::size_t(t)])},
                               worker.candidateDistances[std::size_t(t)]);
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

