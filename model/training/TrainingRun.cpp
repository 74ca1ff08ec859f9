// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/TrainingRun.h"

#include "model/base/Error.h"

#include <algorithm>
#include <limits>

namespace sme {

TrainingRunResult runTraining(Trainer& trainer, long steps, long evalEvery,
                              const std::function<void(long)>& progress, EvaluationScope last,
                              const Progress& lastProgress)
{
    requireRunLength(steps);
    require(evalEvery >= 1, "evaluations must come every 1 or more steps");
    // The records carry the means between evaluations: the steps' points are not kept.
    TrainingPipeline pipeline(trainer, evalEvery, {}, StepRecording::EvaluationsOnly);
    // The last step is reported done when its evaluation of every point starts, not once that
    // (long) evaluation is over.
    bool lastStepReported = false;
    pipeline.setFinalEvaluation(last, [&](double done) {
        if (!lastStepReported && progress && steps > 0)
            progress(steps);
        lastStepReported = true;
        return !lastProgress || lastProgress(done);
    });
    TrainingRunResult run;
    run.records.push_back(steps == 0 ? pipeline.evaluate(last, lastProgress) : pipeline.evaluate());
    const TrainingPipeline::RunEnd end = pipeline.run(steps, [&](long done, const TrainingPipeline::Step& step) {
        if (step.record)
            run.records.push_back(*step.record);
        if (progress && !(done == steps && lastStepReported))
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
    run.embeddings = trainer.sampleEmbeddings();
    run.labels = trainer.sampleLabels();
    run.classNames = trainer.heldOutClassNames();
    return run;
}

namespace {

const std::vector<std::string> stepColumns{"step", "loss", "active_fraction", "beta"};
const std::vector<std::string> evaluationColumns{"recall_at_1", "recall_at_2", "recall_at_4", "recall_at_8",
                                                 "nmi", "map_at_r", "spread"};

template <class T>
std::vector<T> joined(std::vector<T> first, const std::vector<T>& second)
{
    first.insert(first.end(), second.begin(), second.end());
    return first;
}

std::vector<Cell> evaluationCells(const Evaluation& e)
{
    return {e.recall[0], e.recall[1], e.recall[2], e.recall[3], e.nmi, e.mapAtR, e.spread};
}

} // namespace

Table toTable(const std::vector<TrainingRecord>& records)
{
    Table table{joined(stepColumns, evaluationColumns), {}};
    for (const TrainingRecord& r : records)
        table.addRow(joined({double(r.step), r.loss, r.activeFraction, r.beta}, evaluationCells(r.evaluation)));
    return table;
}

Table toTable(const RunHistory& history)
{
    Table table{joined(stepColumns, evaluationColumns), {}};
    const std::vector<Cell> noEvaluation(evaluationColumns.size());
    auto evaluation = history.evaluations.begin();
    const auto evaluationsUpTo = [&](long step) { // the evaluations before step, each a row
        for (; evaluation != history.evaluations.end() && evaluation->step < step; ++evaluation)
            table.addRow(joined({double(evaluation->step), {}, {}, {}}, evaluationCells(*evaluation)));
    };
    for (const StepPoint& point : history.steps) {
        evaluationsUpTo(point.step);
        const bool evaluated = evaluation != history.evaluations.end() && evaluation->step == point.step;
        table.addRow(joined({double(point.step), point.loss, point.activeFraction, point.beta},
                            evaluated ? evaluationCells(*evaluation++) : noEvaluation));
    }
    evaluationsUpTo(std::numeric_limits<long>::max());
    return table;
}

Table evaluationTable(const std::vector<Evaluation>& evaluations)
{
    Table table{joined({"step"}, evaluationColumns), {}};
    for (const Evaluation& e : evaluations)
        table.addRow(joined({double(e.step)}, evaluationCells(e)));
    return table;
}

} // namespace sme
