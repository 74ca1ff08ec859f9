// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/Ablation.h"

#include "model/base/Error.h"
#include "model/training/ParallelRuns.h"
#include "model/training/TrainingPipeline.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <cmath>
#include <optional>

namespace sme {

namespace {

// A run as TrainingPipeline::run makes it (the same steps, the last evaluated, stopping at a
// divergence), but asking before every step whether the grid was cancelled: nullopt then.
std::optional<AblationRun> trainOnce(const DataSplit& data, const TrainerSettings& settings, long steps,
                                     const std::function<bool()>& cancelled)
{
    Trainer trainer(data, settings);
    // No evaluation on the way: only the end's metrics are reported.
    TrainingPipeline pipeline(trainer, 0, {}, StepRecording::EvaluationsOnly);
    bool diverged = false;
    for (long done = 0; done < steps && !diverged; ++done) {
        if (cancelled())
            return std::nullopt;
        diverged = pipeline.step(done + 1 == steps).result.diverged;
    }
    pipeline.evaluateUnlessCurrent(); // a run of no steps, or one that diverged
    return AblationRun{settings.seed, pipeline.history().evaluations.back(), diverged};
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
        cell.collapsed += run.evaluation.collapsed() ? 1 : 0;
    }
    double variance = 0.0;
    for (const AblationRun& run : cell.runs)
        variance += (run.evaluation.recall[0] - cell.recallAt1) * (run.evaluation.recall[0] - cell.recallAt1);
    cell.recallAt1Sd = cell.runs.size() > 1 ? std::sqrt(variance / (seeds - 1)) : 0.0;
}

// A cell of the grid while its seeds train: done counts the seeds finished.
struct PendingCell {
    std::size_t index = 0;
    AblationCell cell;
    std::size_t done = 0;
};

std::vector<PendingCell> cellsOfShard(const AblationShard& shard, int seeds)
{
    std::vector<PendingCell> cells;
    for (std::size_t index = 0; index < ablationCellCount; ++index)
        if (shard.contains(index))
            cells.push_back({index, {ablationSampler(index), ablationLoss(index), std::vector<AblationRun>(std::size_t(seeds))}});
    return cells;
}

std::string threeDecimals(double value)
{
    std::array<char, 64> buffer{};
    const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value,
                                            std::chars_format::fixed, 3);
    return error == std::errc() ? std::string(buffer.data(), end) : std::string("?");
}

// A cell as the paper's tables print it: text as it is, a count whole, a number to 3 decimals.
std::string printed(const Cell& cell, bool isCount)
{
    if (cell.isText())
        return cell.text();
    if (!cell)
        return {};
    return isCount ? std::to_string(std::llround(*cell)) : threeDecimals(*cell);
}

} // namespace

SamplerKind ablationSampler(std::size_t cellIndex)
{
    return allSamplerKinds[cellIndex / allLossKinds.size()];
}

LossKind ablationLoss(std::size_t cellIndex)
{
    return allLossKinds[cellIndex % allLossKinds.size()];
}

std::size_t ablationCellIndex(SamplerKind sampler, LossKind loss)
{
    const auto samplerAt = std::find(allSamplerKinds.begin(), allSamplerKinds.end(), sampler);
    const auto lossAt = std::find(allLossKinds.begin(), allLossKinds.end(), loss);
    return std::size_t(samplerAt - allSamplerKinds.begin()) * allLossKinds.size()
        + std::size_t(lossAt - allLossKinds.begin());
}

bool AblationResult::anyDiverged() const
{
    return std::any_of(cells.begin(), cells.end(), [](const AblationCell& cell) {
        return std::any_of(cell.runs.begin(), cell.runs.end(), [](const AblationRun& run) { return run.diverged; });
    });
}

AblationResult runAblation(const DataSplit& data, const TrainerSettings& base, long steps, int seeds,
                           const AblationControl& control)
{
    requireRunLength(steps);
    require(seeds >= 1 && seeds <= 1000, "the number of seeds must be between 1 and 1000");
    const AblationShard& shard = control.shard;
    require(shard.count >= 1 && shard.index >= 1 && shard.index <= shard.count,
            "a shard is K/N with 1 <= K <= N");
    std::vector<PendingCell> grid = cellsOfShard(shard, seeds);
    const std::size_t perCell = std::size_t(seeds);
    const std::size_t total = grid.size() * perCell;
    // Once one run has seen the request, the others stop without asking the caller again.
    std::atomic<bool> stopped = false;
    const std::function<bool()> cancelled = [&] {
        if (!stopped && control.cancelled && control.cancelled())
            stopped = true;
        return bool(stopped);
    };
    std::size_t finished = 0;
    runInParallel(total, [&](std::size_t job, SerialCalls& serial) {
        PendingCell& pending = grid[job / perCell];
        const std::size_t run = job % perCell;
        TrainerSettings settings = base;
        settings.sampler = pending.cell.sampler;
        settings.loss = pending.cell.loss;
        settings.seed = base.seed + run;
        std::optional<AblationRun> result = trainOnce(data, settings, steps, cancelled);
        if (!result)
            return;
        pending.cell.runs[run] = std::move(*result);
        serial([&] { // the lock orders this run's result before the summary of its cell
            if (++pending.done == perCell) {
                summarise(pending.cell);
                if (control.cellFinished)
                    control.cellFinished(pending.index, pending.cell);
            }
            if (control.progress)
                control.progress(++finished, total);
        });
    });
    AblationResult ablation;
    ablation.cancelled = stopped;
    for (PendingCell& pending : grid)
        if (pending.done == perCell)
            ablation.cells.push_back(std::move(pending.cell));
    return ablation;
}

const std::vector<std::string>& ablationColumns()
{
    static const std::vector<std::string> columns{"sampler", "loss", "recall_at_1", "recall_at_1_sd",
                                                  "nmi", "map_at_r", "collapsed"};
    return columns;
}

Table toAblationTable(const AblationResult& ablation)
{
    Table table{ablationColumns(), {}};
    for (const AblationCell& cell : ablation.cells)
        table.addRow({std::string(samplerName(cell.sampler)), std::string(lossName(cell.loss)),
                      cell.recallAt1, cell.recallAt1Sd, cell.nmi, cell.mapAtR, double(cell.collapsed)});
    return table;
}

std::string ablationMarkdown(const Table& table)
{
    std::string header = "|", alignment = "|";
    for (const std::string& column : table.columns) {
        header += " " + column + " |";
        alignment += column == "sampler" || column == "loss" ? " --- |" : " ---: |"; // numbers right
    }
    std::string text = header + "\n" + alignment + "\n";
    for (const std::vector<Cell>& row : table.rows) {
        text += "|";
        for (std::size_t c = 0; c < row.size(); ++c)
            text.append(" ").append(printed(row[c], table.columns[c] == "collapsed")).append(" |");
        text += "\n";
    }
    return text;
}

std::string ablationLatex(const Table& table)
{
    const std::vector<Cell> samplers = table.column("sampler"), losses = table.column("loss"),
                            recall = table.column("recall_at_1"), recallSd = table.column("recall_at_1_sd"),
                            nmi = table.column("nmi"), mapAtR = table.column("map_at_r"),
                            collapsed = table.column("collapsed");
    std::string text = "% Sampler x loss ablation (sampling-explorer ablate); needs \\usepackage{booktabs}.\n"
                       "\\begin{tabular}{llrrrr}\n\\toprule\n"
                       "Sampler & Loss & Recall@1 & NMI & MAP@R & Collapsed \\\\\n\\midrule\n";
    for (std::size_t r = 0; r < table.rows.size(); ++r)
        text += printed(samplers[r], false) + " & " + printed(losses[r], false) + " & $"
            + printed(recall[r], false) + " \\pm " + printed(recallSd[r], false) + "$ & "
            + printed(nmi[r], false) + " & " + printed(mapAtR[r], false) + " & "
            + printed(collapsed[r], true) + " \\\\\n";
    return text + "\\bottomrule\n\\end{tabular}\n";
}

} // namespace sme
