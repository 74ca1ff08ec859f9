// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/KMeans.h"

#include "model/base/Error.h"
#include "model/metrics/QueryTiles.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
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

// The assignment step, with what it keeps of each row between iterations (Hamerly 2010): an
// upper bound on the row's distance to its centre and a lower bound on its distance to every
// other, widened after each update by how far the centres moved. A row whose bounds keep its
// centre the nearest by far more than rounding could change is not computed again: computed,
// its distances would find the same centre.
// The rows that are computed give the same bits as in one GEMM of every row: the rows of the
// last chunkRows (and the remainder) in place, as there; the others gathered, in a number
// padded to a multiple of chunkRows, so that each is in the product's main micro-panels as
// it was (GEMM sums a row's dot products in one order there, wherever the row is).
class Assignment {
public:
    static constexpr Eigen::Index chunkRows = 48;

    Assignment(const Eigen::Ref<const Eigen::MatrixXd>& points, std::vector<int>& assignment)
        : points_(points), pointNorms_(points.rowwise().squaredNorm()), assignment_(assignment),
          best_(points.rows()), upper_(points.rows()), lower_(points.rows()),
          tailStart_(std::max<Eigen::Index>(0, (points.rows() / chunkRows - 1) * chunkRows))
    {
    }

    // Assigns every row to its nearest centre (the first of equals); true when one changed.
    // everyRow: no row is skipped, and best() holds every row's squared distance to its centre.
    bool assign(const Eigen::MatrixXd& centres, std::size_t threads, bool everyRow)
    {
        tolerance_ = 1e-9 * (1.0 + centres.rowwise().squaredNorm().maxCoeff());
        std::atomic<bool> changed{false};
        const Eigen::Index parts = (tailStart_ + blockRows - 1) / blockRows + 1; // the last: the tail
        forEachPart(parts, threads, [&](Eigen::Index part) {
            const Eigen::Index first = part + 1 == parts ? tailStart_ : part * blockRows;
            const Eigen::Index end = part + 1 == parts ? points_.rows() : std::min(tailStart_, first + blockRows);
            std::vector<Eigen::Index> rows;
            for (Eigen::Index i = first; i < end; ++i)
                if (everyRow || !settled(i))
                    rows.push_back(i);
            if (rows.empty())
                return;
            bool partChanged = false;
            if (everyRow || part + 1 == parts) {
                partChanged = computeRows(centres, points_.middleRows(first, end - first), first, {});
            } else {
                const std::size_t computed = rows.size();
                rows.resize((rows.size() + chunkRows - 1) / chunkRows * chunkRows, rows.back());
                const Eigen::MatrixXd gathered = points_(rows, Eigen::all);
                rows.resize(computed);
                partChanged = computeRows(centres, gathered, 0, rows);
            }
            if (partChanged)
                changed = true;
        });
        return changed;
    }

    // After the update step: how far each centre moved widens the bounds.
    void centresMoved(const Eigen::MatrixXd& before, const Eigen::MatrixXd& after)
    {
        const Eigen::VectorXd moved = (after - before).rowwise().norm() * (1.0 + 1e-9);
        Eigen::Index farthest = 0;
        const double most = moved.maxCoeff(&farthest);
        double second = 0.0;
        for (Eigen::Index c = 0; c < moved.size(); ++c)
            if (c != farthest)
                second = std::max(second, moved[c]);
        for (Eigen::Index i = 0; i < points_.rows(); ++i) {
            const int cluster = assignment_[std::size_t(i)];
            upper_[i] += moved[cluster];
            lower_[i] -= cluster == farthest ? second : most;
        }
    }

    Eigen::VectorXd& best() { return best_; }

private:
    // True when row i cannot change its centre: the bounds part its centre from the others by
    // far more than the rounding of the computed squared distances (about 1e-14 (|x|^2 + |c|^2)
    // for a dimension in the hundreds).
    bool settled(Eigen::Index i) const
    {
        return upper_[i] < lower_[i]
            && (lower_[i] - upper_[i]) * (lower_[i] + upper_[i]) > tolerance_ * (1.0 + pointNorms_[i]);
    }

    // The rows of block computed: one GEMM (-2 x.c, + |x|^2 by row, + |c|^2 by column, clamped
    // at 0), each row's nearest centre and the next, and its bounds anew. The block's row r is
    // row first + r of the points, or rows[r] when rows are given (and the block's rows past
    // them are padding).
    bool computeRows(const Eigen::MatrixXd& centres, const Eigen::Ref<const Eigen::MatrixXd>& block,
                     Eigen::Index first, const std::vector<Eigen::Index>& rows)
    {
        const Eigen::Index count = rows.empty() ? block.rows() : Eigen::Index(rows.size());
        const auto rowOf = [&](Eigen::Index r) { return rows.empty() ? first + r : rows[std::size_t(r)]; };
        Eigen::VectorXd norms(block.rows());
        for (Eigen::Index r = 0; r < block.rows(); ++r)
            norms[r] = pointNorms_[rowOf(std::min(r, count - 1))];
        Eigen::MatrixXd distances(block.rows(), centres.rows());
        distances.noalias() = -2.0 * block * centres.transpose();
        distances = ((distances.colwise() + norms).rowwise() + centres.rowwise().squaredNorm().transpose())
                        .cwiseMax(0.0);
        // A column at a time (contiguous), keeping the first minimum as minCoeff does.
        Eigen::VectorXi nearest = Eigen::VectorXi::Zero(count);
        Eigen::VectorXd best = distances.col(0).head(count);
        Eigen::VectorXd next = Eigen::VectorXd::Constant(count, std::numeric_limits<double>::infinity());
        for (Eigen::Index c = 1; c < distances.cols(); ++c)
            for (Eigen::Index r = 0; r < count; ++r) {
                const double d = distances(r, c);
                if (d < best[r]) {
                    next[r] = best[r];
                    best[r] = d;
                    nearest[r] = int(c);
                } else if (d < next[r]) {
                    next[r] = d;
                }
            }
        bool changed = false;
        for (Eigen::Index r = 0; r < count; ++r) {
            const Eigen::Index i = rowOf(r);
            int& cluster = assignment_[std::size_t(i)];
            changed = changed || cluster != nearest[r];
            cluster = nearest[r];
            best_[i] = best[r];
            const double rounding = tolerance_ * (1.0 + pointNorms_[i]);
            upper_[i] = std::sqrt(best[r] + rounding);
            lower_[i] = std::sqrt(std::max(0.0, next[r] - rounding));
        }
        return changed;
    }

    const Eigen::Ref<const Eigen::MatrixXd>& points_;
    const Eigen::VectorXd pointNorms_;
    std::vector<int>& assignment_;
    Eigen::VectorXd best_, upper_, lower_;
    const Eigen::Index tailStart_; // the rows from here on are computed in place
    double tolerance_ = 0.0;
};

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

// The squared distances of `count` rows from `first` to centre, into (or, with nearer, the
// smaller of them and what is in) out: each summed over the coordinates in order, the bits of
// rowwise().squaredNorm(), but a column at a time over runs of rows that stay in the first-level
// cache (rowwise() on column-major points reads a row across as many cache lines as it has
// coordinates; here each line read is used whole).
void squaredDistances(const Eigen::Ref<const Eigen::MatrixXd>& points, Eigen::Index first, Eigen::Index count,
                      const Eigen::RowVectorXd& centre, Eigen::Ref<Eigen::VectorXd> out, bool nearer)
{
    constexpr Eigen::Index run = 512;
    Eigen::ArrayXd sums(std::min(run, count));
    for (Eigen::Index r = 0; r < count; r += run) {
        const Eigen::Index n = std::min(run, count - r);
        auto part = sums.head(n);
        part.setZero();
        for (Eigen::Index j = 0; j < points.cols(); ++j)
            part += (points.col(j).segment(first + r, n).array() - centre(j)).square();
        if (nearer)
            out.segment(r, n) = out.segment(r, n).cwiseMin(part.matrix());
        else
            out.segment(r, n) = part.matrix();
    }
}

Eigen::MatrixXd plusPlusSeeds(const Eigen::Ref<const Eigen::MatrixXd>& points, int k, Rng& rng, std::size_t threads)
{
    const Eigen::Index rows = points.rows();
    Eigen::MatrixXd centres(k, points.cols());
    centres.row(0) = points.row(static_cast<Eigen::Index>(uniformIndex(std::size_t(rows), rng)));
    Eigen::VectorXd nearest(rows);
    const auto nearestUpdate = [&](int c) {
        const Eigen::RowVectorXd centre = centres.row(c);
        forEachBlock(rows, threads, [&](Eigen::Index first, Eigen::Index count) {
            squaredDistances(points, first, count, centre, nearest.segment(first, count), c > 0);
        });
    };
    nearestUpdate(0);
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
        nearestUpdate(c);
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
    Assignment assignment(points, result.assignment);
    Eigen::MatrixXd sums(k, points.cols());
    Eigen::VectorXd counts(k);
    const Eigen::Index columnParts = std::min<Eigen::Index>(Eigen::Index(threads), points.cols());
    for (int iteration = 1; iteration <= maxIterations; ++iteration) {
        result.iterations = iteration;
        if (iteration > 1) // after each iteration done
            reportProgress(progress, double(iteration - 1) / double(maxIterations));
        const bool changed = assignment.assign(result.centres, threads, iteration == 1);
        if (!changed && iteration > 1)
            break;
        // Update step: each centre the mean of its points.
        counts.setZero();
        for (const int cluster : result.assignment)
            counts[cluster] += 1.0;
        if ((counts.array() == 0.0).any())
            assignment.assign(result.centres, threads, true); // every row's distance to its centre, below
        forEachPart(columnParts, threads, [&](Eigen::Index part) {
            sumColumns(points, result.assignment, part * points.cols() / columnParts,
                       (part + 1) * points.cols() / columnParts, sums);
        });
        const Eigen::MatrixXd before = result.centres;
        Eigen::VectorXd& best = assignment.best();
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
        assignment.centresMoved(before, result.centres);
    }
    return result;
}

} // namespace sme
