// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/SplitTiles.h"

#include <bit>
#include <immintrin.h>

// As in DistanceKernels.cpp: the kernel is compiled for AMX (and AVX-512 for its last step),
// called only when amxAvailable(), and touches raw pointers and intrinsics only.
#define SME_TARGET_AMX __attribute__((target("amx-tile,amx-bf16,avx512f,avx512bw,avx512dq,avx512vl,fma")))
#define SME_AMX_INLINE SME_TARGET_AMX __attribute__((always_inline)) inline

namespace sme::splittiles {
namespace {

// x rounded to the nearest bfloat16, ties to even: the upper half of its float bits.
std::uint16_t toBfloat16(float x)
{
    auto bits = std::bit_cast<std::uint32_t>(x);
    bits += 0x7fffu + ((bits >> 16) & 1u);
    return std::uint16_t(bits >> 16);
}

float fromBfloat16(std::uint16_t x) { return std::bit_cast<float>(std::uint32_t(x) << 16); }

struct TileConfig {
    std::uint8_t palette = 1;
    std::uint8_t startRow = 0;
    std::uint8_t reserved[14] = {};
    std::uint16_t bytesPerRow[16] = {};
    std::uint8_t rows[16] = {};
};
static_assert(sizeof(TileConfig) == 64);

// The tiles: 0 to 3 accumulate 32 queries x 32 points (0: the first 16 of each, 1: the first
// queries and second points, ...), 4 and 5 hold 16 queries each, 6 and 7 16 points each.
SME_AMX_INLINE void loadQueries(const std::uint16_t* first, const std::uint16_t* second)
{
    _tile_loadd(4, first, 64);
    _tile_loadd(5, second, 64);
}

SME_AMX_INLINE void loadPoints(const std::uint16_t* first, const std::uint16_t* second)
{
    _tile_loadd(6, first, 64);
    _tile_loadd(7, second, 64);
}

SME_AMX_INLINE void multiplyInto()
{
    _tile_dpbf16ps(0, 4, 6);
    _tile_dpbf16ps(1, 4, 7);
    _tile_dpbf16ps(2, 5, 6);
    _tile_dpbf16ps(3, 5, 7);
}

} // namespace

// The points' B tiles (see FloatPanels) against the queries' A tiles, both split. Four
// accumulators (32 queries x 32 points), two A and two B tiles; for each 32 coordinates hi.hi,
// hi.lo, lo.hi, ten tile loads for twelve products. The dot products leave the tiles through
// a scratch block, then fma(-2, x.q, |x|^2 + |q|^2) and the clamp as on the float kernels.
SME_TARGET_AMX void distances(const std::uint16_t* points, const float* pointNorms, Eigen::Index rows,
                             Eigen::Index dimension, Queries queries, float* tile, Eigen::Index stride)
{
    alignas(64) TileConfig config;
    for (int i = 0; i < 8; ++i) {
        config.bytesPerRow[i] = 64;
        config.rows[i] = 16;
    }
    _tile_loadconfig(&config);
    const Eigen::Index depth = chunks(dimension);
    const Eigen::Index blockNumbers = depth * 2 * tileNumbers; // one 16-row block, all coordinates
    alignas(64) float dots[32][32];
    const __m512 minusTwo = _mm512_set1_ps(-2.0f);
    const __m512 zero = _mm512_setzero_ps();
    constexpr auto all = __mmask16(0xffff);
    for (Eigen::Index p = 0; p < rows; p += 32) {
        const std::uint16_t* first = points + p / 16 * blockNumbers;
        const std::uint16_t* second = first + blockNumbers;
        for (Eigen::Index g = 0; g < queries.pairs; ++g) {
            const std::uint16_t* upper = queries.tiles + 2 * g * blockNumbers;
            const std::uint16_t* lower = upper + blockNumbers;
            _tile_zero(0);
            _tile_zero(1);
            _tile_zero(2);
            _tile_zero(3);
            for (Eigen::Index c = 0; c < depth; ++c) {
                const Eigen::Index hi = c * 2 * tileNumbers;
                const Eigen::Index lo = hi + tileNumbers;
                loadQueries(upper + hi, lower + hi);
                loadPoints(first + hi, second + hi);
                multiplyInto();
                loadPoints(first + lo, second + lo);
                multiplyInto();
                loadQueries(upper + lo, lower + lo);
                loadPoints(first + hi, second + hi);
                multiplyInto();
            }
            _tile_stored(0, &dots[0][0], 128);
            _tile_stored(1, &dots[0][16], 128);
            _tile_stored(2, &dots[16][0], 128);
            _tile_stored(3, &dots[16][16], 128);
            const __m512 firstNorms = _mm512_loadu_ps(pointNorms + p);
            const __m512 secondNorms = _mm512_loadu_ps(pointNorms + p + 16);
            const Eigen::Index wanted = queries.count - 32 * g < 32 ? queries.count - 32 * g : 32;
            for (Eigen::Index t = 0; t < wanted; ++t) {
                const __m512 queryNorm = _mm512_set1_ps(queries.squaredNorms[32 * g + t]);
                float* out = tile + (32 * g + t) * stride + p;
                _mm512_storeu_ps(out, _mm512_maskz_max_ps(all,
                    _mm512_fmadd_ps(minusTwo, _mm512_load_ps(dots[t]), _mm512_add_ps(firstNorms, queryNorm)), zero));
                _mm512_storeu_ps(out + 16, _mm512_maskz_max_ps(all,
                    _mm512_fmadd_ps(minusTwo, _mm512_load_ps(dots[t] + 16), _mm512_add_ps(secondNorms, queryNorm)),
                    zero));
            }
        }
    }
    _tile_release();
}

void splitInto(float x, std::uint16_t* hi)
{
    hi[0] = toBfloat16(x);
    hi[tileNumbers] = toBfloat16(x - fromBfloat16(hi[0]));
}

} // namespace sme::splittiles
