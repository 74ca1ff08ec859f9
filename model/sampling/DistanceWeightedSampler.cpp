// Distance weighted sampling (PAPER.md §3): negatives drawn with weight min(lambda, 1/q(d)).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/sampling/DistanceWeightedSampler.h"

#include "model/base/Error.h"
#include "model/base/Finite.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace sme {
namespace {

// Distances are clipped into [lambda, upperClip] before the log weights: below lambda the
// weight is capped (the noisy, very close pairs); just under 2 log(1 - d^2/4) stays finite
// even for embeddings slightly off the sphere (rounding, or D > 2 from unnormalised input).
constexpr double upperClip = 2.0 - 1e-6;

// log(1/q(d)) up to a constant, for d clipped into [max(lambda, smallest normal), upperClip]:
// -(n-2) log d - ((n-3)/2) log(1 - d^2/4).
double logWeight(int n, double d)
{
    const double logOneMinus = std::log1p(-0.5 * d) + std::log1p(0.5 * d);
    return -(n - 2.0) * std::log(d) - 0.5 * (n - 3.0) * logOneMinus;
}

// The anchor's probabilities into `probabilities` (sized for the batch), its log weights into
// `logWeights` (the same size): the one computation behind distanceWeightedProbabilities and
// the batch's draws, so both give the same bits. weightOf(j, clipped) gives pair (anchor, j)'s
// log weight at the clipped distance.
template <class WeightOf>
void anchorProbabilities(const Eigen::Ref<const Eigen::MatrixXd>& distances, std::span<const int> labels, int anchor,
                         const SamplerSettings& settings, WeightOf&& weightOf, Eigen::VectorXd& logWeights,
                         Eigen::VectorXd& probabilities)
{
    const auto size = static_cast<Eigen::Index>(labels.size());
    const int anchorLabel = labels[static_cast<std::size_t>(anchor)];
    // A lambda of 0 would give log(0) at d = 0: clip at the smallest normal instead.
    const double low = std::max(settings.cutoff, std::numeric_limits<double>::min());
    logWeights.setConstant(size, -std::numeric_limits<double>::infinity());
    double maxLogWeight = -std::numeric_limits<double>::infinity();
    bool anyNegative = false;
    for (Eigen::Index j = 0; j < size; ++j) {
        const double d = distances(anchor, j);
        const bool negative = labels[static_cast<std::size_t>(j)] != anchorLabel;
        anyNegative = anyNegative || negative;
        if (!negative || !(d < settings.nonzeroLossCutoff))
            continue;
        logWeights[j] = weightOf(j, std::clamp(d, low, upperClip));
        maxLogWeight = std::max(maxLogWeight, logWeights[j]);
    }

    probabilities.resize(size);
    if (std::isfinite(maxLogWeight)) {
        // The max of this anchor's valid negatives: a global max would empty whole rows.
        // Excluded rows (log weight -inf) are set to exactly 0: Eigen 3.4's vectorised exp
        // returns a denormal (~5e-309) for -inf, which a draw could still land on.
        probabilities = (logWeights.array() > -std::numeric_limits<double>::infinity())
                            .select((logWeights.array() - maxLogWeight).exp(), 0.0)
                            .matrix();
    } else {
        // No negative below the non-zero-loss cutoff: uniform over the negatives.
        for (Eigen::Index j = 0; j < size; ++j)
            probabilities[j] = anyNegative && labels[static_cast<std::size_t>(j)] != anchorLabel ? 1.0 : 0.0;
    }
    const double total = probabilities.sum();
    if (total > 0.0)
        probabilities /= total;
}

void checkShape(const Eigen::Ref<const Eigen::MatrixXd>& distances, std::span<const int> labels)
{
    const Eigen::Index size = static_cast<Eigen::Index>(labels.size());
    require(distances.rows() == size && distances.cols() == size,
            "the distance matrix does not match the labels");
}

constexpr const char* badDistances = "the batch distances must be finite and non-negative";

} // namespace

Eigen::VectorXd distanceWeightedProbabilities(const Eigen::Ref<const Eigen::MatrixXd>& distances,
                                              std::span<const int> labels, int anchor,
                                              const SamplerSettings& settings)
{
    settings.validate();
    checkShape(distances, labels);
    require(anchor >= 0 && anchor < static_cast<Eigen::Index>(labels.size()), "anchor index out of range");
    require(distances.row(anchor).allFinite() && (distances.row(anchor).array() >= 0.0).all(), badDistances);
    Eigen::VectorXd logWeights;
    Eigen::VectorXd probabilities;
    anchorProbabilities(
        distances, labels, anchor, settings, [&](Eigen::Index, double clipped) { return logWeight(settings.dimension, clipped); },
        logWeights, probabilities);
    return probabilities;
}

DistanceWeightedDraws::DistanceWeightedDraws(const Eigen::Ref<const Eigen::MatrixXd>& distances,
                                             std::span<const int> labels, const SamplerSettings& settings)
    : distances_(distances), labels_(labels), settings_(settings)
{
    settings_.validate();
    checkShape(distances, labels);
    require(allFiniteValues(distances) && (distances.array() >= 0.0).all(), badDistances);
    const auto size = static_cast<Eigen::Index>(labels.size());
    clipped_.setConstant(size, size, std::numeric_limits<double>::quiet_NaN());
    weights_.resize(size, size);
}

void DistanceWeightedDraws::draw(int anchor, std::span<const int> positives, Rng& rng, std::vector<Triplet>& out)
{
    // A pair's log weight depends on its clipped distance alone: computed for the first of its
    // two anchors, and taken again for the second when its distance is the same bits (the
    // batch's distances are not always exactly symmetric).
    anchorProbabilities(
        distances_, labels_, anchor, settings_,
        [&](Eigen::Index j, double clipped) {
            const Eigen::Index first = std::min<Eigen::Index>(anchor, j);
            const Eigen::Index second = std::max<Eigen::Index>(anchor, j);
            if (clipped_(first, second) == clipped)
                return weights_(first, second);
            clipped_(first, second) = clipped;
            return weights_(first, second) = logWeight(settings_.dimension, clipped);
        },
        logWeights_, probabilities_);
    cumulative_.resize(static_cast<std::size_t>(probabilities_.size()));
    double running = 0.0;
    for (Eigen::Index j = 0; j < probabilities_.size(); ++j)
        cumulative_[static_cast<std::size_t>(j)] = running += probabilities_[j];
    for (int p : positives) {
        const double u = uniformUnit(rng) * running;
        auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
        auto index = static_cast<Eigen::Index>(it - cumulative_.begin());
        // Rounding can leave u at the very end, or land on a zero-probability entry's equal
        // cumulative value: step back to the last index that has probability.
        index = std::min<Eigen::Index>(index, probabilities_.size() - 1);
        while (probabilities_[index] <= 0.0 && index > 0)
            --index;
        out.push_back({anchor, p, static_cast<int>(index)});
    }
}

} // namespace sme
