// All the idealised figures for one set of explorer parameters, computed together.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ExplorerParameters.h"
#include "model/figures/FigureData.h"

#include <utility>
#include <vector>

namespace sme {

struct IdealisedFigures {
    DensityFigure density;
    GradientVarianceCurve gradientVariance;                           // at parameters.gradientNoise
    std::vector<std::pair<double, GradientVarianceCurve>> references; // faded reference sigmas
    SampledDistancesFigure sampledDistances;
    LossCurves losses;
};

// The reference noise levels drawn behind the current one (those equal to it are left out).
inline constexpr std::array<double, 4> referenceNoiseLevels{0.01, 0.03, 0.1, 0.3};

// Everything the geometry, sampling and loss views show, from the parameters and the seed.
// Throws sme::Error for out-of-range parameters.
IdealisedFigures computeIdealisedFigures(const ExplorerParameters& parameters);

} // namespace sme
