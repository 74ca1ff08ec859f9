// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/QueryTiles.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
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
    const Eigen::Index size = points.rows();
    const Eigen::Index width = queriesPerTile(size);
    const auto tiles = std::size_t((size + width - 1) / width);
    const Eigen::VectorXd squaredNorms = points.rowwise().squaredNorm();
    threads = std::min(threads == 0 ? defaultThreadCount() : threads, std::max<std::size_t>(tiles, 1));

    // Workers take the next tile until none is left or stop is set; each finished tile is
    // counted under the mutex and told to the calling thread, which alone reports progress:
    // after its own tiles, then while it waits for the others.
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable tileDone;
    std::size_t done = 0;
    std::size_t helpersRunning = 0;
    std::exception_ptr firstFailure;
    const auto fail = [&] {
        std::lock_guard lock(mutex);
        if (!firstFailure)
            firstFailure = std::current_exception();
        stop = true;
    };
    const auto report = [&] {
        if (stop)
            return; // asked to stop, or failed: no more reports
        try {
            std::unique_lock lock(mutex);
            const double share = double(done) / double(tiles);
            lock.unlock();
            reportProgress(progress, share);
        } catch (...) {
            fail();
        }
    };
    const auto run = [&](std::size_t worker) {
        try {
            Eigen::MatrixXd distances(size, std::min(width, size));
            Eigen::MatrixXd queries;
            for (std::size_t index; !stop && (index = next++) < tiles;) {
                const Eigen::Index first = Eigen::Index(index) * width;
                auto block = distances.leftCols(std::min(width, size - first));
                fillTile(points, squaredNorms, first, block, queries);
                work(worker, QueryTile{first, block});
                {
                    std::lock_guard lock(mutex);
                    ++done;
                }
                if (worker == 0)
                    report();
                else
                    tileDone.notify_one();
            }
        } catch (...) {
            fail();
        }
    };
    report(); // 0, and a chance to stop before any work
    std::vector<std::thread> helpers;
    for (std::size_t worker = 1; !stop && worker < threads; ++worker) {
        std::unique_lock lock(mutex);
        ++helpersRunning;
        lock.unlock();
        try {
            helpers.emplace_back([&, worker] {
                run(worker);
                std::lock_guard helperLock(mutex);
                --helpersRunning;
                tileDone.notify_one();
            });
        } catch (const std::system_error&) {
            lock.lock(); // fewer threads than asked: those started and this one share the tiles
            --helpersRunning;
            break;
        }
    }
    run(0);
    for (std::unique_lock lock(mutex); helpersRunning > 0;) {
        const std::size_t seen = done;
        tileDone.wait(lock, [&] { return done != seen || helpersRunning == 0; });
        lock.unlock();
        report();
        lock.lock();
    }
    for (std::thread& helper : helpers)
        helper.join();
    if (firstFailure)
        std::rethrow_exception(firstFailure);
    reportProgress(progress, 1.0);
}

} // namespace sme
