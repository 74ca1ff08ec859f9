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

// Sorts a bucket by distance. Most hold a few points (at R = 9,999 of 100,000 a point's bucket
// holds about 6): moved one by one into place, where std::sort's set-up and a call to memmove
// for each insertion took two thirds of the selection.
void sortBucket(Neighbour* first, Neighbour* last)
{
    if (last - first > 32) {
        std::sort(first, last, [](const Neighbour& a, const Neighbour& b) { return a.distance < b.distance; });
        return;
    }
    for (Neighbour* next = first + 1; next < last; ++next) {
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

    // A counting sort of the other points by bucket, then each bucket up to the r-th nearest
    // (and any past it that the tolerance reaches) sorted by itself.
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
    std::uint32_t start = 0;
    for (std::uint32_t& end : bucketEnd_)
        start += std::exchange(end, start); // the bucket's start, until the scatter moves it on
    nearest_.resize(std::size_t(size - 1));
    others([&](Eigen::Index j) {
        nearest_[bucketEnd_[bucketOfPoint_[std::size_t(j)]]++] = {toQuery[j], labels[std::size_t(j)] == label};
    });
    std::uint32_t bucket = 0;
    const auto sortBucketsTo = [&](std::uint32_t through) {
        for (; bucket <= through; ++bucket) {
            const std::uint32_t begin = bucket > 0 ? bucketEnd_[bucket - 1] : 0;
            sortBucket(nearest_.data() + begin, nearest_.data() + bucketEnd_[bucket]);
        }
    };
    sortBucketsTo(last);
    const double boundary = nearest_[std::size_t(r - 1)].distance + tolerance;
    sortBucketsTo(buckets.of(boundary));
    const auto tiedEnd = std::find_if(nearest_.begin() + r, nearest_.begin() + bucketEnd_[bucket - 1],
                                      [&](const Neighbour& n) { return n.distance > boundary; });
    return {nearest_.data(), std::size_t(tiedEnd - nearest_.begin())};
}

} // namespace sme
