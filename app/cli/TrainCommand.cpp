// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/TrainCommand.h"

#include "app/cli/HeadlessCommand.h"
#include "app/cli/RunNotes.h"
#include "app/cli/TrainingOptions.h"
#include "model/base/Error.h"
#include "model/training/TrainingRun.h"

#include <QTextStream>

namespace {

constexpr long defaultSteps = 2000;

const char* const description = R"(Trains the embedding model headless and writes one CSV row per evaluation:
  step,loss,active_fraction,beta,recall_at_1,recall_at_2,recall_at_4,recall_at_8,nmi,map_at_r,spread
Step 0 is before training (loss and active_fraction empty there). loss, active_fraction and
beta are means over the steps since the previous row; the metrics are measured on the
held-out classes (zero-shot retrieval), tied distances scored by their expectation over a
random order (a model that maps everything to one point scores chance, not 1). On data of
more held-out points than --eval-sample (default 2000), the rows score a fixed
class-stratified sample of them, the same points at every row so the curve is comparable,
and the last row scores every held-out point (unless the run diverged): the result is the
whole data's. Standard error says so at the start. spread is the
RMS distance between held-out embeddings over sqrt(2): 1 for points spread like uniform ones
on the sphere, 0 for a model that maps everything to one point; below 0.1 the model has
collapsed, and standard error says so. Standard error also says when the run stalled: no
sampled pair or triplet had a non-zero loss for 200 steps in a row, so the model stopped
learning. Progress goes to standard error.
Exit status: 0 done, 1 output not written, 2 bad arguments or data, 3 the run diverged (the
rows up to the divergence are written).)";

void addTrainOptions(CommandOptions& options)
{
    addTrainingRunOptions(options, defaultSteps);
}

int runTrain(const CommandOptions& options, const QStringList& positional)
{
    const auto [output, steps, evalEvery] = readTrainingRunOptions(options, positional, defaultSteps);
    std::optional<TrainingSetup> setup = prepareTraining("train", options, output);
    if (!setup)
        return 1;
    sme::Trainer trainer(std::move(setup->data), setup->settings);
    const long sample = long(trainer.evaluationRows().size());
    const long heldOut = long(trainer.heldOutLabels().size());
    reportEvaluationSample("train", QStringLiteral("evaluations every %1 steps").arg(evalEvery), sample, heldOut,
                           QStringLiteral("the last row on all of them"));
    const sme::Progress lastProgress = sample < heldOut
        ? tenthsProgressPrinter("train", "evaluating all " + countText(heldOut) + " held-out points", 0)
        : sme::Progress{};

    const sme::TrainingRunResult run = sme::runTraining(trainer, steps, evalEvery, stepProgressPrinter("train", steps),
                                                        sme::EvaluationScope::AllHeldOut, lastProgress);
    const int written = writeTable("train", output, sme::toTable(run.records));
    if (run.diverged)
        reportError("train", QString::fromStdString(run.divergence));
    reportCollapse("train", QStringLiteral("the model"), run.records);
    reportStall("train", QStringLiteral("the model"), run.records);
    if (written != 0)
        return 1; // the rows are lost: that outranks a divergence
    return run.diverged ? 3 : 0;
}

} // namespace

int runTrainCommand(const QStringList& arguments)
{
    return runHeadlessCommand({"train", QString::fromUtf8(description), {}, addTrainOptions, runTrain},
                              arguments);
}
