// One training run as every caller drives it: step the trainer, evaluate when the policy says
// so, and record the run (each step's point, each evaluation, the means between evaluations).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/training/Trainer.h"
#include "model/training/TrainingSnapshot.h"

#include <functional>
#include <optional>
#include <string>

namespace sme {

// One evaluation of a run. loss and activeFraction are the means over the steps since the
// previous evaluation (empty when there were none, as at step 0); beta likewise (beta0 then).
// stalledSince: set while the run is stalled (TrainingPipeline::stalledSince).
struct TrainingRecord {
    long step = 0;
    std::optional<double> loss;
    std::optional<double> activeFraction;
    double beta = 0.0;
    Evaluation evaluation;
    std::optional<long> stalledSince;

    bool stalled() const { return stalledSince.has_value(); }
};

// Which held-out points an evaluation scores: the trainer's live sample (Trainer::evaluate, the
// same points at every evaluation, so a run's curve is comparable) or every one of them
// (Trainer::evaluateAll: the last row of a headless run). The same when the data has no more
// held-out points than the sample.
enum class EvaluationScope { Sample, AllHeldOut };

// Whether the run's history keeps every step's point (for curves) or only its evaluations
// (a long headless run that needs only its records).
enum class StepRecording { EveryStep, EvaluationsOnly };

// Throws sme::Error unless a run of `steps` steps is 0 to 1e8 long: checked by the headless
// runs before anything trains.
void requireRunLength(long steps);

class TrainingPipeline {
public:
    // Drives trainer (which must outlive the pipeline), continuing history, the curves of the
    // run so far. evaluateEvery: see step(); 0 evaluates only at a run's end and on request.
    TrainingPipeline(Trainer& trainer, long evaluateEvery, RunHistory history = {},
                     StepRecording recording = StepRecording::EveryStep);

    struct Step {
        StepResult result;
        std::optional<TrainingRecord> record; // when the step was evaluated
    };
    // One training step, evaluated when the trainer's step count is a multiple of
    // evaluateEvery, or when it is the last of a run (then in the scope of setFinalEvaluation).
    // A diverged step is neither recorded nor
    // evaluated: the trainer went back to its last healthy weights, and the caller decides.
    Step step(bool lastOfRun = false);

    struct RunEnd {
        bool diverged = false;
        std::string divergence; // why, when it diverged
    };
    // Up to `steps` steps with step(), the last one evaluated; stops at a divergence.
    // afterStep, when set, is called after every step that did not diverge, with the number
    // of steps done in this run.
    RunEnd run(long steps, const std::function<void(long done, const Step& step)>& afterStep = {});

    // An evaluation on request, recorded even when the current step has one already. progress
    // is that of an evaluation of every point (it can stop it: Cancelled).
    TrainingRecord evaluate(EvaluationScope scope = EvaluationScope::Sample, const Progress& progress = {});
    // How the last step of a run is evaluated: on the live sample unless set.
    void setFinalEvaluation(EvaluationScope scope, Progress progress = {});
    // Evaluates unless the run's last evaluation is of the current step (as when a restored
    // run or a finished one is evaluated again).
    void evaluateUnlessCurrent();

    // Back to step 0: the trainer's initial weights, an empty history.
    void restart();

    // A run is stalled when no sampled pair or triplet has had a non-zero loss (activeFraction
    // 0) for this many steps in a row: the loss is zero, so is every gradient, and the model no
    // longer learns. Why 200:
    // - the weights have stopped moving by then. With a zero gradient Adam still moves by its
    //   first moment, which decays by beta1 = 0.9 a step: after 50 steps it is 0.5% of what it
    //   was, after 200 steps 7e-10. So the last 150 of the 200 batches were drawn from a model
    //   that no longer changes, and the next batches will be drawn from the same one;
    // - 150 batches of a frozen model without one active pair or triplet: were 2% of the
    //   batches to hold one, such a stretch would come by chance with probability
    //   0.98^150 = 5%, at 5% with 0.05%. A model that has stretches like that learns from so
    //   few batches that it has stopped in all but name;
    // - on the embedded digits' default run (seed 1) the longest such stretch before the run
    //   stalls for good (at step 3375) is 63 steps: 200 is clear of the quiet stretches of a
    //   run that still learns;
    // - it is short against a run (the default is 2000 steps) and a few seconds of the window's
    //   training, so the user hears of it soon after it happens.
    // A step with an active pair or triplet ends the stall.
    static constexpr long stalledAfterSteps = 200;
    // The first step of the current stretch of steps without an active pair or triplet, once
    // that stretch is stalledAfterSteps long; empty otherwise (and after restart()).
    std::optional<long> stalledSince() const;
    bool stalled() const { return stalledSince().has_value(); }

    void setEvaluateEvery(long steps);
    const RunHistory& history() const { return history_; }
    RunHistory takeHistory() { return std::move(history_); }

private:
    bool evaluationDue(long step) const;
    TrainingRecord record(EvaluationScope scope, const Progress& progress);

    Trainer& trainer_;
    long evaluateEvery_;
    RunHistory history_;
    StepRecording recording_;
    EvaluationScope finalScope_ = EvaluationScope::Sample;
    Progress finalProgress_;
    // The steps since the last evaluation, for the means of the next record. Summed in step
    // order, so records are the same bits whoever drives the run.
    long stepsSinceEvaluation_ = 0;
    double lossSum_ = 0.0;
    double activeSum_ = 0.0;
    double betaSum_ = 0.0;
    // Consecutive steps (not diverged) without an active pair or triplet, up to the last one.
    long inactiveSteps_ = 0;
    long lastStep_ = 0;
};

} // namespace sme
