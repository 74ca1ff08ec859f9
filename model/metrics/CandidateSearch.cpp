// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/CandidateSearch.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace sme::candidates {
namespace {

// SplitMix64's output function: k's bits well mixed, for positions no pattern of the labels
// (such as i % classes) can line up with, as every stride-th would.
std::uint64_t mixed(std::uint64_t k)
{
    k = (k ^ (k >> 30)) * 0xbf58476d1ce4e5b9ULL;
    k = (k ^ (k >> 27)) * 0x94d049bb133111ebULL;
    return k ^ (k >> 31);
}

// A float F at least the rank-th smallest of values (1 <= rank <= size), at most the largest
// value of the bucket of equal width that holds the rank-th: one counting pass over 2,048
// buckets, each keeping its largest value, in place of a selection (std::nth_element took 12%
// of the retrieval at R = 9,999). The map from a value to its bucket is monotone, so the
// buckets up to the rank-th's hold the rank smallest values, and the largest of its own is F.
float atLeastRankth(const float* values, Eigen::Index size, std::ptrdiff_t rank, std::vector<std::uint32_t>& counts,
                    std::vector<float>& largest)
{
    float low = values[0];
    float high = values[0];
    for (Eigen::Index c = 1; c < size; ++c) {
        low = values[c] < low ? values[c] : low;
        high = values[c] > high ? values[c] : high;
    }
    constexpr std::uint32_t buckets = 2048;
    const float scale = float(buckets) / (high - low);
    if (!(high > low) || !std::isfinite(scale)) // all alike, or apart by a subnormal float
        return high;
    counts.assign(buckets, 0);
    largest.assign(buckets, low);
    for (Eigen::Index c = 0; c < size; ++c) {
        const std::uint32_t bucket = std::min(std::uint32_t((values[c] - low) * scale), buckets - 1);
        ++counts[bucket];
        largest[bucket] = std::max(largest[bucket], values[c]);
    }
    std::uint32_t last = 0; // the bucket of the rank-th
    for (std::ptrdiff_t before = 0; before + counts[last] < rank; ++last)
        before += counts[last];
    return largest[last];
}

// A threshold under which a little more than r of a query's float distances lie, from those to
// the sample's points: r of N is about the k-th of the sample, k = r S / N, and the k-th's count
// is off by about sqrt(k) sample points, so the rank k + 3.5 sqrt(k) + 2 (or the top of its
// bucket, a little more) leaves fewer than r under it (and the query takes the second, sure
// threshold) about once in 4,000 queries, at a cost of 1.5 r candidates for R = 999 of 100,000
// and 1.12 r for R = 9,999. Counted by buckets, not selected: std::nth_element's partitions
// mispredict a branch for every other point (a third of findCandidates at R = 9,999).
float sampledThreshold(const float* toSample, std::size_t sampleSize, Eigen::Index size, std::ptrdiff_t r,
                       std::vector<std::uint32_t>& counts, std::vector<float>& largest)
{
    const double expected = double(r) * double(sampleSize) / double(size);
    const auto rank = std::size_t(expected + 3.5 * std::sqrt(expected) + 2.0);
    if (rank >= sampleSize)
        return infinity;
    return atLeastRankth(toSample, Eigen::Index(sampleSize), std::ptrdiff_t(rank + 1), counts, largest);
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
    const float rth = atLeastRankth(floats, count, r + 1, worker.bucketCounts, worker.bucketLargest);
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

} // namespace

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
                                 worker.bucketCounts, worker.bucketLargest);
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

// A candidate of another class wanted by at least one in sharedByOneIn of a group's queries is
// computed in the group's block product: there a product costs about 7 ns for each of the
// group's queries (128 coordinates), as a pair about 30 ns for each query that wants it (its
// row read from memory once). At R = 9,999 of 100,000 (before the own classes' blocks below)
// one in 4 computed 1.03e9 block products and 2.8e8 pairs, one in 8 1.30e9 and 2.3e8 (2 s
// more), one in 2 0.92e9 and 3.2e8 (slower again).
constexpr Eigen::Index sharedByOneIn = 4;
// Points a block product takes at once: 384 x 512 doubles (1.5 MB) a thread at most.
constexpr std::size_t blockPoints = 512;

namespace {

// The exact distances of the queries t0 .. t1 - 1 of the group (one class) to their candidates
// of that class, whose rows are the range [low, high) (or within it): the block of those
// queries and every row of the range, 512 rows a part, each query's candidates walked in order
// as the parts go by. A query has at least r = (members - 1) candidates, so the block computes
// no more products than they number (and one), where their places in a block of the points
// the group wants took a lookup each in a table of all the points (a third of the work of the
// exact distances at R = 9,999 of 100,000, most candidates of the query's class).
void ownClassDistances(const Retrieval& retrieval, Worker& worker, Eigen::Index first, Eigen::Index t0,
                       Eigen::Index t1, std::int32_t low, std::int32_t high)
{
    TileProducts& tile = worker.products;
    for (Eigen::Index t = t0; t < t1; ++t)
        tile.cursors[std::size_t(t)] = tile.ownFirst[std::size_t(t)];
    const auto queries = std::span<const std::int32_t>(tile.queries).subspan(std::size_t(t0), std::size_t(t1 - t0));
    for (std::int32_t part = low; part < high; part += std::int32_t(blockPoints)) {
        const auto points = std::size_t(std::min<std::int32_t>(std::int32_t(blockPoints), high - part));
        tile.ownRows.resize(points);
        std::iota(tile.ownRows.begin(), tile.ownRows.end(), part);
        tile.block.resize(queries.size() * points);
        retrieval.rows.dots(queries, tile.ownRows, tile.block.data(), Eigen::Index(points));
        const auto end = part + std::int32_t(points);
        for (Eigen::Index t = t0; t < t1; ++t) {
            const std::int32_t* candidates = worker.candidates[std::size_t(t)].data();
            double* distances = worker.candidateDistances[std::size_t(t)].data();
            const double* products = tile.block.data() + std::size_t(t - t0) * points;
            const std::size_t stop = tile.ownEnd[std::size_t(t)];
            std::size_t& c = tile.cursors[std::size_t(t)];
            for (; c < stop && candidates[c] < end; ++c)
                distances[c] = retrieval.distance(products[candidates[c] - part], candidates[c], first + t);
        }
    }
}

} // namespace

// The exact distances of every query of the group to its candidates, into the worker's
// candidateDistances: those of its own class in blocks of the group's queries of each class
// (ownClassDistances); of the others, those many queries share as blocks of products (the
// points in increasing order), the rest as pairs sorted by point, each point's row read once
// for the queries that want it (at R = 9,999 of 100,000 a fifth of the candidates, mostly other
// classes' points, 3.5 queries each). The same bits either way (ExactRows::dots, pairDots).
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
    const auto rangeOf = [&](Eigen::Index query) { // its class's rows: grouped, a range
        const std::vector<std::int32_t>& members = retrieval.members[std::size_t(retrieval.classOf[std::size_t(query)])];
        return std::pair<std::int32_t, std::int32_t>(members.front(), members.back() + 1);
    };
    tile.ownFirst.resize(std::size_t(count));
    tile.ownEnd.resize(std::size_t(count));
    for (Eigen::Index t = 0; t < count; ++t) {
        const std::span<const std::int32_t> candidates = candidatesOf(t);
        const auto [low, high] = rangeOf(first + t);
        const auto begin = std::lower_bound(candidates.begin(), candidates.end(), low);
        tile.ownFirst[std::size_t(t)] = std::size_t(begin - candidates.begin());
        tile.ownEnd[std::size_t(t)] = std::size_t(std::lower_bound(begin, candidates.end(), high) - candidates.begin());
        worker.candidateDistances[std::size_t(t)].resize(candidates.size());
    }
    // The candidates of other classes, c outside [ownFirst, ownEnd), in increasing order.
    const auto othersOf = [&](Eigen::Index t, auto&& visit) {
        const std::span<const std::int32_t> candidates = candidatesOf(t);
        for (std::size_t c = 0; c < tile.ownFirst[std::size_t(t)]; ++c)
            visit(c, candidates[c]);
        for (std::size_t c = tile.ownEnd[std::size_t(t)]; c < candidates.size(); ++c)
            visit(c, candidates[c]);
    };
    for (Eigen::Index t = 0; t < count; ++t)
        othersOf(t, [&](std::size_t, std::int32_t j) { ++tile.wantedBy[std::size_t(j)]; });
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
    for (Eigen::Index t = 0; t < count; ++t)
        othersOf(t, [&](std::size_t c, std::int32_t j) {
            if (std::int64_t& slot = tile.slot[std::size_t(j)]; slot <= -2) {
                const auto pair = std::size_t(-2 - slot--);
                tile.pairQueries[pair] = std::int32_t(first + t);
                tile.pairPoints[pair] = j;
                tile.pairPlaces[pair] = (std::uint64_t(t) << 32) | std::uint64_t(c);
            }
        });

    for (std::size_t part = 0; part < tile.shared.size(); part += blockPoints) {
        const std::size_t points = std::min(blockPoints, tile.shared.size() - part);
        tile.block.resize(std::size_t(count) * points);
        retrieval.rows.dots(tile.queries, {tile.shared.data() + part, points}, tile.block.data(), Eigen::Index(points));
        for (Eigen::Index t = 0; t < count; ++t) { // candidates and shared both increasing: one walk in all
            const std::span<const std::int32_t> candidates = candidatesOf(t);
            std::vector<double>& distances = worker.candidateDistances[std::size_t(t)];
            std::size_t& c = tile.cursors[std::size_t(t)];
            for (; c < candidates.size(); ++c) {
                if (c == tile.ownFirst[std::size_t(t)]) // past its own class's, computed below
                    c = tile.ownEnd[std::size_t(t)];
                if (c == candidates.size())
                    break;
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

    // Each run of the group's queries of one class, with its class's rows.
    for (Eigen::Index t0 = 0; t0 < count;) {
        const int group = retrieval.classOf[std::size_t(first + t0)];
        Eigen::Index t1 = t0 + 1;
        while (t1 < count && retrieval.classOf[std::size_t(first + t1)] == group)
            ++t1;
        const auto [low, high] = rangeOf(first + t0);
        ownClassDistances(retrieval, worker, first, t0, t1, low, high);
        t0 = t1;
    }
}

std::vector<Eigen::Index> Retrieval::positionsToSample(Eigen::Index size)
{
    std::vector<Eigen::Index> positions;
    for (std::uint64_t k = 0; k < std::min<std::uint64_t>(std::uint64_t(size), 4096); ++k)
        positions.push_back(size <= 4096 ? Eigen::Index(k) : Eigen::Index(mixed(k) % std::uint64_t(size)));
    return positions;
}

} // namespace sme::candidates
