// A small data set and model for the tests of the training machinery (threads, controls),
// which need training to happen quickly, not to learn much.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/data/SyntheticData.h"
#include "model/figures/ExplorerParameters.h"
#include "model/training/Trainer.h"

#include <algorithm>

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

// smallData with every training example of a class at the same point, so every positive pair
// is at distance 0: under stallingModel's triplet loss with alpha = 0, max(0, D_ap - D_an), no
// triplet has a loss, and the run has no active triplet from its first step.
inline sme::DataSplit stallingData()
{
    sme::DataSplit data = smallData();
    Eigen::MatrixXf& features = data.training.features;
    const std::vector<int>& labels = data.training.labels;
    for (Eigen::Index row = 0; row < features.rows(); ++row) {
        const auto first = std::find(labels.begin(), labels.end(), labels[std::size_t(row)]);
        features.row(row) = features.row(first - labels.begin()).eval();
    }
    return data;
}

inline sme::TrainerSettings stallingModel()
{
    sme::TrainerSettings settings = smallModel();
    settings.loss = sme::LossKind::Triplet;
    settings.alpha = 0.0;
    return settings;
}

// smallData with every feature of every example 0: any network maps all of them to one point,
// so a model on it has collapsed from step 0 (spread 0).
inline sme::DataSplit collapsedData()
{
    sme::DataSplit data = smallData();
    data.training.features.setZero();
    data.heldOut.features.setZero();
    return data;
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
