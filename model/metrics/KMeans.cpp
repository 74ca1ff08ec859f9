// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/KMeans.h"

#include "model/base/Error.h"
#include "model/metrics/QueryTiles.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace sme {
namespace {

// The rows are worked on in blocks of this many, each block on one thread. The numbers must
// not depend on the blocking, for a result that is the same bits on any number of threads (and
// as the single pass over all rows this code once made): Eigen treats a row the same way in a
// block as in the whole when the block starts at a multiple of every packet and micro-panel
// height it uses (a double packet holds 2, 4 or 8, a GEMM micro-panel 3 packets), so that a
// row falls in the vectorised part or the remainder in both alike. 48 divides the block size.
constexpr Eigen::Index blockRows = 48 * 64;

// Calls work(part) for each part in [0, parts), on up to `threads` threads (the calling one
// among them), each part once; which thread takes a part varies, so work must write only to
// what is the part's own. The first exception of any thread is rethrown here.
void forEachPart(Eigen::Index parts, std::size_t threads, const std::function<void(Eigen::Index)>& work)
{
    std::atomic<Eigen::Index> next{0};
    std::mutex failureMutex;
    std::exception_ptr failure;
    const auto run = [&] {
        try {
            for (Eigen::Index part; (part = next++) < parts;)
                work(part);
        } catch (...) {
            std::lock_guard lock(failureMutex);
            if (!failure)
                failure = std::current_exception();
            next = parts;
        }
    };
    std::vector<std::thread> helpers;
    for (std::size_t helper = 1; helper < std::min<std::size_t>(threads, std::size_t(parts)); ++helper) {
        try {
            helpers.emplace_back(run);
        } catch (const std::system_error&) {
            break; // fewer threads than asked: those there share the parts
        }
    }
    run();
    for (std::thread& helper : helpers)
        helper.join();
    if (failure)
        std::rethrow_exception(failure);
}

// work(first, count) for the blocks of blockRows rows of [0, rows), the last taking the remainder.
void forEachBlock(Eigen::Index rows, std::size_t threads, const std::function<void(Eigen::Index, Eigen::Index)>& work)
{
    const Eigen::Index blocks = std::max<Eigen::Index>(1, rows / blockRows);
    forEachPart(blocks, threads, [&](Eigen::Index block) {
        const Eigen::Index first = block * blockRows;
        work(first, block + 1 == blocks ? rows - first : blockRows);
    });
}

// The assignment step for rows [first, first + count): each row's nearest centre (the first
// of equals) and its squared distance, from one GEMM of the block (-2 x.c, + |x|^2 by row,
// + |c|^2 by column, clamped at 0). A row changed its cluster: changed is set.
void assignBlock(const Eigen::Ref<const Eigen::MatrixXd>& points, const Eigen::VectorXd& pointNorms,
                 const Eigen::MatrixXd& centres, Eigen::Index first, Eigen::Index count, std::vector<int>& assignment,
                 Eigen::VectorXd& best, std::atomic<bool>& changed)
{
    Eigen::MatrixXd distances(count, centres.rows());
    distances.noalias() = -2.0 * points.middleRows(first, count) * centres.transpose();
    distances = ((distances.colwise() + pointNorms.segment(first, count)).rowwise()
                 + centres.rowwise().squaredNorm().transpose())
                    .cwiseMax(0.0);
    // A column at a time (contiguous), keeping the first minimum as minCoeff does.
    Eigen::VectorXi nearest = Eigen::VectorXi::Zero(count);
    auto bestOfBlock = best.segment(first, count);
    bestOfBlock = distances.col(0);
    for (Eigen::Index c = 1; c < distances.cols(); ++c)
        for (Eigen::Index i = 0; i < count; ++i)
            if (distances(i, c) < bestOfBlock[i]) {
                bestOfBlock[i] = distances(i, c);
                nearest[i] = int(c);
            }
    bool blockChanged = false;
    for (Eigen::Index i = 0; i < count; ++i) {
        int& cluster = assignment[std::size_t(first + i)];
        blockChanged = blockChanged || cluster != nearest[i];
        cluster = nearest[i];
    }
    if (blockChanged)
        changed = true;
}

// The update step's sums for columns [firstColumn, lastColumn): each centre's sum of its
// points, in the order of the points, a coordinate at a time (a column of points is contiguous).
void sumColumns(const Eigen::Ref<const Eigen::MatrixXd>& points, const std::vector<int>& assignment,
                Eigen::Index firstColumn, Eigen::Index lastColumn, Eigen::MatrixXd& sums)
{
    for (Eigen::Index column = firstColumn; column < lastColumn; ++column) {
        const auto coordinates = points.col(column);
        auto sumsColumn = sums.col(column);
        sumsColumn.setZero();
        for (Eigen::Index i = 0; i < points.rows(); ++i)
            sumsColumn[assignment[std::size_t(i)]] += coordinates[i];
    }
}

Eigen::MatrixXd plusPlusSeeds(const Eigen::Ref<const Eigen::MatrixXd>& points, int k, Rng& rng, std::size_t threads)
{
    const Eigen::Index rows = points.rows();
    Eigen::MatrixXd centres(k, points.cols());
    centres.row(0) = points.row(static_cast<Eigen::Index>(uniformIndex(std::size_t(rows), rng)));
    Eigen::VectorXd nearest(rows);
    forEachBlock(rows, threads, [&](Eigen::Index first, Eigen::Index count) {
        nearest.segment(first, count) = (points.middleRows(first, count).rowwise() - centres.row(0)).rowwise().squaredNorm();
    });
    for (int c = 1; c < k; ++c) {
        // Next seed with probability proportional to the squared distance to the nearest seed.
        const double total = nearest.sum();
        Eigen::Index chosen = 0;
        if (total > 0.0) {
            double u = uniformUnit(rng) * total;
            while (chosen + 1 < rows && (u -= nearest[chosen]) >= 0.0)
                ++chosen;
            while (nearest[chosen] <= 0.0 && chosen > 0) // never a point already chosen
                --chosen;
        } else {
            chosen = static_cast<Eigen::Index>(uniformIndex(std::size_t(rows), rng));
        }
        centres.row(c) = points.row(chosen);
        forEachBlock(rows, threads, [&](Eigen::Index first, Eigen::Index count) {
            auto part = nearest.segment(first, count);
            part = part.cwiseMin((points.middleRows(first, count).rowwise() - centres.row(c)).rowwise().squaredNorm());
        });
    }
    return centres;
}

} // namespace

KMeansResult kMeans(const Eigen::Ref<const Eigen::MatrixXd>& points, int k, Rng& rng,
                    int maxIterations, const Progress& progress, std::size_t threads)
{
    const Eigen::Index rows = points.rows();
    require(k >= 1 && k <= rows, "k-means needs 1 <= k <= number of points, got k = "
                                     + std::to_string(k) + " for " + std::to_string(rows) + " points");
    require(points.allFinite(), "k-means was given NaN or infinite coordinates");
    if (threads == 0)
        threads = defaultThreadCount();

    KMeansResult result;
    result.centres = plusPlusSeeds(points, k, rng, threads);
    result.assignment.assign(std::size_t(rows), -1);
    Eigen::VectorXd best(rows);
    const Eigen::VectorXd pointNorms = points.rowwise().squaredNorm();
    Eigen::MatrixXd sums(k, points.cols());
    Eigen::VectorXd counts(k);
    const Eigen::Index columnParts = std::min<Eigen::Index>(Eigen::Index(threads), points.cols());
    for (int iteration = 1; iteration <= maxIterations; ++iteration) {
        result.iterations = iteration;
        if (iteration > 1) // after each iteration done
            reportProgress(progress, double(iteration - 1) / double(maxIterations));
        std::atomic<bool> changed{false};
        forEachBlock(rows, threads, [&](Eigen::Index first, Eigen::Index count) {
            assignBlock(points, pointNorms, result.centres, first, count, result.assignment, best, changed);
        });
        if (!changed && iteration > 1)
            break;
        // Update step: each centre the mean of its points.
        counts.setZero();
        for (const int cluster : result.assignment)
            counts[cluster] += 1.0;
        forEachPart(columnParts, threads, [&](Eigen::Index part) {
            sumColumns(points, result.assignment, part * points.cols() / columnParts,
                       (part + 1) * points.cols() / columnParts, sums);
        });
        for (int c = 0; c < k; ++c) {
            if (counts[c] > 0.0) {
                result.centres.row(c) = sums.row(c) / counts[c];
            } else {
                // Empty cluster: take the point worst served by its centre.
                Eigen::Index farthest;
                best.maxCoeff(&farthest);
                result.centres.row(c) = points.row(farthest);
                best[farthest] = 0.0;
            }
        }
    }
    return result;
}

} // namespace sme
