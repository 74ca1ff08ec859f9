// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/KMeans.h"

#include "model/base/Error.h"

#include <algorithm>
#include <string>

namespace sme {
namespace {

// Squared distances from every row of points to every row of centres (rows x k), one GEMM.
Eigen::MatrixXd squaredDistances(const Eigen::Ref<const Eigen::MatrixXd>& points,
                                 const Eigen::MatrixXd& centres)
{
    Eigen::MatrixXd result(points.rows(), centres.rows());
    result.noalias() = -2.0 * points * centres.transpose();
    result.colwise() += points.rowwise().squaredNorm();
    result.rowwise() += centres.rowwise().squaredNorm().transpose();
    return result.cwiseMax(0.0);
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
    for (int iteration = 1; iteration <= maxIterations; ++iteration) {
        result.iterations = iteration;
        if (iteration > 1) // after each iteration done
            reportProgress(progress, double(iteration - 1) / double(maxIterations));
        const Eigen::MatrixXd distances = squaredDistances(points, result.centres);
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
        // Update step: each centre the mean of its points.
        Eigen::MatrixXd sums = Eigen::MatrixXd::Zero(k, points.cols());
        Eigen::VectorXd counts = Eigen::VectorXd::Zero(k);
        for (Eigen::Index i = 0; i < rows; ++i) {
            sums.row(result.assignment[std::size_t(i)]) += points.row(i);
            counts[result.assignment[std::size_t(i)]] += 1.0;
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
