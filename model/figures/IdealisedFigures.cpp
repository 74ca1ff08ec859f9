// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/figures/IdealisedFigures.h"

#include <cmath>

namespace sme {

IdealisedFigures computeIdealisedFigures(const ExplorerParameters& parameters)
{
    IdealisedFigures figures;
    DensitySettings density;
    density.dimension = parameters.dimension;
    density.samples = parameters.monteCarloPoints;
    density.seed = parameters.seed;
    figures.density = densityFigure(density);

    GradientNoiseSettings noise;
    noise.dimension = parameters.dimension;
    noise.noise = parameters.gradientNoise;
    noise.trials = parameters.dimension > 1024 ? 250 : 1000; // keeps n = 4096 under 64M draws
    figures.gradientVariance = gradientVarianceFigure(noise, parameters.seed);
    for (double sigma : referenceNoiseLevels) {
        if (std::abs(sigma - parameters.gradientNoise) < 1e-12)
            continue;
        noise.noise = sigma;
        figures.references.emplace_back(sigma, gradientVarianceFigure(noise, parameters.seed));
    }

    SampledDistancesSettings sampled;
    sampled.batch.dimension = parameters.dimension;
    sampled.batch.classes = parameters.batchClasses;
    sampled.batch.perClass = parameters.batchK;
    sampled.cutoff = parameters.cutoff;
    sampled.nonzeroLossCutoff = parameters.nonzeroLossCutoff;
    sampled.seed = parameters.seed;
    figures.sampledDistances = sampledDistancesFigure(sampled);

    figures.losses = lossCurves(parameters.alpha, parameters.beta0, parameters.beta0, 201);
    return figures;
}

} // namespace sme
