// The data and model options shared by the train and ablate commands.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/CommandOptions.h"
#include "app/DataSource.h"
#include "model/Trainer.h"

// --dataset, --noise, --data-seed, --sampler, --loss, --dim, --hidden, --batch-classes,
// --batch-k, --lr, --alpha, --seed.
void addTrainingOptions(CommandOptions& options);

DataChoice readDataChoice(const CommandOptions& options);

// Refuses options that do not apply together (--noise or --data-seed with a non-synthetic set).
void checkTrainingOptions(const CommandOptions& options);

// Throws sme::Error for an unknown sampler or loss name or a malformed number.
sme::TrainerSettings readTrainerSettings(const CommandOptions& options);
