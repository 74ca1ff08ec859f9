// The data and model options shared by the train, ablate and race commands, and the start of
// their runs.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/CommandOptions.h"
#include "app/io/DataSource.h"
#include "model/training/Trainer.h"
#include "model/training/TrainingPipeline.h"

#include <functional>
#include <optional>
#include <vector>

// --preset, --dataset, --data-noise, --data-seed, --label-noise, --sampler, --loss, --dim, --hidden, --batch-classes,
// --batch-k, --lr, --alpha, --seed, --eval-sample (TrainerSettings::evaluationSample: N, or all for 0).
void addTrainingOptions(CommandOptions& options);

// --preset ID: the parameters the window sets for that preset (presetParameters), or nullopt
// when the option is not given. Throws sme::Error naming the known ids for an unknown one.
std::optional<sme::ExplorerParameters> presetOption(const CommandOptions& options);

// Throws sme::Error for a positional argument: the training commands take none.
void refusePositionals(const QStringList& positional);

struct TrainingSetup {
    sme::TrainerSettings settings;
    sme::DataSplit data;
};

// What every training command does once it has read its own options. It refuses options that
// do not apply (--noise, the gradient noise of data and figure; --data-noise or --data-seed
// with a data set that is not synthetic), and finds an output that cannot be written before
// any run: it reports it as COMMAND and returns nullopt (exit status 1). Then it reads the
// settings and only then the data, so that a bad option is refused before a file is read; a
// slow load shows its progress, and the split (which classes train, which are held out) is
// named on standard error.
// output may be empty (ablate --markdown). Throws sme::Error for bad options or data.
std::optional<TrainingSetup> prepareTraining(const char* command, const CommandOptions& options,
                                             const QString& output);

// What a command that trains and writes rows needs besides the model (train, race):
// -o FILE, --steps N and --eval-every E.
struct TrainingRunOptions {
    QString output;
    long steps = 0;
    long evalEvery = 0;
};

// -o, the training options, --steps (defaultSteps, or the preset's stop_after) and --eval-every (default 100).
void addTrainingRunOptions(CommandOptions& options, long defaultSteps);
// Throws sme::Error for a positional argument, a missing -o, or counts out of range.
TrainingRunOptions readTrainingRunOptions(const CommandOptions& options,
                                          const QStringList& positional, long defaultSteps);

// When a run's evaluations show a collapsed model (Evaluation::collapsed), says so on standard
// error as "COMMAND: WHO collapsed ...", with the step it first did and what to change.
void reportCollapse(const char* command, const QString& who,
                    const std::vector<sme::TrainingRecord>& records);

// When a run's evaluations show it stalled (TrainingRecord::stalled: no pair or triplet of
// non-zero loss for TrainingPipeline::stalledAfterSteps steps), says so once on standard error
// as "COMMAND: WHO stalled at step ...", with why the model stopped learning and what to change.
void reportStall(const char* command, const QString& who,
                 const std::vector<sme::TrainingRecord>& records);

// A progress callback for a run of `steps` steps: "COMMAND: step DONE/STEPS" on stderr ten
// times in the run and at its end.
std::function<void(long)> stepProgressPrinter(const char* command, long steps);
