// The AMX kernel of the candidate retrieval's float distances: each float coordinate split into
// two bfloat16 numbers, their products summed in AMX tiles (see FloatPanels, floatDistances).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>
#include <cstdint>

namespace sme::splittiles {

// The operands: tiles of 16 rows of 64 bytes (512 bfloat16 numbers), 32 coordinates deep.
constexpr Eigen::Index tileNumbers = 512;
constexpr Eigen::Index tileDepth = 32;

// The tiles' depth steps for points of this dimension (padded with zeros).
constexpr Eigen::Index chunks(Eigen::Index dimension) { return (dimension + tileDepth - 1) / tileDepth; }

// hi = bf16(x) and lo = bf16(x - hi), both rounded to nearest (ties to even), into hi[0] and
// hi[tileNumbers]: x - hi is exact (hi is within 2^-8 |x| of x, so their difference has at most
// 16 significant bits), and |x - hi - lo| <= 2^-16 |x|.
void splitInto(float x, std::uint16_t* hi);

// The queries: for each 16 queries and 32 coordinates, an A tile of 16 rows (queries) of 32
// coordinates, hi's then lo's; the blocks of 16 in pairs (zeros past the count).
struct Queries {
    const std::uint16_t* tiles;
    const float* squaredNorms;
    Eigen::Index pairs; // of 16-query blocks
    Eigen::Index count;
};

// floatDistances' AMX kernel: the points' B tiles (FloatPanels::split, from the first of rows,
// a multiple of 32) against the queries', query t's distance to point j at tile[t * stride + j]
// for t < count. Only when amxAvailable().
void distances(const std::uint16_t* points, const float* pointNorms, Eigen::Index rows, Eigen::Index dimension,
               Queries queries, float* tile, Eigen::Index stride);

} // namespace sme::splittiles
