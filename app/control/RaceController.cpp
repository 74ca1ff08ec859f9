// Driving four training threads together: chunks that end for all four at the same step.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/RaceController.h"

#include "app/control/TrainingController.h"

#include <algorithm>

RaceController::RaceController(long chunkSteps, QObject* parent)
    : QObject(parent)
    , chunk_(std::max(1L, chunkSteps))
{
    for (std::size_t run = 0; run < sme::raceSize; ++run) {
        auto* controller = new TrainingController(this);
        // A chunk ends on an evaluation: stopping there needs no extra one (see the class).
        controller->setEvaluateEvery(chunk_);
        connect(controller, &TrainingController::snapshotReady, this,
                [this, run](std::shared_ptr<const sme::TrainingSnapshot> snapshot) { onSnapshot(run, snapshot); });
        connect(controller, &TrainingController::diverged, this,
                [this, run](const QString& reason) { onDiverged(run, reason); });
        connect(controller, &TrainingController::failed, this, &RaceController::failed);
        controllers_[run] = controller;
    }
}

RaceController::~RaceController() = default; // the controllers, children, join their threads

void RaceController::configure(const sme::DataSplit& data, const sme::TrainerSettings& base)
{
    const auto settings = sme::raceSettings(base);
    // The four settings differ only in the sampler, so a refusal comes at the first one, before
    // any run was replaced.
    for (std::size_t run = 0; run < sme::raceSize; ++run)
        controllers_[run]->configure(data, settings[run]);
    configured_ = true;
    pendingLoss_.reset();
    wantRunning_ = false;
    setRunning(false);
    target_ = 0;
    steps_.fill(0);
    awaitingReset_.fill(true); // configure publishes a reset snapshot of step 0
    diverged_.fill(false);
}

void RaceController::start()
{
    if (!anyActive())
        return;
    wantRunning_ = true;
    setRunning(true);
    if (!inFlight())
        startChunk();
    // else: advance() starts it when the steps under way are done.
}

void RaceController::pause()
{
    wantRunning_ = false;
    if (!inFlight())
        setRunning(false);
    // else: the chunk in progress ends at target_ by itself; advance() then reports the pause.
}

void RaceController::step()
{
    if (running_ || !anyActive())
        return;
    applyPendingLoss();
    ++target_;
    for (std::size_t run = 0; run < sme::raceSize; ++run)
        if (isActive(run))
            controllers_[run]->step();
}

void RaceController::reset()
{
    if (!configured_)
        return;
    wantRunning_ = false;
    target_ = 0;
    diverged_.fill(false);
    awaitingReset_.fill(true);
    for (TrainingController* controller : controllers_)
        controller->reset();
    applyPendingLoss();
    setRunning(false);
}

void RaceController::setLoss(sme::LossKind loss)
{
    pendingLoss_ = loss;
    if (!inFlight())
        applyPendingLoss();
}

void RaceController::setStopAfter(long steps)
{
    stopAfter_ = std::max(0L, steps);
}

void RaceController::applyPendingLoss()
{
    if (!pendingLoss_)
        return;
    // Each controller applies it before its next step, and all are at target_ now.
    for (TrainingController* controller : controllers_)
        controller->setLoss(*pendingLoss_);
    pendingLoss_.reset();
}

long RaceController::slowestSteps() const
{
    long slowest = -1;
    for (std::size_t run = 0; run < sme::raceSize; ++run)
        if (isActive(run))
            slowest = slowest < 0 ? steps_[run] : std::min(slowest, steps_[run]);
    return std::max(0L, slowest);
}

long RaceController::fastestSteps() const
{
    return *std::max_element(steps_.begin(), steps_.end());
}

bool RaceController::isActive(std::size_t run) const
{
    return configured_ && !diverged_[run];
}

bool RaceController::anyActive() const
{
    for (std::size_t run = 0; run < sme::raceSize; ++run)
        if (isActive(run))
            return true;
    return false;
}

bool RaceController::inFlight() const
{
    for (std::size_t run = 0; run < sme::raceSize; ++run)
        if (isActive(run) && (awaitingReset_[run] || steps_[run] < target_))
            return true;
    return false;
}

void RaceController::startChunk()
{
    applyPendingLoss(); // between chunks: the same step for all four
    // A chunk ends on the stop step, so the race pauses exactly there.
    target_ = target_ < stopAfter_ ? std::min(target_ + chunk_, stopAfter_) : target_ + chunk_;
    for (std::size_t run = 0; run < sme::raceSize; ++run)
        if (isActive(run)) {
            controllers_[run]->setStopAfter(target_);
            controllers_[run]->start();
        }
}

void RaceController::advance()
{
    if (inFlight())
        return;
    if (stopAfter_ > 0 && target_ == stopAfter_)
        wantRunning_ = false;
    if (wantRunning_ && anyActive()) {
        startChunk();
        return;
    }
    wantRunning_ = false;
    applyPendingLoss();
    setRunning(false);
}

void RaceController::onSnapshot(std::size_t run, const std::shared_ptr<const sme::TrainingSnapshot>& snapshot)
{
    if (snapshot->reset)
        awaitingReset_[run] = false;
    if (!awaitingReset_[run])
        steps_[run] = snapshot->step;
    emit snapshotReady(sme::allSamplerKinds[run], snapshot);
    advance();
}

void RaceController::onDiverged(std::size_t run, const QString& reason)
{
    diverged_[run] = true; // out of the race until reset(): the others no longer wait for it
    emit diverged(sme::allSamplerKinds[run], reason);
    advance();
}

void RaceController::setRunning(bool running)
{
    if (running_ == running)
        return;
    running_ = running;
    emit runningChanged(running);
}
