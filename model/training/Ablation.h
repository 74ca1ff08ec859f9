// The paper's ablation in miniature: every sampler x loss cell trained with several seeds, its
// final held-out metrics averaged over the seeds; a grid cut into shards, and its tables.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Table.h"
#include "model/data/Dataset.h"
#include "model/training/Trainer.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace sme {

// One seed's run of a cell: evaluated once, at its end (the restored weights if it diverged), on
// the live evaluation sample (TrainerSettings::evaluationSample): a grid of many runs of a large
// data set would spend most of its time scoring every held-out point.
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
    int collapsed = 0; // seeds whose final model collapsed (Evaluation::collapsed)
};

// The grid's cells in one fixed order, samplers in SamplerKind order, each with every loss in
// LossKind order: cell index = sampler * allLossKinds.size() + loss.
inline constexpr std::size_t ablationCellCount = allSamplerKinds.size() * allLossKinds.size();
SamplerKind ablationSampler(std::size_t cellIndex);
LossKind ablationLoss(std::size_t cellIndex);
std::size_t ablationCellIndex(SamplerKind sampler, LossKind loss);

// Shard K of N runs the cells whose index % N == K - 1. K counts from 1, as the task ids of a
// job array usually do (SLURM's --array=1-N); the shards 1..N together hold every cell once.
struct AblationShard {
    int index = 1;
    int count = 1;
    bool contains(std::size_t cellIndex) const { return int(cellIndex % std::size_t(count)) == index - 1; }
};

struct AblationResult {
    std::vector<AblationCell> cells; // the cells that ran to the end, in the grid's order
    bool cancelled = false;          // stopped on request: the cells not finished are left out
    bool anyDiverged() const;
};

// What a caller can ask of a grid besides its size; every callback is optional.
struct AblationControl {
    AblationShard shard; // all cells by default
    // Called one call at a time with the runs done and the runs in all (of the shard).
    std::function<void(std::size_t done, std::size_t total)> progress;
    // Called one call at a time when a cell's last seed is done, with its index in the full
    // grid and the cell, summarised: cells arrive in the order they finish.
    std::function<void(std::size_t cellIndex, const AblationCell& cell)> cellFinished;
    // Polled before each step of every run, from the runs' threads and so possibly at once (read
    // an atomic flag): true stops the grid; runs under way are dropped, runs not started never
    // start, and the cells not finished are left out of the result.
    std::function<bool()> cancelled;
};

// Trains base with every sampler and loss of the shard, `seeds` times each (seeds base.seed + 0
// .. seeds - 1), `steps` steps a run, in parallel (runInParallel). Every run owns its trainer and
// its seeded random streams, so a cell's numbers depend on nothing but its settings: not on the
// threads' timing, nor on which other cells run (shards merged equal one full run bit for bit).
// Throws sme::Error for invalid counts, shard, data or settings (from a run's thread too:
// carried back here).
AblationResult runAblation(const DataSplit& data, const TrainerSettings& base, long steps, int seeds,
                           const AblationControl& control = {});

// Columns sampler, loss, recall_at_1, recall_at_1_sd, nmi, map_at_r, collapsed: one row per cell,
// in the result's order; sampler and loss as samplerName and lossName spell them.
const std::vector<std::string>& ablationColumns();
Table toAblationTable(const AblationResult& ablation);

// The ablation table (toAblationTable's columns, as written or read back) for a paper: numbers to
// three decimals, collapsed as a count. Markdown: one column per table column. LaTeX: a booktabs
// tabular (\toprule, \midrule, \bottomrule) with Recall@1 as mean \pm sd. Throws sme::Error when
// a column is missing.
std::string ablationMarkdown(const Table& table);
std::string ablationLatex(const Table& table);

} // namespace sme
