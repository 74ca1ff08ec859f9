// The R nearest points of a query, sorted, by a counting sort on distance buckets: what MAP@R
// reads, in time about linear in the number of points rather than N log N per query.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

namespace sme {

// A point near a query: its squared distance, and whether it is of the query's class.
struct Neighbour {
    double distance;
    bool relevant;
};

// Scratch space for one thread's queries, reused from one query to the next.
class NeighbourSelection {
public:
    // The r nearest points to query (itself excluded) and every further point within
    // tolerance of the r-th, in increasing distance (points at the same distance in no
    // particular order), from toQuery[j], the squared distance to point j. 1 <= r < points.
    // Three passes over the points (range, buckets, scatter) and one that sorts within buckets.
    std::span<const Neighbour> nearest(const double* toQuery, Eigen::Index query,
                                       std::span<const int> labels, std::ptrdiff_t r, double tolerance);

    // Every point but the query of the last call, nearest first by bucket (unsorted within
    // a bucket past those nearest returned): all a full scan needs.
    std::span<const Neighbour> everyOther() const { return nearest_; }

private:
    std::vector<std::uint32_t> bucketOfPoint_;
    std::vector<std::uint32_t> bucketEnd_;
    std::vector<std::uint32_t> largeBuckets_;
    std::vector<Neighbour> nearest_;
};

} // namespace sme
