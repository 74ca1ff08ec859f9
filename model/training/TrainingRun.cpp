// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/TrainingRun.h"

#include "model/base/Error.h"

#include <algorithm>

namespace sme {

TrainingRunResult runTraining(Trainer& trainer, long steps, long evalEvery,
                              const std::function<void(long)>& progress)
{
    requireRunLength(steps);
    require(evalEvery >= 1, "evaluations must come every 1 or more steps");
    // The records carry the means between evaluations: the steps' points are not kept.
    TrainingPipeline pipeline(trainer, evalEvery, {}, StepRecording::EvaluationsOnly);
    TrainingRunResult run;
    run.records.push_back(pipeline.evaluate());
    const TrainingPipeline::RunEnd end = pipeline.run(steps, [&](long done, const TrainingPipeline::Step& step) {
        if (step.record)
            run.records.push_back(*step.record);
        if (progress)
            progress(done);
    });
    run.diverged = end.diverged;
    run.divergence = end.divergence;
    return run;
}

FigureTrainingRun trainForFigures(DataSplit data, const TrainerSettings& settings, long steps,
                                  long evalEvery)
{
    Trainer trainer(std::move(data), settings);
    return trainForFigures(trainer, {}, steps, evalEvery);
}

FigureTrainingRun trainForFigures(Trainer& trainer, RunHistory history, long steps, long evalEvery)
{
    TrainingPipeline pipeline(trainer, std::max(1L, evalEvery), std::move(history));
    pipeline.evaluateUnlessCurrent(); // the curves start where the model is
    FigureTrainingRun run;
    run.divergence = pipeline.run(steps).divergence;
    RunHistory recorded = pipeline.takeHistory();
    run.steps = std::move(recorded.steps);
    run.evaluations = std::move(recorded.evaluations);
    run.embeddings = trainer.heldOutEmbeddings();
    run.labels = trainer.heldOutLabels();
    return run;
}

Table toTable(const std::vector<TrainingRecord>& records)
{
    Table table{{"step", "loss", "active_fraction", "beta", "recall_at_1", "recall_at_2",
                 "recall_at_4", "recall_at_8", "nmi", "map_at_r", "spread"},
                {}};
    for (const TrainingRecord& r : records) {
        const Evaluation& e = r.evaluation;
        table.addRow({double(r.step), r.loss, r.activeFraction, r.beta, e.recall[0], e.recall[1],
                      e.recall[2], e.recall[3], e.nmi, e.mapAtR, e.spread});
    }
    return table;
}

} // namespace sme
