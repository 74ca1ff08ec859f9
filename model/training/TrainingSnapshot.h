// What the training thread hands to the window: immutable snapshots of a running model.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/training/Trainer.h"

#include <Eigen/Core>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sme {

// One training step as the curves need it.
struct StepPoint {
    long step = 0;
    double loss = 0.0;
    double activeFraction = 0.0;
    double beta = 0.0;
};

// A run's curves from its start: every step and every evaluation, in order.
struct RunHistory {
    std::vector<StepPoint> steps;
    std::vector<Evaluation> evaluations;
};

// What the window receives, at most about 30 times a second: everything since the previous
// snapshot. Immutable once published (shared as std::shared_ptr<const TrainingSnapshot>).
struct TrainingSnapshot {
    long step = 0;                        // steps done
    bool running = false;
    double stepsPerSecond = 0.0;
    std::vector<StepPoint> steps;         // the steps since the previous snapshot
    std::vector<Evaluation> evaluations; // evaluations since the previous snapshot
    // With an evaluation (and after a reset): the embeddings of the held-out points a live
    // evaluation scores (Trainer::evaluationRows: all of them on small data, else the sample),
    // for the map and the triplet inspector; and their labels, and the names of the held-out
    // classes (Trainer::heldOutClassNames: empty when the data has none).
    std::shared_ptr<const Eigen::MatrixXf> heldOutEmbeddings;
    std::shared_ptr<const std::vector<int>> heldOutLabels;
    std::shared_ptr<const std::map<int, std::string>> heldOutClassNames;
    // *heldOutClassNames, or none when it is not set.
    const std::map<int, std::string>& classNames() const
    {
        static const std::map<int, std::string> none;
        return heldOutClassNames ? *heldOutClassNames : none;
    }
    // When requested: the distances every sampler would pick on the last batch.
    std::optional<std::array<std::vector<double>, 4>> samplerComparison;
    bool reset = false;                   // the run restarted: curves start again
    // Set while the run is stalled: the first step without an active pair or triplet
    // (TrainingPipeline::stalledSince).
    std::optional<long> stalledSince;
};

} // namespace sme
