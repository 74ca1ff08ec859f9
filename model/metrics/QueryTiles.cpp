// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/QueryTiles.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace sme {
namespace {

// One tile in the order of operations of the full matrix -2 P P^T, + |p_j|^2 by row, + |q|^2
// by column, clamped: the same numbers, whatever the tiling (a product of two floats is exact
// in double, and Eigen sums each dot product over the dimension in one order).
void fillTile(const Eigen::Ref<const Eigen::MatrixXd>& points, const Eigen::VectorXd& squaredNorms,
              Eigen::Index firstQuery, Eigen::Ref<Eigen::MatrixXd> distances, Eigen::MatrixXd& queries)
{
    const Eigen::Index count = distances.cols();
    queries = points.middleRows(firstQuery, count).transpose(); // contiguous: a faster product
    distances.noalias() = -2.0 * points * queries;
    distances = ((distances.colwise() + squaredNorms).rowwise() + squaredNorms.segment(firstQuery, count).transpose())
                    .cwiseMax(0.0); // one pass over the tile

    for (Eigen::Index t = 0; t < count; ++t)
        distances(firstQuery + t, t) = 0.0;
}

// The tiles of one call on its threads. Workers take the next tile until none is left or stop
// is set; each finished tile is counted under the mutex and told to the calling thread, which
// alone reports progress: after its own tiles, then while it waits for the others.
class TileRun {
public:
    TileRun(std::size_t tiles, const TileWork& work, const Progress& progress)
        : work_(work), progress_(progress), tiles_(tiles)
    {
    }

    std::size_t tiles() const { return tiles_; }

    void start(std::size_t threads)
    {
        report(); // 0, and a chance to stop before any work
        for (std::size_t worker = 1; !stop_ && worker < threads; ++worker) {
            std::unique_lock lock(mutex_);
            ++helpersRunning_;
            lock.unlock();
            try {
                helpers_.emplace_back([this, worker] {
                    run(worker);
                    std::lock_guard helperLock(mutex_);
                    --helpersRunning_;
                    tileDone_.notify_one();
                });
            } catch (...) {
                lock.lock(); // fewer threads than asked: those started and this one share the tiles
                --helpersRunning_;
                break;
            }
        }
    }

    // The calling thread's share of the work, then the wait for the others' (reporting it);
    // rethrows the first exception of any thread, Cancelled included, once all have ended.
    void finish()
    {
        run(0);
        for (std::unique_lock lock(mutex_); helpersRunning_ > 0;) {
            const std::size_t seen = done_;
            tileDone_.wait(lock, [&] { return done_ != seen || helpersRunning_ == 0; });
            lock.unlock();
            report();
            lock.lock();
        }
        for (std::thread& helper : helpers_)
            helper.join();
        if (firstFailure_)
            std::rethrow_exception(firstFailure_);
        reportProgress(progress_, 1.0);
    }

private:
    void run(std::size_t worker)
    {
        try {
            for (std::size_t index; !stop_ && (index = next_++) < tiles_;) {
                work_(worker, index);
                {
                    std::lock_guard lock(mutex_);
                    ++done_;
                }
                if (worker == 0)
                    report();
                else
                    tileDone_.notify_one();
            }
        } catch (...) {
            fail();
        }
    }

    void report() // on the calling thread only
    {
        if (stop_)
            return; // asked to stop, or failed: no more reports
        try {
            std::unique_lock lock(mutex_);
            const double share = tiles_ > 0 ? double(done_) / double(tiles_) : 1.0;
            lock.unlock();
            reportProgress(progress_, share);
        } catch (...) {
            fail();
        }
    }

    void fail()
    {
        std::lock_guard lock(mutex_);
        if (!firstFailure_)
            firstFailure_ = std::current_exception();
        stop_ = true;
    }

    const TileWork& work_;
    const Progress& progress_;
    const std::size_t tiles_;
    std::atomic<std::size_t> next_{0};
    std::atomic<bool> stop_{false};
    std::mutex mutex_;
    std::condition_variable tileDone_;
    std::size_t done_ = 0;           // under mutex_
    std::size_t helpersRunning_ = 0; // under mutex_
    std::exception_ptr firstFailure_; // under mutex_
    std::vector<std::thread> helpers_;
};

} // namespace

std::size_t defaultThreadCount()
{
    return std::max(1u, std::thread::hardware_concurrency());
}

Eigen::Index queriesPerTile(Eigen::Index points)
{
    const Eigen::Index perTile = (Eigen::Index{1} << 22) / std::max<Eigen::Index>(points, 1);
    return std::clamp<Eigen::Index>(perTile / 8 * 8, 16, 256);
}

void forEachTile(std::size_t tiles, const TileWork& work, const Progress& progress, std::size_t threads)
{
    TileRun run(tiles, work, progress);
    run.start(std::min(threads == 0 ? defaultThreadCount() : threads, std::max<std::size_t>(tiles, 1)));
    run.finish();
}

void forEachQueryTile(const Eigen::Ref<const Eigen::MatrixXd>& points, const QueryTileWork& work,
                      const Progress& progress, std::size_t threads)
{
    const Eigen::Index size = points.rows();
    const Eigen::Index width = queriesPerTile(size);
    const Eigen::VectorXd squaredNorms = points.rowwise().squaredNorm();
    threads = threads == 0 ? defaultThreadCount() : threads;
    std::vector<Eigen::MatrixXd> distances(threads); // a worker's own, allocated by its first tile
    std::vector<Eigen::MatrixXd> queries(threads);
    forEachTile(std::size_t((size + width - 1) / width), [&](std::size_t worker, std::size_t index) {
        const Eigen::Index first = Eigen::Index(index) * width;
        distances[worker].resize(size, std::min(width, size));
        auto block = distances[worker].leftCols(std::min(width, size - first));
        fillTile(points, squaredNorms, first, block, queries[worker]);
        work(worker, QueryTile{first, block});
    }, progress, threads);
}

} // namespace sme
