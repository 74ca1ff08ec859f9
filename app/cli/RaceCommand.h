// `sampling-explorer race`: the four samplers trained side by side, headless.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// Exit codes as for train: 0 done, 1 output not written, 2 bad arguments or data, 3 a run
// diverged (every run's rows, up to its divergence, are still written).
int runRaceCommand(const QStringList& arguments);
