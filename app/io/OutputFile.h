// Writing a command's output: atomically to a file, or to standard output for "-".
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// Writes content to path through a temporary file renamed into place (QSaveFile), so a
// failure or a kill leaves any old file intact and no partial file behind; "-" writes to
// standard output. Every file the program writes goes through here. Returns an empty string
// on success, else a message naming the path (and, for a full disk, why: "No space left on
// device", "File too large").
QString writeOutput(const QString& path, const QByteArray& content);

// Why path cannot be written, checked before long work: a folder that does not exist or is
// not writable, or a path that is a folder. Empty when it looks writable (or is "-").
QString outputProblem(const QString& path);
