// Retrieval quality of an embedding on labelled data: Recall@K, MAP@R and NMI.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"
#include "model/base/Random.h"

#include <Eigen/Core>
#include <cstddef>
#include <span>
#include <vector>

namespace sme {

// Ties. Points at the same distance from a query have no order, so every score below is its
// expectation over a uniformly random order of the tied points: a model that maps every point
// to one place scores chance level, never 1. Distances are compared squared, and two are tied
// when they differ by less than what rounding can make of equal ones (tieTolerance): the Gram
// form |x|^2 + |y|^2 - 2 x.y of identical points need not round to the same number twice.

// Recall@K for each K of ks: the share of queries whose K nearest neighbours (Euclidean, the
// query itself excluded) hold one of its class, ties scored by their expectation. Every row is
// a query; a query whose class has no other member can never succeed and is left out of the
// denominator.
std::vector<double> recallAtK(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                              std::span<const int> labels, std::span<const int> ks);

// MAP@R (Musgrave et al. 2020): for each query with R >= 1 other members of its class, the
// average over the R nearest neighbours of precision@i at each relevant position i, divided
// by R (ties scored by their expectation); the mean over queries.
double meanAveragePrecisionAtR(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                               std::span<const int> labels);

// Recall@K for each K of ks and MAP@R, as the two functions above give them, in one pass over
// the distances: what an evaluation needs, at the cost of one. The distances are computed a
// tile of queries at a time (memory about 32 MB a thread, not N^2) on `threads` threads (0:
// one per core); the scores are the same bits whatever the number of threads. progress is
// called from the calling thread with the share done; when it asks to stop, Cancelled is
// thrown within a tile's work and no thread is left running.
// Distances are double even for float embeddings: computed in float (rounding 1e-7 relative,
// coarser than the gaps between neighbours) they reorder near neighbours and move MAP@R by
// 4e-7 on the held-out digits after 300 steps and 2e-7 on 8,000 x 128 synthetic points. In
// double, a float embedding's products are exact and the scores are those of the full matrix.
//
// Two ways to the same scores (RetrievalPath): below a few thousand points (and for norms
// float cannot hold, or classes a large share of the points) every distance in double, as
// above; from there on (candidatePathSuits), float distances on
// the fastest vector kernels pick each query's candidates, a superset of its R nearest and
// their ties proven from a bound on the float rounding, whose distances are then computed in
// double. The scores agree with the exact ones but for a distance that double rounding, summed
// in another order, moves across a tie window's edge (tests/tst_fastretrieval.cpp).
struct RetrievalScores {
    std::vector<double> recall;
    double mapAtR = 0.0;
};
enum class RetrievalPath {
    automatic,  // candidates where candidatePathSuits, else exact
    exact,      // every distance in double
    candidates, // float distances choose, double ones decide
};
RetrievalScores retrievalScores(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                                std::span<const int> labels, std::span<const int> ks,
                                const Progress& progress = {}, std::size_t threads = 0,
                                RetrievalPath path = RetrievalPath::automatic);

// The absolute tolerance under which two squared distances between points of squared norm at
// most largestSquaredNorm are the same distance: the rounding error of the Gram form, about
// dimension * eps * |x| |y| in the worst case and sqrt(dimension) * eps typically; 64 eps covers
// the typical case up to n = 4096 and is far below the gap float embeddings can make
// (1e-7 relative).
double tieTolerance(double largestSquaredNorm);

// The root mean square of the distances between distinct points over sqrt(2), the value for
// independent uniform points on the unit sphere (E|x - y|^2 = 2 exactly, in every dimension).
// 1 for points that use the sphere, 0 when every point is the same: how spread an embedding is,
// from sum |x_i|^2 and |sum x_i|^2 alone (no N x N matrix). 0 for fewer than two points.
double embeddingSpread(const Eigen::Ref<const Eigen::MatrixXd>& embeddings);

// Normalised mutual information 2 I(Y; C) / (H(Y) + H(C)) between labels and clusters
// (1 when both are a single cluster).
double normalizedMutualInformation(std::span<const int> labels, std::span<const int> clusters);

// NMI of k-means clusters (k = number of distinct labels, k-means++ seeds) against labels.
// progress is called between k-means iterations and can stop it (Cancelled).
double clusteringNmi(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                     std::span<const int> labels, Rng& rng, const Progress& progress = {});

} // namespace sme
