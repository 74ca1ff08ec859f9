// Sessions: every parameter and the seed in a versioned JSON file, saved atomically.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/ExplorerParameters.h"

#include <QString>
#include <optional>

inline constexpr int sessionFormatVersion = 1;

// Writes the session through a temporary file renamed into place. Empty, or a message.
QString saveSession(const QString& path, const sme::ExplorerParameters& parameters);

struct SessionLoad {
    std::optional<sme::ExplorerParameters> parameters; // set only when the whole file is good
    QString error;                                      // why not, naming the file
};

// Refuses, with a message and no parameters, a file that is missing, too large, not JSON
// (truncated), of another kind, of a newer format version, or with any bad field.
SessionLoad loadSession(const QString& path);

// The same checks on a session's bytes already in memory (the fuzzer's way in); messages start
// with name.
SessionLoad parseSession(const QByteArray& content, const QString& name);
