// Distance weighted sampling (PAPER.md §3): negatives drawn with weight min(lambda, 1/q(d)).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/sampling/DistanceWeightedSampler.h"

#include "model/base/Error.h"

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

} // namespace

Eigen::VectorXd distanceWeightedProbabilities(const Eigen::Ref<const Eigen::MatrixXd>& distances,
                                              std::span<const int> labels, int anchor,
                                              const SamplerSettings& settings)
{
    settings.validate();
    const Eigen::Index size = static_cast<Eigen::Index>(labels.size());
    require(distances.rows() == size && distances.cols() == size,
            "the distance matrix does not match the labels");
    require(anchor >= 0 && anchor < size, "anchor index out of range");
    require(distances.row(anchor).allFinite() && (distances.row(anchor).array() >= 0.0).all(),
            "the batch distances must be finite and non-negative");
    const int n = settings.dimension;
    const int anchorLabel = labels[static_cast<std::size_t>(anchor)];

    // log(1/q(d)) up to a constant: -(n-2) log d - ((n-3)/2) log(1 - d^2/4).
    const auto logWeight = [n](double d) {
        const double logOneMinus = std::log1p(-0.5 * d) + std::log1p(0.5 * d);
        return -(n - 2.0) * std::log(d) - 0.5 * (n - 3.0) * logOneMinus;
    };

    Eigen::VectorXd logWeights
        = Eigen::VectorXd::Constant(size, -std::numeric_limits<double>::infinity());
    Eigen::Array<bool, Eigen::Dynamic, 1> negative(size);
    double maxLogWeight = -std::numeric_limits<double>::infinity();
    for (Eigen::Index j = 0; j < size; ++j) {
        const double d = distances(anchor, j);
        negative[j] = labels[static_cast<std::size_t>(j)] != anchorLabel;
        if (!negative[j] || !(d < settings.nonzeroLossCutoff))
            continue;
        // A lambda of 0 would give log(0) at d = 0: clip at the smallest normal instead.
        const double clipped
            = std::clamp(d, std::max(settings.cutoff, std::numeric_limits<double>::min()),
                         upperClip);
        logWeights[j] = logWeight(clipped);
        maxLogWeight = std::max(maxLogWeight, logWeights[j]);
    }

    Eigen::VectorXd probabilities = Eigen::VectorXd::Zero(size);
    if (std::isfinite(maxLogWeight)) {
        // The max of this anchor's valid negatives: a global max would empty whole rows.
        // Excluded rows (log weight -inf) are set to exactly 0: Eigen 3.4's vectorised exp
        // returns a denormal (~5e-309) for -inf, which a draw could still land on.
        probabilities = (logWeights.array() > -std::numeric_limits<double>::infinity())
                            .select((logWeights.array() - maxLogWeight).exp(), 0.0)
                            .matrix();
    } else {
        // No negative below the non-zero-loss cutoff: uniform over the negatives.
        probabilities = negative.cast<double>().matrix();
    }
    const double total = probabilities.sum();
    if (total > 0.0)
        probabilities /= total;
    return probabilities;
}

// Appends one draw per positive of the anchor (see sampleTriplets).
void drawDistanceWeighted(const Eigen::Ref<const Eigen::MatrixXd>& distances,
                          std::span<const int> labels, const SamplerSettings& settings, int anchor,
                          std::span<const int> positives, Rng& rng, std::vector<Triplet>& out)
{
    const Eigen::VectorXd probabilities
        = distanceWeightedProbabilities(distances, labels, anchor, settings);
    std::vector<double> cumulative(static_cast<std::size_t>(probabilities.size()));
    double running = 0.0;
    for (Eigen::Index j = 0; j < probabilities.size(); ++j)
        cumulative[static_cast<std::size_t>(j)] = running += probabilities[j];
    for (int p : positives) {
        const double u = uniformUnit(rng) * running;
        auto it = std::upper_bound(cumulative.begin(), cumulative.end(), u);
        auto index = static_cast<Eigen::Index>(it - cumulative.begin());
        // Rounding can leave u at the very end, or land on a zero-probability entry's equal
        // cumulative value: step back to the last index that has probability.
        index = std::min<Eigen::Index>(index, probabilities.size() - 1);
        while (probabilities[index] <= 0.0 && index > 0)
            --index;
        out.push_back({anchor, p, static_cast<int>(index)});
    }
}

} // namespace sme
