// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/ExactProducts.h"

#include "model/base/CpuFeatures.h"
#include "model/base/HugePages.h"
#include "model/metrics/DistanceKernels.h"

#include <algorithm>
#include <cmath>
#include <immintrin.h>

// As in DistanceKernels.cpp: the kernels are this file's own functions, compiled for the
// instruction set their attribute names, touching raw pointers and intrinsics only (an Eigen or
// standard-library template instantiated inside could be the copy the linker keeps for all).
#define SME_TARGET_AVX512 __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,fma")))
#define SME_TARGET_AVX2 __attribute__((target("avx2,fma")))

namespace sme {
namespace {

// One step of a kernel: the dot products of a few queries with `rowsAtOnce` rows, into
// out[t * stride + p] for p < valid (the rows past valid repeat the last, and are not stored).
template <typename Scalar>
using Block = void (*)(const Scalar* const* queries, const Scalar* const* rows, Eigen::Index padded, double* out,
                       Eigen::Index stride, int valid);

// The masked forms with every lane on: the plain ones trip GCC 12's -Wuninitialized in its header.
constexpr auto all = __mmask8(0xff);

SME_TARGET_AVX512 inline __m512d eightAt(const double* at)
{
    return _mm512_loadu_pd(at);
}

SME_TARGET_AVX512 inline __m512d eightAt(const float* at)
{
    return _mm512_maskz_cvtps_pd(all, _mm256_loadu_ps(at));
}

// The sums of eight accumulators (lane l holding the partial sum of the coordinates k = l mod
// 8), lane p that of accumulator p, in the fixed order ((0 + 4) + (2 + 6)) + ((1 + 5) + (3 + 7)):
// the halves of two accumulators added into one register, then quarters, then neighbours.
SME_TARGET_AVX512 inline __m512d sumsOfEight(const __m512d* acc)
{
    __m512d halves[4]; // accumulators 2i and 2i + 1: lanes l + (l + 4), l < 4
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i)
        halves[i] = _mm512_add_pd(_mm512_maskz_shuffle_f64x2(all, acc[2 * i], acc[2 * i + 1], 0x44),
                                  _mm512_maskz_shuffle_f64x2(all, acc[2 * i], acc[2 * i + 1], 0xee));
    __m512d quarters[2]; // accumulators 4i .. 4i + 3: (0 + 2), (1 + 3) of the halves
#pragma GCC unroll 2
    for (int i = 0; i < 2; ++i)
        quarters[i] = _mm512_add_pd(_mm512_maskz_shuffle_f64x2(all, halves[2 * i], halves[2 * i + 1], 0x88),
                                    _mm512_maskz_shuffle_f64x2(all, halves[2 * i], halves[2 * i + 1], 0xdd));
    const __m512i even = _mm512_setr_epi64(0, 2, 4, 6, 8, 10, 12, 14);
    const __m512i odd = _mm512_setr_epi64(1, 3, 5, 7, 9, 11, 13, 15);
    return _mm512_add_pd(_mm512_permutex2var_pd(quarters[0], even, quarters[1]),
                         _mm512_permutex2var_pd(quarters[0], odd, quarters[1]));
}

// Q queries against 8 rows: 8 Q accumulators of 8 lanes (Q = 3: 24 of the 32 registers).
template <int Q, typename Scalar>
SME_TARGET_AVX512 void blockAvx512(const Scalar* const* queries, const Scalar* const* rows, Eigen::Index padded,
                                   double* out, Eigen::Index stride, int valid)
{
    __m512d acc[Q][8];
#pragma GCC unroll 3
    for (int t = 0; t < Q; ++t)
#pragma GCC unroll 8
        for (int p = 0; p < 8; ++p)
            acc[t][p] = _mm512_setzero_pd();
    for (Eigen::Index k = 0; k < padded; k += 8) {
        __m512d query[Q];
#pragma GCC unroll 3
        for (int t = 0; t < Q; ++t)
            query[t] = eightAt(queries[t] + k);
#pragma GCC unroll 8
        for (int p = 0; p < 8; ++p) {
            const __m512d row = eightAt(rows[p] + k);
#pragma GCC unroll 3
            for (int t = 0; t < Q; ++t)
                acc[t][p] = _mm512_fmadd_pd(row, query[t], acc[t][p]);
        }
    }
    const auto stored = __mmask8((1u << valid) - 1);
#pragma GCC unroll 3
    for (int t = 0; t < Q; ++t)
        _mm512_mask_storeu_pd(out + t * stride, stored, sumsOfEight(acc[t]));
}

// 8 pairs at once, pair p the product of lefts[p] and rights[p]: one accumulator each, in the
// order of blockAvx512 (a product's two factors commute, so left times right is right times
// left). 16 rows a step: load-bound, but no row waits for 7 others of one query.
template <typename Scalar>
SME_TARGET_AVX512 void pairsAvx512(const Scalar* const* lefts, const Scalar* const* rights, Eigen::Index padded,
                                   double* out, int valid)
{
    __m512d acc[8];
#pragma GCC unroll 8
    for (int p = 0; p < 8; ++p)
        acc[p] = _mm512_setzero_pd();
    for (Eigen::Index k = 0; k < padded; k += 8)
#pragma GCC unroll 8
        for (int p = 0; p < 8; ++p)
            acc[p] = _mm512_fmadd_pd(eightAt(rights[p] + k), eightAt(lefts[p] + k), acc[p]);
    _mm512_mask_storeu_pd(out, __mmask8((1u << valid) - 1), sumsOfEight(acc));
}

SME_TARGET_AVX2 inline __m256d fourAt(const double* at)
{
    return _mm256_loadu_pd(at);
}

SME_TARGET_AVX2 inline __m256d fourAt(const float* at)
{
    return _mm256_cvtps_pd(_mm_loadu_ps(at));
}

// One accumulator of 8 lanes held as lanes 0-3 (low) and 4-7 (high): the order of sumsOfEight.
SME_TARGET_AVX2 inline double sumOfEight(__m256d low, __m256d high)
{
    const __m256d halves = _mm256_add_pd(low, high);
    const __m128d quarters = _mm_add_pd(_mm256_castpd256_pd128(halves), _mm256_extractf128_pd(halves, 1));
    return _mm_cvtsd_f64(_mm_add_sd(quarters, _mm_unpackhi_pd(quarters, quarters)));
}

// Q queries against P rows, in two passes: lanes 0-3 of the 8 partial sums (coordinates k = l
// mod 8, l < 4), then lanes 4-7, each lane's chain in coordinate order as in sumsOfEight's
// accumulators. Q P accumulators and Q + 1 operands a pass (Q = P = 3: 13 of the 16
// registers), 6 loads for 9 fused multiply-adds; all 8 lanes at once took 2 accumulators a
// pair, and at 2 x 2 GCC took each query from memory for each row (12 loads for 8).
template <int Q, int P, typename Scalar>
SME_TARGET_AVX2 void blockAvx2(const Scalar* const* queries, const Scalar* const* rows, Eigen::Index padded,
                               double* out, Eigen::Index stride, int valid)
{
    __m256d sums[2][Q][P];
#pragma GCC unroll 2
    for (int half = 0; half < 2; ++half) {
        __m256d acc[Q][P];
#pragma GCC unroll 3
        for (int t = 0; t < Q; ++t)
#pragma GCC unroll 3
            for (int p = 0; p < P; ++p)
                acc[t][p] = _mm256_setzero_pd();
        for (Eigen::Index k = 4 * half; k < padded; k += 8) {
            __m256d query[Q];
#pragma GCC unroll 3
            for (int t = 0; t < Q; ++t)
                query[t] = fourAt(queries[t] + k);
#pragma GCC unroll 3
            for (int p = 0; p < P; ++p) {
                const __m256d row = fourAt(rows[p] + k);
#pragma GCC unroll 3
                for (int t = 0; t < Q; ++t)
                    acc[t][p] = _mm256_fmadd_pd(row, query[t], acc[t][p]);
            }
        }
#pragma GCC unroll 3
        for (int t = 0; t < Q; ++t)
#pragma GCC unroll 3
            for (int p = 0; p < P; ++p)
                sums[half][t][p] = acc[t][p];
    }
    for (int t = 0; t < Q; ++t)
        for (int p = 0; p < valid; ++p)
            out[t * stride + p] = sumOfEight(sums[0][t][p], sums[1][t][p]);
}

// 4 pairs at once, pair p the product of lefts[p] and rights[p]: the order of blockAvx2 (lanes
// 0-3 and 4-7 of its 8 partial sums in two registers). Load-bound as pairsAvx512, but each
// product computed once: through the one-query block kernel a pair was computed once for each
// of the rows it takes at a time (all of them the pair's).
template <typename Scalar>
SME_TARGET_AVX2 void pairsAvx2(const Scalar* const* lefts, const Scalar* const* rights, Eigen::Index padded,
                               double* out, int valid)
{
    __m256d acc[4][2];
#pragma GCC unroll 4
    for (int p = 0; p < 4; ++p)
        acc[p][0] = acc[p][1] = _mm256_setzero_pd();
    for (Eigen::Index k = 0; k < padded; k += 8)
#pragma GCC unroll 4
        for (int p = 0; p < 4; ++p) {
            acc[p][0] = _mm256_fmadd_pd(fourAt(rights[p] + k), fourAt(lefts[p] + k), acc[p][0]);
            acc[p][1] = _mm256_fmadd_pd(fourAt(rights[p] + k + 4), fourAt(lefts[p] + k + 4), acc[p][1]);
        }
    for (int p = 0; p < valid; ++p)
        out[p] = sumOfEight(acc[p][0], acc[p][1]);
}

// The same operations one product at a time, for a CPU without AVX2.
template <typename Scalar>
void blockPlain(const Scalar* const* queries, const Scalar* const* rows, Eigen::Index padded, double* out,
                Eigen::Index, int)
{
    double sums[8] = {};
    for (Eigen::Index k = 0; k < padded; k += 8)
        for (int l = 0; l < 8; ++l)
            sums[l] = std::fma(double(rows[0][k + l]), double(queries[0][k + l]), sums[l]);
    out[0] = ((sums[0] + sums[4]) + (sums[2] + sums[6])) + ((sums[1] + sums[5]) + (sums[3] + sums[7]));
}

template <typename Scalar>
struct Kernel {
    Block<Scalar> several; // `queriesAtOnce` queries a step
    Block<Scalar> one;     // the rest, one at a time
    Eigen::Index queriesAtOnce;
    Eigen::Index rowsAtOnce;
};

template <typename Scalar>
Kernel<Scalar> fastestKernel()
{
    if (avx512Available())
        return {blockAvx512<3, Scalar>, blockAvx512<1, Scalar>, 3, 8};
    if (avx2WithFmaAvailable())
        return {blockAvx2<3, 3, Scalar>, blockAvx2<1, 3, Scalar>, 3, 3};
    return {blockPlain<Scalar>, blockPlain<Scalar>, 1, 1};
}

// Rows asked of the caches before they are read: the next step's (at 100,000 x 128, 8 rows
// ahead was 10% faster than 24 or none).
constexpr Eigen::Index rowsAhead = 8;

template <typename Scalar>
void prefetchRow(const Scalar* row, Eigen::Index padded)
{
    const auto* begin = reinterpret_cast<const char*>(row);
    for (std::size_t line = 0; line < std::size_t(padded) * sizeof(Scalar); line += 64)
        __builtin_prefetch(begin + line);
}

// Rows taken at once by dotsOf (64 kB in double: they stay in the second-level cache while
// every query block reads them), and queries a block (a few kB: they stay in the first-level
// cache while the chunk's rows go past). Row by row over all of a tile's queries (384 rows
// of 1 kB, read from the second-level cache for every two rows), the AVX2 kernel ran at a
// fifth of its arithmetic's speed.
constexpr Eigen::Index rowsAChunk = 64;
constexpr Eigen::Index kernelStepsABlock = 6;

template <typename Scalar>
void dotsOf(const Scalar* points, Eigen::Index padded, std::span<const std::int32_t> queries,
            std::span<const std::int32_t> rows, double* out, Eigen::Index stride)
{
    const Kernel<Scalar> kernel = fastestKernel<Scalar>();
    const auto queryCount = Eigen::Index(queries.size());
    const auto rowCount = Eigen::Index(rows.size());
    const auto at = [&](std::int32_t point) { return points + Eigen::Index(point) * padded; };
    std::vector<const Scalar*> queryRows;
    queryRows.reserve(queries.size());
    for (const std::int32_t query : queries)
        queryRows.push_back(at(query));
    for (Eigen::Index u = 0; u < std::min(rowsAhead, rowCount); ++u)
        prefetchRow(at(rows[std::size_t(u)]), padded);
    const Eigen::Index queryBlock = kernelStepsABlock * kernel.queriesAtOnce;
    const Eigen::Index chunkRows = rowsAChunk / kernel.rowsAtOnce * kernel.rowsAtOnce; // whole steps
    const Scalar* block[8];
    for (Eigen::Index chunk = 0; chunk < rowCount; chunk += chunkRows) {
        const Eigen::Index chunkEnd = std::min(rowCount, chunk + chunkRows);
        for (Eigen::Index first = 0; first < queryCount; first += queryBlock) {
            const Eigen::Index last = std::min(queryCount, first + queryBlock);
            for (Eigen::Index u = chunk; u < chunkEnd; u += kernel.rowsAtOnce) {
                const auto valid = int(std::min(kernel.rowsAtOnce, chunkEnd - u));
                for (int p = 0; p < kernel.rowsAtOnce; ++p)
                    block[p] = at(rows[std::size_t(u + std::min(p, valid - 1))]);
                if (first == 0) // the chunk's first pass: the rows come from memory
                    for (Eigen::Index next = u + rowsAhead;
                         next < std::min(rowCount, u + rowsAhead + kernel.rowsAtOnce); ++next)
                        prefetchRow(at(rows[std::size_t(next)]), padded);
                Eigen::Index t = first;
                for (; t + kernel.queriesAtOnce <= last; t += kernel.queriesAtOnce)
                    kernel.several(queryRows.data() + t, block, padded, out + t * stride + u, stride, valid);
                for (; t < last; ++t)
                    kernel.one(queryRows.data() + t, block, padded, out + t * stride + u, stride, valid);
            }
        }
    }
}

template <typename Scalar>
void pairDotsOf(const Scalar* points, Eigen::Index padded, std::span<const std::int32_t> lefts,
                std::span<const std::int32_t> rights, double* out)
{
    const auto at = [&](std::int32_t point) { return points + Eigen::Index(point) * padded; };
    const auto count = Eigen::Index(lefts.size());
    if (!avx512Available() && !avx2WithFmaAvailable()) { // one pair at a time: the same operations
        for (Eigen::Index u = 0; u < count; ++u) {
            const Scalar* left = at(lefts[std::size_t(u)]);
            const Scalar* right = at(rights[std::size_t(u)]);
            blockPlain<Scalar>(&left, &right, padded, out + u, 0, 1);
        }
        return;
    }
    const Eigen::Index width = avx512Available() ? 8 : 4;
    const Scalar* left[8];
    const Scalar* right[8];
    for (Eigen::Index u = 0; u < count; u += width) {
        const auto valid = int(std::min<Eigen::Index>(width, count - u));
        for (int p = 0; p < width; ++p) {
            const auto pair = std::size_t(u + std::min(p, valid - 1));
            left[p] = at(lefts[pair]);
            right[p] = at(rights[pair]);
        }
        // The rights come in increasing order, a few pairs each: ask for the next step's first.
        if (u + width < count && rights[std::size_t(u + width)] != rights[std::size_t(u + width - 1)])
            prefetchRow(at(rights[std::size_t(u + width)]), padded);
        if (width == 8)
            pairsAvx512(left, right, padded, out + u, valid);
        else
            pairsAvx2(left, right, padded, out + u, valid);
    }
}

} // namespace

namespace {

// Whether every coordinate is a float (double(float(x)) == x), column by column, stopping at the
// first that is not.
bool allFloats(const Eigen::Ref<const Eigen::MatrixXd>& points)
{
    for (Eigen::Index k = 0; k < points.cols(); ++k)
        for (const double x : points.col(k))
            if (!(double(float(x)) == x))
                return false;
    return true;
}

// The points (column-major) into rows of `padded` (row-major out, its padding left as it is),
// each coordinate converted to T: 64 points at a time, each column's part of them read in one
// run. Taken point by point, each coordinate was a read 800 kB from the last (100,000 points):
// 0.53 s for 100,000 x 128, most of a retrieval's set-up on one thread.
template <class T>
void copyAsRows(const Eigen::Ref<const Eigen::MatrixXd>& points, T* out, Eigen::Index padded)
{
    constexpr Eigen::Index block = 64;
    for (Eigen::Index first = 0; first < points.rows(); first += block) {
        const Eigen::Index count = std::min(block, points.rows() - first);
        for (Eigen::Index k = 0; k < points.cols(); ++k) {
            const double* column = points.col(k).data() + first;
            for (Eigen::Index i = 0; i < count; ++i)
                out[(first + i) * padded + k] = T(column[i]);
        }
    }
}

} // namespace

ExactRows::ExactRows(const Eigen::Ref<const Eigen::MatrixXd>& points) : paddedDimension_((points.cols() + 7) / 8 * 8)
{
    const auto size = std::size_t(points.rows() * paddedDimension_);
    // Written for the first time here, 100 MB at 100,000 x 128 in double: in huge pages.
    if (allFloats(points)) {
        floatRows_.reserve(size);
        preferHugePages(floatRows_.data(), size * sizeof(float));
        floatRows_.assign(size, 0.0f);
        copyAsRows(points, floatRows_.data(), paddedDimension_);
    } else {
        doubleRows_.reserve(size);
        preferHugePages(doubleRows_.data(), size * sizeof(double));
        doubleRows_.assign(size, 0.0);
        copyAsRows(points, doubleRows_.data(), paddedDimension_);
    }
}

void ExactRows::pairDots(std::span<const std::int32_t> lefts, std::span<const std::int32_t> rights, double* out) const
{
    if (!floatRows_.empty())
        pairDotsOf(floatRows_.data(), paddedDimension_, lefts, rights, out);
    else
        pairDotsOf(doubleRows_.data(), paddedDimension_, lefts, rights, out);
}

void ExactRows::dots(std::span<const std::int32_t> queries, std::span<const std::int32_t> rows, double* out,
                     Eigen::Index outStride) const
{
    if (!floatRows_.empty())
        dotsOf(floatRows_.data(), paddedDimension_, queries, rows, out, outStride);
    else
        dotsOf(doubleRows_.data(), paddedDimension_, queries, rows, out, outStride);
}

} // namespace sme
