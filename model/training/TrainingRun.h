// A headless training run: steps with evaluations every so often, as rows for a table.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Table.h"
#include "model/training/Trainer.h"
#include "model/training/TrainingPipeline.h"
#include "model/training/TrainingSnapshot.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sme {

struct TrainingRunResult {
    std::vector<TrainingRecord> records;
    bool diverged = false;
    std::string divergence;
};

// Evaluates where the trainer is (step 0 for a new one), then trains `steps` steps with a
// TrainingPipeline, evaluating at every multiple of evalEvery of the trainer's step count and
// after the last step. Stops at a divergence (records so far kept, the reason given).
// progress, when set, is called after every step with the number of steps done.
// The last record (after the last step, or the only one of a run of 0 steps) scores every
// held-out point unless `last` says otherwise, the others the live sample: the run's result is
// measured on all the data, its curve on the same sample throughout. lastProgress reports that
// evaluation (Trainer::evaluateAll). A run that diverged ends with the sample's evaluation of
// the last healthy step.
TrainingRunResult runTraining(Trainer& trainer, long steps, long evalEvery,
                              const std::function<void(long)>& progress = {},
                              EvaluationScope last = EvaluationScope::AllHeldOut,
                              const Progress& lastProgress = {});

// A training run for figures: every step's point, evaluations every evalEvery steps (and at
// the start and the last step), and at the end the embeddings and labels of the live
// evaluation sample (Trainer::sampleEmbeddings: every held-out point when there are at most
// TrainerSettings::evaluationSample), so a map of a large data set shows a readable sample.
struct FigureTrainingRun {
    std::vector<StepPoint> steps;
    std::vector<Evaluation> evaluations;
    Eigen::MatrixXf embeddings;
    std::vector<int> labels;
    std::map<int, std::string> classNames; // of the held-out classes, when the data names them
    std::string divergence; // empty unless the run diverged (it stops there)
};
FigureTrainingRun trainForFigures(DataSplit data, const TrainerSettings& settings, long steps,
                                  long evalEvery);
// The same from a model that may have trained already, with the curves of its run so far.
FigureTrainingRun trainForFigures(Trainer& trainer, RunHistory history, long steps, long evalEvery);

// Columns step, loss, active_fraction, beta, recall_at_1, recall_at_2, recall_at_4,
// recall_at_8, nmi, map_at_r.
Table toTable(const std::vector<TrainingRecord>& records);
// A run's curves in the same columns: one row per step (that step's loss, active_fraction and
// beta), the evaluation columns filled on the steps evaluated and empty elsewhere (an
// evaluation before any step has a row of its own): what the window's training view exports.
Table toTable(const RunHistory& history);
// The evaluations alone: step and the evaluation columns (recall_at_1 ... spread).
Table evaluationTable(const std::vector<Evaluation>& evaluations);

} // namespace sme
