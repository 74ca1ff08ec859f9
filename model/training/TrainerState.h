// Everything a Trainer remembers between steps: saved with a session so that loading it
// continues the run exactly where it stopped (weights, optimiser, beta, random streams).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/training/Adam.h"
#include "model/losses/MarginLoss.h"

#include <Eigen/Core>
#include <string>
#include <vector>

namespace sme {

struct TrainerState {
    long steps = 0;
    std::vector<Eigen::MatrixXf> parameters;  // the network's, in layer order (W1, b1, ...)
    AdamState<float> adam;
    MarginBoundary boundary;
    double beta0Velocity = 0.0;
    std::vector<double> perClassVelocity;
    std::vector<double> perImageVelocity;
    // The random generators' states in the standard library's text form (portable: the
    // mt19937_64 state is its 312 words in decimal).
    std::string batchRandom;
    std::string samplerRandom;
    // The healthy weights a divergence falls back to.
    std::vector<Eigen::MatrixXf> checkpointParameters;
    MarginBoundary checkpointBoundary;
    long checkpointStep = 0;
    // The last batch, for comparing the samplers on the live model (may be empty).
    Eigen::MatrixXd lastEmbeddings;
    std::vector<int> lastLabels;
};

} // namespace sme
