// The ablation grid for the window: runAblation on a thread of its own, its progress, the cells as
// they finish, and cancel.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/data/Dataset.h"
#include "model/training/Ablation.h"

#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

// One grid at a time. start() hands the data and settings to a worker thread, which runs
// sme::runAblation (itself one thread per core); what the runs report waits in an outbox under a
// mutex and a queued call emits it on the controller's thread (as TrainingController does, so
// ThreadSanitizer sees the hand-over). cancel() raises a flag every run reads before each step;
// the grid then stops within a step of each run under way, and finished(true) follows. A grid
// is under way (isRunning) until its finished() or failed() has been emitted, so the signals of
// one grid never mix with the next one's.
class AblationController : public QObject {
    Q_OBJECT
public:
    // The window's defaults: long enough for the samplers to differ, short enough for minutes.
    static constexpr long defaultSteps = 1000;
    static constexpr int defaultSeeds = 3;

    explicit AblationController(QObject* parent = nullptr);
    ~AblationController() override; // cancels a grid under way and waits for its threads

    // Every sampler x loss on data, `seeds` seeds a cell, `steps` steps a run (runAblation). False,
    // and nothing done, while a grid is under way. Bad counts or settings come back as failed().
    bool start(sme::DataSplit data, const sme::TrainerSettings& base, long steps, int seeds);
    void cancel();
    bool isRunning() const { return running_; }
    // While running, the cells finished so far in the order they finished; afterwards the
    // grid's result (its cells in the grid's order; cancelled when it was).
    const sme::AblationResult& result() const { return result_; }

signals:
    void started(int totalRuns);
    void progressChanged(int runsDone, int totalRuns);
    void cellFinished(int cellIndex, const sme::AblationCell& cell);
    void finished(bool cancelled);
    void failed(const QString& message);

private:
    void toGui(std::function<void()> emitSignal); // from the worker's threads
    Q_INVOKABLE void deliverOutbox();
    void run(const sme::DataSplit& data, const sme::TrainerSettings& base, long steps, int seeds);

    std::mutex mutex_;
    std::vector<std::function<void()>> outbox_; // under mutex_
    std::atomic<bool> cancelRequested_ = false;
    std::thread worker_;
    bool running_ = false;
    sme::AblationResult result_;
};
