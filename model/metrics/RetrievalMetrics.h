// Retrieval quality of an embedding on labelled data: Recall@K, MAP@R and NMI.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Random.h"

#include <Eigen/Core>
#include <span>
#include <vector>

namespace sme {

// Recall@K for each K of ks: the share of queries whose K nearest neighbours (Euclidean, the
// query itself excluded) hold one of its class. Every row is a query; a query whose class has
// no other member can never succeed and is left out of the denominator. Neighbours at exactly
// the distance of the nearest same-class point count as farther (ties go to the query).
std::vector<double> recallAtK(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                              std::span<const int> labels, std::span<const int> ks);

// MAP@R (Musgrave et al. 2020): for each query with R >= 1 other members of its class, the
// average over the R nearest neighbours of precision@i at each relevant position i, divided
// by R; the mean over queries.
double meanAveragePrecisionAtR(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                               std::span<const int> labels);

// Recall@K for each K of ks and MAP@R, as the two functions above give them, from one distance
// matrix: what an evaluation needs, at the cost of one.
struct RetrievalScores {
    std::vector<double> recall;
    double mapAtR = 0.0;
};
RetrievalScores retrievalScores(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                                std::span<const int> labels, std::span<const int> ks);

// Normalised mutual information 2 I(Y; C) / (H(Y) + H(C)) between labels and clusters
// (1 when both are a single cluster).
double normalizedMutualInformation(std::span<const int> labels, std::span<const int> clusters);

// NMI of k-means clusters (k = number of distinct labels, k-means++ seeds) against labels.
double clusteringNmi(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                     std::span<const int> labels, Rng& rng);

} // namespace sme
