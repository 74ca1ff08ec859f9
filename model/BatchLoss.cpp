// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/BatchLoss.h"

#include "model/Error.h"

#include <cmath>
#include <string>

namespace sme {
namespace {

// The distance between two rows and the unit vector from j to i (zero when they coincide,
// where the direction, and so the gradient, is undefined).
struct PairGeometry {
    double distance;
    Eigen::RowVectorXd direction;
};

PairGeometry geometry(const Eigen::Ref<const Eigen::MatrixXd>& e, int i, int j)
{
    Eigen::RowVectorXd difference = e.row(i) - e.row(j);
    const double distance = difference.norm();
    if (distance > 1e-12)
        difference /= distance;
    else
        difference.setZero();
    return {distance, std::move(difference)};
}

// Chain rule through D_ij = ||e_i - e_j||: dD/de_i = u, dD/de_j = -u.
void accumulate(Eigen::MatrixXd& gradient, int i, int j, const PairGeometry& pair, double dDistance)
{
    if (dDistance == 0.0)
        return;
    gradient.row(i) += dDistance * pair.direction;
    gradient.row(j) -= dDistance * pair.direction;
}

} // namespace

void LossSettings::validate() const
{
    require(std::isfinite(alpha) && alpha >= 0.0,
            "the margin alpha must be a finite number >= 0, got " + numberText(alpha));
    require(std::isfinite(nu), "the beta regulariser nu must be finite");
}

double defaultAlpha(LossKind kind)
{
    return kind == LossKind::Contrastive ? 1.0 : 0.2;
}

BatchLossResult batchLoss(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                          std::span<const int> classIndex, std::span<const int> imageIndex,
                          const std::vector<Triplet>& triplets, const LossSettings& settings,
                          const MarginBoundary& boundary)
{
    settings.validate();
    const auto rows = static_cast<std::size_t>(embeddings.rows());
    require(classIndex.size() == rows && imageIndex.size() == rows,
            "batch loss: class and image indices must have one entry per embedding");
    require(embeddings.allFinite(), "batch loss: the embeddings contain NaN or infinity");
    for (const Triplet& t : triplets)
        require(t.anchor >= 0 && std::size_t(t.anchor) < rows && t.negative >= 0
                    && std::size_t(t.negative) < rows
                    && (t.positive == Triplet::noPositive
                        || (t.positive >= 0 && std::size_t(t.positive) < rows)),
                "batch loss: a triplet refers to a row outside the batch");

    BatchLossResult result;
    result.embeddingGradient = Eigen::MatrixXd::Zero(embeddings.rows(), embeddings.cols());
    result.dPerClass.assign(boundary.perClass.size(), 0.0);
    result.dPerImage.assign(boundary.perImage.size(), 0.0);
    result.meanBeta = boundary.beta0;
    const double alpha = settings.alpha;

    if (settings.kind == LossKind::TripletSquared || settings.kind == LossKind::Triplet) {
        int active = 0;
        std::vector<std::pair<PairGeometry, PairGeometry>> geometries;
        std::vector<TripletLossValue> values;
        std::vector<const Triplet*> used;
        for (const Triplet& t : triplets) {
            if (t.positive == Triplet::noPositive)
                continue;
            auto positive = geometry(embeddings, t.anchor, t.positive);
            auto negative = geometry(embeddings, t.anchor, t.negative);
            const TripletLossValue value
                = settings.kind == LossKind::TripletSquared
                      ? tripletSquaredLoss(positive.distance, negative.distance, alpha)
                      : tripletLoss(positive.distance, negative.distance, alpha);
            active += value.value > 0.0;
            result.loss += value.value;
            values.push_back(value);
            geometries.emplace_back(std::move(positive), std::move(negative));
            used.push_back(&t);
        }
        result.terms = int(used.size());
        if (result.terms == 0)
            return result;
        const double scale = 1.0 / result.terms;
        result.loss *= scale;
        result.activeFraction = double(active) * scale;
        for (std::size_t k = 0; k < used.size(); ++k) {
            accumulate(result.embeddingGradient, used[k]->anchor, used[k]->positive,
                       geometries[k].first, values[k].dPositive * scale);
            accumulate(result.embeddingGradient, used[k]->anchor, used[k]->negative,
                       geometries[k].second, values[k].dNegative * scale);
        }
        return result;
    }

    // Pair losses: the positive and negative pairs of the triplets.
    struct Pair {
        int i;
        int j;
        bool positive;
        PairGeometry geometry;
    };
    std::vector<Pair> pairs;
    for (const Triplet& t : triplets) {
        if (t.positive != Triplet::noPositive)
            pairs.push_back({t.anchor, t.positive, true, geometry(embeddings, t.anchor, t.positive)});
        pairs.push_back({t.anchor, t.negative, false, geometry(embeddings, t.anchor, t.negative)});
    }
    result.terms = int(pairs.size());
    if (pairs.empty())
        return result;

    if (settings.kind == LossKind::Contrastive) {
        const double scale = 1.0 / double(pairs.size());
        int active = 0;
        for (const Pair& p : pairs) {
            const PairLossValue value = contrastiveLoss(p.geometry.distance, p.positive, alpha);
            active += value.value > 0.0;
            result.loss += value.value * scale;
            accumulate(result.embeddingGradient, p.i, p.j, p.geometry, value.dDistance * scale);
        }
        result.activeFraction = double(active) * scale;
        return result;
    }

    MarginPairs marginPairs;
    double betaSum = 0.0;
    for (const Pair& p : pairs) {
        const int c = classIndex[std::size_t(p.i)];
        const int image = imageIndex[std::size_t(p.i)];
        marginPairs.anchorClass.push_back(c);
        marginPairs.anchorImage.push_back(image);
        marginPairs.distance.push_back(p.geometry.distance);
        marginPairs.positive.push_back(p.positive ? 1 : 0);
        betaSum += boundary.at(c, image);
    }
    const MarginLossResult margin = marginBatchLoss(marginPairs, boundary, alpha, settings.nu);
    result.loss = margin.loss;
    result.activeFraction = double(margin.activePairs) / double(pairs.size());
    result.meanBeta = betaSum / double(pairs.size());
    result.dBeta0 = margin.dBeta0;
    result.dPerClass = margin.dPerClass;
    result.dPerImage = margin.dPerImage;
    for (std::size_t k = 0; k < pairs.size(); ++k)
        accumulate(result.embeddingGradient, pairs[k].i, pairs[k].j, pairs[k].geometry,
                   margin.dDistance[k]);
    return result;
}

} // namespace sme
