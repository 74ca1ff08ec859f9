// The loss of a batch of chosen triplets, and its gradient with respect to the embeddings.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/losses/Losses.h"
#include "model/losses/MarginLoss.h"
#include "model/sampling/Sampler.h"

#include <Eigen/Core>
#include <span>
#include <vector>

namespace sme {

struct LossSettings {
    LossKind kind = LossKind::Margin;
    double alpha = 0.2; // the margin of every loss (PAPER.md §4)
    double nu = 0.0;    // margin loss: weight of the beta regulariser

    // Throws sme::Error for a non-finite or negative alpha, or a non-finite nu.
    void validate() const;
};

// The margin alpha a loss uses unless told otherwise: 0.2 for triplet and margin losses (ref);
// contrastive pushes negatives only closer than alpha, and random negatives on the sphere sit
// near sqrt 2, so it takes 1.0 (ref) to act on more than the hardest pairs.
double defaultAlpha(LossKind kind);

struct BatchLossResult {
    double loss = 0.0;
    // Share of the loss terms (pairs for contrastive and margin, triplets for the triplet
    // losses) with non-zero loss.
    double activeFraction = 0.0;
    int terms = 0;
    Eigen::MatrixXd embeddingGradient; // d loss / d embedding, one row per batch row
    // Margin loss only: the gradient of its beta parts (sizes of the boundary's vectors) and
    // the mean beta over the anchors of the pairs.
    double dBeta0 = 0.0;
    std::vector<double> dPerClass;
    std::vector<double> dPerImage;
    double meanBeta = 0.0;
};

// Pairs and triplets come from the sampler's triplets: (anchor, positive) is a positive pair,
// (anchor, negative) a negative pair; a triplet without a positive gives only its negative
// pair, and is skipped by the triplet losses. Distances are Euclidean between the rows.
// - contrastive: mean over pairs of y D^2 + (1 - y)[alpha - D]_+^2;
// - triplet losses: mean over triplets of the hinge;
// - margin: marginBatchLoss (sum over pairs / active pairs), beta of the anchor from
//   boundary.at(classIndex[anchor], imageIndex[anchor]).
// Throws sme::Error for mismatched sizes or non-finite embeddings.
BatchLossResult batchLoss(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                          std::span<const int> classIndex, std::span<const int> imageIndex,
                          const std::vector<Triplet>& triplets, const LossSettings& settings,
                          const MarginBoundary& boundary);

} // namespace sme
