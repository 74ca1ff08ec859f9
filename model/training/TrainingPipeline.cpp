// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/TrainingPipeline.h"

#include "model/base/Error.h"

namespace sme {

void requireRunLength(long steps)
{
    require(steps >= 0 && steps <= 100'000'000, "the number of steps must be between 0 and 1e8");
}

TrainingPipeline::TrainingPipeline(Trainer& trainer, long evaluateEvery, RunHistory history,
                                   StepRecording recording)
    : trainer_(trainer)
    , history_(std::move(history))
    , recording_(recording)
{
    setEvaluateEvery(evaluateEvery);
}

void TrainingPipeline::setEvaluateEvery(long steps)
{
    require(steps >= 0, "evaluations must come every 1 or more steps (0: only at the end)");
    evaluateEvery_ = steps;
}

bool TrainingPipeline::evaluationDue(long step) const
{
    return evaluateEvery_ > 0 && step % evaluateEvery_ == 0;
}

TrainingPipeline::Step TrainingPipeline::step(bool lastOfRun)
{
    Step step{trainer_.trainStep(), std::nullopt};
    const StepResult& result = step.result;
    if (result.diverged)
        return step;
    if (recording_ == StepRecording::EveryStep)
        history_.steps.push_back({result.step, result.loss, result.activeFraction, result.meanBeta});
    inactiveSteps_ = result.activeFraction == 0.0 ? inactiveSteps_ + 1 : 0;
    lastStep_ = result.step;
    lossSum_ += result.loss;
    activeSum_ += result.activeFraction;
    betaSum_ += result.meanBeta;
    ++stepsSinceEvaluation_;
    if (lastOfRun)
        step.record = record(finalScope_, finalProgress_);
    else if (evaluationDue(result.step))
        step.record = record(EvaluationScope::Sample, {});
    return step;
}

std::optional<long> TrainingPipeline::stalledSince() const
{
    if (inactiveSteps_ < stalledAfterSteps)
        return std::nullopt;
    return lastStep_ - inactiveSteps_ + 1;
}

TrainingPipeline::RunEnd TrainingPipeline::run(long steps,
                                               const std::function<void(long, const Step&)>& afterStep)
{
    for (long done = 0; done < steps; ++done) {
        const Step taken = step(done + 1 == steps);
        if (taken.result.diverged)
            return {true, taken.result.divergence};
        if (afterStep)
            afterStep(done + 1, taken);
    }
    return {};
}

TrainingRecord TrainingPipeline::evaluate(EvaluationScope scope, const Progress& progress)
{
    return record(scope, progress);
}

void TrainingPipeline::setFinalEvaluation(EvaluationScope scope, Progress progress)
{
    finalScope_ = scope;
    finalProgress_ = std::move(progress);
}

void TrainingPipeline::evaluateUnlessCurrent()
{
    if (history_.evaluations.empty() || history_.evaluations.back().step != trainer_.steps())
        record(EvaluationScope::Sample, {});
}

TrainingRecord TrainingPipeline::record(EvaluationScope scope, const Progress& progress)
{
    TrainingRecord record{trainer_.steps(), std::nullopt, std::nullopt, trainer_.beta0(),
                          scope == EvaluationScope::AllHeldOut ? trainer_.evaluateAll(progress) : trainer_.evaluate(),
                          stalledSince()};
    if (const long since = stepsSinceEvaluation_; since > 0) {
        record.loss = lossSum_ / double(since);
        record.activeFraction = activeSum_ / double(since);
        record.beta = betaSum_ / double(since);
    }
    stepsSinceEvaluation_ = 0;
    lossSum_ = activeSum_ = betaSum_ = 0.0;
    history_.evaluations.push_back(record.evaluation);
    return record;
}

void TrainingPipeline::restart()
{
    trainer_.reset();
    history_ = {};
    stepsSinceEvaluation_ = 0;
    lossSum_ = activeSum_ = betaSum_ = 0.0;
    inactiveSteps_ = 0;
}

} // namespace sme
