// The training thread's loop: what wakes it, the changes and captures it applies between steps,
// its evaluations and its steps (a diverged step said in the window's language).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/TrainingController.h"

#include "app/io/ModelMessages.h"
#include "model/base/Error.h"

using Clock = std::chrono::steady_clock;

QString divergenceReason(const sme::StepResult& result)
{
    QString why;
    switch (result.cause) {
    case sme::DivergenceCause::NonFiniteEmbeddings:
        why = TrainingController::tr("the embeddings became NaN or infinite (lower the learning rate)");
        break;
    case sme::DivergenceCause::NonFiniteLoss:
        why = TrainingController::tr("the loss became NaN or infinite");
        break;
    case sme::DivergenceCause::NonFiniteWeights:
        why = TrainingController::tr("the weights became NaN or infinite (lower the learning rate)");
        break;
    case sme::DivergenceCause::RunawayWeights:
        why = TrainingController::tr("the weights ran away (largest |w| = %1, above %2; lower the learning rate)")
                  .arg(QString::number(double(result.largestWeight), 'g', 6),
                       QString::number(double(result.weightLimit), 'g', 6));
        break;
    case sme::DivergenceCause::None:
        return QString::fromStdString(result.divergence);
    }
    return TrainingController::tr("%1; restored the weights of step %2").arg(why).arg(result.restoredStep);
}

// A snapshot that starts the curves again: step-0 evaluation and embeddings, published at once.
// The lock is released while the model is evaluated.
void TrainingController::freshSnapshotLocked(std::unique_lock<std::mutex>& lock, bool reset)
{
    lock.unlock();
    if (reset)
        pipeline_->restart();
    pipeline_->evaluateUnlessCurrent();
    auto embeddings = std::make_shared<const Eigen::MatrixXf>(trainer_->sampleEmbeddings());
    auto labels = std::make_shared<const std::vector<int>>(trainer_->sampleLabels());
    auto names = std::make_shared<const std::map<int, std::string>>(trainer_->heldOutClassNames());
    lock.lock();
    heldOutLabels_ = std::move(labels);
    heldOutClassNames_ = std::move(names);
    pending_ = std::make_shared<sme::TrainingSnapshot>();
    pending_->reset = true;
    pending_->steps = pipeline_->history().steps;
    pending_->evaluations = pipeline_->history().evaluations;
    pending_->heldOutEmbeddings = std::move(embeddings);
    stepsAtLastPublish_ = trainer_->steps();
    publishLocked(true);
}

void TrainingController::loop()
{
    std::unique_lock lock(mutex_);
    for (;;) {
        waitForWorkLocked(lock);
        if (quit_)
            return;
        if (incoming_)
            swapInModelLocked(lock);
        else if (!trainer_)
            dropRequestsWithoutModelLocked();
        else if (pendingReset_) {
            pendingReset_ = false;
            freshSnapshotLocked(lock, true);
        } else if (!changes_.empty())
            applyChangesLocked(lock);
        else if (!captures_.empty())
            captureLocked(lock);
        else if (fullEvaluationRequested_)
            evaluateAllLocked(lock);
        else if (evaluationRequested_ && !running_)
            evaluateOnRequestLocked(lock);
        else {
            evaluationRequested_ = false; // running: the next evaluation comes by itself
            if (comparisonRequested_)
                compareSamplersLocked(lock);
            else if (stepDueLocked())
                stepLocked(lock);
        }
    }
}

// Everything that wakes the worker. A running step counts only once it is due, so the paced
// wait below wakes at once for anything else (a capture, a change, a pause) and not before the
// step's time for the step itself.
bool TrainingController::hasWorkLocked() const
{
    return quit_ || incoming_ || pendingReset_ || !changes_.empty() || !captures_.empty()
           || comparisonRequested_ || evaluationRequested_ || fullEvaluationRequested_
           || (trainer_ && stepDueLocked());
}

// A single step as soon as it is asked for; a running one when its time has come (at once when
// no speed is set).
bool TrainingController::stepDueLocked() const
{
    if (!running_)
        return pendingSteps_ > 0;
    return stepsPerSecond_ <= 0.0 || Clock::now() >= nextStepDue_;
}

void TrainingController::waitForWorkLocked(std::unique_lock<std::mutex>& lock)
{
    const auto hasWork = [this] { return hasWorkLocked(); };
    if (trainer_ && running_ && stepsPerSecond_ > 0.0)
        wake_.wait_until(lock, nextStepDue_, hasWork);
    else
        wake_.wait(lock, hasWork);
}

void TrainingController::swapInModelLocked(std::unique_lock<std::mutex>& lock)
{
    pipeline_.reset(); // it drives the trainer about to go
    trainer_ = std::move(incoming_);
    pipeline_.emplace(*trainer_, evaluateEvery_, std::move(incomingHistory_));
    incomingHistory_ = {};
    pendingReset_ = false;
    freshSnapshotLocked(lock, false);
}

// Requests before any model: nothing to apply them to.
void TrainingController::dropRequestsWithoutModelLocked()
{
    changes_.clear();
    captures_.clear(); // their callers get no run
    comparisonRequested_ = false;
    evaluationRequested_ = false;
    pendingReset_ = false;
    if (std::exchange(fullEvaluationRequested_, false))
        toGuiLocked([this] { emit fullEvaluationEnded(); });
}

void TrainingController::applyChangesLocked(std::unique_lock<std::mutex>& lock)
{
    auto changes = std::move(changes_);
    changes_.clear();
    lock.unlock();
    for (auto& change : changes) {
        try {
            change(*trainer_);
        } catch (const sme::Error& e) {
            const QString message = errorText(e);
            lock.lock();
            toGuiLocked([this, message] { emit failed(message); });
            lock.unlock();
        }
    }
    lock.lock();
}

void TrainingController::captureLocked(std::unique_lock<std::mutex>& lock)
{
    auto captures = std::move(captures_);
    captures_.clear();
    lock.unlock();
    sme::SavedRun run{trainer_->state(), pipeline_->history()};
    for (auto& capture : captures)
        capture->set_value(run);
    lock.lock();
}

// On pausing: the curves and the map show where it stopped.
void TrainingController::evaluateOnRequestLocked(std::unique_lock<std::mutex>& lock)
{
    evaluationRequested_ = false;
    evaluateNowLocked(lock);
    publishLocked(true);
}

// The current weights evaluated and embedded into the pending snapshot (the lock is released
// meanwhile).
void TrainingController::evaluateNowLocked(std::unique_lock<std::mutex>& lock)
{
    lock.unlock();
    const sme::Evaluation evaluation = pipeline_->evaluate().evaluation;
    auto embeddings = std::make_shared<const Eigen::MatrixXf>(trainer_->sampleEmbeddings());
    lock.lock();
    pending_->evaluations.push_back(evaluation);
    pending_->heldOutEmbeddings = std::move(embeddings);
}

void TrainingController::compareSamplersLocked(std::unique_lock<std::mutex>& lock)
{
    comparisonRequested_ = false;
    lock.unlock();
    auto comparison = trainer_->samplerComparison();
    lock.lock();
    pending_->samplerComparison = std::move(comparison);
    publishLocked(true);
}

// One step (due: see stepDueLocked), evaluated every evaluateEvery_ steps and after a single
// step, which shows its effect at once.
void TrainingController::stepLocked(std::unique_lock<std::mutex>& lock)
{
    const bool single = !running_;
    if (single)
        --pendingSteps_;
    else if (stepsPerSecond_ > 0.0) // the next one's time; no catching up after a long stall
        nextStepDue_ = std::max(nextStepDue_ + std::chrono::duration_cast<Clock::duration>(
                                                   std::chrono::duration<double>(1.0 / stepsPerSecond_)),
                                Clock::now() - std::chrono::milliseconds(100));
    pipeline_->setEvaluateEvery(evaluateEvery_);
    lock.unlock();
    const sme::TrainingPipeline::Step step = pipeline_->step(single);
    std::shared_ptr<const Eigen::MatrixXf> embeddings;
    if (step.record)
        embeddings = std::make_shared<const Eigen::MatrixXf>(trainer_->sampleEmbeddings());
    lock.lock();
    const sme::StepResult& result = step.result;
    if (result.diverged) {
        setRunningLocked(false);
        pendingSteps_ = 0;
        const QString reason = divergenceReason(result);
        const long stoppedAt = trainer_->steps();
        // The weights went back to a checkpoint: the curves and the map end on what they score
        // now, at the step the counter shows, not on the runaway weights' last evaluation.
        evaluateNowLocked(lock);
        toGuiLocked([this, reason, stoppedAt] { emit diverged(reason, stoppedAt); });
        publishLocked(true);
        return;
    }
    pending_->steps.push_back(pipeline_->history().steps.back());
    if (step.record) {
        pending_->evaluations.push_back(step.record->evaluation);
        pending_->heldOutEmbeddings = std::move(embeddings);
    }
    if (stopAfter_ > 0 && result.step >= stopAfter_ && running_) {
        setRunningLocked(false);
        evaluationRequested_ = !step.record; // show where it stopped
    }
    publishLocked(single || !running_);
}
