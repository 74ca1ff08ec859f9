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
//
// Where the AMX kernel runs (amxAvailable() when built, and 16 coordinates or more), each
// float coordinate x is also split into two bfloat16 numbers, hi = bf16(x) and lo = bf16(x -
// hi) (both rounded to nearest, x - hi exact in float), so that |x - hi - lo| <= 2^-16 |x|;
// stored as the tiles' B operand: for each 16 points and each 32 coordinates, 16 rows of 16
// pairs (coordinates 2i, 2i + 1 of each point), hi's tile then lo's.
class FloatPanels {
public:
    explicit FloatPanels(const Eigen::Ref<const Eigen::MatrixXd>& points);

    Eigen::Index rows() const { return rows_; }
    Eigen::Index paddedRows() const { return paddedRows_; }
    Eigen::Index dimension() const { return dimension_; }
    const float* panels() const { return panels_.data(); }
    const float* squaredNorms() const { return squaredNorms_.data(); } // of the float rows, rounded
    bool splitInBfloat16() const { return !split_.empty(); }
    const std::uint16_t* split() const { return split_.data(); }

private:
    Eigen::Index rows_;
    Eigen::Index paddedRows_;
    Eigen::Index dimension_;
    std::vector<float> panels_;
    std::vector<float> squaredNorms_;
    std::vector<std::uint16_t> split_;
};

// A few queries (points of a FloatPanels) packed for the kernel this CPU runs fastest
// (AMX where the points are split, AVX-512, AVX2 or plain: chosen when packed), in blocks of
// its width (32, 12, 6 or 1).
class PackedQueries {
public:
    void pack(const FloatPanels& points, Eigen::Index first, Eigen::Index count);
    Eigen::Index count() const { return count_; }

private:
    friend void floatDistances(const FloatPanels&, Eigen::Index, Eigen::Index, const PackedQueries&, float*,
                               Eigen::Index);
    std::vector<float> data_;
    std::vector<std::uint16_t> split_; // AMX: the A operand's tiles, hi then lo, as the points'
    Eigen::Index block_ = 1;
    Eigen::Index blocks_ = 0;
    Eigen::Index count_ = 0;
    Eigen::Index dimension_ = 0;
    int kernel_ = 0;
};

// Squared distances in float from the packed queries to the points firstRow .. firstRow +
// rowCount - 1 (firstRow and rowCount multiples of 32, or rowCount up to paddedRows), the Gram
// form |x|^2 + |q|^2 - 2 x.q clamped at 0: query t's distance to point firstRow + j at
// out[t * outStride + j], for t up to paddedQueryCount(count) (the rows past the count are
// filler, or left as they were). On the float kernels the dot product is summed in parts of
// floatChainCoordinates coordinates, each a chain of fused multiply-adds in coordinate order
// from 0, the parts' sums added in order, then fma(-2, x.q, |x|^2 + |q|^2): the same operations
// on each, so the same bits whichever runs, and whichever rows and queries are computed together.
// The AMX kernel sums hi.hi + hi.lo + lo.hi of the split coordinates in float tiles (the
// hardware's order, the same for every element of a tile), then the same fma: other bits than
// the float kernels', within splitDistanceErrorBound of the exact distance (CandidateRetrieval.h),
// but also the same whichever rows and queries are computed together.
void floatDistances(const FloatPanels& points, Eigen::Index firstRow, Eigen::Index rowCount,
                    const PackedQueries& queries, float* out, Eigen::Index outStride);

// The float kernels' dot products: chains of fused multiply-adds over this many coordinates at
// most, then the chains added in order; each product passes through at most
// floatChainLength(n) roundings (the error bound of CandidateRetrieval.h), where one chain of
// all n coordinates (128 in the benchmarks) passed through n: the filter's margins are then
// about a third as wide, at a few percent of the kernels' time (the partial sums go through the
// tile between parts).
constexpr Eigen::Index floatChainCoordinates = 32;
constexpr Eigen::Index floatChainLength(Eigen::Index dimension)
{
    return (dimension < floatChainCoordinates ? dimension : floatChainCoordinates)
        + (dimension + floatChainCoordinates - 1) / floatChainCoordinates - 1;
}

// The number of rows floatDistances may write for `queries` queries (the kernels' blocks).
constexpr Eigen::Index paddedQueryCount(Eigen::Index queries) { return (queries + 11) / 12 * 12; }

// first + j for the j < size with row[j] <= threshold, in increasing order, into kept, which
// has room for size + 16 (a full register past the last kept), and row[j] at the same places
// into keptValues unless null (room as kept); returns how many.
Eigen::Index keepAtMost(const float* row, Eigen::Index size, float threshold, std::int32_t first,
                        std::int32_t* kept, float* keptValues = nullptr);

// Whether the CPU has AVX2 and FMA (the kernels' middle path; asked once).
bool avx2WithFmaAvailable();

// "AMX", "AVX-512", "AVX2" or "plain": the kernel floatDistances runs now for points of this
// dimension split as FloatPanels splits them when built now, for benchmarks and reports.
const char* distanceKernelName(Eigen::Index dimension);

} // namespace sme
