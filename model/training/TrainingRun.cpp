// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/TrainingRun.h"

#include "model/base/Error.h"

#include <algorithm>

namespace sme {

TrainingRunResult runTraining(Trainer& trainer, long steps, long evalEvery,
                              const std::function<void(long)>& progress)
{
    require(steps >= 0 && steps <= 100'000'000, "the number of steps must be between 0 and 1e8");
    require(evalEvery >= 1, "evaluations must come every 1 or more steps");
    TrainingRunResult run;
    run.records.push_back({trainer.steps(), std::nullopt, std::nullopt, trainer.beta0(),
                           trainer.evaluate()});
    double lossSum = 0.0, activeSum = 0.0, betaSum = 0.0;
    long since = 0;
    for (long done = 0; done < steps; ++done) {
        const StepResult step = trainer.trainStep();
        if (step.diverged) {
            run.diverged = true;
            run.divergence = step.divergence;
            break;
        }
        lossSum += step.loss;
        activeSum += step.activeFraction;
        betaSum += step.meanBeta;
        ++since;
        if (since == evalEvery || done + 1 == steps) {
            run.records.push_back({trainer.steps(), lossSum / since, activeSum / since,
                                   betaSum / since, trainer.evaluate()});
            lossSum = activeSum = betaSum = 0.0;
            since = 0;
        }
        if (progress)
            progress(done + 1);
    }
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
    FigureTrainingRun run;
    run.steps = std::move(history.steps);
    run.evaluations = std::move(history.evaluations);
    if (run.evaluations.empty() || run.evaluations.back().step != trainer.steps())
        run.evaluations.push_back(trainer.evaluate());
    for (long s = 0; s < steps; ++s) {
        const StepResult step = trainer.trainStep();
        if (step.diverged) {
            run.divergence = step.divergence;
            break;
        }
        run.steps.push_back({step.step, step.loss, step.activeFraction, step.meanBeta});
        if (step.step % std::max(1L, evalEvery) == 0 || s + 1 == steps)
            run.evaluations.push_back(trainer.evaluate());
    }
    run.embeddings = trainer.heldOutEmbeddings();
    run.labels = trainer.heldOutLabels();
    return run;
}

Table toTable(const std::vector<TrainingRecord>& records)
{
    Table table{{"step", "loss", "active_fraction", "beta", "recall_at_1", "recall_at_2",
                 "recall_at_4", "recall_at_8", "nmi", "map_at_r"},
                {}};
    for (const TrainingRecord& r : records) {
        const Evaluation& e = r.evaluation;
        table.addRow({double(r.step), r.loss, r.activeFraction, r.beta, e.recall[0], e.recall[1],
                      e.recall[2], e.recall[3], e.nmi, e.mapAtR});
    }
    return table;
}

} // namespace sme
