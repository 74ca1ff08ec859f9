// Uniform, hard-negative and semi-hard selection, and the shared triplet enumeration.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/sampling/Sampler.h"

#include "model/base/EnumNames.h"
#include "model/sampling/DistanceWeightedSampler.h"
#include "model/base/Error.h"
#include "model/base/Finite.h"
#include "model/geometry/SphereGeometry.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace sme {

namespace {

constexpr std::array<std::string_view, 4> names{"uniform", "hard", "semi-hard",
                                                "distance-weighted"};

// The negative of anchor closest to it (first one on ties), or -1 if it has none.
int hardestNegative(const Eigen::Ref<const Eigen::MatrixXd>& distances,
                    std::span<const int> labels, int anchor)
{
    int best = -1;
    double bestDistance = std::numeric_limits<double>::infinity();
    for (int j = 0; j < static_cast<int>(labels.size()); ++j)
        if (labels[j] != labels[anchor] && distances(anchor, j) < bestDistance) {
            best = j;
            bestDistance = distances(anchor, j);
        }
    return best;
}

// FaceNet's semi-hard negative of an anchor, for each of its positives: the closest negative
// still farther than the positive (the first one on ties), else the hardest. The negatives are
// sorted once by (distance, index), so each positive costs a binary search instead of a scan:
// the same negative as a scan keeping the first strict minimum.
class SemiHardNegatives {
public:
    SemiHardNegatives(const Eigen::Ref<const Eigen::MatrixXd>& distances, int anchor, std::span<const int> negatives)
        : distances_(distances), anchor_(anchor)
    {
        sorted_.reserve(negatives.size());
        for (const int j : negatives)
            sorted_.push_back({distances(anchor, j), j});
        std::sort(sorted_.begin(), sorted_.end());
    }

    int of(int positive) const
    {
        const double positiveDistance = distances_(anchor_, positive);
        const auto farther = std::upper_bound(sorted_.begin(), sorted_.end(), positiveDistance,
                                              [](double d, const std::pair<double, int>& n) { return d < n.first; });
        return farther != sorted_.end() ? farther->second : sorted_.front().second;
    }

private:
    const Eigen::Ref<const Eigen::MatrixXd>& distances_;
    int anchor_;
    std::vector<std::pair<double, int>> sorted_;
};

void checkBatch(const Eigen::Ref<const Eigen::MatrixXd>& distances, std::span<const int> labels)
{
    require(distances.rows() == distances.cols(), "the distance matrix must be square");
    require(distances.rows() == static_cast<Eigen::Index>(labels.size()),
            "the distance matrix has " + std::to_string(distances.rows())
                + " rows but there are " + std::to_string(labels.size()) + " labels");
    require(allFiniteValues(distances), "the batch distances contain NaN or infinity");
}

} // namespace

std::string_view samplerName(SamplerKind kind)
{
    return names[static_cast<std::size_t>(kind)];
}

std::optional<SamplerKind> samplerFromName(std::string_view name)
{
    return enumFromName<SamplerKind>(names, name);
}

void SamplerSettings::validate() const
{
    SphereDistanceLaw{dimension};
    // Checked for every anchor: the messages are made only when they are needed.
    require(std::isfinite(cutoff) && cutoff >= 0.0 && cutoff < 2.0, [this] {
        return "the distance cutoff lambda must be in [0, 2), got " + numberText(cutoff);
    });
    require(std::isfinite(nonzeroLossCutoff) && nonzeroLossCutoff > 0.0, [this] {
        return "the non-zero-loss cutoff must be a finite number > 0, got " + numberText(nonzeroLossCutoff);
    });
}

std::vector<Triplet> sampleTriplets(SamplerKind kind,
                                    const Eigen::Ref<const Eigen::MatrixXd>& distances,
                                    std::span<const int> labels, const SamplerSettings& settings,
                                    Rng& rng)
{
    settings.validate();
    checkBatch(distances, labels);
    const int size = static_cast<int>(labels.size());
    std::vector<Triplet> triplets;
    std::vector<int> positives;
    std::vector<int> negatives;
    std::optional<DistanceWeightedDraws> distanceWeighted;
    if (kind == SamplerKind::DistanceWeighted)
        distanceWeighted.emplace(distances, labels, settings);
    for (int anchor = 0; anchor < size; ++anchor) {
        positives.clear();
        negatives.clear();
        for (int j = 0; j < size; ++j) {
            if (j == anchor)
                continue;
            (labels[j] == labels[anchor] ? positives : negatives).push_back(j);
        }
        if (negatives.empty())
            continue;
        if (positives.empty()) {
            if (kind == SamplerKind::SemiHard)
                continue; // semi-hard is defined through D_ap
            positives.push_back(Triplet::noPositive);
        }
        switch (kind) {
        case SamplerKind::Uniform:
            for (int p : positives)
                triplets.push_back({anchor, p, negatives[uniformIndex(negatives.size(), rng)]});
            break;
        case SamplerKind::HardNegative: {
            const int hardest = hardestNegative(distances, labels, anchor);
            for (int p : positives)
                triplets.push_back({anchor, p, hardest});
            break;
        }
        case SamplerKind::SemiHard: {
            const SemiHardNegatives semiHard(distances, anchor, negatives);
            for (int p : positives)
                triplets.push_back({anchor, p, semiHard.of(p)});
            break;
        }
        case SamplerKind::DistanceWeighted:
            distanceWeighted->draw(anchor, positives, rng, triplets);
            break;
        }
    }
    return triplets;
}

std::vector<double> negativeDistances(const std::vector<Triplet>& triplets,
                                      const Eigen::Ref<const Eigen::MatrixXd>& distances)
{
    std::vector<double> result;
    result.reserve(triplets.size());
    for (const Triplet& t : triplets)
        result.push_back(distances(t.anchor, t.negative));
    return result;
}

} // namespace sme
