// `sampling-explorer ablate`: every sampler x loss cell trained, the paper's ablation in miniature.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/HeadlessCommand.h"
#include "app/cli/TrainCommand.h"
#include "app/cli/TrainingOptions.h"
#include "model/base/Error.h"
#include "model/training/TrainingRun.h"

#include <QTextStream>
#include <atomic>
#include <cmath>
#include <thread>

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

struct Cell {
    sme::SamplerKind sampler;
    sme::LossKind loss;
    std::vector<sme::Evaluation> runs;
    std::vector<char> diverged;
};

QString markdown(const sme::Table& table)
{
    QString text = "| " + QString::fromStdString(table.columns[0]);
    for (std::size_t c = 1; c < table.columns.size(); ++c)
        text += " | " + QString::fromStdString(table.columns[c]);
    text += " |\n|";
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        text += c < 2 ? " --- |" : " ---: |";
    text += "\n";
    return text;
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

    std::vector<Cell> cells;
    for (sme::SamplerKind sampler : sme::allSamplerKinds)
        for (sme::LossKind loss : sme::allLossKinds)
            cells.push_back({sampler, loss, std::vector<sme::Evaluation>(std::size_t(seeds)),
                             std::vector<char>(std::size_t(seeds), 0)});
    const std::size_t jobs = cells.size() * std::size_t(seeds);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> finished{0};
    const auto work = [&] {
        for (std::size_t job; (job = next++) < jobs;) {
            Cell& cell = cells[job / std::size_t(seeds)];
            const std::size_t run = job % std::size_t(seeds);
            sme::TrainerSettings settings = base;
            settings.sampler = cell.sampler;
            settings.loss = cell.loss;
            settings.seed = base.seed + run;
            sme::Trainer trainer(data, settings);
            bool diverged = false;
            for (long s = 0; s < steps && !diverged; ++s)
                diverged = trainer.trainStep().diverged;
            cell.runs[run] = trainer.evaluate(); // once, at the end (restored weights if diverged)
            cell.diverged[run] = diverged;
            QTextStream(stderr) << "ablate: " << ++finished << "/" << jobs << " runs done" << Qt::endl;
        }
    };
    std::vector<std::thread> threads;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    for (unsigned t = 0; t < std::min<unsigned>(cores, unsigned(jobs)); ++t)
        threads.emplace_back(work);
    for (std::thread& t : threads)
        t.join();

    sme::Table table{{"sampler", "loss", "recall_at_1", "recall_at_1_sd", "nmi", "map_at_r"}, {}};
    QString rows;
    bool anyDiverged = false;
    for (const Cell& cell : cells) {
        double recall = 0, nmi = 0, map = 0;
        for (const sme::Evaluation& e : cell.runs) {
            recall += e.recall[0] / seeds;
            nmi += e.nmi / seeds;
            map += e.mapAtR / seeds;
        }
        double variance = 0;
        for (const sme::Evaluation& e : cell.runs)
            variance += (e.recall[0] - recall) * (e.recall[0] - recall);
        const double sd = seeds > 1 ? std::sqrt(variance / (seeds - 1)) : 0.0;
        const std::string samplerText(sme::samplerName(cell.sampler));
        const std::string lossText(sme::lossName(cell.loss));
        table.addRow({samplerText, lossText, recall, sd, nmi, map});
        const QString sampler = QString::fromStdString(samplerText);
        const QString loss = QString::fromStdString(lossText);
        rows += QStringLiteral("| %1 | %2 | %3 | %4 | %5 | %6 |\n")
                    .arg(sampler, loss)
                    .arg(recall, 0, 'f', 3)
                    .arg(sd, 0, 'f', 3)
                    .arg(nmi, 0, 'f', 3)
                    .arg(map, 0, 'f', 3);
        for (std::size_t run = 0; run < cell.diverged.size(); ++run)
            if (cell.diverged[run]) {
                anyDiverged = true;
                reportError("ablate", QStringLiteral("%1 + %2 (seed %3) diverged").arg(sampler, loss).arg(base.seed + run));
            }
    }
    if (asMarkdown)
        QTextStream(stdout) << markdown(table) << rows;
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
