// Distance weighted sampling (PAPER.md §3): the probabilities, and the draw the sampler uses.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/sampling/Sampler.h"

namespace sme {

// PAPER.md §3, distance weighted: Pr(n | a) proportional to 1 / q(max(D_an, lambda)) over
// the anchor's negatives with D_an < nonzeroLossCutoff, computed per anchor in the log
// domain (max over the valid negatives of this anchor subtracted, in double). Returns a
// probability for every row of the batch (0 for the anchor, its class, and excluded pairs);
// uniform over the negatives when none is valid; all zero when the anchor has no negative.
Eigen::VectorXd distanceWeightedProbabilities(const Eigen::Ref<const Eigen::MatrixXd>& distances,
                                              std::span<const int> labels, int anchor,
                                              const SamplerSettings& settings);

// Appends to out one triplet per positive of anchor, each with a negative drawn from
// distanceWeightedProbabilities (used by sampleTriplets).
void drawDistanceWeighted(const Eigen::Ref<const Eigen::MatrixXd>& distances,
                          std::span<const int> labels, const SamplerSettings& settings, int anchor,
                          std::span<const int> positives, Rng& rng, std::vector<Triplet>& out);

} // namespace sme
