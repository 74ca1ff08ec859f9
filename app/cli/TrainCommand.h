// `sampling-explorer train` and `sampling-explorer ablate`: headless training runs.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// Exit codes: 0 done, 1 output not written, 2 bad arguments or data, 3 the run diverged (the
// rows up to the divergence are still written).
int runTrainCommand(const QStringList& arguments);
int runAblateCommand(const QStringList& arguments);
