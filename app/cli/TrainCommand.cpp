// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/TrainCommand.h"

#include "app/cli/HeadlessCommand.h"
#include "app/cli/RunNotes.h"
#include "app/cli/TrainingOptions.h"
#include "app/io/OutputFile.h"
#include "model/base/Error.h"
#include "model/data/EmbeddingFile.h"
#include "model/training/TrainingRun.h"

#include <QTextStream>

namespace {

constexpr long defaultSteps = 2000;

const char* const trainDescription = R"(Trains the embedding model headless and writes one CSV row per evaluation:
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
learning. Progress goes to standard error. --save-embeddings FILE writes, at the end, every
held-out point's embedding in the Embedding Projector's layout (FILE, and the labels in
FILE-metadata.tsv beside it: run/emb.tsv, run/emb-metadata.tsv), which analyse --embeddings
FILE and the Projector read.
Exit status: 0 done, 1 output not written, 2 bad arguments or data, 3 the run diverged (the
rows up to the divergence are written).)";

void addTrainOptions(CommandOptions& options)
{
    addTrainingRunOptions(options, defaultSteps);
    options.add("save-embeddings", "At the end, write the held-out embeddings to FILE (a vectors .tsv) and their "
                                   "labels beside it, as the Embedding Projector reads them.", "FILE");
}

// Where --save-embeddings writes the labels.
QString metadataPath(const QString& vectorsPath)
{
    return QString::fromStdString(sme::projectorMetadataPath(vectorsPath.toStdString()));
}

// Why the embeddings or their labels could not be written, found before the run; empty when
// none (or not asked for).
QString embeddingsProblem(const QString& path)
{
    if (path.isEmpty())
        return {};
    if (path == QLatin1String("-"))
        return QStringLiteral("--save-embeddings needs a file name: the labels go in a file beside it");
    if (const QString problem = outputProblem(path); !problem.isEmpty())
        return problem;
    return outputProblem(metadataPath(path));
}

// Every held-out point's embedding and label in the Projector's layout; 0, or 1 after
// reporting what was not written.
int saveEmbeddings(const sme::Trainer& trainer, const QString& path)
{
    const std::string vectors = sme::projectorVectorsTsv(trainer.heldOutEmbeddings());
    const std::string labels = sme::projectorMetadataTsv(trainer.heldOutLabels(), trainer.heldOutClassNames());
    for (const auto& [file, content] : {std::pair(path, &vectors), std::pair(metadataPath(path), &labels)})
        if (const QString failure = writeOutput(file, QByteArray::fromStdString(*content)); !failure.isEmpty()) {
            reportError("train", failure);
            return 1;
        }
    QTextStream(stderr) << "train: the embeddings of the " << countText(long(trainer.heldOutLabels().size()))
                        << " held-out points written to " << path << ", their labels to " << metadataPath(path)
                        << Qt::endl;
    return 0;
}

int runTrain(const CommandOptions& options, const QStringList& positional)
{
    const auto [output, steps, evalEvery] = readTrainingRunOptions(options, positional, defaultSteps);
    const QString embeddingsPath = options.text("save-embeddings");
    if (const QString problem = embeddingsProblem(embeddingsPath); !problem.isEmpty()) {
        reportError("train", problem); // found before the run, not after it
        return 1;
    }
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
    // The model as it ended (after a divergence, its last healthy weights), as the last row.
    const int saved = embeddingsPath.isEmpty() ? 0 : saveEmbeddings(trainer, embeddingsPath);
    if (run.diverged)
        reportError("train", QString::fromStdString(run.divergence));
    reportCollapse("train", QStringLiteral("the model"), run.records);
    reportStall("train", QStringLiteral("the model"), run.records);
    if (written != 0 || saved != 0)
        return 1; // the rows or the embeddings are lost: that outranks a divergence
    return run.diverged ? 3 : 0;
}

} // namespace

int runTrainCommand(const QStringList& arguments)
{
    return runHeadlessCommand({"train", QString::fromUtf8(trainDescription), {}, addTrainOptions, runTrain},
                              arguments);
}
