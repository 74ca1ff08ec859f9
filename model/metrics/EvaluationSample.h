// Which held-out points a live evaluation scores: a fixed, class-stratified sample.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace sme {

// The rows, ascending, of a class-stratified sample of `count` of labels' rows: each class gets
// its share of count (rounded by largest remainder, ties to the class seen first), at least two
// members where it has two (a class needs a second member for any query of it to count), drawn
// uniformly without replacement from stream 20 of seed. Every row when count is 0 or at least
// labels.size(). The same labels, count and seed give the same rows: evaluations on the sample
// are comparable along a run.
std::vector<Eigen::Index> stratifiedSample(std::span<const int> labels, std::size_t count,
                                           std::uint64_t seed);

} // namespace sme
