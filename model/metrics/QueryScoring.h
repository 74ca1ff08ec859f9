// One query's Recall@K and average precision at R from its sorted nearest points, and every
// query's scores summed in query order: shared by the exact and the candidate retrieval.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/metrics/NeighbourSelection.h"
#include "model/metrics/RetrievalMetrics.h"

#include <Eigen/Core>
#include <functional>
#include <span>
#include <vector>

namespace sme {

// Every point (the query excluded) within its nearest positive's tie window, or more: what
// queryRecall reads when the R nearest do not settle Recall@K.
using PointsInReach = std::function<std::span<const Neighbour>()>;

// Recall@K of one query for each K of ks, into hits, from its sorted r nearest (and their
// ties), when they settle it: the nearest positive among them, within the r-th (then every
// point up to its tie window is there), or none in reach and at least as many negatives before
// it as the largest K. Otherwise from the points pointsInReach gives.
void queryRecall(std::span<const Neighbour> nearest, std::ptrdiff_t r, std::span<const int> ks, double tolerance,
                 double* hits, const PointsInReach& pointsInReach);

// Average precision at R of one query, ties in expectation, from the R nearest and every
// point tied with the R-th, sorted: walked as groups of tied points.
double averagePrecisionAtR(std::span<const Neighbour> order, std::ptrdiff_t r, double tolerance);

// Every query's Recall@K and average precision, stored by query: summed in query order
// afterwards, the totals are the same bits whichever thread scored which query.
struct QueryScores {
    Eigen::MatrixXd recallHits;          // ks x queries
    std::vector<double> averagePrecision;
    std::vector<char> counted;           // whether its class has another member

    QueryScores(Eigen::Index ks, Eigen::Index queries);
    RetrievalScores mean() const;
};

} // namespace sme
