// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/StepKernels.h"

#include <immintrin.h>

// Run-time dispatch (ARCHITECTURE.md): every function compiled for AVX-512 is this file's own,
// marked with the target below, and calls no Eigen or other inline library template (one
// compiled for AVX-512 could be the copy the linker keeps for everyone). Intrinsics only.
// GCC 12 warns of an uninitialised value inside its own intrinsics (their unused pass-through
// operand, _mm512_undefined_ps()), wherever they are inlined: nothing of ours.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif

#define SME_AVX512_KERNEL __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,fma")))
// The pieces of a kernel: inlined, so that the tile's sums stay in registers.
#define SME_AVX512_INLINE SME_AVX512_KERNEL __attribute__((always_inline)) inline

namespace sme::stepkernels {
namespace {

constexpr int lanes = 16;

// The mask of the first count lanes (count 1 to 16).
SME_AVX512_INLINE __mmask16 firstLanes(Index count)
{
    return count >= lanes ? __mmask16(0xffff) : __mmask16((1u << count) - 1u);
}

// ---- forward: X W read along the depth, reduced at the end ----------------------------------

// The lane indices of one level of the reduction tree: x and y hold 16 / (2 g) items of 2 g
// partial sums each; the two permutations pick the first and the last g of every item's, x's
// items then y's, so that their sum holds twice the items of g partial sums, in order.
struct TreeLevel {
    alignas(64) int first[lanes];
    alignas(64) int second[lanes];
};

constexpr TreeLevel treeLevel(int g)
{
    TreeLevel level{};
    for (int lane = 0; lane < lanes; ++lane) {
        const int source = lane < 8 ? 0 : lanes, local = lane % 8;
        level.first[lane] = source + (local / g) * 2 * g + local % g;
        level.second[lane] = level.first[lane] + g;
    }
    return level;
}

constexpr TreeLevel treeLevels[4] = {treeLevel(8), treeLevel(4), treeLevel(2), treeLevel(1)};

SME_AVX512_INLINE __m512 addPair(__m512 x, __m512 y, const TreeLevel& level)
{
    const __m512i first = _mm512_load_si512(level.first), second = _mm512_load_si512(level.second);
    return _mm512_add_ps(_mm512_permutex2var_ps(x, first, y), _mm512_permutex2var_ps(x, second, y));
}

// Lane i of the result is the sum of the lanes of sums[i] (overwrites sums): 15 additions and
// 30 permutations for 16 sums, in a fixed order.
SME_AVX512_INLINE __m512 sumEach(__m512 (&sums)[lanes])
{
    int count = lanes;
    for (const TreeLevel& level : treeLevels) {
        count /= 2;
        for (int i = 0; i < count; ++i)
            sums[i] = addPair(sums[2 * i], sums[2 * i + 1], level);
    }
    return sums[0];
}

// Where forwardProduct's results go, and what is added to them.
struct ForwardOutput {
    float* out;
    Index columns;
    bool transposed;
    const float* bias;
    bool relu;
};

// out[r0 .. r0 + Rows, j0 .. j0 + Columns) (at most 4 x 4: the 16 sums of one reduction).
template <int Rows, int Columns>
SME_AVX512_KERNEL void forwardTile(const float* xt, const float* w, Index rows, Index depth,
                                   Index r0, Index j0, const ForwardOutput& output)
{
    __m512 sums[lanes];
    for (__m512& sum : sums)
        sum = _mm512_setzero_ps();
    const float* x = xt + r0 * depth;
    const float* wj = w + j0 * depth;
    Index k = 0;
    for (; k + lanes <= depth; k += lanes) {
        __m512 xk[Rows];
        for (int r = 0; r < Rows; ++r)
            xk[r] = _mm512_loadu_ps(x + r * depth + k);
        for (int c = 0; c < Columns; ++c) {
            const __m512 wk = _mm512_loadu_ps(wj + c * depth + k);
            for (int r = 0; r < Rows; ++r)
                sums[4 * c + r] = _mm512_fmadd_ps(xk[r], wk, sums[4 * c + r]);
        }
    }
    if (k < depth) { // the depth's last partial packet: lanes beyond it load as zero
        const __mmask16 mask = firstLanes(depth - k);
        for (int c = 0; c < Columns; ++c) {
            const __m512 wk = _mm512_maskz_loadu_ps(mask, wj + c * depth + k);
            for (int r = 0; r < Rows; ++r)
                sums[4 * c + r] = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(mask, x + r * depth + k), wk,
                                                  sums[4 * c + r]);
        }
    }
    __m512 result = sumEach(sums); // lane 4 c + r: out(r0 + r, j0 + c)
    const float* bias = output.bias;
    if (bias) { // bias[j0 + c] into lanes 4 c .. 4 c + 3
        const __m512 four = _mm512_zextps128_ps512(_mm_maskz_loadu_ps(__mmask8((1u << Columns) - 1u), bias + j0));
        const __m512i spread = _mm512_set_epi32(3, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 0, 0, 0, 0);
        result = _mm512_add_ps(result, _mm512_permutexvar_ps(spread, four));
    }
    if (output.relu)
        result = _mm512_max_ps(result, _mm512_setzero_ps());
    alignas(64) float values[lanes];
    if (output.transposed) { // lane 4 r + c, then each row's columns in one store
        const __m512i transpose = _mm512_set_epi32(15, 11, 7, 3, 14, 10, 6, 2, 13, 9, 5, 1, 12, 8, 4, 0);
        _mm512_store_ps(values, _mm512_permutexvar_ps(transpose, result));
        for (int r = 0; r < Rows; ++r)
            _mm_mask_storeu_ps(output.out + (r0 + r) * output.columns + j0, __mmask8((1u << Columns) - 1u),
                               _mm_load_ps(values + 4 * r));
    } else {
        _mm512_store_ps(values, result);
        for (int c = 0; c < Columns; ++c)
            _mm_mask_storeu_ps(output.out + (j0 + c) * rows + r0, __mmask8((1u << Rows) - 1u),
                               _mm_load_ps(values + 4 * c));
    }
}

template <int Rows>
SME_AVX512_KERNEL void forwardRows(const float* xt, const float* w, Index rows, Index depth,
                                   Index r0, Index j0, const ForwardOutput& output)
{
    switch (output.columns - j0 < 4 ? output.columns - j0 : 4) {
    case 1: forwardTile<Rows, 1>(xt, w, rows, depth, r0, j0, output); break;
    case 2: forwardTile<Rows, 2>(xt, w, rows, depth, r0, j0, output); break;
    case 3: forwardTile<Rows, 3>(xt, w, rows, depth, r0, j0, output); break;
    default: forwardTile<Rows, 4>(xt, w, rows, depth, r0, j0, output); break;
    }
}

// ---- products read down their output's columns: the weights' and the inputs' gradients -----

struct StoreInto {
    float* g;
    const float* mask;

    template <int Packets, int Columns>
    SME_AVX512_INLINE void apply(const ColumnProduct& f, Index k0, Index c0, __mmask16 lastMask,
                                        const __m512 (&sums)[Columns][Packets])
    {
        for (int c = 0; c < Columns; ++c)
            for (int p = 0; p < Packets; ++p) {
                const Index at = (c0 + c) * f.height + k0 + p * lanes;
                const __mmask16 lanesHere = p + 1 < Packets ? __mmask16(0xffff) : lastMask;
                __m512 value = sums[c][p];
                if (mask) // NaN is not positive: zero, as Eigen's select of (x > 0)
                    value = _mm512_maskz_mov_ps(_mm512_cmp_ps_mask(_mm512_maskz_loadu_ps(lanesHere, mask + at),
                                                                   _mm512_setzero_ps(), _CMP_GT_OQ),
                                                value);
                _mm512_mask_storeu_ps(g + at, lanesHere, value);
            }
    }
    template <int Packets, int Columns>
    void during(const ColumnProduct&, Index, Index, Index) {}
    void finish() {}
};

// Adam's update takes a square root and a division per element, which run beside the
// multiply-adds: so each tile's update is deferred and done one packet per step of the next
// tile's sums (a tile has 24 packets, a sum over a batch of 25 or more steps), the divisions
// hidden under the multiply-adds instead of following them.
struct UpdateWithAdam {
    static constexpr int most = 4 * 6; // packets of the largest tile
    AdamUpdate adam;
    __m512 largest;   // of |p|
    __m512 nonFinite; // the sum of 0 * p: NaN once any p is not finite
    __m512 gradients[most];
    Index offsets[most];
    __mmask16 lanesOf[most];
    int pending = 0;

    SME_AVX512_INLINE void update(int i)
    {
        const __mmask16 lanesHere = lanesOf[i];
        float* p = adam.p + offsets[i];
        float* m = adam.m + offsets[i];
        float* v = adam.v + offsets[i];
        const __m512 g = gradients[i];
        const bool whole = lanesHere == __mmask16(0xffff); // unmasked moves are the faster
        __m512 pp = whole ? _mm512_loadu_ps(p) : _mm512_maskz_loadu_ps(lanesHere, p);
        __m512 mm = whole ? _mm512_loadu_ps(m) : _mm512_maskz_loadu_ps(lanesHere, m);
        __m512 vv = whole ? _mm512_loadu_ps(v) : _mm512_maskz_loadu_ps(lanesHere, v);
        // As Adam.cpp's adamUpdate, operation for operation: the same m and v; p differs in its
        // last bits only through the square root, exact here, Eigen's estimate and Newton
        // step there (EIGEN_FAST_MATH; slower here than the exact one, beside the sums).
        mm = _mm512_fmadd_ps(_mm512_set1_ps(adam.beta1), mm, _mm512_mul_ps(_mm512_set1_ps(1.0f - adam.beta1), g));
        vv = _mm512_fmadd_ps(_mm512_set1_ps(adam.beta2), vv,
                             _mm512_mul_ps(_mm512_set1_ps(1.0f - adam.beta2), _mm512_mul_ps(g, g)));
        pp = _mm512_sub_ps(pp, _mm512_div_ps(_mm512_mul_ps(_mm512_set1_ps(adam.stepSize), mm),
                                             _mm512_add_ps(_mm512_sqrt_ps(vv), _mm512_set1_ps(adam.epsilon))));
        if (whole) {
            _mm512_storeu_ps(p, pp);
            _mm512_storeu_ps(m, mm);
            _mm512_storeu_ps(v, vv);
        } else {
            _mm512_mask_storeu_ps(p, lanesHere, pp);
            _mm512_mask_storeu_ps(m, lanesHere, mm);
            _mm512_mask_storeu_ps(v, lanesHere, vv);
        }
        largest = _mm512_max_ps(largest, _mm512_abs_ps(pp));
        nonFinite = _mm512_add_ps(nonFinite, _mm512_mul_ps(pp, _mm512_setzero_ps()));
    }

    // At step t of a tile's sums: one packet of the tile before, and a cache line of this tile's
    // parameter and moments asked for (2.4 MB for 784 x 256 weights, more than the second-level
    // cache, in the 6 x 3 sequential streams of a block of columns). On the machine of sessions
    // 9-11 the hardware's own fetching ahead did better than asking; on this project's Xeon
    // (family 6 model 207) asking one tile ahead cut Adam's share from 1.46-1.51 to 1.38-1.46
    // times the products (bench_training, interleaved); two tiles ahead, into the second-level
    // cache only, or past the caches (non-temporal) did less.
    template <int Packets, int Columns>
    SME_AVX512_INLINE void during(const ColumnProduct& f, Index t, Index k0, Index c0)
    {
        if (t < pending)
            update(int(t));
        if (t < Packets * Columns) { // this tile's parameter and moments, for the next tile's steps
            const Index at = (c0 + t / Packets) * f.height + k0 + t % Packets * lanes;
            _mm_prefetch(reinterpret_cast<const char*>(adam.p + at), _MM_HINT_T0);
            _mm_prefetch(reinterpret_cast<const char*>(adam.m + at), _MM_HINT_T0);
            _mm_prefetch(reinterpret_cast<const char*>(adam.v + at), _MM_HINT_T0);
        }
    }

    // After the sums over `inner` steps: the rest of the tile before, then this tile waits.
    template <int Packets, int Columns>
    SME_AVX512_INLINE void apply(const ColumnProduct& f, Index k0, Index c0, __mmask16 lastMask,
                                        const __m512 (&sums)[Columns][Packets])
    {
        for (Index i = f.inner; i < pending; ++i)
            update(int(i));
        pending = 0;
        for (int c = 0; c < Columns; ++c)
            for (int p = 0; p < Packets; ++p, ++pending) {
                gradients[pending] = sums[c][p];
                offsets[pending] = (c0 + c) * f.height + k0 + p * lanes;
                lanesOf[pending] = p + 1 < Packets ? __mmask16(0xffff) : lastMask;
            }
    }

    SME_AVX512_INLINE void finish()
    {
        for (int i = 0; i < pending; ++i)
            update(i);
        pending = 0;
    }
};

// The tile of G of Packets x 16 rows from k0 (the last packet cut to lastMask: zero in the
// other lanes) and Columns columns from c0, summed in registers, then handed to the epilogue.
template <int Packets, int Columns, class Epilogue>
SME_AVX512_INLINE void columnTile(const ColumnProduct& f, Index k0, Index c0, __mmask16 lastMask,
                                         Epilogue& epilogue)
{
    // Locals, not f's members, and an array never passed on: else GCC keeps the sums in
    // memory and stores all of them at every step of the loop.
    __m512 sums[Columns][Packets];
#pragma GCC unroll 8
    for (int c = 0; c < Columns; ++c)
#pragma GCC unroll 4
        for (int p = 0; p < Packets; ++p)
            sums[c][p] = _mm512_setzero_ps();
    const Index inner = f.inner, height = f.height, bInnerStride = f.bInnerStride, bColumnStride = f.bColumnStride;
    const float* a = f.a + k0;
    const float* b = f.b + c0 * bColumnStride;
    for (Index t = 0; t < inner; ++t, a += height, b += bInnerStride) {
        epilogue.template during<Packets, Columns>(f, t, k0, c0);
        __m512 at[Packets];
#pragma GCC unroll 4
        for (int p = 0; p + 1 < Packets; ++p)
            at[p] = _mm512_loadu_ps(a + p * lanes);
        at[Packets - 1] = _mm512_maskz_loadu_ps(lastMask, a + (Packets - 1) * lanes);
#pragma GCC unroll 8
        for (int c = 0; c < Columns; ++c) {
            const __m512 bt = _mm512_set1_ps(b[c * bColumnStride]);
#pragma GCC unroll 4
            for (int p = 0; p < Packets; ++p)
                sums[c][p] = _mm512_fmadd_ps(at[p], bt, sums[c][p]);
        }
    }
    __m512 tile[Columns][Packets]; // a copy: the sums' own array must not escape (see above)
#pragma GCC unroll 8
    for (int c = 0; c < Columns; ++c)
#pragma GCC unroll 4
        for (int p = 0; p < Packets; ++p)
            tile[c][p] = sums[c][p];
    epilogue.apply(f, k0, c0, lastMask, tile);
}

// Every row of the columns [c0, c0 + Columns): strips of 4 packets (64 rows of G), then the
// rows left, the last packet cut to their number.
template <int Columns, class Epilogue>
SME_AVX512_KERNEL void columnBlock(const ColumnProduct& f, Index c0, Epilogue& epilogue)
{
    constexpr Index strip = 4 * lanes;
    Index k0 = 0;
    for (; k0 + strip <= f.height; k0 += strip)
        columnTile<4, Columns>(f, k0, c0, __mmask16(0xffff), epilogue);
    const Index left = f.height - k0;
    if (left == 0)
        return;
    const Index packets = (left + lanes - 1) / lanes;
    const __mmask16 lastMask = firstLanes(left - (packets - 1) * lanes);
    switch (packets) {
    case 1: columnTile<1, Columns>(f, k0, c0, lastMask, epilogue); break;
    case 2: columnTile<2, Columns>(f, k0, c0, lastMask, epilogue); break;
    default: columnTile<3, Columns>(f, k0, c0, lastMask, epilogue); break;
    }
}

// Blocks of 6 columns (4 x 6 sums in registers, of AVX-512's 32) outermost, each walked down
// its rows: G (and Adam's parameter and moments) is then read and written in 6 sequential
// streams, which the hardware fetches ahead; A (the batch's inputs) stays in the second-level
// cache.
template <class Epilogue>
SME_AVX512_KERNEL void columnProductWith(const ColumnProduct& f, Epilogue& epilogue)
{
    constexpr Index width = 6;
    Index c0 = 0;
    for (; c0 + width <= f.columns; c0 += width)
        columnBlock<width>(f, c0, epilogue);
    switch (f.columns - c0) {
    case 1: columnBlock<1>(f, c0, epilogue); break;
    case 2: columnBlock<2>(f, c0, epilogue); break;
    case 3: columnBlock<3>(f, c0, epilogue); break;
    case 4: columnBlock<4>(f, c0, epilogue); break;
    case 5: columnBlock<5>(f, c0, epilogue); break;
    default: break;
    }
    epilogue.finish();
}

} // namespace

SME_AVX512_KERNEL void forwardProduct(const float* xt, const float* w, Index rows, Index depth,
                                      Index columns, float* out, const float* bias, bool relu,
                                      bool transposedOut)
{
    const ForwardOutput output{out, columns, transposedOut, bias, relu};
    // Columns outermost: a block of 4 columns of W (4 x depth) stays in cache for every row.
    for (Index j0 = 0; j0 < columns; j0 += 4) {
        Index r0 = 0;
        for (; r0 + 4 <= rows; r0 += 4)
            forwardRows<4>(xt, w, rows, depth, r0, j0, output);
        switch (rows - r0) {
        case 1: forwardRows<1>(xt, w, rows, depth, r0, j0, output); break;
        case 2: forwardRows<2>(xt, w, rows, depth, r0, j0, output); break;
        case 3: forwardRows<3>(xt, w, rows, depth, r0, j0, output); break;
        default: break;
        }
    }
}

SME_AVX512_KERNEL void columnProduct(const ColumnProduct& product, float* g, const float* mask)
{
    StoreInto store{g, mask};
    columnProductWith(product, store);
}

SME_AVX512_KERNEL float columnProductAdam(const ColumnProduct& product, const AdamUpdate& adam)
{
    UpdateWithAdam update;
    update.adam = adam;
    update.largest = update.nonFinite = _mm512_setzero_ps();
    columnProductWith(product, update);
    const float nonFinite = _mm512_reduce_add_ps(update.nonFinite);
    return __builtin_isnan(nonFinite) ? nonFinite : _mm512_reduce_max_ps(update.largest);
}

} // namespace sme::stepkernels
