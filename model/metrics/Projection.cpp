// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/Projection.h"

#include "model/base/Error.h"
#include "model/base/Random.h"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <cstdint>

namespace sme {
namespace {

using TwoColumns = Eigen::Matrix<double, Eigen::Dynamic, 2>;

// The block Krylov iteration of the PCA map (see Projection.h).
constexpr Eigen::Index krylovBlockSize = 8;
constexpr Eigen::Index maxKrylovBasis = 192;
constexpr double residualTolerance = 1e-9;
// The start block is random but fixed: the same data always gives the same map.
constexpr std::uint64_t krylovStartSeed = 20170620;

struct PrincipalAxes {
    TwoColumns vectors;     // n x 2, the leading eigenvector first
    Eigen::Vector2d values; // their eigenvalues, largest first
};

// The two leading eigenpairs of C = centred^T centred / N, never forming C: the Krylov basis
// Q grows by blocks C^k Q0, and the Ritz pairs of Q^T C Q approximate C's extreme eigenpairs.
// The block (8 > 2) also finds a repeated leading eigenvalue (points on a circle).
PrincipalAxes leadingPrincipalAxes(const Eigen::MatrixXd& centred)
{
    const Eigen::Index n = centred.cols();
    const double scale = 1.0 / double(centred.rows());
    const Eigen::Index capacity = std::min(n, maxKrylovBasis);
    Eigen::MatrixXd basis(n, capacity); // Q, orthonormal columns
    Eigen::MatrixXd image(n, capacity); // C Q
    Eigen::Index size = 0;

    Rng rng(krylovStartSeed);
    Eigen::MatrixXd block(n, std::min(krylovBlockSize, n));
    fillStandardNormal(block, rng);
    PrincipalAxes axes;
    for (;;) {
        // The block's new directions join the basis (Gram-Schmidt, twice against rounding);
        // a direction already in the basis is dropped.
        const Eigen::Index start = size;
        for (Eigen::Index j = 0; j < block.cols() && size < capacity; ++j) {
            Eigen::VectorXd v = block.col(j);
            const double original = v.norm();
            for (int pass = 0; pass < 2; ++pass)
                v -= basis.leftCols(size) * (basis.leftCols(size).transpose() * v);
            const double remaining = v.norm();
            if (remaining > 1e-10 * original)
                basis.col(size++) = v / remaining;
        }
        const Eigen::Index added = size - start;
        if (added > 0) {
            const Eigen::MatrixXd projected = centred * basis.middleCols(start, added);
            image.middleCols(start, added).noalias() = scale * (centred.transpose() * projected);
        }

        // Rayleigh-Ritz: the eigenpairs of Q^T C Q (symmetric up to rounding).
        Eigen::MatrixXd reduced(size, size);
        reduced.noalias() = basis.leftCols(size).transpose() * image.leftCols(size);
        const Eigen::MatrixXd symmetric = 0.5 * (reduced + reduced.transpose());
        const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(symmetric);
        const TwoColumns ritz = solver.eigenvectors().rightCols<2>().rowwise().reverse();
        axes.values = solver.eigenvalues().tail<2>().reverse();
        axes.vectors.noalias() = basis.leftCols(size) * ritz;
        TwoColumns residual(n, 2);
        residual.noalias() = image.leftCols(size) * ritz;
        residual -= axes.vectors * axes.values.asDiagonal();
        const bool converged = residual.colwise().norm().maxCoeff()
                               <= residualTolerance * std::abs(axes.values(0));
        if (converged || added == 0 || size == capacity)
            return axes;
        block = image.middleCols(start, added);
    }
}

// The sign that makes the largest-magnitude component positive (the first one on a tie).
void makeLargestComponentPositive(Eigen::Ref<Eigen::VectorXd> vector)
{
    Eigen::Index largest = 0;
    for (Eigen::Index i = 1; i < vector.size(); ++i)
        if (std::abs(vector(i)) > std::abs(vector(largest)))
            largest = i;
    if (vector(largest) < 0.0)
        vector = -vector;
}

// The sign of the previous map's direction when the two are far from orthogonal, else the
// largest-component rule. 1e-6: well above the rounding of a dot product of unit vectors
// (about n * 1e-16), and a direction that turned that far has no sign to keep.
void orient(Eigen::Ref<Eigen::VectorXd> vector, const Eigen::MatrixXd& previous, Eigen::Index column)
{
    if (previous.rows() == vector.size() && previous.cols() == 2) {
        const double agreement = vector.dot(previous.col(column));
        if (std::abs(agreement) > 1e-6) {
            if (agreement < 0.0)
                vector = -vector;
            return;
        }
    }
    makeLargestComponentPositive(vector);
}

// Share of the centred data's squared norm kept by its projection, 1 when there is none.
double keptShare(double kept, double total)
{
    return total > 0.0 ? std::clamp(kept / total, 0.0, 1.0) : 1.0;
}

std::string percent(double share)
{
    return std::to_string(std::lround(100.0 * share)) + "%";
}

} // namespace

MapProjection projectForMap(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                            const Eigen::MatrixXd& previousDirections)
{
    require(embeddings.rows() >= 1, "the map needs at least one embedding");
    require(embeddings.cols() >= 2, "the map needs embeddings of at least 2 dimensions, got "
                                        + std::to_string(embeddings.cols()));
    require(embeddings.allFinite(), "the map cannot show embeddings with NaN or infinite entries");

    const Eigen::Index n = embeddings.cols();
    const std::string dimension = "(n = " + std::to_string(n) + ")";
    MapProjection map;
    if (n == 2) {
        map.points = embeddings;
        map.explainedVariance = 1.0;
        map.method = "points on the circle " + dimension;
        map.axes = {"x\u2081", "x\u2082"};
        return map;
    }

    const Eigen::RowVectorXd mean = embeddings.colwise().mean();
    const Eigen::MatrixXd centred = embeddings.rowwise() - mean;
    if (n == 3) {
        // Looking along (1,1,1)/sqrt(3): e1 x e2 = (1,1,1)/sqrt(3), so the map is not mirrored.
        Eigen::Matrix<double, 3, 2> plane;
        plane.col(0) = Eigen::Vector3d(1.0, -1.0, 0.0) / std::sqrt(2.0);
        plane.col(1) = Eigen::Vector3d(1.0, 1.0, -2.0) / std::sqrt(6.0);
        map.points.noalias() = embeddings * plane;
        map.explainedVariance = keptShare((centred * plane).squaredNorm(), centred.squaredNorm());
        map.method = "sphere seen along (1,1,1) " + dimension;
        map.axes = {"(1, \u22121, 0)/\u221A2", "(1, 1, \u22122)/\u221A6"};
        return map;
    }

    PrincipalAxes axes = leadingPrincipalAxes(centred);
    for (Eigen::Index k = 0; k < 2; ++k)
        orient(axes.vectors.col(k), previousDirections, k);
    map.points.noalias() = centred * axes.vectors;
    map.directions = axes.vectors;
    const double total = centred.squaredNorm() / double(embeddings.rows()); // trace of C
    map.explainedVariance = keptShare(axes.values.cwiseMax(0.0).sum(), total);
    map.method = "PCA, " + percent(map.explainedVariance) + " of variance " + dimension;
    map.axes = {"principal component 1", "principal component 2"};
    return map;
}

} // namespace sme
