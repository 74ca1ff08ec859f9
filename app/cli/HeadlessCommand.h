// What every headless command shares: option parsing, --help, one-line errors, exit codes.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/cli/CommandOptions.h"
#include "model/base/Table.h"

#include <QStringList>
#include <functional>

struct HeadlessCommand {
    QString name;         // "data", "train", ...
    QString description;  // the --help text
    QString positionals;  // extra positional syntax for --help, e.g. "NAME"
    std::function<void(CommandOptions&)> addOptions;
    // The work: returns the exit code; may throw sme::Error (exit 2, bad input).
    std::function<int(const CommandOptions&, const QStringList& positional)> run;
};

// Parses arguments (program name, command, ...), answers --help, runs the command and turns an
// sme::Error into one line "sampling-explorer NAME: message" on standard error with exit code 2.
int runHeadlessCommand(const HeadlessCommand& command, const QStringList& arguments);

// Prints one line "sampling-explorer NAME: message" to standard error.
void reportError(const QString& command, const QString& message);

// Writes the table as CSV to path ("-" for standard output), atomically. Returns 0, or 1 after
// reporting the failure.
int writeTable(const QString& command, const QString& path, const sme::Table& table);
