// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/figures/ExplorerParameters.h"

#include <algorithm>

namespace sme {

TrainerSettings trainerSettingsFor(const ExplorerParameters& p)
{
    TrainerSettings settings;
    settings.hidden = p.hidden;
    settings.embeddingDimension = std::min(p.dimension, largestModelDimension);
    settings.sampler = p.sampler;
    settings.loss = p.loss;
    settings.alpha = p.alpha;
    settings.beta0 = p.beta0;
    settings.nu = p.nu;
    settings.learnClassBeta = p.learnClassBeta;
    settings.learnImageBeta = p.learnImageBeta;
    settings.learningRate = p.learningRate;
    settings.batchClasses = p.batchClasses;
    settings.batchK = p.batchK;
    settings.cutoff = p.cutoff;
    settings.nonzeroLossCutoff = p.nonzeroLossCutoff;
    settings.seed = p.seed;
    return settings;
}

} // namespace sme
