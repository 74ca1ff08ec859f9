// k-means clustering with k-means++ seeding, for the NMI of an embedding.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"
#include "model/base/Random.h"

#include <Eigen/Core>
#include <cstddef>
#include <vector>

namespace sme {

struct KMeansResult {
    std::vector<int> assignment; // cluster of each row, in [0, k)
    Eigen::MatrixXd centres;     // k x n
    int iterations = 0;
};

// Lloyd's algorithm from k-means++ seeds (Arthur & Vassilvitskii 2007) on the rows of points,
// until no assignment changes or maxIterations. An empty cluster is re-seeded with the point
// farthest from its centre. Throws sme::Error unless 1 <= k <= rows and points are finite.
// progress is told the share of maxIterations done after each iteration (Cancelled when it
// asks to stop). Runs on `threads` threads (0: one per core); the result is the same bits
// whatever their number.
KMeansResult kMeans(const Eigen::Ref<const Eigen::MatrixXd>& points, int k, Rng& rng,
                    int maxIterations = 100, const Progress& progress = {}, std::size_t threads = 0);

} // namespace sme
