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

// A few queries (points of a FloatPanels) packed for the kernel this CPU runs fastest
// (AVX-512, AVX2 or plain: chosen when packed), in blocks of its width (12, 6 or 1).
class PackedQueries {
public:
    void pack(const FloatPanels& points, Eigen::Index first, Eigen::Index count);
    Eigen::Index count() const { return count_; }

private:
    friend void floatDistances(const FloatPanels&, Eigen::Index, Eigen::Index, const PackedQueries&, float*,
                               Eigen::Index);
    std::vector<float> data_;
    Eigen::Index block_ = 1;
    Eigen::Index blocks_ = 0;
    Eigen::Index count_ = 0;
    Eigen::Index dimension_ = 0;
    int kernel_ = 0;
};

// Squared distances in float from the packed queries to the points firstRow .. firstRow +
// rowCount - 1 (firstRow and rowCount multiples of 32, or rowCount up to paddedRows), the Gram
// form |x|^2 + |q|^2 - 2 x.q clamped at 0: query t's distance to point firstRow + j at
// out[t * outStride + j], for t up to the packed count rounded up to the kernel's block (the
// rows past the count are filler). The dot product is a chain of fused multiply-adds in
// coordinate order, then fma(-2, x.q, |x|^2 + |q|^2): the same operations on every kernel, so
// the same bits whichever runs, and whichever rows and queries are computed together.
void floatDistances(const FloatPanels& points, Eigen::Index firstRow, Eigen::Index rowCount,
                    const PackedQueries& queries, float* out, Eigen::Index outStride);

// The number of rows floatDistances may write for `queries` queries (the kernels' blocks).
constexpr Eigen::Index paddedQueryCount(Eigen::Index queries) { return (queries + 11) / 12 * 12; }

// first + j for the j < size with row[j] <= threshold, in increasing order, into kept, which
// has room for size + 16 (a full register past the last kept), and row[j] at the same places
// into keptValues unless null (room as kept); returns how many.
Eigen::Index keepAtMost(const float* row, Eigen::Index size, float threshold, std::int32_t first,
                        std::int32_t* kept, float* keptValues = nullptr);

// Whether the CPU has AVX2 and FMA (the kernels' middle path; asked once).
bool avx2WithFmaAvailable();

} // namespace sme
