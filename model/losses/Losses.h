// The losses as functions of pair distances, with their analytic derivatives.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <vector>

namespace sme {

enum class LossKind { Contrastive, TripletSquared, Triplet, Margin };

inline constexpr std::array<LossKind, 4> allLossKinds{LossKind::Contrastive, LossKind::TripletSquared,
                                                      LossKind::Triplet, LossKind::Margin};

// Command-line names: "contrastive", "triplet-squared", "triplet", "margin".
std::string_view lossName(LossKind kind);
std::optional<LossKind> lossFromName(std::string_view name);

// A pair loss and its derivatives with respect to the distance and to beta.
struct PairLossValue {
    double value = 0.0;
    double dDistance = 0.0;
    double dBeta = 0.0;
};

// A triplet loss and its derivatives with respect to D_ap and D_an.
struct TripletLossValue {
    double value = 0.0;
    double dPositive = 0.0;
    double dNegative = 0.0;
};

// At a hinge the derivative taken is the one of the inactive side (0): a subgradient.

// PAPER.md §4 contrastive: y D^2 + (1 - y) [alpha - D]_+^2.
PairLossValue contrastiveLoss(double distance, bool positive, double alpha);

// PAPER.md §4 margin: [alpha + y' (D - beta)]_+, y' = +1 for a positive pair, -1 for a negative.
PairLossValue marginLoss(double distance, bool positive, double alpha, double beta);

// PAPER.md §4 triplet, squared: [D_ap^2 - D_an^2 + alpha]_+.
TripletLossValue tripletSquaredLoss(double positiveDistance, double negativeDistance, double alpha);

// PAPER.md §4 triplet on plain distances: [D_ap - D_an + alpha]_+.
TripletLossValue tripletLoss(double positiveDistance, double negativeDistance, double alpha);

// "Loss against distance" for the loss-function figure. For each loss, the loss of a positive
// pair and of a negative pair as the pair's distance runs over [0, 2]. The triplet losses
// depend on two distances: the curve of the positive holds D_an at heldDistance, the curve of
// the negative holds D_ap at heldDistance. With heldDistance = beta the plain triplet curves
// coincide with the margin loss's: both put their boundary at beta.
struct LossCurves {
    double alpha = 0.2;
    double beta = 1.2;
    double heldDistance = 1.2;
    std::vector<double> distance;
    // Indexed by LossKind.
    std::array<std::vector<double>, 4> positive;
    std::array<std::vector<double>, 4> negative;
};

// points >= 2 distances from 0 to 2. Throws sme::Error for a non-finite or negative alpha,
// a non-finite beta or heldDistance, or fewer than 2 points.
LossCurves lossCurves(double alpha, double beta, double heldDistance, int points);

} // namespace sme
