// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/losses/MarginLoss.h"

#include "model/base/Error.h"
#include "model/losses/Losses.h"

#include <cmath>
#include <string>

namespace sme {
namespace {

double part(const std::vector<double>& values, int index, const char* what)
{
    if (values.empty())
        return 0.0;
    if (index < 0 || static_cast<std::size_t>(index) >= values.size()) // checked per pair: no eager message
        throw Error(std::string("no learned ") + what + " beta for index " + std::to_string(index));
    return values[static_cast<std::size_t>(index)];
}

} // namespace

double MarginBoundary::at(int classId, int imageId) const
{
    return beta0 + part(perClass, classId, "class") + part(perImage, imageId, "image");
}

MarginLossResult marginBatchLoss(const MarginPairs& pairs, const MarginBoundary& boundary,
                                 double alpha, double nu)
{
    const std::size_t count = pairs.distance.size();
    require(pairs.anchorClass.size() == count && pairs.anchorImage.size() == count
                && pairs.positive.size() == count,
            "the margin loss pairs have vectors of different lengths");
    require(std::isfinite(alpha), "the margin alpha must be finite");
    require(std::isfinite(nu), "the beta regulariser nu must be finite");

    MarginLossResult result;
    result.dDistance.assign(count, 0.0);
    result.dPerClass.assign(boundary.perClass.size(), 0.0);
    result.dPerImage.assign(boundary.perImage.size(), 0.0);

    // One pass: the sums; derivatives are accumulated unnormalised and scaled at the end.
    double sum = 0.0;
    for (std::size_t k = 0; k < count; ++k) {
        require(std::isfinite(pairs.distance[k]), "a pair distance is NaN or infinite");
        const int c = pairs.anchorClass[k];
        const int i = pairs.anchorImage[k];
        const double beta = boundary.at(c, i);
        const PairLossValue term = marginLoss(pairs.distance[k], pairs.positive[k] != 0, alpha, beta);
        if (term.value > 0.0)
            ++result.activePairs;
        sum += term.value + nu * beta;
        result.dDistance[k] = term.dDistance;
        const double dBeta = term.dBeta + nu;
        result.dBeta0 += dBeta;
        if (!boundary.perClass.empty())
            result.dPerClass[static_cast<std::size_t>(c)] += dBeta;
        if (!boundary.perImage.empty())
            result.dPerImage[static_cast<std::size_t>(i)] += dBeta;
    }
    if (result.activePairs == 0) {
        MarginLossResult none;
        none.dDistance.assign(count, 0.0);
        none.dPerClass.assign(boundary.perClass.size(), 0.0);
        none.dPerImage.assign(boundary.perImage.size(), 0.0);
        return none;
    }
    const double scale = 1.0 / result.activePairs;
    result.loss = sum * scale;
    for (double& g : result.dDistance)
        g *= scale;
    result.dBeta0 *= scale;
    for (double& g : result.dPerClass)
        g *= scale;
    for (double& g : result.dPerImage)
        g *= scale;
    return result;
}

} // namespace sme
