// `sampling-explorer race`: options, the headless race, its CSV and exit codes.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/RaceCommand.h"

#include "app/cli/HeadlessCommand.h"
#include "app/cli/RunNotes.h"
#include "app/cli/TrainingOptions.h"
#include "model/base/Error.h"
#include "model/training/SamplerRace.h"

#include <QTextStream>

namespace {

constexpr long defaultSteps = 1000;

const char* const description = R"(Trains four models that differ only in their sampler (uniform, hard, semi-hard and
distance-weighted: same data, network, initial weights and loss), one thread each, and writes
one CSV row per evaluation of each:
  step,sampler,loss,recall_at_1,nmi,map_at_r,spread
Rows go by step, then by sampler. Step 0 is before training (loss empty there); loss is the
mean over the steps since the previous row; the metrics are measured on the held-out classes
(ties scored by their expectation); on data of more held-out points than --eval-sample
(default 2000) the rows score a fixed class-stratified sample of them, the same at every
row, and each sampler's last row scores every held-out point. spread is the RMS distance
between held-out embeddings over sqrt(2), below 0.1 a collapsed model, named on standard
error, as is a run that stalled (no sampled pair or triplet of non-zero loss for 200 steps in
a row: it stopped learning).
The result depends on the seed only, not on the threads' timing. Progress (the slowest run's
step) goes to standard error.
Exit status: 0 done, 1 output not written, 2 bad arguments or data, 3 a run diverged (it
stops there; the other runs are still trained and every row is written).)";

void addRaceOptions(CommandOptions& options)
{
    addTrainingRunOptions(options, defaultSteps);
}

int runRace(const CommandOptions& options, const QStringList& positional)
{
    const auto [output, steps, evalEvery] = readTrainingRunOptions(options, positional, defaultSteps);
    if (options.isSet("sampler"))
        throw sme::Error("race trains every sampler: drop --sampler");
    const std::optional<TrainingSetup> setup = prepareTraining("race", options, output);
    if (!setup)
        return 1;

    const long sample = evaluationSampleSize(setup->settings, setup->data);
    const long heldOut = long(setup->data.heldOut.labels.size());
    reportEvaluationSample("race", QStringLiteral("evaluations every %1 steps").arg(evalEvery), sample, heldOut,
                           QStringLiteral("each sampler's last row on all of them"));
    const std::function<void(long)> stepPrinter = stepProgressPrinter("race", steps);
    // A copy: lambdas cannot capture structured bindings before clang 16 (the sanitizer builds).
    const long lastStep = steps;
    const auto progress = [&](long done) {
        stepPrinter(done);
        if (done == lastStep && sample < heldOut) // the runs' full evaluations, side by side
            QTextStream(stderr) << "race: evaluating all " << countText(heldOut) << " held-out points of each run"
                                << Qt::endl;
    };
    const sme::RaceResult race = sme::runRace(setup->data, setup->settings, steps, evalEvery, progress);
    const int written = writeTable("race", output, sme::toRaceTable(race));
    for (sme::SamplerKind kind : sme::allSamplerKinds) {
        const sme::TrainingRunResult& run = race.runs[std::size_t(kind)];
        if (run.diverged)
            reportError("race", QString::fromUtf8(sme::samplerName(kind)) + ": "
                                    + QString::fromStdString(run.divergence));
        reportCollapse("race", QString::fromUtf8(sme::samplerName(kind)), run.records);
        reportStall("race", QString::fromUtf8(sme::samplerName(kind)), run.records);
    }
    if (written != 0)
        return 1; // the rows are lost: that outranks a divergence
    return race.anyDiverged() ? 3 : 0;
}

} // namespace

int runRaceCommand(const QStringList& arguments)
{
    return runHeadlessCommand({"race", QString::fromUtf8(description), {}, addRaceOptions, runRace},
                              arguments);
}
