// The distances from every query to every point, a tile of queries at a time on all cores:
// what Recall@K and MAP@R read, in memory that grows with N, not N^2.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"

#include <Eigen/Core>
#include <cstddef>
#include <functional>

namespace sme {

// Squared Euclidean distances from a tile of queries (columns) to every point (rows), in the
// Gram form |x|^2 + |y|^2 - 2 x.y, clamped at 0, each query at distance 0 from itself. Column
// t is query firstQuery + t: contiguous, as a query's scan wants it.
struct QueryTile {
    Eigen::Index firstQuery = 0;
    Eigen::Ref<Eigen::MatrixXd> distances;
};

// Called once per tile, on some worker thread: worker (in [0, threads)) names the thread, so
// the caller can give each its own scratch space; two calls with one worker never overlap.
using QueryTileWork = std::function<void(std::size_t worker, const QueryTile& tile)>;

// The number of threads forEachQueryTile uses when asked for 0: one per core, at least one.
std::size_t defaultThreadCount();

// Computes the tiles of the distance matrix of the rows of points (every row a query) and
// hands each to work, on `threads` threads (0: defaultThreadCount()), the calling one among
// them. Which thread gets a tile varies from run to run: work must store what it finds per
// query, not accumulate in arrival order, for a result that is the same whatever the threads.
// progress is called from the calling thread only, with the share of tiles done; when it asks
// to stop, the tiles being computed finish, no other starts, and Cancelled is thrown here.
// The first exception a worker throws is rethrown here; no thread is left running.
void forEachQueryTile(const Eigen::Ref<const Eigen::MatrixXd>& points, const QueryTileWork& work,
                      const Progress& progress = {}, std::size_t threads = 0);

// The scheduling of forEachQueryTile for tiles of any kind: work(worker, tile) for every tile
// in [0, tiles), with the same threads, progress, cancellation and exceptions.
using TileWork = std::function<void(std::size_t worker, std::size_t tile)>;
void forEachTile(std::size_t tiles, const TileWork& work, const Progress& progress = {}, std::size_t threads = 0);

// The number of queries per tile for n points: a tile holds about 4 million distances
// (32 MB), at most 256 queries and at least 16.
Eigen::Index queriesPerTile(Eigen::Index points);

} // namespace sme
