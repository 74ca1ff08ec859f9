// The candidate retrieval's inner parts, shared by its files: what every worker reads, one
// thread's scratch space, and the steps that find a tile's candidates and their exact distances.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/metrics/CandidateRetrieval.h"
#include "model/metrics/DistanceKernels.h"
#include "model/metrics/ExactProducts.h"
#include "model/metrics/NeighbourSelection.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <span>
#include <vector>

namespace sme::candidates {

constexpr float infinity = std::numeric_limits<float>::infinity();

// The smallest float at or above threshold: a float filter that keeps everything a double
// threshold reaches.
inline float roundedUp(double threshold)
{
    if (!(threshold < double(std::numeric_limits<float>::max())))
        return infinity;
    const auto rounded = float(threshold);
    return double(rounded) < threshold ? std::nextafter(rounded, infinity) : rounded;
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
        errorBound = panels.splitInBfloat16() || samplePanels.splitInBfloat16()
            ? splitDistanceErrorBound(largest, embeddings.cols())
            : floatDistanceErrorBound(largest, embeddings.cols());
    }

    // 4,096 fixed pseudo-random positions (or every one, for fewer points).
    static std::vector<Eigen::Index> positionsToSample(Eigen::Index size);

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

// A tile's exact products: each query's candidates of its own class in a block with the
// queries of that class (the points are grouped by class: a range of rows), then of the others
// the points many of the queries have as candidates, then the pairs of a query and a point few
// of them have, by point.
struct TileProducts {
    std::vector<std::int32_t> queries;
    std::vector<std::size_t> ownFirst;  // by query: where its candidates of its own class begin
    std::vector<std::size_t> ownEnd;    // and end (its candidates are in increasing order)
    std::vector<std::int32_t> ownRows;  // a part of a class's range
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
    std::vector<std::uint32_t> bucketCounts; // the candidates' float distances, by bucket
    std::vector<float> bucketLargest;
    std::vector<std::int32_t> kept;
    std::vector<double> keptDistances;
    std::vector<double> exact;    // the query (0), then its candidates, in double
    std::vector<int> classes;     // theirs
    std::vector<Neighbour> inReach;
    NeighbourSelection selection;
};

// Every query of a tile (count from first, at most tileQueries): its threshold, then its
// candidates and their float distances, at places offset on of the worker's vectors (the
// thresholds and counts sized for the group), cut down to what the scores may read.
void findCandidates(const Retrieval& retrieval, Worker& worker, Eigen::Index first, Eigen::Index count,
                    Eigen::Index offset);

// The exact distances of the group's queries (count from first) to their candidates, into the
// worker's candidateDistances.
void exactCandidateDistances(const Retrieval& retrieval, Worker& worker, Eigen::Index first, Eigen::Index count);

} // namespace sme::candidates
