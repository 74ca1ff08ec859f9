// The paper's ablation in miniature: every sampler x loss cell trained with several seeds, its
// final held-out metrics averaged over the seeds.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Table.h"
#include "model/data/Dataset.h"
#include "model/training/Trainer.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace sme {

// One seed's run of a cell: evaluated once, at its end (the restored weights if it diverged).
struct AblationRun {
    std::uint64_t seed = 0;
    Evaluation evaluation;
    bool diverged = false;
};

struct AblationCell {
    SamplerKind sampler = SamplerKind::DistanceWeighted;
    LossKind loss = LossKind::Margin;
    std::vector<AblationRun> runs; // seeds base.seed, base.seed + 1, ...
    // Means over the seeds, and the sample standard deviation of Recall@1 (0 for one seed).
    double recallAt1 = 0.0;
    double recallAt1Sd = 0.0;
    double nmi = 0.0;
    double mapAtR = 0.0;
};

struct AblationResult {
    std::vector<AblationCell> cells; // samplers in SamplerKind order, each with every loss
    bool anyDiverged() const;
};

// Trains base with every sampler and loss, `seeds` times each (seeds base.seed + 0 .. seeds - 1),
// `steps` steps a run, in parallel (runInParallel). Every run owns its trainer and its seeded
// random streams, so the result is the same whatever the threads' timing. progress, when set,
// is called one call at a time with the runs done and the runs in all. Throws sme::Error for
// invalid counts, data or settings (from a run's thread too: carried back here).
AblationResult runAblation(const DataSplit& data, const TrainerSettings& base, long steps, int seeds,
                           const std::function<void(std::size_t done, std::size_t total)>& progress = {});

// Columns sampler, loss, recall_at_1, recall_at_1_sd, nmi, map_at_r: one row per cell, in the
// result's order; sampler and loss as samplerName and lossName spell them.
Table toAblationTable(const AblationResult& ablation);

} // namespace sme
