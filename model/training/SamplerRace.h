// The sampler race: four runs that differ only in their sampler, trained side by side.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/data/Dataset.h"
#include "model/base/Table.h"
#include "model/training/Trainer.h"
#include "model/training/TrainingRun.h"

#include <array>
#include <functional>
#include <vector>

namespace sme {

inline constexpr std::size_t raceSize = allSamplerKinds.size();

// The settings of the four runs, indexed by SamplerKind: base with its sampler replaced and
// nothing else. The initial weights depend on the seed and the network's shape only (not on
// the sampler), so the four start from bit-identical weights.
std::array<TrainerSettings, raceSize> raceSettings(const TrainerSettings& base);

// The four trainers of a race on one data split, in SamplerKind order. Throws sme::Error for
// invalid data or settings (before anything trains).
std::vector<Trainer> raceTrainers(const DataSplit& data, const TrainerSettings& base);

struct RaceResult {
    std::array<TrainingRunResult, raceSize> runs; // indexed by SamplerKind
    bool anyDiverged() const;
};

// Trains the four runs of a race for `steps` steps side by side, one thread each
// (runInParallel), evaluating at step 0, every evalEvery steps and after the last (runTraining
// for each: the live sample, the last evaluation on every held-out point). A run that diverges stops there; the others go on. Every run owns its trainer and
// its seeded random streams, so the result is the same for a seed whatever the threads' timing.
// progress, when set, is called (one call at a time, from the runs' threads) with the steps
// done by the slowest run, each time that number grows; a run that stopped early counts as
// done. Throws sme::Error for invalid data, settings or counts.
RaceResult runRace(const DataSplit& data, const TrainerSettings& base, long steps, long evalEvery,
                   const std::function<void(long)>& progress = {});

// Columns step, sampler, loss, recall_at_1, nmi, map_at_r: one row per evaluation of every run,
// ordered by step, then by sampler in SamplerKind order; sampler as samplerName spells it;
// loss the mean since the previous evaluation (empty at step 0).
Table toRaceTable(const RaceResult& race);

} // namespace sme
