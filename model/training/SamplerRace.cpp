// The sampler race headless: four trainers differing only in the sampler, trained in parallel,
// and its table.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/SamplerRace.h"

#include "model/base/Error.h"
#include "model/training/ParallelRuns.h"

#include <algorithm>
#include <string>

namespace sme {

std::array<TrainerSettings, raceSize> raceSettings(const TrainerSettings& base)
{
    std::array<TrainerSettings, raceSize> settings;
    for (SamplerKind kind : allSamplerKinds) {
        settings[std::size_t(kind)] = base;
        settings[std::size_t(kind)].sampler = kind;
    }
    return settings;
}

std::vector<Trainer> raceTrainers(const DataSplit& data, const TrainerSettings& base)
{
    std::vector<Trainer> trainers;
    trainers.reserve(raceSize);
    for (const TrainerSettings& settings : raceSettings(base))
        trainers.emplace_back(data, settings);
    return trainers;
}

bool RaceResult::anyDiverged() const
{
    return std::any_of(runs.begin(), runs.end(), [](const TrainingRunResult& r) { return r.diverged; });
}

RaceResult runRace(const DataSplit& data, const TrainerSettings& base, long steps, long evalEvery,
                   const std::function<void(long)>& progress)
{
    // Checked here, where the caller can catch it, not on the runs' threads.
    requireRunLength(steps);
    require(evalEvery >= 1, "evaluations must come every 1 or more steps");
    std::vector<Trainer> trainers = raceTrainers(data, base);

    RaceResult race;
    // The steps each run has done; the slowest is reported, under SerialCalls' lock.
    std::array<long, raceSize> done{};
    long slowestReported = 0;
    const auto report = [&](std::size_t run, long count) {
        done[run] = count;
        const long slowest = *std::min_element(done.begin(), done.end());
        if (slowest > slowestReported) {
            slowestReported = slowest;
            progress(slowest);
        }
    };
    runInParallel(raceSize, [&](std::size_t run, SerialCalls& serial) {
        std::function<void(long)> reportRun;
        if (progress)
            reportRun = [&, run](long count) { serial([&] { report(run, count); }); };
        race.runs[run] = runTraining(trainers[run], steps, evalEvery, reportRun);
        if (race.runs[run].diverged && reportRun)
            reportRun(steps); // it stopped: the others no longer wait for it
    }, raceSize); // one thread each, whatever the cores: the four advance side by side

    return race;
}

Table toRaceTable(const RaceResult& race)
{
    struct Row {
        long step;
        std::size_t sampler;
        const TrainingRecord* record;
    };
    std::vector<Row> rows;
    for (std::size_t run = 0; run < raceSize; ++run)
        for (const TrainingRecord& record : race.runs[run].records)
            rows.push_back({record.step, run, &record});
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.step != b.step ? a.step < b.step : a.sampler < b.sampler;
    });
    Table table{{"step", "sampler", "loss", "recall_at_1", "nmi", "map_at_r", "spread"}, {}};
    for (const Row& row : rows) {
        const Evaluation& e = row.record->evaluation;
        table.addRow({double(row.step), std::string(samplerName(allSamplerKinds[row.sampler])),
                      row.record->loss, e.recall[0], e.nmi, e.mapAtR, e.spread});
    }
    return table;
}

} // namespace sme
