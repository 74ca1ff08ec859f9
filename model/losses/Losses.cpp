// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/losses/Losses.h"

#include "model/base/EnumNames.h"
#include "model/base/Error.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace sme {
namespace {

constexpr std::array<std::string_view, 4> lossNames{"contrastive", "triplet-squared", "triplet",
                                                "margin"};

} // namespace

std::string_view lossName(LossKind kind)
{
    return lossNames[static_cast<std::size_t>(kind)];
}

std::optional<LossKind> lossFromName(std::string_view name)
{
    return enumFromName<LossKind>(lossNames, name);
}

PairLossValue contrastiveLoss(double distance, bool positive, double alpha)
{
    if (positive)
        return {distance * distance, 2.0 * distance, 0.0};
    const double gap = alpha - distance;
    if (gap <= 0.0)
        return {};
    return {gap * gap, -2.0 * gap, 0.0};
}

PairLossValue marginLoss(double distance, bool positive, double alpha, double beta)
{
    const double sign = positive ? 1.0 : -1.0;
    const double hinge = alpha + sign * (distance - beta);
    if (hinge <= 0.0)
        return {};
    return {hinge, sign, -sign};
}

TripletLossValue tripletSquaredLoss(double positiveDistance, double negativeDistance, double alpha)
{
    const double hinge
        = positiveDistance * positiveDistance - negativeDistance * negativeDistance + alpha;
    if (hinge <= 0.0)
        return {};
    return {hinge, 2.0 * positiveDistance, -2.0 * negativeDistance};
}

TripletLossValue tripletLoss(double positiveDistance, double negativeDistance, double alpha)
{
    const double hinge = positiveDistance - negativeDistance + alpha;
    if (hinge <= 0.0)
        return {};
    return {hinge, 1.0, -1.0};
}

LossCurves lossCurves(double alpha, double beta, double heldDistance, int points)
{
    require(std::isfinite(alpha) && alpha >= 0.0,
            "the margin alpha must be a finite number >= 0, got " + numberText(alpha));
    require(std::isfinite(beta), "beta must be a finite number");
    require(std::isfinite(heldDistance) && heldDistance >= 0.0,
            "the held distance must be a finite number >= 0");
    require(points >= 2 && points <= 1'000'000, "a loss curve needs between 2 and 1000000 points");

    LossCurves curves;
    curves.alpha = alpha;
    curves.beta = beta;
    curves.heldDistance = heldDistance;
    curves.distance.resize(static_cast<std::size_t>(points));
    for (auto& c : curves.positive)
        c.resize(curves.distance.size());
    for (auto& c : curves.negative)
        c.resize(curves.distance.size());
    const auto at = [](LossKind k) { return static_cast<std::size_t>(k); };
    for (std::size_t i = 0; i < curves.distance.size(); ++i) {
        const double d = 2.0 * double(i) / double(points - 1);
        curves.distance[i] = d;
        curves.positive[at(LossKind::Contrastive)][i] = contrastiveLoss(d, true, alpha).value;
        curves.negative[at(LossKind::Contrastive)][i] = contrastiveLoss(d, false, alpha).value;
        curves.positive[at(LossKind::TripletSquared)][i]
            = tripletSquaredLoss(d, heldDistance, alpha).value;
        curves.negative[at(LossKind::TripletSquared)][i]
            = tripletSquaredLoss(heldDistance, d, alpha).value;
        curves.positive[at(LossKind::Triplet)][i] = tripletLoss(d, heldDistance, alpha).value;
        curves.negative[at(LossKind::Triplet)][i] = tripletLoss(heldDistance, d, alpha).value;
        curves.positive[at(LossKind::Margin)][i] = marginLoss(d, true, alpha, beta).value;
        curves.negative[at(LossKind::Margin)][i] = marginLoss(d, false, alpha, beta).value;
    }
    return curves;
}

} // namespace sme
