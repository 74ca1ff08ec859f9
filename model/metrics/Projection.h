// Two-dimensional maps of embeddings: the points themselves (n = 2), an orthographic view of
// the sphere (n = 3), or the first two principal components (n >= 4).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>
#include <array>
#include <string>

namespace sme {

struct MapProjection {
    Eigen::MatrixXd points;          // N x 2, row i the map position of embedding i
    // Share of the total variance (about the mean) that the two map axes keep, in [0, 1]:
    // 1 for n = 2; for n = 3 what survives the view (about 2/3 for points spread evenly over
    // the sphere); for PCA (lambda_1 + lambda_2) / trace of the covariance. 1 when the data
    // has no variance at all.
    double explainedVariance = 1.0;
    std::string method;              // for a person, e.g. "PCA, 63% of variance"
    std::array<std::string, 2> axes; // what each map axis is, e.g. "principal component 1"
    // PCA only: the two principal directions (n x 2, unit columns), for the next map to keep
    // their signs. Empty for n = 2 and n = 3, whose axes are fixed.
    Eigen::MatrixXd directions;
};

// The view direction of the n = 3 map: the sphere seen from (1,1,1)/sqrt(3), orthographically.
// The map axes are the orthonormal pair (1,-1,0)/sqrt(2) and (1,1,-2)/sqrt(6) of the plane
// orthogonal to it (right-handed with the view direction, so the map is not mirrored). Points
// of the far hemisphere land on top of those of the near one.
//
// For n >= 4, PCA: the centred rows projected on the two leading eigenvectors of their
// covariance. An eigenvector has no sign of its own; the map takes the one that agrees with the
// previous map's direction (a non-negative dot product with `previousDirections`' column, when
// that is n x 2 and the two are not orthogonal), so a map redrawn as a model trains does not
// mirror itself. Without a previous map, the sign that makes the largest-magnitude component
// positive (the first such component on a tie): the same data always gives the same map.
// The eigenvectors come from a block Krylov iteration with Rayleigh-Ritz (exact once the
// Krylov basis spans the space; otherwise stopped when both residuals are below 1e-9 of the
// largest eigenvalue, or at 192 basis vectors): the full n x n eigensolver takes seconds at
// n = 1024, too long for a map redrawn at every evaluation.
//
// Throws sme::Error for no rows, fewer than 2 columns, or a NaN or infinite entry.
MapProjection projectForMap(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                            const Eigen::MatrixXd& previousDirections = Eigen::MatrixXd());

} // namespace sme
