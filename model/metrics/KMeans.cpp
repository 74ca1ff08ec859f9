// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/KMeans.h"

#include "model/base/Error.h"

#include <algorithm>
#include <string>

namespace sme {
namespace {

// Squared distances from every row of points to every row of centres (rows x k), one GEMM,
// into a matrix kept from one iteration to the next: at 30,000 points a fresh one each time
// cost more in page faults than the product.
void squaredDistances(const Eigen::Ref<const Eigen::MatrixXd>& points, const Eigen::VectorXd& pointNorms,
                      const Eigen::MatrixXd& centres, Eigen::MatrixXd& result)
{
    result.noalias() = -2.0 * points * centres.transpose();
    result = ((result.colwise() + pointNorms).rowwise() + centres.rowwise().squaredNorm().transpose()).cwiseMax(0.0);
}

Eigen::MatrixXd plusPlusSeeds(const Eigen::Ref<const Eigen::MatrixXd>& points, int k, Rng& rng)
{
    const Eigen::Index rows = points.rows();
    Eigen::MatrixXd centres(k, points.cols());
    centres.row(0) = points.row(static_cast<Eigen::Index>(uniformIndex(std::size_t(rows), rng)));
    Eigen::VectorXd nearest = (points.rowwise() - centres.row(0)).rowwise().squaredNorm();
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
        nearest = nearest.cwiseMin((points.rowwise() - centres.row(c)).rowwise().squaredNorm());
    }
    return centres;
}

} // namespace

KMeansResult kMeans(const Eigen::Ref<const Eigen::MatrixXd>& points, int k, Rng& rng,
                    int maxIterations, const Progress& progress)
{
    const Eigen::Index rows = points.rows();
    require(k >= 1 && k <= rows, "k-means needs 1 <= k <= number of points, got k = "
                                     + std::to_string(k) + " for " + std::to_string(rows) + " points");
    require(points.allFinite(), "k-means was given NaN or infinite coordinates");

    KMeansResult result;
    result.centres = plusPlusSeeds(points, k, rng);
    result.assignment.assign(std::size_t(rows), -1);
    Eigen::VectorXd best(rows);
    const Eigen::VectorXd pointNorms = points.rowwise().squaredNorm();
    Eigen::MatrixXd distances(rows, k);
    Eigen::MatrixXd sums(k, points.cols());
    Eigen::VectorXd counts(k);
    for (int iteration = 1; iteration <= maxIterations; ++iteration) {
        result.iterations = iteration;
        if (iteration > 1) // after each iteration done
            reportProgress(progress, double(iteration - 1) / double(maxIterations));
        squaredDistances(points, pointNorms, result.centres, distances);
        bool changed = false;
        for (Eigen::Index i = 0; i < rows; ++i) {
            Eigen::Index cluster;
            best[i] = distances.row(i).minCoeff(&cluster);
            if (result.assignment[std::size_t(i)] != int(cluster)) {
                result.assignment[std::size_t(i)] = int(cluster);
                changed = true;
            }
        }
        if (!changed && iteration > 1)
            break;
        // Update step: each centre the mean of its points, summed in the order of the points,
        // a coordinate at a time (a column of points is contiguous, a row is not).
        sums.setZero();
        counts.setZero();
        for (const int cluster : result.assignment)
            counts[cluster] += 1.0;
        for (Eigen::Index column = 0; column < points.cols(); ++column) {
            const auto coordinates = points.col(column);
            auto sumsColumn = sums.col(column);
            for (Eigen::Index i = 0; i < rows; ++i)
                sumsColumn[result.assignment[std::size_t(i)]] += coordinates[i];
        }
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
