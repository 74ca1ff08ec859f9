// A headless training run: steps with evaluations every so often, as rows for a table.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Table.h"
#include "model/Trainer.h"

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

// Columns step, loss, active_fraction, beta, recall_at_1, recall_at_2, recall_at_4,
// recall_at_8, nmi, map_at_r.
Table toTable(const std::vector<TrainingRecord>& records);

} // namespace sme
