// The data and model options shared by the train, ablate and race commands.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/CommandOptions.h"
#include "app/io/DataSource.h"
#include "model/training/Trainer.h"

#include <functional>

// --dataset, --noise, --data-seed, --sampler, --loss, --dim, --hidden, --batch-classes,
// --batch-k, --lr, --alpha, --seed.
void addTrainingOptions(CommandOptions& options);

DataChoice readDataChoice(const CommandOptions& options);

// Refuses options that do not apply together (--noise or --data-seed with a non-synthetic set).
void checkTrainingOptions(const CommandOptions& options);

// Throws sme::Error for an unknown sampler or loss name or a malformed number.
sme::TrainerSettings readTrainerSettings(const CommandOptions& options);

// What a command that trains and writes rows needs besides the model (train, race):
// -o FILE, --steps N and --eval-every E.
struct TrainingRunOptions {
    QString output;
    long steps = 0;
    long evalEvery = 0;
};

// -o, the training options, --steps (defaultSteps) and --eval-every (default 100).
void addTrainingRunOptions(CommandOptions& options, long defaultSteps);
// Throws sme::Error for a positional argument, a missing -o, or counts out of range.
TrainingRunOptions readTrainingRunOptions(const CommandOptions& options,
                                          const QStringList& positional, long defaultSteps);

// A progress callback for a run of `steps` steps: "COMMAND: step DONE/STEPS" on stderr ten
// times in the run and at its end.
std::function<void(long)> stepProgressPrinter(const char* command, long steps);
