// `sampling-explorer ablate`: every sampler x loss cell trained, the paper's ablation in miniature.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/HeadlessCommand.h"
#include "app/cli/TrainCommand.h"
#include "app/cli/TrainingOptions.h"
#include "model/base/Error.h"
#include "model/training/Ablation.h"

#include <QTextStream>

namespace {

const char* const description = R"(Trains every sampler x loss cell (in parallel across cores), --seeds times each with
seeds 1..K, and writes the final held-out metrics:
  sampler,loss,recall_at_1,recall_at_1_sd,nmi,map_at_r
(means over seeds; recall_at_1_sd is the standard deviation over seeds, 0 for one seed).
--markdown prints the same as a Markdown table on standard output. Cells that diverged are
named on standard error (their row holds the restored weights' metrics); exit status 3 then.)";

void addAblateOptions(CommandOptions& options)
{
    addOutputOption(options);
    addTrainingOptions(options);
    options.add("steps", "Training steps per run (default 1000).", "N");
    options.add("seeds", "Runs per cell, seeds 1..K (default 1).", "K");
    options.addFlag("markdown", "Print a Markdown table on standard output.");
}

// The table in Markdown: header, alignment row (text left, numbers right), and the rows with
// numbers to three decimals.
QString markdownTable(const sme::Table& table)
{
    QString text = "| " + QString::fromStdString(table.columns[0]);
    for (std::size_t c = 1; c < table.columns.size(); ++c)
        text += " | " + QString::fromStdString(table.columns[c]);
    text += " |\n|";
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        text += c < 2 ? " --- |" : " ---: |";
    text += "\n";
    for (const std::vector<sme::Cell>& row : table.rows) {
        text += "|";
        for (const sme::Cell& cell : row)
            text += " " + (cell.isText() ? QString::fromStdString(cell.text()) : QString::number(*cell, 'f', 3)) + " |";
        text += "\n";
    }
    return text;
}

// Names every run that diverged on standard error; true when any did.
bool reportDivergences(const sme::AblationResult& ablation)
{
    for (const sme::AblationCell& cell : ablation.cells)
        for (const sme::AblationRun& run : cell.runs)
            if (run.diverged)
                reportError("ablate", QStringLiteral("%1 + %2 (seed %3) diverged")
                                          .arg(QString::fromUtf8(sme::samplerName(cell.sampler)),
                                               QString::fromUtf8(sme::lossName(cell.loss)))
                                          .arg(run.seed));
    return ablation.anyDiverged();
}

int runAblate(const CommandOptions& options, const QStringList& positional)
{
    refusePositionals(positional);
    const QString output = options.text("output");
    const bool asMarkdown = options.isSet("markdown");
    if (output.isEmpty() && !asMarkdown)
        throw sme::Error("missing -o FILE or --markdown");
    const long steps = options.integer("steps", 1000);
    const int seeds = options.integer("seeds", 1);
    if (steps < 0 || seeds < 1 || seeds > 1000)
        throw sme::Error("--steps must be >= 0 and --seeds between 1 and 1000");
    if (options.isSet("sampler") || options.isSet("loss"))
        throw sme::Error("ablate trains every sampler and loss: drop --sampler and --loss");
    const std::optional<TrainingSetup> setup = prepareTraining("ablate", options, output);
    if (!setup)
        return 1;
    const sme::TrainerSettings& base = setup->settings;
    const sme::DataSplit& data = setup->data;

    const sme::AblationResult ablation
        = sme::runAblation(data, base, steps, seeds, [](std::size_t done, std::size_t total) {
              QTextStream(stderr) << "ablate: " << done << "/" << total << " runs done" << Qt::endl;
          });
    const sme::Table table = sme::toAblationTable(ablation);
    const bool anyDiverged = reportDivergences(ablation);
    if (asMarkdown)
        QTextStream(stdout) << markdownTable(table);
    if (!output.isEmpty() && writeTable("ablate", output, table) != 0)
        return 1;
    return anyDiverged ? 3 : 0;
}

} // namespace

int runAblateCommand(const QStringList& arguments)
{
    return runHeadlessCommand({"ablate", QString::fromUtf8(description), {}, addAblateOptions, runAblate},
                              arguments);
}
