// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/EvaluationSample.h"

#include "model/base/Random.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace sme {

std::vector<Eigen::Index> stratifiedSample(std::span<const int> labels, std::size_t count,
                                           std::uint64_t seed)
{
    std::vector<Eigen::Index> rows;
    if (count == 0 || count >= labels.size()) {
        rows.resize(labels.size());
        std::iota(rows.begin(), rows.end(), Eigen::Index{0});
        return rows;
    }
    // The members of each class, classes in order of first appearance.
    std::map<int, std::size_t> classIndex;
    std::vector<std::vector<Eigen::Index>> members;
    for (std::size_t row = 0; row < labels.size(); ++row) {
        const auto [at, added] = classIndex.try_emplace(labels[row], members.size());
        if (added)
            members.emplace_back();
        members[at->second].push_back(Eigen::Index(row));
    }
    // Quotas: the floor of each share, then one more to the largest remainders.
    const double total = double(labels.size());
    std::vector<std::size_t> quota(members.size());
    std::vector<double> remainder(members.size());
    for (std::size_t c = 0; c < members.size(); ++c) {
        const double share = double(count) * double(members[c].size()) / total;
        quota[c] = std::size_t(share);
        remainder[c] = share - double(quota[c]);
    }
    std::size_t given = std::accumulate(quota.begin(), quota.end(), std::size_t{0});
    std::vector<std::size_t> order(members.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
    for (std::size_t i = 0; given < count && i < order.size(); ++i, ++given)
        ++quota[order[i]];
    for (std::size_t c = 0; c < members.size(); ++c)
        quota[c] = std::min(members[c].size(), std::max<std::size_t>(quota[c], 2));

    Rng rng = seededStream(seed, 20);
    for (std::size_t c = 0; c < members.size(); ++c) {
        std::vector<Eigen::Index>& pool = members[c];
        for (std::size_t i = 0; i < quota[c]; ++i) // a partial Fisher-Yates shuffle
            std::swap(pool[i], pool[i + uniformIndex(pool.size() - i, rng)]);
        rows.insert(rows.end(), pool.begin(), pool.begin() + std::ptrdiff_t(quota[c]));
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

} // namespace sme
