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

// The draws of one batch for each of its anchors (used by sampleTriplets): for an anchor, one
// triplet per positive, each with a negative drawn from distanceWeightedProbabilities, the same
// bits. A pair's log weight is computed once for its two anchors, and the buffers are kept from
// one anchor to the next. The distances and labels must outlive it.
class DistanceWeightedDraws {
public:
    DistanceWeightedDraws(const Eigen::Ref<const Eigen::MatrixXd>& distances, std::span<const int> labels,
                          const SamplerSettings& settings);

    // Appends to out the anchor's triplets.
    void draw(int anchor, std::span<const int> positives, Rng& rng, std::vector<Triplet>& out);

private:
    const Eigen::Ref<const Eigen::MatrixXd>& distances_;
    std::span<const int> labels_;
    SamplerSettings settings_;
    Eigen::MatrixXd clipped_; // pair (i < j): the clipped distance its log weight is for, or NaN
    Eigen::MatrixXd weights_; // and that log weight
    Eigen::VectorXd logWeights_;
    Eigen::VectorXd probabilities_;
    std::vector<double> cumulative_;
};

} // namespace sme
