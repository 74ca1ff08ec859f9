// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/DistanceKernels.h"

#include "model/base/CpuFeatures.h"
#include "model/base/HugePages.h"
#include "model/metrics/SplitTiles.h"

#include <algorithm>
#include <cmath>
#include <immintrin.h>

// The kernels below are this file's own functions (internal linkage), compiled for the
// instruction set their attribute names and called only when the CPU has it. They touch raw
// pointers and intrinsics only: an Eigen or standard-library template instantiated inside
// would be compiled for that instruction set too and could be the copy the linker keeps for
// everyone (see CpuFeatures.h).
#define SME_TARGET_AVX512 __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,fma")))
#define SME_TARGET_AVX2 __attribute__((target("avx2,fma")))

namespace sme {
namespace {

constexpr Eigen::Index panelRows = 16;

using splittiles::splitInto;
using splittiles::tileDepth;
using splittiles::tileNumbers;

// Queries as the kernels read them: block g holds coordinate k of its queries at
// [(g * dimension + k) * block + t], then every query's squared norm; zeros past the count.
struct QueryBlocks {
    const float* coordinates;
    const float* squaredNorms;
    Eigen::Index blocks;
};

enum class Kernel { amx, avx512, avx2, plain };

// Below 16 coordinates the AMX tiles (32 coordinates deep) would mostly multiply padding.
constexpr Eigen::Index amxMinimumDimension = 16;

Kernel fastestKernel(Eigen::Index dimension)
{
    if (amxAvailable() && dimension >= amxMinimumDimension)
        return Kernel::amx;
    return avx512Available() ? Kernel::avx512 : avx2WithFmaAvailable() ? Kernel::avx2 : Kernel::plain;
}

// The end of the dot product's part that starts at coordinate part (see floatChainCoordinates).
// The kernels run the part loop once at least: with no coordinate, it sets the sums to zero.
constexpr Eigen::Index partEnd(Eigen::Index part, Eigen::Index dimension)
{
    return part + floatChainCoordinates < dimension ? part + floatChainCoordinates : dimension;
}

// 32 points (two panels) against 12 queries a step: 24 accumulators, each a chain of fused
// multiply-adds over a part of the coordinates (floatChainCoordinates), the parts added in
// order; the queries' coordinates are broadcast from memory.
SME_TARGET_AVX512 void tileAvx512(const float* panels, const float* pointNorms, Eigen::Index rows,
                                  Eigen::Index dimension, QueryBlocks queries, float* tile, Eigen::Index stride)
{
    constexpr int block = 12;
    constexpr auto all = __mmask16(0xffff);
    const __m512 minusTwo = _mm512_set1_ps(-2.0f);
    const __m512 zero = _mm512_setzero_ps();
    for (Eigen::Index p = 0; p < rows; p += 2 * panelRows) {
        const float* first = panels + p * dimension;
        const float* second = first + panelRows * dimension;
        for (Eigen::Index g = 0; g < queries.blocks; ++g) {
            const float* q = queries.coordinates + g * block * dimension;
            __m512 acc[block][2];
            for (Eigen::Index part = 0; part == 0 || part < dimension; part += floatChainCoordinates) {
                const Eigen::Index end = partEnd(part, dimension);
#pragma GCC unroll 12
                for (int t = 0; t < block; ++t)
                    acc[t][0] = acc[t][1] = _mm512_setzero_ps();
                for (Eigen::Index k = part; k < end; ++k) {
                    const __m512 x0 = _mm512_loadu_ps(first + k * panelRows);
                    const __m512 x1 = _mm512_loadu_ps(second + k * panelRows);
#pragma GCC unroll 12
                    for (int t = 0; t < block; ++t) {
                        const __m512 coordinate = _mm512_set1_ps(q[k * block + t]);
                        acc[t][0] = _mm512_fmadd_ps(x0, coordinate, acc[t][0]);
                        acc[t][1] = _mm512_fmadd_ps(x1, coordinate, acc[t][1]);
                    }
                }
                if (part == 0 && end == dimension)
                    break;
                // The sum of the parts so far, kept in the tile (no register is free).
#pragma GCC unroll 12
                for (int t = 0; t < block; ++t) {
                    float* out = tile + (g * block + t) * stride + p;
                    if (part > 0) {
                        acc[t][0] = _mm512_add_ps(_mm512_loadu_ps(out), acc[t][0]);
                        acc[t][1] = _mm512_add_ps(_mm512_loadu_ps(out + panelRows), acc[t][1]);
                    }
                    if (end < dimension) {
                        _mm512_storeu_ps(out, acc[t][0]);
                        _mm512_storeu_ps(out + panelRows, acc[t][1]);
                    }
                }
            }
            // Loaded here, not before the loop: 24 accumulators leave no register to hold them.
            const __m512 firstNorms = _mm512_loadu_ps(pointNorms + p);
            const __m512 secondNorms = _mm512_loadu_ps(pointNorms + p + panelRows);
#pragma GCC unroll 12
            for (int t = 0; t < block; ++t) {
                const __m512 queryNorm = _mm512_set1_ps(queries.squaredNorms[g * block + t]);
                float* out = tile + (g * block + t) * stride + p;
                // maskz_max: max_ps itself trips GCC 12's -Wmaybe-uninitialized in its header
                _mm512_storeu_ps(out, _mm512_maskz_max_ps(all,
                    _mm512_fmadd_ps(minusTwo, acc[t][0], _mm512_add_ps(firstNorms, queryNorm)), zero));
                _mm512_storeu_ps(out + panelRows, _mm512_maskz_max_ps(all,
                    _mm512_fmadd_ps(minusTwo, acc[t][1], _mm512_add_ps(secondNorms, queryNorm)), zero));
            }
        }
    }
}

// 64 points (four panels) against 6 queries a step (half of a packed block of 12): 24
// accumulators, 10 loads for 24 fused multiply-adds (the two-panel kernel: 14); the same
// operations for each distance. Rows past the last multiple of 64 go to tileAvx512.
SME_TARGET_AVX512 void tileAvx512Wide(const float* panels, const float* pointNorms, Eigen::Index rows,
                                      Eigen::Index dimension, QueryBlocks queries, float* tile, Eigen::Index stride)
{
    constexpr int block = 12;
    constexpr int half = 6;
    constexpr auto all = __mmask16(0xffff);
    const __m512 minusTwo = _mm512_set1_ps(-2.0f);
    const __m512 zero = _mm512_setzero_ps();
    Eigen::Index p = 0;
    for (; p + 4 * panelRows <= rows; p += 4 * panelRows) {
        const float* panel = panels + p * dimension;
        for (Eigen::Index g = 0; g < queries.blocks; ++g)
            for (int h = 0; h < block; h += half) {
                const float* q = queries.coordinates + g * block * dimension + h;
                __m512 acc[half][4];
                for (Eigen::Index part = 0; part == 0 || part < dimension; part += floatChainCoordinates) {
                    const Eigen::Index end = partEnd(part, dimension);
#pragma GCC unroll 6
                    for (int t = 0; t < half; ++t)
                        acc[t][0] = acc[t][1] = acc[t][2] = acc[t][3] = _mm512_setzero_ps();
                    for (Eigen::Index k = part; k < end; ++k) {
                        __m512 x[4];
#pragma GCC unroll 4
                        for (int i = 0; i < 4; ++i)
                            x[i] = _mm512_loadu_ps(panel + i * panelRows * dimension + k * panelRows);
#pragma GCC unroll 6
                        for (int t = 0; t < half; ++t) {
                            const __m512 coordinate = _mm512_set1_ps(q[k * block + t]);
#pragma GCC unroll 4
                            for (int i = 0; i < 4; ++i)
                                acc[t][i] = _mm512_fmadd_ps(x[i], coordinate, acc[t][i]);
                        }
                    }
                    if (part == 0 && end == dimension)
                        break;
#pragma GCC unroll 6
                    for (int t = 0; t < half; ++t) { // the parts' sum so far, kept in the tile
                        float* out = tile + (g * block + h + t) * stride + p;
#pragma GCC unroll 4
                        for (int i = 0; i < 4; ++i) {
                            if (part > 0)
                                acc[t][i] = _mm512_add_ps(_mm512_loadu_ps(out + i * panelRows), acc[t][i]);
                            if (end < dimension)
                                _mm512_storeu_ps(out + i * panelRows, acc[t][i]);
                        }
                    }
                }
#pragma GCC unroll 6
                for (int t = 0; t < half; ++t) {
                    const __m512 queryNorm = _mm512_set1_ps(queries.squaredNorms[g * block + h + t]);
                    float* out = tile + (g * block + h + t) * stride + p;
#pragma GCC unroll 4
                    for (int i = 0; i < 4; ++i)
                        _mm512_storeu_ps(out + i * panelRows, _mm512_maskz_max_ps(all,
                            _mm512_fmadd_ps(minusTwo, acc[t][i],
                                            _mm512_add_ps(_mm512_loadu_ps(pointNorms + p + i * panelRows), queryNorm)),
                            zero));
                }
            }
    }
    if (p < rows)
        tileAvx512(panels + p * dimension, pointNorms + p, rows - p, dimension, queries, tile + p, stride);
}

// One panel (16 points, two registers) against 6 queries a step: 12 accumulators.
SME_TARGET_AVX2 void tileAvx2(const float* panels, const float* pointNorms, Eigen::Index rows,
                              Eigen::Index dimension, QueryBlocks queries, float* tile, Eigen::Index stride)
{
    constexpr int block = 6;
    const __m256 minusTwo = _mm256_set1_ps(-2.0f);
    const __m256 zero = _mm256_setzero_ps();
    for (Eigen::Index p = 0; p < rows; p += panelRows) {
        const float* panel = panels + p * dimension;
        for (Eigen::Index g = 0; g < queries.blocks; ++g) {
            const float* q = queries.coordinates + g * block * dimension;
            __m256 acc[block][2];
            for (Eigen::Index part = 0; part == 0 || part < dimension; part += floatChainCoordinates) {
                const Eigen::Index end = partEnd(part, dimension);
#pragma GCC unroll 6
                for (int t = 0; t < block; ++t)
                    acc[t][0] = acc[t][1] = _mm256_setzero_ps();
                for (Eigen::Index k = part; k < end; ++k) {
                    const __m256 x0 = _mm256_loadu_ps(panel + k * panelRows);
                    const __m256 x1 = _mm256_loadu_ps(panel + k * panelRows + 8);
#pragma GCC unroll 6
                    for (int t = 0; t < block; ++t) {
                        const __m256 coordinate = _mm256_broadcast_ss(q + k * block + t);
                        acc[t][0] = _mm256_fmadd_ps(x0, coordinate, acc[t][0]);
                        acc[t][1] = _mm256_fmadd_ps(x1, coordinate, acc[t][1]);
                    }
                }
                if (part == 0 && end == dimension)
                    break;
#pragma GCC unroll 6
                for (int t = 0; t < block; ++t) { // the parts' sum so far, kept in the tile
                    float* out = tile + (g * block + t) * stride + p;
                    if (part > 0) {
                        acc[t][0] = _mm256_add_ps(_mm256_loadu_ps(out), acc[t][0]);
                        acc[t][1] = _mm256_add_ps(_mm256_loadu_ps(out + 8), acc[t][1]);
                    }
                    if (end < dimension) {
                        _mm256_storeu_ps(out, acc[t][0]);
                        _mm256_storeu_ps(out + 8, acc[t][1]);
                    }
                }
            }
            const __m256 lowNorms = _mm256_loadu_ps(pointNorms + p); // here: see tileAvx512
            const __m256 highNorms = _mm256_loadu_ps(pointNorms + p + 8);
#pragma GCC unroll 6
            for (int t = 0; t < block; ++t) {
                const __m256 queryNorm = _mm256_set1_ps(queries.squaredNorms[g * block + t]);
                float* out = tile + (g * block + t) * stride + p;
                _mm256_storeu_ps(out, _mm256_max_ps(
                    _mm256_fmadd_ps(minusTwo, acc[t][0], _mm256_add_ps(lowNorms, queryNorm)), zero));
                _mm256_storeu_ps(out + 8, _mm256_max_ps(
                    _mm256_fmadd_ps(minusTwo, acc[t][1], _mm256_add_ps(highNorms, queryNorm)), zero));
            }
        }
    }
}

// The same operations one distance at a time, for a CPU without AVX2 (baselines below v3).
void tilePlain(const float* panels, const float* pointNorms, Eigen::Index rows, Eigen::Index dimension,
               QueryBlocks queries, float* tile, Eigen::Index stride)
{
    for (Eigen::Index t = 0; t < queries.blocks; ++t) // blocks of one query
        for (Eigen::Index j = 0; j < rows; ++j) {
            const float* point = panels + j / panelRows * panelRows * dimension + j % panelRows;
            float dot = 0.0f;
            for (Eigen::Index part = 0; part == 0 || part < dimension; part += floatChainCoordinates) {
                float chain = 0.0f;
                for (Eigen::Index k = part; k < partEnd(part, dimension); ++k)
                    chain = std::fma(point[k * panelRows], queries.coordinates[t * dimension + k], chain);
                dot = part == 0 ? chain : dot + chain;
            }
            const float distance = std::fma(-2.0f, dot, pointNorms[j] + queries.squaredNorms[t]);
            tile[t * stride + j] = distance > 0.0f ? distance : 0.0f; // as max_ps: +0 for -0
        }
}

SME_TARGET_AVX512 Eigen::Index keepAvx512(const float* row, Eigen::Index size, float threshold, std::int32_t first,
                                          std::int32_t* kept, float* keptValues)
{
    const __m512 limit = _mm512_set1_ps(threshold);
    const __m512i step = _mm512_set1_epi32(16);
    __m512i index = _mm512_add_epi32(_mm512_set1_epi32(first),
                                     _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    Eigen::Index count = 0;
    for (Eigen::Index j = 0; j < size; j += 16) {
        const auto inRow = __mmask16(size - j >= 16 ? 0xffff : (1u << (size - j)) - 1);
        const __m512 values = _mm512_maskz_loadu_ps(inRow, row + j);
        const __mmask16 under = _mm512_mask_cmp_ps_mask(inRow, values, limit, _CMP_LE_OQ);
        if (under) { // rare: a register compress and a full store (a compressing store is slow on AMD)
            _mm512_storeu_si512(kept + count, _mm512_maskz_compress_epi32(under, index));
            if (keptValues != nullptr)
                _mm512_storeu_ps(keptValues + count, _mm512_maskz_compress_ps(under, values));
            count += __builtin_popcount(unsigned(under));
        }
        index = _mm512_add_epi32(index, step);
    }
    return count;
}

Eigen::Index keepPlain(const float* row, Eigen::Index size, float threshold, std::int32_t first, std::int32_t* kept,
                       float* keptValues)
{
    Eigen::Index count = 0;
    for (Eigen::Index j = 0; j < size; ++j) {
        kept[count] = first + std::int32_t(j); // branchless: written always, counted when under
        if (keptValues != nullptr)
            keptValues[count] = row[j];
        count += row[j] <= threshold;
    }
    return count;
}

// For each mask of 8 comparisons, the lanes whose bit is set, in increasing order, then zeros:
// the permutation that packs them at the front of a register (AVX2 has no compress).
struct PackingPermutations {
    alignas(32) std::int32_t lanes[256][8];

    constexpr PackingPermutations() : lanes()
    {
        for (int mask = 0; mask < 256; ++mask) {
            int count = 0;
            for (int lane = 0; lane < 8; ++lane)
                if (mask & (1 << lane))
                    lanes[mask][count++] = lane;
        }
    }
};
constexpr PackingPermutations packing;

// 8 values a step, without a branch: the kept ones packed to the front of a register by a
// permutation chosen by the comparison's mask, stored whole (the caller's room for 16 past the
// last kept takes the lanes past them), the count moved on by how many. A loop over the mask's
// bits mispredicted about once a step where a tenth of the points are kept (R = 9,999 of
// 100,000).
SME_TARGET_AVX2 Eigen::Index keepAvx2(const float* row, Eigen::Index size, float threshold, std::int32_t first,
                                      std::int32_t* kept, float* keptValues)
{
    const __m256 limit = _mm256_set1_ps(threshold);
    const __m256i step = _mm256_set1_epi32(8);
    __m256i index = _mm256_add_epi32(_mm256_set1_epi32(first), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    Eigen::Index count = 0;
    Eigen::Index j = 0;
    for (; j + 8 <= size; j += 8) {
        const __m256 values = _mm256_loadu_ps(row + j);
        const auto under = unsigned(_mm256_movemask_ps(_mm256_cmp_ps(values, limit, _CMP_LE_OQ)));
        const __m256i lanes = _mm256_load_si256(reinterpret_cast<const __m256i*>(packing.lanes[under]));
        _mm256_storeu_si256(reinterpret_cast<__m256i*>(kept + count), _mm256_permutevar8x32_epi32(index, lanes));
        if (keptValues != nullptr)
            _mm256_storeu_ps(keptValues + count, _mm256_permutevar8x32_ps(values, lanes));
        count += __builtin_popcount(under);
        index = _mm256_add_epi32(index, step);
    }
    return count + keepPlain(row + j, size - j, threshold, first + std::int32_t(j), kept + count,
                             keptValues != nullptr ? keptValues + count : nullptr);
}

} // namespace

FloatPanels::FloatPanels(const Eigen::Ref<const Eigen::MatrixXd>& points)
    : rows_(points.rows()), paddedRows_((points.rows() + 2 * panelRows - 1) / (2 * panelRows) * 2 * panelRows),
      dimension_(points.cols()), squaredNorms_(std::size_t(paddedRows_), 0.0f)
{
    // Both written for the first time here (50 MB each at 100,000 x 128): in huge pages.
    const auto size = std::size_t(paddedRows_ * dimension_);
    panels_.reserve(size);
    preferHugePages(panels_.data(), size * sizeof(float));
    panels_.assign(size, 0.0f);
    Eigen::MatrixXf rounded(points.rows(), points.cols());
    preferHugePages(rounded.data(), std::size_t(rounded.size()) * sizeof(float));
    rounded = points.cast<float>();
    // In double, then rounded once: the error bound of the candidate filter counts on it.
    const Eigen::VectorXf norms = rounded.cast<double>().rowwise().squaredNorm().cast<float>();
    std::copy(norms.data(), norms.data() + rows_, squaredNorms_.begin());
    // A panel's rows a column at a time, each column's part read in one run (taken row by row,
    // each coordinate was a read 400 kB from the last at 100,000 points).
    for (Eigen::Index first = 0; first < rows_; first += panelRows) {
        float* panel = panels_.data() + first * dimension_;
        const Eigen::Index count = std::min(panelRows, rows_ - first);
        for (Eigen::Index k = 0; k < dimension_; ++k)
            for (Eigen::Index i = 0; i < count; ++i)
                panel[k * panelRows + i] = rounded(first + i, k);
    }
    if (fastestKernel(dimension_) != Kernel::amx)
        return;
    const Eigen::Index chunks = splittiles::chunks(dimension_);
    split_.assign(std::size_t(paddedRows_ / panelRows * chunks * 2 * tileNumbers), 0);
    for (Eigen::Index j = 0; j < rows_; ++j) {
        std::uint16_t* block = split_.data() + j / panelRows * chunks * 2 * tileNumbers + j % panelRows * 2;
        for (Eigen::Index k = 0; k < dimension_; ++k) // pair k / 2 of the chunk: row (k % 32) / 2
            splitInto(rounded(j, k), block + k / tileDepth * 2 * tileNumbers + k % tileDepth / 2 * 32 + k % 2);
    }
}

void PackedQueries::pack(const FloatPanels& points, Eigen::Index first, Eigen::Index count)
{
    Kernel kernel = fastestKernel(points.dimension());
    if (kernel == Kernel::amx && !points.splitInBfloat16())
        kernel = Kernel::avx512; // built while AMX was off
    kernel_ = int(kernel);
    count_ = count;
    dimension_ = points.dimension();
    if (kernel == Kernel::amx) {
        const Eigen::Index chunks = splittiles::chunks(dimension_);
        block_ = 32;
        blocks_ = (count + block_ - 1) / block_;
        split_.assign(std::size_t(blocks_ * 2 * chunks * 2 * tileNumbers), 0);
        data_.assign(std::size_t(blocks_ * block_), 0.0f); // the squared norms
        for (Eigen::Index t = 0; t < count; ++t) {
            const Eigen::Index query = first + t;
            const float* panel = points.panels() + query / panelRows * panelRows * dimension_ + query % panelRows;
            std::uint16_t* row = split_.data() + t / 16 * chunks * 2 * tileNumbers + t % 16 * tileDepth;
            for (Eigen::Index k = 0; k < dimension_; ++k)
                splitInto(panel[k * panelRows], row + k / tileDepth * 2 * tileNumbers + k % tileDepth);
            data_[std::size_t(t)] = points.squaredNorms()[query];
        }
        return;
    }
    block_ = kernel == Kernel::avx512 ? 12 : kernel == Kernel::avx2 ? 6 : 1;
    blocks_ = (count + block_ - 1) / block_;
    data_.assign(std::size_t(blocks_ * block_ * (dimension_ + 1)), 0.0f);
    float* norms = data_.data() + blocks_ * block_ * dimension_;
    for (Eigen::Index t = 0; t < count; ++t) {
        const Eigen::Index query = first + t;
        const float* panel = points.panels() + query / panelRows * panelRows * dimension_ + query % panelRows;
        float* packed = data_.data() + t / block_ * block_ * dimension_ + t % block_;
        for (Eigen::Index k = 0; k < dimension_; ++k)
            packed[k * block_] = panel[k * panelRows];
        norms[t] = points.squaredNorms()[query];
    }
}

void floatDistances(const FloatPanels& points, Eigen::Index firstRow, Eigen::Index rowCount,
                    const PackedQueries& queries, float* out, Eigen::Index outStride)
{
    const QueryBlocks blocks{queries.data_.data(), queries.data_.data() + queries.blocks_ * queries.block_ * queries.dimension_,
                             queries.blocks_};
    const Kernel kernel = Kernel(queries.kernel_);
    if (kernel == Kernel::amx) {
        const Eigen::Index blockNumbers = splittiles::chunks(points.dimension()) * 2 * tileNumbers;
        splittiles::distances(points.split() + firstRow / panelRows * blockNumbers, points.squaredNorms() + firstRow,
                              rowCount, points.dimension(),
                              {queries.split_.data(), queries.data_.data(), queries.blocks_, queries.count_}, out,
                              outStride);
        return;
    }
    const auto compute = kernel == Kernel::avx512 ? tileAvx512Wide : kernel == Kernel::avx2 ? tileAvx2 : tilePlain;
    compute(points.panels() + firstRow * points.dimension(), points.squaredNorms() + firstRow, rowCount,
            points.dimension(), blocks, out, outStride);
}

Eigen::Index keepAtMost(const float* row, Eigen::Index size, float threshold, std::int32_t first,
                        std::int32_t* kept, float* keptValues)
{
    const auto keep = avx512Available() ? keepAvx512 : avx2WithFmaAvailable() ? keepAvx2 : keepPlain;
    return keep(row, size, threshold, first, kept, keptValues);
}

const char* distanceKernelName(Eigen::Index dimension)
{
    switch (fastestKernel(dimension)) {
    case Kernel::amx: return "AMX";
    case Kernel::avx512: return "AVX-512";
    case Kernel::avx2: return "AVX2";
    case Kernel::plain: break;
    }
    return "plain";
}

bool avx2WithFmaAvailable()
{
    static const bool has = [] {
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }();
    return has;
}

} // namespace sme
