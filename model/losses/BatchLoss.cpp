// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/losses/BatchLoss.h"

#include "model/base/Error.h"
#include "model/base/Finite.h"

#include <cmath>
#include <string>

namespace sme {
namespace {

// Collects d loss / d D_ij pair by pair; the embedding gradient then follows in one product.
// Through D_ij = ||e_i - e_j||, a pair adds c (e_i - e_j) to row i and c (e_j - e_i) to row j,
// c = (d loss / d D_ij) / D_ij: with the symmetric matrix C of these c,
// d loss / d E = (diag(C 1) - C) E. Coincident rows (D = 0) have no direction: c = 0.
// Works on the embeddings transposed, one per column: a pair's difference is then two
// contiguous vectors (rows of a column-major batch are strided, read one element at a time).
class PairGradient {
public:
    explicit PairGradient(const Eigen::Ref<const Eigen::MatrixXd>& embeddings)
        : columns_(embeddings.transpose())
        , coefficients_(Eigen::MatrixXd::Zero(embeddings.rows(), embeddings.rows()))
    {
    }

    // Computed directly, not from a Gram matrix: exact for close pairs.
    double distance(int i, int j) const { return (columns_.col(i) - columns_.col(j)).norm(); }

    void add(int i, int j, double distance, double dDistance)
    {
        if (dDistance == 0.0 || !(distance > 1e-12))
            return;
        const double c = dDistance / distance;
        coefficients_(i, j) -= c;
        coefficients_(j, i) -= c;
        coefficients_(i, i) += c;
        coefficients_(j, j) += c;
    }

    // The gradient, one row per embedding: (E^T (diag(C 1) - C))^T, the symmetric matrix
    // built up by add().
    Eigen::MatrixXd gradient() const
    {
        Eigen::MatrixXd columns(columns_.rows(), columns_.cols());
        columns.noalias() = columns_ * coefficients_;
        return columns.transpose();
    }

private:
    Eigen::MatrixXd columns_;      // the embeddings, one per column
    Eigen::MatrixXd coefficients_; // diag(C 1) - C
};

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

namespace {

// The triplet losses (squared or not) over the triplets with a positive, averaged.
void addTripletLosses(PairGradient& pairGradient, const std::vector<Triplet>& triplets,
                      const LossSettings& settings, BatchLossResult& result)
{
    struct Term {
        const Triplet* triplet;
        double positiveDistance;
        double negativeDistance;
        TripletLossValue value;
    };
    std::vector<Term> terms;
    int active = 0;
    for (const Triplet& t : triplets) {
        if (t.positive == Triplet::noPositive)
            continue;
        const double dp = pairGradient.distance(t.anchor, t.positive);
        const double dn = pairGradient.distance(t.anchor, t.negative);
        const TripletLossValue value = settings.kind == LossKind::TripletSquared
                                           ? tripletSquaredLoss(dp, dn, settings.alpha)
                                           : tripletLoss(dp, dn, settings.alpha);
        active += value.value > 0.0;
        result.loss += value.value;
        terms.push_back({&t, dp, dn, value});
    }
    result.terms = int(terms.size());
    if (terms.empty())
        return;
    const double scale = 1.0 / result.terms;
    result.loss *= scale;
    result.activeFraction = double(active) * scale;
    for (const Term& term : terms) {
        const Triplet& t = *term.triplet;
        pairGradient.add(t.anchor, t.positive, term.positiveDistance, term.value.dPositive * scale);
        pairGradient.add(t.anchor, t.negative, term.negativeDistance, term.value.dNegative * scale);
    }
    result.embeddingGradient = pairGradient.gradient();
}

// A pair of a triplet: anchor and positive, or anchor and negative.
struct Pair {
    int i;
    int j;
    bool positive;
    double distance;
};

// The contrastive loss over the pairs, averaged.
void addContrastiveLosses(PairGradient& pairGradient, const std::vector<Pair>& pairs,
                          const LossSettings& settings, BatchLossResult& result)
{
    const double scale = 1.0 / double(pairs.size());
    int active = 0;
    for (const Pair& p : pairs) {
        const PairLossValue value = contrastiveLoss(p.distance, p.positive, settings.alpha);
        active += value.value > 0.0;
        result.loss += value.value * scale;
        pairGradient.add(p.i, p.j, p.distance, value.dDistance * scale);
    }
    result.activeFraction = double(active) * scale;
    result.embeddingGradient = pairGradient.gradient();
}

// The margin loss over the pairs (PAPER.md §4), with its derivatives for beta's parts.
void addMarginLosses(PairGradient& pairGradient, const std::vector<Pair>& pairs,
                     std::span<const int> classIndex, std::span<const int> imageIndex,
                     const LossSettings& settings, const MarginBoundary& boundary, BatchLossResult& result)
{
    MarginPairs marginPairs;
    double betaSum = 0.0;
    for (const Pair& p : pairs) {
        const int c = classIndex[std::size_t(p.i)];
        const int image = imageIndex[std::size_t(p.i)];
        marginPairs.anchorClass.push_back(c);
        marginPairs.anchorImage.push_back(image);
        marginPairs.distance.push_back(p.distance);
        marginPairs.positive.push_back(p.positive ? 1 : 0);
        betaSum += boundary.at(c, image);
    }
    const MarginLossResult margin = marginBatchLoss(marginPairs, boundary, settings.alpha, settings.nu);
    result.loss = margin.loss;
    result.activeFraction = double(margin.activePairs) / double(pairs.size());
    result.meanBeta = betaSum / double(pairs.size());
    result.dBeta0 = margin.dBeta0;
    result.dPerClass = margin.dPerClass;
    result.dPerImage = margin.dPerImage;
    for (std::size_t k = 0; k < pairs.size(); ++k)
        pairGradient.add(pairs[k].i, pairs[k].j, pairs[k].distance, margin.dDistance[k]);
    result.embeddingGradient = pairGradient.gradient();
}

} // namespace

BatchLossResult batchLoss(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                          std::span<const int> classIndex, std::span<const int> imageIndex,
                          const std::vector<Triplet>& triplets, const LossSettings& settings,
                          const MarginBoundary& boundary)
{
    settings.validate();
    const auto rows = static_cast<std::size_t>(embeddings.rows());
    require(classIndex.size() == rows && imageIndex.size() == rows,
            "batch loss: class and image indices must have one entry per embedding");
    require(allFiniteValues(embeddings), "batch loss: the embeddings contain NaN or infinity");
    for (const Triplet& t : triplets)
        require(t.anchor >= 0 && std::size_t(t.anchor) < rows && t.negative >= 0
                    && std::size_t(t.negative) < rows
                    && (t.positive == Triplet::noPositive
                        || (t.positive >= 0 && std::size_t(t.positive) < rows)),
                "batch loss: a triplet refers to a row outside the batch");

    BatchLossResult result;
    result.embeddingGradient = Eigen::MatrixXd::Zero(embeddings.rows(), embeddings.cols()); // no terms
    result.dPerClass.assign(boundary.perClass.size(), 0.0);
    result.dPerImage.assign(boundary.perImage.size(), 0.0);
    result.meanBeta = boundary.beta0;

    PairGradient pairGradient(embeddings);
    if (settings.kind == LossKind::TripletSquared || settings.kind == LossKind::Triplet) {
        addTripletLosses(pairGradient, triplets, settings, result);
        return result;
    }
    // Pair losses: the positive and negative pairs of the triplets.
    std::vector<Pair> pairs;
    pairs.reserve(2 * triplets.size());
    for (const Triplet& t : triplets) {
        if (t.positive != Triplet::noPositive)
            pairs.push_back({t.anchor, t.positive, true, pairGradient.distance(t.anchor, t.positive)});
        pairs.push_back({t.anchor, t.negative, false, pairGradient.distance(t.anchor, t.negative)});
    }
    result.terms = int(pairs.size());
    if (pairs.empty())
        return result;
    if (settings.kind == LossKind::Contrastive)
        addContrastiveLosses(pairGradient, pairs, settings, result);
    else
        addMarginLosses(pairGradient, pairs, classIndex, imageIndex, settings, boundary, result);
    return result;
}

} // namespace sme
