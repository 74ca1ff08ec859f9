// `sampling-explorer ablate`: every sampler x loss cell trained, the paper's ablation in miniature;
// in shards for a cluster, and `ablate merge` to put the shards together.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/AblateMerge.h"
#include "app/cli/HeadlessCommand.h"
#include "app/cli/RunNotes.h"
#include "app/cli/TrainCommand.h"
#include "app/cli/TrainingOptions.h"
#include "model/base/Error.h"
#include "model/training/Ablation.h"

#include <QFile>
#include <QRegularExpression>
#include <QTextStream>

namespace {

const char* const ablateDescription = R"(Trains every sampler x loss cell (in parallel across cores), --seeds times each with
seeds 1..K, and writes the final held-out metrics:
  sampler,loss,recall_at_1,recall_at_1_sd,nmi,map_at_r,collapsed
(means over seeds; recall_at_1_sd is the standard deviation over seeds, 0 for one seed;
collapsed counts the seeds whose final model collapsed: held-out spread below 0.1). On data
of more held-out points than --eval-sample (default 2000) the metrics are those of a fixed
class-stratified sample of them, not of every one: a grid of many runs would otherwise spend
most of its time scoring; --eval-sample all scores every held-out point.
--markdown prints the same as a Markdown table on standard output, --latex as a LaTeX
booktabs table (Recall@1 as mean ± sd). Cells that diverged are named on standard error
(their row holds the restored weights' metrics); exit status 3 then.

A grid in shards, for a job array on a cluster: --shard K/N runs only the cells whose index
leaves K - 1 when divided by N (K counts from 1, as $SLURM_ARRAY_TASK_ID does with
--array=1-N). The cells are numbered 0-15: samplers uniform, hard, semi-hard,
distance-weighted, each with the losses contrastive, triplet-squared, triplet, margin. Then
  sampling-explorer ablate merge SHARD.csv... -o ALL.csv [--markdown] [--latex]
checks that every cell is there exactly once and writes them in the full grid's order: the
same bytes as one run of the whole grid.)";

void addAblateOptions(CommandOptions& options)
{
    addOutputOption(options);
    addTrainingOptions(options);
    options.add("steps", "Training steps per run (default 1000).", "N");
    options.add("seeds", "Runs per cell, seeds 1..K (default 1).", "K");
    options.add("shard", "Run shard K of N (1 <= K <= N): the cells whose index % N is K - 1.", "K/N");
    options.addFlag("markdown", "Print a Markdown table on standard output.");
    options.addFlag("latex", "Print a LaTeX table (booktabs) on standard output.");
}

sme::AblationShard readShard(const CommandOptions& options)
{
    if (!options.isSet("shard"))
        return {};
    const QRegularExpressionMatch match
        = QRegularExpression(QStringLiteral("^(\\d{1,6})/(\\d{1,6})$")).match(options.text("shard").trimmed());
    const sme::AblationShard shard{match.captured(1).toInt(), match.captured(2).toInt()};
    if (!match.hasMatch() || shard.index < 1 || shard.index > shard.count)
        throw sme::Error(QStringLiteral("--shard must be K/N with 1 <= K <= N, e.g. 2/3 (got '%1')")
                             .arg(options.text("shard")).toStdString());
    return shard;
}

// The table as asked: a CSV file (-o), Markdown and LaTeX on standard output. 0, or 1 when the
// file could not be written.
int writeAblationTable(const CommandOptions& options, const sme::Table& table)
{
    if (options.isSet("markdown"))
        QTextStream(stdout) << QString::fromStdString(sme::ablationMarkdown(table));
    if (options.isSet("latex"))
        QTextStream(stdout) << QString::fromStdString(sme::ablationLatex(table));
    const QString output = options.text("output");
    return output.isEmpty() ? 0 : writeTable("ablate", output, table);
}

void requireAnOutput(const CommandOptions& options)
{
    if (options.text("output").isEmpty() && !options.isSet("markdown") && !options.isSet("latex"))
        throw sme::Error("missing -o FILE or --markdown (or --latex)");
}

// Names every run that diverged, and every cell with collapsed seeds, on standard error; true
// when any run diverged.
bool reportRunEnds(const sme::AblationResult& ablation)
{
    for (const sme::AblationCell& cell : ablation.cells) {
        const QString name = QString::fromUtf8(sme::samplerName(cell.sampler)) + QStringLiteral(" + ")
            + QString::fromUtf8(sme::lossName(cell.loss));
        for (const sme::AblationRun& run : cell.runs)
            if (run.diverged)
                reportError("ablate", QStringLiteral("%1 (seed %2) diverged").arg(name).arg(run.seed));
        if (cell.collapsed > 0)
            reportError("ablate", QStringLiteral("%1: %2 of %3 seeds ended collapsed (held-out spread < %4)")
                                      .arg(name).arg(cell.collapsed).arg(cell.runs.size()).arg(sme::collapsedSpread));
    }
    return ablation.anyDiverged();
}

int runMerge(const CommandOptions& options, const QStringList& files)
{
    options.refuseAllBut({"output", "markdown", "latex"}, "ablate merge");
    if (files.isEmpty())
        throw sme::Error("ablate merge needs the shards' CSV files");
    requireAnOutput(options);
    std::vector<AblationShardFile> shards;
    for (const QString& path : files) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            throw sme::Error(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()).toStdString());
        shards.push_back({path, file.readAll()});
    }
    return writeAblationTable(options, mergeAblationShards(shards));
}

int runAblate(const CommandOptions& options, const QStringList& positional)
{
    if (!positional.isEmpty() && positional.first() == QLatin1String("merge"))
        return runMerge(options, positional.mid(1));
    refusePositionals(positional);
    requireAnOutput(options);
    const long steps = options.integer("steps", 1000);
    const int seeds = options.integer("seeds", 1);
    if (steps < 0 || seeds < 1 || seeds > 1000)
        throw sme::Error("--steps must be >= 0 and --seeds between 1 and 1000");
    if (options.isSet("sampler") || options.isSet("loss"))
        throw sme::Error("ablate trains every sampler and loss: drop --sampler and --loss");
    sme::AblationControl control;
    control.shard = readShard(options);
    control.progress = [](std::size_t done, std::size_t total) {
        QTextStream(stderr) << "ablate: " << done << "/" << total << " runs done" << Qt::endl;
    };
    const std::optional<TrainingSetup> setup = prepareTraining("ablate", options, options.text("output"));
    if (!setup)
        return 1;
    reportEvaluationSample("ablate", QStringLiteral("the final evaluations"), evaluationSampleSize(setup->settings, setup->data),
                           long(setup->data.heldOut.labels.size()), QStringLiteral("--eval-sample all for every one"));
    sme::TrainerSettings base = setup->settings;
    if (!options.isSet("alpha"))
        base.alpha.reset(); // each loss at its own default margin, a preset's alpha too (as the window's grid)
    const sme::AblationResult ablation = sme::runAblation(setup->data, base, steps, seeds, control);
    const bool anyDiverged = reportRunEnds(ablation);
    if (writeAblationTable(options, sme::toAblationTable(ablation)) != 0)
        return 1;
    return anyDiverged ? 3 : 0;
}

} // namespace

int runAblateCommand(const QStringList& arguments)
{
    return runHeadlessCommand({"ablate", QString::fromUtf8(ablateDescription), QStringLiteral("[merge FILE...]"),
                               addAblateOptions, runAblate},
                              arguments);
}
