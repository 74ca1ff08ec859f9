// Every parameter a person sets in the explorer, as one plain struct (controls -> parameters).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/losses/Losses.h"
#include "model/sampling/Sampler.h"
#include "model/training/Trainer.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sme {

struct ExplorerParameters {
    // Geometry
    int dimension = 128;           // n, 2 to 4096 (the model trains up to 1024)
    double gradientNoise = 0.1;    // sigma of the gradient-variance view
    int monteCarloPoints = 1000;   // uniform points of the density histogram
    // Sampling
    SamplerKind sampler = SamplerKind::DistanceWeighted;
    double cutoff = 0.5;           // lambda
    double nonzeroLossCutoff = 1.4;
    // Loss
    LossKind loss = LossKind::Margin;
    double alpha = 0.2;
    double beta0 = 1.2;
    bool learnClassBeta = true;
    bool learnImageBeta = false;
    double nu = 0.0;
    // Data and model
    std::string dataset = "synthetic"; // "synthetic", "digits", "fashion-mnist" or a file path
    double syntheticNoise = 1.0;
    double labelNoise = 0.0;       // share of training labels made wrong (addLabelNoise)
    int batchClasses = 12;
    int batchK = 5;
    std::vector<int> hidden{256, 256};
    double learningRate = 1e-3;
    std::uint64_t seed = 1;
    // Run
    double stepsPerSecond = 0.0;   // 0: as fast as possible
    long stopAfter = 0;            // 0: never

    bool operator==(const ExplorerParameters&) const = default;
};

// The views go up to n = 4096; the model trains at most at this n.
inline constexpr int largestModelDimension = 1024;

// The training settings that the explorer's parameters describe (the model trains
// n <= largestModelDimension). It reads every field the parameter schema marks as resetting the
// model or live for the trainer, and no other (tst_parameterschema).
TrainerSettings trainerSettingsFor(const ExplorerParameters& parameters);

} // namespace sme
