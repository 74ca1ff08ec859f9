// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/Ablation.h"

#include "model/base/Error.h"
#include "model/training/ParallelRuns.h"
#include "model/training/TrainingPipeline.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace sme {

namespace {

AblationRun trainOnce(const DataSplit& data, TrainerSettings settings, long steps)
{
    Trainer trainer(data, settings);
    // No evaluation on the way: only the end's metrics are reported.
    TrainingPipeline pipeline(trainer, 0, {}, StepRecording::EvaluationsOnly);
    const TrainingPipeline::RunEnd end = pipeline.run(steps);
    pipeline.evaluateUnlessCurrent(); // a run of no steps, or one that diverged
    return {settings.seed, pipeline.history().evaluations.back(), end.diverged};
}

// The seeds' means and the sample deviation of Recall@1. Accumulated as x / seeds in seed
// order, the order the published tables were computed in (a sum then one division may round
// differently in the last place).
void summarise(AblationCell& cell)
{
    const double seeds = double(cell.runs.size());
    for (const AblationRun& run : cell.runs) {
        cell.recallAt1 += run.evaluation.recall[0] / seeds;
        cell.nmi += run.evaluation.nmi / seeds;
        cell.mapAtR += run.evaluation.mapAtR / seeds;
    }
    double variance = 0.0;
    for (const AblationRun& run : cell.runs)
        variance += (run.evaluation.recall[0] - cell.recallAt1) * (run.evaluation.recall[0] - cell.recallAt1);
    cell.recallAt1Sd = cell.runs.size() > 1 ? std::sqrt(variance / (seeds - 1)) : 0.0;
}

} // namespace

bool AblationResult::anyDiverged() const
{
    return std::any_of(cells.begin(), cells.end(), [](const AblationCell& cell) {
        return std::any_of(cell.runs.begin(), cell.runs.end(), [](const AblationRun& run) { return run.diverged; });
    });
}

AblationResult runAblation(const DataSplit& data, const TrainerSettings& base, long steps, int seeds,
                           const std::function<void(std::size_t, std::size_t)>& progress)
{
    requireRunLength(steps);
    require(seeds >= 1 && seeds <= 1000, "the number of seeds must be between 1 and 1000");
    AblationResult ablation;
    for (SamplerKind sampler : allSamplerKinds)
        for (LossKind loss : allLossKinds)
            ablation.cells.push_back({sampler, loss, std::vector<AblationRun>(std::size_t(seeds))});
    const std::size_t perCell = std::size_t(seeds);
    const std::size_t total = ablation.cells.size() * perCell;
    std::size_t finished = 0;
    runInParallel(total, [&](std::size_t job, SerialCalls& serial) {
        AblationCell& cell = ablation.cells[job / perCell];
        const std::size_t run = job % perCell;
        TrainerSettings settings = base;
        settings.sampler = cell.sampler;
        settings.loss = cell.loss;
        settings.seed = base.seed + run;
        cell.runs[run] = trainOnce(data, settings, steps);
        if (progress)
            serial([&] { progress(++finished, total); });
    });
    for (AblationCell& cell : ablation.cells)
        summarise(cell);
    return ablation;
}

Table toAblationTable(const AblationResult& ablation)
{
    Table table{{"sampler", "loss", "recall_at_1", "recall_at_1_sd", "nmi", "map_at_r"}, {}};
    for (const AblationCell& cell : ablation.cells)
        table.addRow({std::string(samplerName(cell.sampler)), std::string(lossName(cell.loss)),
                      cell.recallAt1, cell.recallAt1Sd, cell.nmi, cell.mapAtR});
    return table;
}

} // namespace sme
