// The retrieval scores for many points: float distances on the fastest vector kernels choose
// each query's candidates, double distances of the candidates alone decide.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"
#include "model/metrics/RetrievalMetrics.h"

#include <Eigen/Core>
#include <cstddef>
#include <span>

namespace sme {

// From this many points on, RetrievalPath::automatic takes the candidates: below it the exact
// path takes well under a second, and training's live evaluations (a fixed sample of 2,000 at
// most) keep the bits they always had.
constexpr Eigen::Index candidatePathMinimumPoints = 4096;

// Whether RetrievalPath::automatic takes the candidates for these embeddings: enough points,
// squared norms float holds with room (at most 1e30), and classes small enough that the
// candidates are a small share of the points (R / N at most 1/8 on average). Each candidate's
// double distance reads its row from wherever it lies (about 70 ns), each distance of the exact
// path about 14 ns: past R / N = 1/8 the exact path is faster (5 classes of 6,000: twice).
bool candidatePathSuits(const Eigen::Ref<const Eigen::MatrixXd>& embeddings, std::span<const int> labels);

// The most a float squared distance of the kernels (DistanceKernels.h) can differ from the
// double one of the same two points, for points of squared norm at most largestSquaredNorm.
double floatDistanceErrorBound(double largestSquaredNorm, Eigen::Index dimension);

// The same for the AMX kernel's distances, from coordinates split into two bfloat16 numbers
// (FloatPanels::splitInBfloat16): about 6 2^-16 M more, 1.4e-4 M at 128 dimensions where the
// float kernels' is 5.4e-6 M; never smaller than floatDistanceErrorBound.
double splitDistanceErrorBound(double largestSquaredNorm, Eigen::Index dimension);

// retrievalScores on the candidate path (checked input; threads 0: one per core).
RetrievalScores candidateRetrievalScores(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                                         std::span<const int> labels, std::span<const int> ks,
                                         const Progress& progress, std::size_t threads);

} // namespace sme
