// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/TrainingOptions.h"

#include "app/cli/HeadlessCommand.h"
#include "app/cli/RunNotes.h"
#include "app/io/OutputFile.h"
#include "app/io/Presets.h"
#include "model/base/Error.h"
#include "model/figures/ExplorerParameters.h"

#include <QTextStream>
#include <algorithm>
#include <limits>
#include <string_view>

namespace {

// Refuses options that do not apply to a training command or not together.
void checkTrainingOptions(const CommandOptions& options)
{
    if (options.isSet("noise"))
        throw sme::Error("--noise is the gradient noise of the data and figure commands: "
                         "use --data-noise for the synthetic data's nuisance level");
    const QString dataset = options.text("dataset");
    if (!dataset.isEmpty() && dataset != QLatin1String("synthetic"))
        for (const char* name : {"data-noise", "data-seed"})
            if (options.isSet(QLatin1String(name)) && !(options.isSet("label-noise") && name == std::string_view("data-seed")))
                throw sme::Error(QStringLiteral("--%1 applies only to the synthetic data set").arg(QLatin1String(name)).toStdString());
}

DataChoice readDataChoice(const CommandOptions& options, DataChoice choice)
{
    if (!options.text("dataset").isEmpty())
        choice.dataset = options.text("dataset");
    choice.noise = options.real("data-noise", choice.noise);
    choice.dataSeed = options.integer("data-seed", choice.dataSeed);
    choice.labelNoise = options.real("label-noise", choice.labelNoise);
    return choice;
}

// --eval-sample N|all: N held-out points (1 or more), or 0 for all of them.
int readEvaluationSample(const CommandOptions& options, int fallback)
{
    if (!options.isSet("eval-sample"))
        return fallback;
    const QString given = options.text("eval-sample").trimmed();
    if (given == QLatin1String("all"))
        return 0;
    bool ok = false;
    const long long count = given.toLongLong(&ok);
    if (!ok || count < 1 || count > std::numeric_limits<int>::max())
        throw sme::Error(QStringLiteral("--eval-sample expects a number of held-out points from 1 to %1, "
                                        "or all, got '%2'")
                             .arg(std::numeric_limits<int>::max()).arg(given).toStdString());
    return int(count);
}

// Throws sme::Error for an unknown sampler or loss name or a malformed number.
sme::TrainerSettings readTrainerSettings(const CommandOptions& options, sme::TrainerSettings settings)
{
    settings.sampler = options.choice("sampler", sme::allSamplerKinds, sme::samplerName, settings.sampler);
    settings.loss = options.choice("loss", sme::allLossKinds, sme::lossName, settings.loss);
    settings.embeddingDimension = options.integer("dim", settings.embeddingDimension);
    if (const QString hidden = options.text("hidden"); !hidden.isEmpty())
        settings.hidden = options.integerList("hidden");
    settings.batchClasses = options.integer("batch-classes", settings.batchClasses);
    settings.batchK = options.integer("batch-k", settings.batchK);
    settings.learningRate = options.real("lr", settings.learningRate);
    if (!options.text("alpha").isEmpty())
        settings.alpha = options.real("alpha", 0.0);
    settings.seed = options.seed(settings.seed);
    settings.evaluationSample = readEvaluationSample(options, settings.evaluationSample);
    settings.validate();
    return settings;
}

// The ids of the presets, for the option's help.
QStringList presetIds()
{
    QStringList ids;
    for (const Preset& preset : loadPresets().presets)
        ids.append(preset.id);
    return ids;
}

} // namespace

std::optional<sme::ExplorerParameters> presetOption(const CommandOptions& options)
{
    const QString id = options.text("preset");
    if (id.isEmpty())
        return std::nullopt;
    for (const Preset& preset : loadPresets().presets)
        if (preset.id == id)
            return presetParameters(preset);
    throw sme::Error(("no preset '" + id + "' (the presets are " + presetIds().join(", ") + ")").toStdString());
}

void addTrainingOptions(CommandOptions& options)
{
    options.add("dataset", "synthetic (default), digits, fashion-mnist (Debian's dataset-fashion-mnist), or a .csv / IDX images file (either may be .gz).", "DATA");
    options.add("data-noise", "Synthetic data: the nuisance level (default 1; 0 is a clean raw space).", "X");
    options.addHidden("noise", "SIGMA"); // refused, pointing at --data-noise
    options.add("data-seed", "Synthetic data: its seed (default 1); with --label-noise, the wrong labels' too.", "S");
    options.add("label-noise", "Share of training labels replaced by another class, 0 to 0.9 (default 0).", "X");
    options.add("preset", "Start from a lesson's parameters, as the window's Lessons menu sets them "
                          "(the options given override them): " + presetIds().join(", ") + ".", "ID");
    options.add("sampler", "uniform, hard, semi-hard or distance-weighted (default).", "S");
    options.add("loss", "contrastive, triplet-squared, triplet or margin (default).", "L");
    addDimensionOption(options, sme::largestModelDimension);
    options.add("hidden", "Hidden layer widths, comma separated (default 256,256; none for a linear map).", "W");
    options.add("batch-classes", "Classes per batch P (default 12).", "P");
    options.add("batch-k", "Examples per class K (default 5).", "K");
    options.add("lr", "Adam learning rate (default 0.001).", "X");
    options.add("alpha", "Margin alpha (default 0.2; contrastive 1.0).", "A");
    addSeedOption(options, QStringLiteral("the weights, batches and sampling"));
    options.add("eval-sample", QStringLiteral("Held-out points the live evaluations score: a fixed class-stratified "
                                              "sample of N of them (at least two of each class), the same points at "
                                              "every evaluation so the curve is comparable (default %1; all: every "
                                              "held-out point).")
                                   .arg(sme::TrainerSettings::defaultEvaluationSample), "N|all");
}

void refusePositionals(const QStringList& positional)
{
    if (!positional.isEmpty())
        throw sme::Error(("unexpected argument '" + positional.first() + "'").toStdString());
}

std::optional<TrainingSetup> prepareTraining(const char* command, const CommandOptions& options,
                                             const QString& output)
{
    checkTrainingOptions(options);
    if (const QString problem = outputProblem(output); !output.isEmpty() && !problem.isEmpty()) {
        reportError(QString::fromUtf8(command), problem); // found before the runs, not after them
        return std::nullopt;
    }
    const std::optional<sme::ExplorerParameters> preset = presetOption(options);
    // options first, then data
    sme::TrainerSettings settings = readTrainerSettings(options, preset ? sme::trainerSettingsFor(*preset)
                                                                        : sme::TrainerSettings{});
    const DataChoice data = readDataChoice(options, preset ? dataChoiceFor(*preset) : DataChoice{});
    // The digits and the synthetic data load in an instant: only a slow load shows its progress.
    sme::DataSplit split = loadDataSplit(data, tenthsProgressPrinter(command, "loading " + dataName(data), 1000));
    QTextStream(stderr) << command << ": " << splitDescription(data, split) << Qt::endl;
    return TrainingSetup{std::move(settings), std::move(split)};
}

void addTrainingRunOptions(CommandOptions& options, long defaultSteps)
{
    addOutputOption(options);
    addTrainingOptions(options);
    options.add("steps", QStringLiteral("Training steps (default %1).").arg(defaultSteps), "N");
    options.add("eval-every", "Evaluate every E steps (default 100).", "E");
}

TrainingRunOptions readTrainingRunOptions(const CommandOptions& options,
                                          const QStringList& positional, long defaultSteps)
{
    refusePositionals(positional);
    TrainingRunOptions run;
    run.output = options.text("output");
    if (run.output.isEmpty())
        throw sme::Error("missing -o FILE (use -o - for standard output)");
    const std::optional<sme::ExplorerParameters> preset = presetOption(options);
    // A lesson that stops by itself runs as long headless as in the window.
    run.steps = options.integer("steps", int(preset && preset->stopAfter > 0 ? preset->stopAfter : defaultSteps));
    run.evalEvery = options.integer("eval-every", 100);
    if (run.steps < 0)
        throw sme::Error("--steps must be >= 0");
    if (run.evalEvery < 1)
        throw sme::Error("--eval-every must be >= 1");
    return run;
}

std::function<void(long)> stepProgressPrinter(const char* command, long steps)
{
    const long reportEvery = std::max(1L, steps / 10);
    return [command, steps, reportEvery](long done) {
        if (done % reportEvery == 0 || done == steps)
            QTextStream(stderr) << command << ": step " << done << "/" << steps << Qt::endl;
    };
}

void reportCollapse(const char* command, const QString& who,
                    const std::vector<sme::TrainingRecord>& records)
{
    const auto first = std::find_if(records.begin(), records.end(), [](const sme::TrainingRecord& r) {
        return r.evaluation.collapsed();
    });
    if (first == records.end())
        return;
    const sme::Evaluation& last = records.back().evaluation;
    const QString state = last.collapsed()
        ? QStringLiteral("collapsed at step %1 and ended collapsed (spread %2 < %3)")
              .arg(first->step).arg(last.spread, 0, 'f', 3).arg(sme::collapsedSpread)
        : QStringLiteral("collapsed at step %1 (spread %2 < %3) and spread out again by the end")
              .arg(first->step).arg(first->evaluation.spread, 0, 'f', 3).arg(sme::collapsedSpread);
    reportError(command, who + QStringLiteral(" ") + state
                             + QStringLiteral(": the held-out points lie close to one point, nearer to each other than "
                                              "any margin, so what ranking is left rests on noise. Hard negative "
                                              "mining with a triplet loss does this (the paper, section 4); try "
                                              "another sampler, the margin loss or a lower learning rate."));
}

void reportStall(const char* command, const QString& who,
                 const std::vector<sme::TrainingRecord>& records)
{
    const auto first = std::find_if(records.begin(), records.end(),
                                    [](const sme::TrainingRecord& r) { return r.stalled(); });
    if (first == records.end())
        return;
    const auto recovered = std::find_if(first, records.end(),
                                        [](const sme::TrainingRecord& r) { return !r.stalled(); });
    const QString state = recovered == records.end()
        ? QStringLiteral("stalled at step %1 and was still stalled at the end").arg(*first->stalledSince)
        : QStringLiteral("stalled at step %1 and was learning again by step %2")
              .arg(*first->stalledSince).arg(recovered->step);
    reportError(command, who + QStringLiteral(" ") + state
                             + QStringLiteral(" (%1 steps in a row without a pair or triplet of non-zero loss): "
                                              "every pair or triplet the sampler picks already satisfies its "
                                              "margin, so the loss is zero, there is no gradient, and the model "
                                              "stops learning. To go on: a larger margin (--alpha) or the contrastive "
                                              "loss (its positive pairs keep a gradient until they meet). Another "
                                              "sampler helps only while some pair is still inside the margin: hard "
                                              "negative mining picks the closest negatives, so when it stalls too, "
                                              "every training pair is already separated by the margin.")
                                   .arg(sme::TrainingPipeline::stalledAfterSteps));
}
