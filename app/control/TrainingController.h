// The trainer on its own thread: start, pause, step, reset and live changes from the GUI, and
// throttled immutable snapshots back to it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/data/Dataset.h"
#include "model/training/RunFile.h"
#include "model/training/Trainer.h"
#include "model/training/TrainingPipeline.h"
#include "model/training/TrainingSnapshot.h"

#include <QObject>
#include <QString>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

// Why a training step diverged, in the window's language (the model says it in English).
QString divergenceReason(const sme::StepResult& result);

class TrainingController : public QObject {
    Q_OBJECT
public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override; // stops the thread, after at most the step in progress

    // A new model on new data (replaces any current one, paused at step 0). Throws sme::Error
    // for invalid data or settings, leaving the current model as it was.
    void configure(sme::DataSplit data, const sme::TrainerSettings& settings);
    bool isConfigured() const;
    // Takes a model built (and perhaps restored from a saved run) by the caller, with the curves
    // of its run so far: the next snapshot starts the curves again with that history.
    void adopt(std::unique_ptr<sme::Trainer> trainer, sme::RunHistory history);
    // The model's whole state and the run's curves, read by the worker between two steps (the
    // caller waits at most one step). Empty when there is no model.
    std::optional<sme::SavedRun> captureRun();

    void start();
    void pause();
    bool isRunning() const;
    void step();  // one step, when paused
    void reset(); // back to step 0 with the seed's initial weights, paused

    // 0 = as fast as possible.
    void setStepsPerSecond(double stepsPerSecond);
    // Pause by itself once this many steps are done (0 = never).
    void setStopAfter(long steps);
    void setEvaluateEvery(long steps);

    // Applied at the next step, without restarting. Invalid values are refused by the trainer
    // on its thread and reported through failed().
    void setLearningRate(double learningRate);
    void setSampler(sme::SamplerKind sampler);
    void setLoss(sme::LossKind loss);
    void setAlpha(double alpha);
    void setBeta0(double beta0);
    void setNu(double nu);
    void requestSamplerComparison();
    // Every held-out point scored (Trainer::evaluateAll), between two steps: a running model
    // waits meanwhile. Its progress comes through fullEvaluationProgress, its result through
    // fullyEvaluated; cancelFullEvaluation, a new model or a reset stop it. fullEvaluationEnded
    // follows however it ended.
    void requestFullEvaluation();
    void cancelFullEvaluation();

    static constexpr int snapshotIntervalMs = 33; // about 30 snapshots a second at most

signals:
    void snapshotReady(std::shared_ptr<const sme::TrainingSnapshot> snapshot);
    void runningChanged(bool running);
    // Training paused itself at step (the step counter stays where it was) with the weights of a
    // healthy checkpoint restored; the snapshot that follows ends the curves on their scores.
    void diverged(const QString& reason, long step);
    void failed(const QString& message);  // a change could not be applied
    void fullEvaluationProgress(double done);
    void fullyEvaluated(const sme::Evaluation& evaluation);
    void fullEvaluationEnded();

private:
    // The worker thread: waits until hasWorkLocked(), then runs one handler, in this order of
    // priority. Every handler is entered and left with mutex_ held, and releases it while the
    // model works.
    void loop();
    bool hasWorkLocked() const; // the one wake-up rule, for the idle and the paced wait
    bool stepDueLocked() const;
    void waitForWorkLocked(std::unique_lock<std::mutex>& lock);
    void swapInModelLocked(std::unique_lock<std::mutex>& lock);
    void dropRequestsWithoutModelLocked();
    void applyChangesLocked(std::unique_lock<std::mutex>& lock);
    void captureLocked(std::unique_lock<std::mutex>& lock);
    void evaluateOnRequestLocked(std::unique_lock<std::mutex>& lock);
    void evaluateNowLocked(std::unique_lock<std::mutex>& lock);
    void compareSamplersLocked(std::unique_lock<std::mutex>& lock);
    void evaluateAllLocked(std::unique_lock<std::mutex>& lock); // TrainingControllerFullEvaluation.cpp
    bool fullEvaluationStoppedLocked() const;
    void stepLocked(std::unique_lock<std::mutex>& lock);

    void publishLocked(bool force);
    void freshSnapshotLocked(std::unique_lock<std::mutex>& lock, bool reset);
    void setRunningLocked(bool running);
    void post(std::function<void(sme::Trainer&)> change);
    // Hands emitSignal to the GUI thread: it waits in outbox_ (under mutex_) and a queued call
    // by name runs deliverOutbox() there. What crosses the threads is so ordered by mutex_,
    // which ThreadSanitizer sees, and not only by Qt's event queue, which it cannot see (Qt is
    // not instrumented, so a functor posted through it looked like a race).
    void toGuiLocked(std::function<void()> emitSignal);
    Q_INVOKABLE void deliverOutbox();

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    // Only the worker thread touches trainer_ and pipeline_ (which steps it, evaluates it and
    // records the run, for captureRun()); a new model waits in incoming_ until the worker
    // swaps it in between steps.
    std::unique_ptr<sme::Trainer> trainer_;
    std::optional<sme::TrainingPipeline> pipeline_; // on trainer_, so declared after it
    std::unique_ptr<sme::Trainer> incoming_;
    std::deque<std::function<void(sme::Trainer&)>> changes_;
    std::vector<std::shared_ptr<std::promise<sme::SavedRun>>> captures_;
    sme::RunHistory incomingHistory_; // the curves that come with incoming_
    std::vector<std::function<void()>> outbox_; // signals for the GUI thread, in order
    bool quit_ = false;
    bool running_ = false;
    long pendingSteps_ = 0;
    bool pendingReset_ = false;
    bool comparisonRequested_ = false;
    bool evaluationRequested_ = false; // on pausing: the curves and the map show where it stopped
    bool fullEvaluationRequested_ = false;
    bool fullEvaluationCancelled_ = false; // the one running, by the GUI
    double stepsPerSecond_ = 0.0;
    long stopAfter_ = 0;
    long evaluateEvery_ = 100;
    std::shared_ptr<sme::TrainingSnapshot> pending_; // being filled, published when due
    std::chrono::steady_clock::time_point lastPublished_{};
    std::chrono::steady_clock::time_point nextStepDue_{};
    long stepsAtLastPublish_ = 0;
    std::shared_ptr<const std::vector<int>> heldOutLabels_;
    std::shared_ptr<const std::map<int, std::string>> heldOutClassNames_;
    std::thread worker_;
};
