// A small data set and model for the tests of the training machinery (threads, controls),
// which need training to happen quickly, not to learn much.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/data/SyntheticData.h"
#include "model/figures/ExplorerParameters.h"
#include "model/training/Trainer.h"

namespace testing {

// 20 synthetic classes of 10 examples, half of them held out.
inline sme::DataSplit smallData()
{
    sme::SyntheticSettings settings;
    settings.classes = 20;
    settings.perClass = 10;
    return sme::splitByClass(sme::syntheticNuisanceClusters(settings), 0.5);
}

// One hidden layer of 32, embedding dimension 8.
inline sme::TrainerSettings smallModel()
{
    sme::TrainerSettings settings;
    settings.hidden = {32};
    settings.embeddingDimension = 8;
    return settings;
}

// The explorer's parameters for a quick model (small layers on the synthetic data, batches of
// 4 x 3) and quick figures (n = 16, few Monte Carlo points).
inline sme::ExplorerParameters quickExplorer()
{
    sme::ExplorerParameters p;
    p.dimension = 16;
    p.monteCarloPoints = 200;
    p.hidden = {32};
    p.batchClasses = 4;
    p.batchK = 3;
    return p;
}

} // namespace testing
