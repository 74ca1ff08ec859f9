// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/CandidateRetrieval.h"

#include "model/metrics/DistanceKernels.h"
#include "model/metrics/ExactProducts.h"
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
        : embeddings(embeddings), panels(embeddings), samplePositions(positionsToSample(embeddings.rows())),
          samplePanels(embeddings(samplePositions, Eigen::all)), rows(embeddings),
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
        const double largest = squaredNorms.size() > 0 ? squaredNorms.maxCoeff() : 0.0;
        tolerance = tieTolerance(largest);
        errorBound = floatDistanceErrorBound(largest, embeddings.cols());
    }

    // 4,096 fixed pseudo-random positions (or every one, for fewer points).
    static std::vector<Eigen::Index> positionsToSample(Eigen::Index size)
    {
        std::vector<Eigen::Index> positions;
        for (std::uint64_t k = 0; k < std::min<std::uint64_t>(std::uint64_t(size), 4096); ++k)
            positions.push_back(size <= 4096 ? Eigen::Index(k) : Eigen::Index(mixed(k) % std::uint64_t(size)));
        return positions;
    }

    std::ptrdiff_t othersOfItsClass(Eigen::Index i) const
    {
        return std::ptrdiff_t(members[std::size_t(classOf[std::size_t(i)])].size()) - 1;
    }

    // The double squared distance of points i and j from their dot product, in the order of
    // operations of the exact path's tiles: -2 x.q + |x|^2 (one fused multiply-add, written
    // so the compiler cannot fuse it at one call and not at another), + |q|^2, clamped.
    double distance(double dot, Eigen::Index j, Eigen::Index i) const
    {
        return std::max(std::fma(-2.0, dot, squaredNorms[j]) + squaredNorms[i], 0.0);
    }

    // The exact distances from query to points, into out: the same bits as in its tile's
    // block (see ExactRows::dots).
    void exactDistances(std::int32_t query, std::span<const std::int32_t> points, std::vector<double>& out) const
    {
        out.resize(points.size());
        rows.dots(query, points, out.data());
        for (std::size_t u = 0; u < points.size(); ++u)
            out[u] = distance(out[u], points[u], query);
    }

    const Eigen::Ref<const Eigen::MatrixXd> embeddings; // a view, not a reference to a caller's view
    const FloatPanels panels;
    const std::vector<Eigen::Index> samplePositions; // where sampledThreshold looks
    const FloatPanels samplePanels;                  // those points
    const ExactRows rows;
    const Eigen::VectorXd squaredNorms;
    std::vector<int> classOf;                        // labels numbered 0, 1, ...
    std::vector<std::vector<std::int32_t>> members;  // the points of each class
    double tolerance = 0.0;
    double errorBound = 0.0;
};

// Queries a tile, and points a chunk: the chunk's float distances (96 x 1,024, 384 kB) are
// filtered while in the cache, and never stored for all the points. 96 queries read every
// point once where 48 read it twice (at 100,000 x 128: 3 to 8% faster).
constexpr Eigen::Index tileQueries = 96;
constexpr Eigen::Index chunkRows = 1024;

// A tile's exact products: its queries and the points many of them have as candidates, then
// the pairs of a query and a point few of them have, by point.
struct TileProducts {
    std::vector<std::int32_t> queries;
    std::vector<std::uint16_t> wantedBy; // by point: by how many of the group's queries
    std::vector<std::int32_t> shared;   // the points many want, in increasing order
    std::vector<std::int32_t> lone;     // those few want, in increasing order
    std::vector<std::int64_t> slot;     // by point: its place in shared; -2 - its next pair's; -1
    std::vector<double> block;          // queries x part of shared
    std::vector<std::size_t> cursors;   // by query: its first candidate not yet in a part
    std::vector<std::int32_t> pairQueries; // the lone pairs, by point
    std::vector<std::int32_t> pairPoints;
    std::vector<std::uint64_t> pairPlaces; // query t's candidate c: t << 32 | c
    std::vector<double> pairDots;
};
// Queries whose exact products are computed together: four tiles. A point few of them want is
// read once for all of them (at R = 9,999 of 100,000 each query wants about 2,200 such points
// of the other classes, mostly not the same).
constexpr Eigen::Index groupQueries = 4 * tileQueries;
static_assert(groupQueries < 65536, "wantedBy counts a group's queries in 16 bits");

// One thread's scratch space, reused from one tile and one query to the next.
struct Worker {
    PackedQueries queries;
    std::vector<float> distances; // a chunk's, or the sample's
    std::vector<float> thresholds;
    std::vector<std::vector<std::int32_t>> candidates{std::size_t(groupQueries)};
    std::vector<std::vector<float>> candidateFloats{std::size_t(groupQueries)}; // their float distances
    std::vector<Eigen::Index> candidateCounts;
    std::vector<std::vector<double>> candidateDistances{std::size_t(groupQueries)}; // exact, as candidates
    TileProducts products;
    PackedQueries single;
    std::vector<float> row;       // one query's distances to every point, when needed
    std::vector<float> sample;
    std::vector<std::uint32_t> bucketCounts;
    std::vector<std::int32_t> kept;
    std::vector<double> keptDistances;
    std::vector<double> exact;    // the query (0), then its candidates, in double
    std::vector<int> classes;     // theirs
    std::vector<Neighbour> inReach;
    NeighbourSelection selection;
};

// A threshold under which a little more than r of a query's float distances lie, from those to
// the sample's points: r of N is about the k-th of the sample, k = r S / N, and the k-th's count
// is off by about sqrt(k) sample points, so the rank k + 3.5 sqrt(k) + 2 leaves fewer than r
// under it (and the query takes the second, sure threshold) about once in 4,000 queries, at a
// cost of 1.5 r candidates for R = 999 of 100,000 and 1.12 r for R = 9,999.
float sampledThreshold(const float* toSample, std::size_t sampleSize, Eigen::Index size, std::ptrdiff_t r,
                       std::vector<float>& sample)
{
    sample.assign(toSample, toSample + sampleSize);
    const double expected = double(r) * double(sample.size()) / double(size);
    const auto rank = std::size_t(expected + 3.5 * std::sqrt(expected) + 2.0);
    if (rank >= sample.size())
        return infinity;
    std::nth_element(sample.begin(), sample.begin() + std::ptrdiff_t(rank), sample.end());
    return sample[rank];
}

// A float F at least the rank-th smallest of values (1 <= rank <= size), at most the largest
// value of the few buckets of equal width around it: a counting pass over 2,048 buckets, in
// place of a selection (std::nth_element took 12% of the retrieval at R = 9,999). The map from a
// value to its bucket is monotone, so the values of the buckets up to the rank-th's hold the
// rank smallest, and their largest is F.
float atLeastRankth(const float* values, Eigen::Index size, std::ptrdiff_t rank, std::vector<std::uint32_t>& counts)
{
    float low = values[0];
    float high = values[0];
    for (Eigen::Index c = 1; c < size; ++c) {
        low = std::min(low, values[c]);
        high = std::max(high, values[c]);
    }
    constexpr std::uint32_t buckets = 2048;
    if (!(high > low) || !std::isfinite(high - low))
        return high;
    const float scale = float(buckets) / (high - low);
    const auto bucketOf = [&](float value) {
        return std::min(std::uint32_t((value - low) * scale), buckets - 1);
    };
    counts.assign(buckets, 0);
    for (Eigen::Index c = 0; c < size; ++c)
        ++counts[bucketOf(values[c])];
    std::uint32_t last = 0; // the bucket of the rank-th
    for (std::ptrdiff_t before = 0; before + counts[last] < rank; ++last)
        before += counts[last];
    float largest = low;
    for (Eigen::Index c = 0; c < size; ++c)
        largest = bucketOf(values[c]) <= last ? std::max(largest, values[c]) : largest;
    return largest;
}

// The sampled threshold keeps about 1.12 r candidates (1.5 r for small r), the sure one
// of QueryScorer::nearest about r and a handful: from F at least the r-th smallest float
// distance of the others (the r-th of all points when r candidates are under the sampled
// threshold), every point within D + tolerance of the r-th exact distance D <= F + errorBound
// has a float distance within F + 2 errorBound + tolerance. When that sure threshold is below
// the sampled one, the candidates over it go: the scores read the same points (nearest checks
// that r of them are surely under it), the exact distances cost the fewer (at R = 9,999 of
// 100,000 mostly other classes' points, few queries each).
void tightenCandidates(const Retrieval& retrieval, Worker& worker, Eigen::Index query, Eigen::Index t)
{
    const std::ptrdiff_t r = retrieval.othersOfItsClass(query);
    float& threshold = worker.thresholds[std::size_t(t)];
    Eigen::Index& count = worker.candidateCounts[std::size_t(t)];
    std::int32_t* candidates = worker.candidates[std::size_t(t)].data();
    float* floats = worker.candidateFloats[std::size_t(t)].data();
    if (r < 1 || count <= r) // with the query among them, fewer than r others
        return;
    // The (r + 1)-th of the candidates with the query, at least the r-th of the others.
    const float rth = atLeastRankth(floats, count, r + 1, worker.bucketCounts);
    const double margin = retrieval.errorBound + retrieval.tolerance;
    const float sure = roundedUp(double(rth) + retrieval.errorBound + margin);
    if (!(sure < threshold))
        return;
    Eigen::Index kept = 0;
    for (Eigen::Index c = 0; c < count; ++c) {
        candidates[kept] = candidates[c];
        floats[kept] = floats[c];
        kept += floats[c] <= sure && candidates[c] != query;
    }
    count = kept;
    threshold = sure;
}

// Every query of a tile: its threshold from the sample, then its candidates, a chunk of
// points at a time, into the worker's candidates from place offset on.
void findCandidates(const Retrieval& retrieval, Worker& worker, Eigen::Index first, Eigen::Index count,
                    Eigen::Index offset)
{
    const Eigen::Index size = retrieval.embeddings.rows();
    worker.queries.pack(retrieval.panels, first, count);
    const Eigen::Index sampleRows = retrieval.samplePanels.paddedRows();
    worker.distances.resize(std::size_t(paddedQueryCount(tileQueries) * std::max(sampleRows, chunkRows)));
    floatDistances(retrieval.samplePanels, 0, sampleRows, worker.queries, worker.distances.data(), sampleRows);
    for (Eigen::Index t = 0; t < count; ++t)
        if (const std::ptrdiff_t r = retrieval.othersOfItsClass(first + t); r >= 1)
            worker.thresholds[std::size_t(offset + t)] =
                sampledThreshold(worker.distances.data() + t * sampleRows, retrieval.samplePositions.size(), size, r,
                                 worker.sample);
    const Eigen::Index paddedRows = retrieval.panels.paddedRows();
    for (Eigen::Index chunk = 0; chunk < paddedRows; chunk += chunkRows) {
        const Eigen::Index rows = std::min(chunkRows, paddedRows - chunk);
        floatDistances(retrieval.panels, chunk, rows, worker.queries, worker.distances.data(), chunkRows);
        for (Eigen::Index t = 0; t < count; ++t) {
            std::vector<std::int32_t>& kept = worker.candidates[std::size_t(offset + t)];
            std::vector<float>& keptFloats = worker.candidateFloats[std::size_t(offset + t)];
            Eigen::Index& kepts = worker.candidateCounts[std::size_t(offset + t)];
            if (kept.size() < std::size_t(kepts + rows + 16)) {
                kept.resize(std::max(2 * kept.size(), std::size_t(kepts + rows + 16)));
                keptFloats.resize(kept.size());
            }
            kepts += keepAtMost(worker.distances.data() + t * chunkRows, std::min(rows, size - chunk),
                                worker.thresholds[std::size_t(offset + t)], std::int32_t(chunk), kept.data() + kepts,
                                keptFloats.data() + kepts);
        }
    }
    for (Eigen::Index t = 0; t < count; ++t)
        tightenCandidates(retrieval, worker, first + t, offset + t);
}

// A candidate wanted by at least one in sharedByOneIn of a tile's queries is computed in the
// tile's block product: there a product costs about 5 ns for all the tile's queries (128
// coordinates, a row read once for all), alone 40 ns or more (its row read from memory).
constexpr Eigen::Index sharedByOneIn = 8;
// Shared points a block product takes at once: 384 x 512 doubles (1.5 MB) a thread at most.
constexpr std::size_t blockPoints = 512;

// The exact distances of every query of the tile to its candidates, into the worker's
// candidateDistances: those of the shared candidates as blocks of products (the points in
// increasing order: a class's members, most queries' candidates, lie together after the
// grouping), the others as pairs sorted by point, each point's row read once for the queries
// that want it (at R = 9,999 of 100,000 a fifth of the candidates, mostly other classes'
// points, 3.5 queries each). The same bits either way (ExactRows::dots, pairDots).
void exactCandidateDistances(const Retrieval& retrieval, Worker& worker, Eigen::Index first, Eigen::Index count)
{
    TileProducts& tile = worker.products;
    const auto size = std::size_t(retrieval.embeddings.rows());
    if (tile.slot.size() != size) {
        tile.wantedBy.assign(size, 0);
        tile.slot.assign(size, -1);
    }
    const auto candidatesOf = [&](Eigen::Index t) {
        return std::span<const std::int32_t>(worker.candidates[std::size_t(t)].data(),
                                             std::size_t(worker.candidateCounts[std::size_t(t)]));
    };
    for (Eigen::Index t = 0; t < count; ++t)
        for (const std::int32_t j : candidatesOf(t))
            ++tile.wantedBy[std::size_t(j)];
    tile.shared.clear();
    tile.lone.clear();
    const auto often = int(std::max<Eigen::Index>(1, count / sharedByOneIn));
    std::int64_t pairs = 0;
    for (std::size_t j = 0; j < size; ++j) { // in increasing order, without a sort
        const int wanted = tile.wantedBy[j];
        if (wanted == 0)
            continue;
        tile.wantedBy[j] = 0;
        if (wanted >= often) {
            tile.slot[j] = std::int64_t(tile.shared.size());
            tile.shared.push_back(std::int32_t(j));
        } else {
            tile.slot[j] = -2 - pairs;
            tile.lone.push_back(std::int32_t(j));
            pairs += wanted;
        }
    }
    tile.queries.resize(std::size_t(count));
    std::iota(tile.queries.begin(), tile.queries.end(), std::int32_t(first));
    tile.cursors.assign(std::size_t(count), 0);
    tile.pairQueries.resize(std::size_t(pairs));
    tile.pairPoints.resize(std::size_t(pairs));
    tile.pairPlaces.resize(std::size_t(pairs));
    for (Eigen::Index t = 0; t < count; ++t) {
        const std::span<const std::int32_t> candidates = candidatesOf(t);
        worker.candidateDistances[std::size_t(t)].resize(candidates.size());
        for (std::size_t c = 0; c < candidates.size(); ++c)
            if (std::int64_t& slot = tile.slot[std::size_t(candidates[c])]; slot <= -2) {
                const auto pair = std::size_t(-2 - slot--);
                tile.pairQueries[pair] = std::int32_t(first + t);
                tile.pairPoints[pair] = candidates[c];
                tile.pairPlaces[pair] = std::uint64_t(t) << 32 | std::uint64_t(c);
            }
    }

    for (std::size_t part = 0; part < tile.shared.size(); part += blockPoints) {
        const std::size_t points = std::min(blockPoints, tile.shared.size() - part);
        tile.block.resize(std::size_t(count) * points);
        retrieval.rows.dots(tile.queries, {tile.shared.data() + part, points}, tile.block.data(), Eigen::Index(points));
        for (Eigen::Index t = 0; t < count; ++t) { // candidates and shared both increasing: one walk in all
            const std::span<const std::int32_t> candidates = candidatesOf(t);
            std::vector<double>& distances = worker.candidateDistances[std::size_t(t)];
            std::size_t& c = tile.cursors[std::size_t(t)];
            for (; c < candidates.size(); ++c) {
                const std::int64_t u = tile.slot[std::size_t(candidates[c])];
                if (u >= std::int64_t(part + points))
                    break; // in a later part
                if (u >= 0)
                    distances[c] = retrieval.distance(tile.block[std::size_t(t) * points + std::size_t(u) - part],
                                                      candidates[c], first + t);
            }
        }
    }
    tile.pairDots.resize(std::size_t(pairs));
    retrieval.rows.pairDots(tile.pairQueries, tile.pairPoints, tile.pairDots.data());
    for (std::size_t pair = 0; pair < std::size_t(pairs); ++pair) {
        const std::uint64_t place = tile.pairPlaces[pair];
        worker.candidateDistances[std::size_t(place >> 32)][std::size_t(place & 0xffffffffu)] =
            retrieval.distance(tile.pairDots[pair], tile.pairPoints[pair], tile.pairQueries[pair]);
    }
    for (const std::int32_t j : tile.shared)
        tile.slot[std::size_t(j)] = -1;
    for (const std::int32_t j : tile.lone)
        tile.slot[std::size_t(j)] = -1;
}

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
