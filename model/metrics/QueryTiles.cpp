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
    TileRun(const Eigen::Ref<const Eigen::MatrixXd>& points, const QueryTileWork& work, const Progress& progress)
        : points_(points), work_(work), progress_(progress), width_(queriesPerTile(points.rows())),
          tiles_(std::size_t((points.rows() + width_ - 1) / width_)), squaredNorms_(points.rowwise().squaredNorm())
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
            const Eigen::Index size = points_.rows();
            Eigen::MatrixXd distances(size, std::min(width_, size));
            Eigen::MatrixXd queries;
            for (std::size_t index; !stop_ && (index = next_++) < tiles_;) {
                const Eigen::Index first = Eigen::Index(index) * width_;
                auto block = distances.leftCols(std::min(width_, size - first));
                fillTile(points_, squaredNorms_, first, block, queries);
                work_(worker, QueryTile{first, block});
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

    const Eigen::Ref<const Eigen::MatrixXd>& points_;
    const QueryTileWork& work_;
    const Progress& progress_;
    const Eigen::Index width_;
    const std::size_t tiles_;
    const Eigen::VectorXd squaredNorms_;
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

void forEachQueryTile(const Eigen::Ref<const Eigen::MatrixXd>& points, const QueryTileWork& work,
                      const Progress& progress, std::size_t threads)
{
    TileRun run(points, work, progress);
    run.start(std::min(threads == 0 ? defaultThreadCount() : threads, std::max<std::size_t>(run.tiles(), 1)));
    run.finish();
}

} // namespace sme
