// Explicit randomness: the generator type every random function of the core takes.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <random>

namespace sme {

// One generator type for the whole core; seeded by the caller, never from the clock.
using Rng = std::mt19937_64;

// A generator for one independent stream of a seed: draws for one purpose (batches, weights,
// a sampler) do not shift when another purpose draws more or less.
Rng seededStream(std::uint64_t seed, std::uint64_t stream);

// Fills every entry of m with an independent standard normal draw.
void fillStandardNormal(Eigen::Ref<Eigen::MatrixXd> m, Rng& rng);

// A uniform index in [0, count).
std::size_t uniformIndex(std::size_t count, Rng& rng);

// A uniform double in [0, 1).
double uniformUnit(Rng& rng);

} // namespace sme
