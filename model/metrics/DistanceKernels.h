// Float squared distances of many queries to every point, and the pass that keeps the points
// under a threshold: the hand-written, run-time dispatched kernels of the candidate retrieval.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace sme {

// The points rounded to float and packed once for the distance kernels: panels of 16 rows,
// each stored coordinate by coordinate (16 floats for coordinate 0, then 16 for 1, ...), so
// the kernel reads 16 points' coordinate k with one load. Rows are padded with zeros to a
// multiple of 32 (two panels, the AVX-512 kernel's step).
class FloatPanels {
public:
    explicit FloatPanels(const Eigen::Ref<const Eigen::MatrixXd>& points);

    Eigen::Index rows() const { return rows_; }
    Eigen::Index paddedRows() const { return paddedRows_; }
    Eigen::Index dimension() const { return dimension_; }
    const float* panels() const { return panels_.data(); }
    const float* squaredNorms() const { return squaredNorms_.data(); } // of the float rows, rounded

private:
    Eigen::Index rows_;
    Eigen::Index paddedRows_;
    Eigen::Index dimension_;
    std::vector<float> panels_;
    std::vector<float> squaredNorms_;
};

// The number of queries a distance tile holds at most: a multiple of both kernels' blocks of
// queries (12 for AVX-512, 6 for AVX2).
constexpr Eigen::Index floatTileQueries = 48;

// Squared distances from points firstQuery .. firstQuery + count - 1 (count <= floatTileQueries)
// to every point, in float, the Gram form |x|^2 + |q|^2 - 2 x.q clamped at 0: query t's
// distance to point j at tile[t * paddedRows + j] (tile holds floatTileQueries rows of
// paddedRows). The dot product is a chain of fused multiply-adds in coordinate order, then
// fma(-2, x.q, |x|^2 + |q|^2): the same operations on every kernel, so the same bits whether
// the AVX-512, the AVX2 or the plain kernel runs. queryScratch is the caller's, reused.
void floatDistanceTile(const FloatPanels& points, Eigen::Index firstQuery, Eigen::Index count, float* tile,
                       std::vector<float>& queryScratch);

// The indices j < size with row[j] <= threshold, in increasing order, into kept (grown to
// size + 16 if smaller, never shrunk: the caller reuses it); returns how many.
Eigen::Index keepAtMost(const float* row, Eigen::Index size, float threshold, std::vector<std::int32_t>& kept);

// The rows of points as a contiguous array for the exact distances of a few points at a time:
// float when every coordinate is a float (then exact, and half the memory to read), else double.
class ExactRows {
public:
    explicit ExactRows(const Eigen::Ref<const Eigen::MatrixXd>& points);

    // The dot product of row j with query (dimension doubles), in double.
    double dot(Eigen::Index j, const double* query) const;

private:
    Eigen::Index dimension_;
    std::vector<float> floatRows_;   // when every coordinate is a float
    std::vector<double> doubleRows_; // otherwise
};

} // namespace sme
