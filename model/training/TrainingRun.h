// A headless training run: steps with evaluations every so often, as rows for a table.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Table.h"
#include "model/training/Trainer.h"
#include "model/training/TrainingSnapshot.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sme {

// One evaluation of a run. loss and activeFraction are the means over the steps since the
// previous evaluation (empty at step 0, before training); beta likewise (beta0 at step 0).
struct TrainingRecord {
    long step = 0;
    std::optional<double> loss;
    std::optional<double> activeFraction;
    double beta = 0.0;
    Evaluation evaluation;
};

struct TrainingRunResult {
    std::vector<TrainingRecord> records;
    bool diverged = false;
    std::string divergence;
};

// Evaluates at step 0, then trains `steps` steps, evaluating every evalEvery steps and after the
// last one. Stops at a divergence (records so far kept, the reason given). progress, when set,
// is called after every step with the number of steps done.
TrainingRunResult runTraining(Trainer& trainer, long steps, long evalEvery,
                              const std::function<void(long)>& progress = {});

// A training run for figures: every step's point, evaluations every evalEvery steps (and at
// the start and the last step), and the held-out embeddings at the end.
struct FigureTrainingRun {
    std::vector<StepPoint> steps;
    std::vector<Evaluation> evaluations;
    Eigen::MatrixXf embeddings;
    std::vector<int> labels;
    std::string divergence; // empty unless the run diverged (it stops there)
};
FigureTrainingRun trainForFigures(DataSplit data, const TrainerSettings& settings, long steps,
                                  long evalEvery);
// The same from a model that may have trained already, with the curves of its run so far.
FigureTrainingRun trainForFigures(Trainer& trainer, RunHistory history, long steps, long evalEvery);

// Columns step, loss, active_fraction, beta, recall_at_1, recall_at_2, recall_at_4,
// recall_at_8, nmi, map_at_r.
Table toTable(const std::vector<TrainingRecord>& records);

} // namespace sme
