// `sampling-explorer data NAME [options] -o FILE.csv`: the numbers behind a figure, as CSV.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// Runs the data command; arguments are the whole command line (program name, "data", ...).
// Returns the process exit code: 0 done, 1 the output could not be written, 2 bad arguments.
// Every failure prints one line to standard error.
int runDataCommand(const QStringList& arguments);
