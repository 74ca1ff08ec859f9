// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/analysis/PairDistances.h"

#include "model/base/Random.h"
#include "model/geometry/SphereGeometry.h"

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

namespace sme {
namespace {

// Adds one pair's distance to the histograms and sums.
struct PairSums {
    PairDistanceLaw& law;
    double all = 0.0, same = 0.0, different = 0.0;

    void add(double distance, bool sameClass)
    {
        distance = std::min(distance, 2.0); // a rounding error above the diameter
        law.all.add(distance);
        all += distance;
        if (sameClass) {
            law.same.add(distance);
            same += distance;
        } else {
            law.different.add(distance);
            different += distance;
        }
    }

    void finish()
    {
        law.pairs = std::size_t(law.all.total());
        const auto mean = [](double sum, double count) { return count > 0.0 ? sum / count : 0.0; };
        law.meanDistance = mean(all, law.all.total());
        law.positiveMeanDistance = mean(same, law.same.total());
        law.negativeMeanDistance = mean(different, law.different.total());
    }
};

} // namespace

PairDistanceLaw pairDistanceLaw(const Eigen::Ref<const Eigen::MatrixXd>& unitPoints, std::span<const int> labels,
                                std::size_t pairSample, int bins, std::uint64_t seed)
{
    PairDistanceLaw law{Histogram(0.0, 2.0, bins), Histogram(0.0, 2.0, bins), Histogram(0.0, 2.0, bins)};
    PairSums sums{law};
    const auto count = std::size_t(unitPoints.cols());
    const auto distance = [&](std::size_t i, std::size_t j) {
        return (unitPoints.col(Eigen::Index(i)) - unitPoints.col(Eigen::Index(j))).norm();
    };
    const double allPairs = 0.5 * double(count) * double(count - 1);
    if (count >= 2 && allPairs <= double(pairSample)) {
        for (std::size_t i = 0; i < count; ++i)
            for (std::size_t j = i + 1; j < count; ++j)
                sums.add(distance(i, j), labels[i] == labels[j]);
    } else if (count >= 2) {
        // Random pairs of many points read their two points from memory, not from a cache: the
        // pairs are drawn a block ahead and their points requested `ahead` pairs before they are
        // used, so that many reads are under way at once. The same pairs in the same order.
        Rng rng = seededStream(seed, 40);
        constexpr std::size_t block = 512, ahead = 16;
        std::vector<std::pair<std::size_t, std::size_t>> drawn;
        const auto request = [&](std::size_t point) {
            const char* start = reinterpret_cast<const char*>(unitPoints.col(Eigen::Index(point)).data());
            const std::size_t bytes = std::size_t(unitPoints.rows()) * sizeof(double);
            for (std::size_t offset = 0; offset < bytes; offset += 64)
                __builtin_prefetch(start + offset);
        };
        for (std::size_t first = 0; first < pairSample; first += block) {
            drawn.clear();
            for (std::size_t pair = first; pair < std::min(pairSample, first + block); ++pair) {
                const std::size_t i = uniformIndex(count, rng);
                std::size_t j = uniformIndex(count - 1, rng);
                j += j >= i; // uniform over the others
                drawn.emplace_back(i, j);
            }
            for (std::size_t k = 0; k < std::min(ahead, drawn.size()); ++k) {
                request(drawn[k].first);
                request(drawn[k].second);
            }
            for (std::size_t k = 0; k < drawn.size(); ++k) {
                if (k + ahead < drawn.size()) {
                    request(drawn[k + ahead].first);
                    request(drawn[k + ahead].second);
                }
                const auto [i, j] = drawn[k];
                sums.add(distance(i, j), labels[i] == labels[j]);
            }
        }
    }
    sums.finish();
    return law;
}

std::vector<double> sphereLawBinProbabilities(int n, int bins)
{
    const SphereDistanceLaw law(n);
    const Histogram grid(0.0, 2.0, bins);
    std::vector<double> probabilities(static_cast<std::size_t>(bins));
    double below = 0.0;
    for (int b = 0; b < bins; ++b) {
        const double above = b + 1 == bins ? 1.0 : law.cdf(grid.lower() + grid.binWidth() * (b + 1));
        probabilities[std::size_t(b)] = above - below;
        below = above;
    }
    return probabilities;
}

double totalVariation(const Histogram& histogram, const std::vector<double>& lawProbabilities)
{
    if (histogram.total() <= 0.0)
        return 0.0;
    double sum = 0.0;
    for (int b = 0; b < histogram.bins(); ++b)
        sum += std::abs(histogram.count(b) / histogram.total() - lawProbabilities[std::size_t(b)]);
    return 0.5 * sum;
}

} // namespace sme
