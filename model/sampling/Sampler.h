// Negative selection over a labelled batch: uniform, hard negative, semi-hard, distance weighted.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Random.h"

#include <Eigen/Core>
#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace sme {

enum class SamplerKind { Uniform, HardNegative, SemiHard, DistanceWeighted };

inline constexpr std::array<SamplerKind, 4> allSamplerKinds{
    SamplerKind::Uniform, SamplerKind::HardNegative, SamplerKind::SemiHard,
    SamplerKind::DistanceWeighted};

// Command-line names: "uniform", "hard", "semi-hard", "distance-weighted".
std::string_view samplerName(SamplerKind kind);
std::optional<SamplerKind> samplerFromName(std::string_view name);

struct SamplerSettings {
    int dimension = 128;            // n, the embedding dimension that q(d) is taken for
    double cutoff = 0.5;            // lambda: distances are clipped up to this before weighting
    double nonzeroLossCutoff = 1.4; // negatives at this distance or beyond get weight 0

    // Throws sme::Error naming the first setting that is out of range.
    void validate() const;
};

// One chosen triplet, as row indices of the batch.
struct Triplet {
    static constexpr int noPositive = -1;
    int anchor;
    int positive; // noPositive when the anchor's class has no other member in the batch
    int negative;
};

// Chooses negatives for a batch, given its pairwise distances and labels.
// - One triplet per (anchor, positive) pair; an anchor without a positive gets one pick with
//   positive = Triplet::noPositive, except under semi-hard, which needs D_ap and skips it.
// - An anchor without any negative (the whole batch is one class) gets no triplet.
// - A negative is never of the anchor's class, never the anchor itself.
// Policies: semi-hard takes argmin_{n : D_an > D_ap} D_an and falls back to the hardest
// negative when no negative is farther than the positive; distance weighted falls back to
// uniform over the anchor's negatives when none lies below the non-zero-loss cutoff.
// Throws sme::Error when the distances are not square, not finite, or do not match labels.
std::vector<Triplet> sampleTriplets(SamplerKind kind,
                                    const Eigen::Ref<const Eigen::MatrixXd>& distances,
                                    std::span<const int> labels, const SamplerSettings& settings,
                                    Rng& rng);

// The distance D_an of every triplet's negative, in the order of the triplets.
std::vector<double> negativeDistances(const std::vector<Triplet>& triplets,
                                      const Eigen::Ref<const Eigen::MatrixXd>& distances);

} // namespace sme
