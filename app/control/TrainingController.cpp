// The training thread's controls from the GUI, and what it hands back to the GUI; its loop is in
// TrainingControllerLoop.cpp.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/TrainingController.h"

#include "app/io/ModelMessages.h"
#include "model/base/Error.h"

#include <QMetaObject>

using Clock = std::chrono::steady_clock;

TrainingController::TrainingController(QObject* parent)
    : QObject(parent)
    , pending_(std::make_shared<sme::TrainingSnapshot>())
    , worker_([this] { loop(); })
{
}

TrainingController::~TrainingController()
{
    {
        std::lock_guard lock(mutex_);
        quit_ = true;
    }
    wake_.notify_all();
    worker_.join();
}

void TrainingController::configure(sme::DataSplit data, const sme::TrainerSettings& settings)
{
    // Built here, so a bad setting throws to the caller and the current model stays.
    adopt(std::make_unique<sme::Trainer>(std::move(data), settings), {});
}

void TrainingController::adopt(std::unique_ptr<sme::Trainer> trainer, sme::RunHistory history)
{
    {
        std::lock_guard lock(mutex_);
        incoming_ = std::move(trainer);
        incomingHistory_ = std::move(history);
        setRunningLocked(false);
        pendingSteps_ = 0;
        changes_.clear();
    }
    wake_.notify_all();
}

std::optional<sme::SavedRun> TrainingController::captureRun()
{
    auto promise = std::make_shared<std::promise<sme::SavedRun>>();
    std::future<sme::SavedRun> result = promise->get_future();
    {
        std::lock_guard lock(mutex_);
        if (!trainer_ && !incoming_)
            return std::nullopt;
        captures_.push_back(std::move(promise));
    }
    wake_.notify_all();
    try {
        return result.get();
    } catch (const std::future_error&) { // the model went away before the worker got to it
        return std::nullopt;
    }
}

bool TrainingController::isConfigured() const
{
    std::lock_guard lock(mutex_);
    return trainer_ || incoming_;
}

void TrainingController::start()
{
    {
        std::lock_guard lock(mutex_);
        if (!trainer_ && !incoming_)
            return;
        nextStepDue_ = Clock::now();
        setRunningLocked(true);
    }
    wake_.notify_all();
}

void TrainingController::pause()
{
    {
        std::lock_guard lock(mutex_);
        if (running_)
            evaluationRequested_ = true;
        setRunningLocked(false);
        pendingSteps_ = 0;
    }
    wake_.notify_all();
}

bool TrainingController::isRunning() const
{
    std::lock_guard lock(mutex_);
    return running_;
}

void TrainingController::step()
{
    {
        std::lock_guard lock(mutex_);
        if (running_ || (!trainer_ && !incoming_))
            return;
        ++pendingSteps_;
    }
    wake_.notify_all();
}

void TrainingController::reset()
{
    {
        std::lock_guard lock(mutex_);
        setRunningLocked(false);
        pendingSteps_ = 0;
        pendingReset_ = true;
    }
    wake_.notify_all();
}

void TrainingController::setStepsPerSecond(double stepsPerSecond)
{
    {
        std::lock_guard lock(mutex_);
        stepsPerSecond_ = std::isfinite(stepsPerSecond) && stepsPerSecond > 0.0 ? stepsPerSecond : 0.0;
        nextStepDue_ = Clock::now();
    }
    wake_.notify_all(); // a paced wait ends: the next step is due now
}

void TrainingController::setStopAfter(long steps)
{
    std::lock_guard lock(mutex_);
    stopAfter_ = std::max(0L, steps);
}

void TrainingController::setEvaluateEvery(long steps)
{
    std::lock_guard lock(mutex_);
    evaluateEvery_ = std::max(1L, steps);
}

void TrainingController::post(std::function<void(sme::Trainer&)> change)
{
    {
        std::lock_guard lock(mutex_);
        changes_.push_back(std::move(change));
    }
    wake_.notify_all();
}

void TrainingController::setLearningRate(double v) { post([v](sme::Trainer& t) { t.setLearningRate(v); }); }
void TrainingController::setSampler(sme::SamplerKind v) { post([v](sme::Trainer& t) { t.setSampler(v); }); }
void TrainingController::setLoss(sme::LossKind v) { post([v](sme::Trainer& t) { t.setLoss(v); }); }
void TrainingController::setAlpha(double v) { post([v](sme::Trainer& t) { t.setAlpha(v); }); }
void TrainingController::setBeta0(double v) { post([v](sme::Trainer& t) { t.setBeta0(v); }); }
void TrainingController::setNu(double v) { post([v](sme::Trainer& t) { t.setNu(v); }); }

void TrainingController::requestSamplerComparison()
{
    {
        std::lock_guard lock(mutex_);
        comparisonRequested_ = true;
    }
    wake_.notify_all();
}

void TrainingController::setRunningLocked(bool running)
{
    if (running_ == running)
        return;
    running_ = running;
    toGuiLocked([this, running] { emit runningChanged(running); });
}

void TrainingController::toGuiLocked(std::function<void()> emitSignal)
{
    outbox_.push_back(std::move(emitSignal));
    if (outbox_.size() == 1) // else a delivery is on its way already
        QMetaObject::invokeMethod(this, "deliverOutbox", Qt::QueuedConnection);
}

void TrainingController::deliverOutbox()
{
    std::vector<std::function<void()>> batch;
    {
        std::lock_guard lock(mutex_);
        batch.swap(outbox_);
    }
    for (const auto& emitSignal : batch)
        emitSignal();
}

void TrainingController::publishLocked(bool force)
{
    const auto now = Clock::now();
    const double elapsed = std::chrono::duration<double>(now - lastPublished_).count();
    if (!force && elapsed * 1000.0 < snapshotIntervalMs)
        return;
    pending_->running = running_;
    if (trainer_) {
        pending_->step = trainer_->steps();
        if (elapsed > 0.0 && pending_->step >= stepsAtLastPublish_)
            pending_->stepsPerSecond = double(pending_->step - stepsAtLastPublish_) / elapsed;
        stepsAtLastPublish_ = pending_->step;
    }
    pending_->heldOutLabels = heldOutLabels_;
    pending_->heldOutClassNames = heldOutClassNames_;
    pending_->stalledSince = pipeline_ ? pipeline_->stalledSince() : std::nullopt;
    std::shared_ptr<const sme::TrainingSnapshot> snapshot = std::move(pending_);
    pending_ = std::make_shared<sme::TrainingSnapshot>();
    lastPublished_ = now;
    toGuiLocked([this, snapshot] { emit snapshotReady(snapshot); });
}
