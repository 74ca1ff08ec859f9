// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/NeighbourSelection.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <utility>

namespace sme {
namespace {

// Buckets of equal width between the smallest and the largest distance: the map from a
// distance to its bucket, floor((d - low) * scale) capped at the last, is monotone (each
// floating-point step is), so points in a lower bucket are never farther.
struct Buckets {
    double low = 0.0;
    double scale = 0.0;
    std::uint32_t count = 1;

    std::uint32_t of(double distance) const
    {
        return std::uint32_t(std::min((distance - low) * scale, double(count - 1)));
    }
};

// The smallest and largest distance to the other points, vectorised.
Buckets bucketsFor(const double* toQuery, Eigen::Index query, Eigen::Index size)
{
    const Eigen::Map<const Eigen::VectorXd> all(toQuery, size);
    double low = std::numeric_limits<double>::infinity();
    double high = 0.0;
    for (const auto& part : {all.head(query), all.tail(size - query - 1)})
        if (part.size() > 0) {
            low = std::min(low, part.minCoeff());
            high = std::max(high, part.maxCoeff());
        }
    // About four points a bucket: few enough that a bucket's own sort costs little, few
    // enough buckets that clearing them costs little.
    Buckets buckets;
    buckets.count = std::uint32_t(std::clamp<std::uint64_t>(std::bit_ceil(std::uint64_t(size)), 1, 1 << 16));
    buckets.low = low;
    if (high > low)
        buckets.scale = double(buckets.count) / (high - low);
    return buckets;
}

// Sorts points already in order of bucket (a counting sort's output) by distance: each moved
// back past the farther ones before it, which are of its bucket (a lower bucket's points are
// never farther). Most buckets hold a point or two (about 0.7 a bucket), so a point mostly
// stays where it is, on a branch that is predicted: one pass over the points, where a sort of
// each bucket in turn walked every bucket (most of them empty) and mispredicted at each.
void sortInOrderOfBucket(Neighbour* first, Neighbour* last)
{
    for (Neighbour* next = first + 1; next < last; ++next) {
        if (!(next->distance < next[-1].distance))
            continue;
        const Neighbour moving = *next;
        Neighbour* place = next;
        for (; place > first && moving.distance < place[-1].distance; --place)
            *place = place[-1];
        *place = moving;
    }
}

} // namespace

std::span<const Neighbour> NeighbourSelection::nearest(const double* toQuery, Eigen::Index query,
                                                       std::span<const int> labels, std::ptrdiff_t r,
                                                       double tolerance)
{
    const auto size = Eigen::Index(labels.size());
    const int label = labels[std::size_t(query)];
    const Buckets buckets = bucketsFor(toQuery, query, size);

    const auto others = [&](auto&& visit) { // every point but the query, without a test each
        for (Eigen::Index j = 0; j < query; ++j)
            visit(j);
        for (Eigen::Index j = query + 1; j < size; ++j)
            visit(j);
    };

    // A counting sort of the other points by bucket, then the points up to the r-th nearest's
    // bucket (and any past it that the tolerance reaches) sorted within their buckets.
    bucketOfPoint_.resize(std::size_t(size));
    bucketEnd_.assign(buckets.count, 0);
    others([&](Eigen::Index j) {
        const std::uint32_t bucket = buckets.of(toQuery[j]);
        bucketOfPoint_[std::size_t(j)] = bucket;
        ++bucketEnd_[bucket];
    });
    std::uint32_t last = 0; // the bucket of the r-th nearest
    for (std::uint32_t before = 0; before + bucketEnd_[last] < std::uint32_t(r); ++last)
        before += bucketEnd_[last];
    // The buckets' starts, and the few that hold many points (sorted alone first: moved one by
    // one, a bucket of n points costs up to n^2 / 2 moves).
    std::uint32_t start = 0;
    largeBuckets_.clear();
    for (std::uint32_t b = 0; b < buckets.count; ++b) {
        const std::uint32_t count = std::exchange(bucketEnd_[b], start); // its start, until the scatter moves it on
        start += count;
        if (count > 32) [[unlikely]]
            largeBuckets_.push_back(b);
    }
    nearest_.resize(std::size_t(size - 1));
    others([&](Eigen::Index j) {
        nearest_[bucketEnd_[bucketOfPoint_[std::size_t(j)]]++] = {toQuery[j], labels[std::size_t(j)] == label};
    });
    const auto bucketBegin = [&](std::uint32_t b) { return nearest_.data() + (b > 0 ? bucketEnd_[b - 1] : 0); };
    std::size_t sortedLarge = 0;
    Neighbour* sortedEnd = nearest_.data();
    const auto sortBucketsTo = [&](std::uint32_t through) {
        for (; sortedLarge < largeBuckets_.size() && largeBuckets_[sortedLarge] <= through; ++sortedLarge) {
            const std::uint32_t b = largeBuckets_[sortedLarge];
            std::sort(bucketBegin(b), nearest_.data() + bucketEnd_[b],
                      [](const Neighbour& a, const Neighbour& c) { return a.distance < c.distance; });
        }
        Neighbour* const end = nearest_.data() + bucketEnd_[through];
        if (end > sortedEnd) {
            // The points before sortedEnd are sorted, and no farther than those after it.
            sortInOrderOfBucket(sortedEnd, end);
            sortedEnd = end;
        }
    };
    sortBucketsTo(last);
    const double boundary = nearest_[std::size_t(r - 1)].distance + tolerance;
    const std::uint32_t boundaryBucket = buckets.of(boundary);
    sortBucketsTo(boundaryBucket);
    const auto tiedEnd = std::find_if(nearest_.begin() + r, nearest_.begin() + bucketEnd_[boundaryBucket],
                                      [&](const Neighbour& n) { return n.distance > boundary; });
    return {nearest_.data(), std::size_t(tiedEnd - nearest_.begin())};
}

} // namespace sme
