// The sampler race on four training threads: four TrainingControllers, one per sampler, driven
// together so that they advance together.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/data/Dataset.h"
#include "model/training/SamplerRace.h"
#include "model/training/TrainingSnapshot.h"

#include <QObject>
#include <QString>
#include <array>
#include <memory>
#include <optional>

class TrainingController;

// Advancing together: while running, the four runs train in chunks of chunkSteps() steps. Each
// controller is told to stop by itself at the chunk's end (setStopAfter); only when every run
// still in the race has reported that step does the next chunk start. So every run starts a
// chunk from the same step T - K and none passes T: at any moment no run is more than
// K = chunkSteps() steps ahead of the slowest. The controllers evaluate every chunkSteps() steps,
// so a chunk ends on an evaluation and stopping there costs no extra one.
// Pause lets the chunk in progress finish (at most K steps), so the four always pause at the
// same step; step() then moves every run one step; reset() brings all four back to step 0.
// A run that diverges pauses itself (TrainingController) and leaves the race until reset(); the
// others go on.
class RaceController : public QObject {
    Q_OBJECT
public:
    // 50: a chunk of the default model is about 0.1 s of training and one evaluation, so the
    // curves move several times a second and pausing waits well under a second.
    static constexpr long defaultChunkSteps = 50;

    explicit RaceController(long chunkSteps = defaultChunkSteps, QObject* parent = nullptr);
    ~RaceController() override;

    // Four new runs on the data, differing only in their sampler (sme::raceSettings), paused at
    // step 0. Throws sme::Error for invalid data or settings, leaving the current runs alone.
    void configure(const sme::DataSplit& data, const sme::TrainerSettings& base);

    void start();
    void pause();
    void step();  // one step of every run, when paused
    void reset(); // all four back to step 0, paused
    // The loss of all four, from the same step on: applied between chunks (at once when paused).
    // Alpha becomes the loss's default (sme::defaultAlpha).
    void setLoss(sme::LossKind loss);
    // A running race pauses when all four reach this step (0: never), as a lesson's run stops
    // where its text says; Play goes on from there. Chunks end on it.
    void setStopAfter(long steps);

    // True from start() until the race has actually stopped (after the chunk in progress).
    bool isRunning() const { return running_; }
    long chunkSteps() const { return chunk_; }
    // The steps of a run as its last snapshot reported them.
    long steps(sme::SamplerKind sampler) const { return steps_[index(sampler)]; }
    long slowestSteps() const;
    long fastestSteps() const;
    // The run of one sampler (for tests: a controller may be slowed down by its own speed).
    TrainingController* controller(sme::SamplerKind sampler) const { return controllers_[index(sampler)]; }

signals:
    void snapshotReady(sme::SamplerKind sampler, std::shared_ptr<const sme::TrainingSnapshot> snapshot);
    void runningChanged(bool running);
    void diverged(sme::SamplerKind sampler, const QString& reason);
    void failed(const QString& message);

private:
    static std::size_t index(sme::SamplerKind sampler) { return std::size_t(sampler); }
    void onSnapshot(std::size_t run, const std::shared_ptr<const sme::TrainingSnapshot>& snapshot);
    void onDiverged(std::size_t run, const QString& reason);
    bool isActive(std::size_t run) const;
    bool anyActive() const;
    // A chunk or single steps are under way: some active run has not yet reported target_.
    bool inFlight() const;
    // Called whenever a run reports: starts the next chunk, or completes a pause.
    void advance();
    void startChunk();
    void applyPendingLoss();
    void setRunning(bool running);

    long chunk_;
    long stopAfter_ = 0;
    std::array<TrainingController*, sme::raceSize> controllers_{};
    std::array<long, sme::raceSize> steps_{};
    // After a configure or reset, a run's snapshots count again only from its reset snapshot
    // on: the ones already queued still carry steps from before.
    std::array<bool, sme::raceSize> awaitingReset_{};
    std::array<bool, sme::raceSize> diverged_{};
    bool configured_ = false;
    long target_ = 0;          // the step every active run is at or heading to
    bool wantRunning_ = false; // the user's play/pause; running_ lags it by the chunk in progress
    bool running_ = false;
    std::optional<sme::LossKind> pendingLoss_;
};
