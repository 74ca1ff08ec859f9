// Writing a command's output where the user names it: atomically to a regular file, directly
// to standard output ("-", /dev/stdout), a pipe, a device, a terminal or a socket.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// Writes content to path. A regular file (or one a symbolic link points to: the link stays)
// is written through a temporary file renamed into place (QSaveFile), so a failure or a kill
// leaves any old file intact and no partial file behind. Anything else that exists (a pipe, a
// device, a terminal, a socket) is opened as it is and written directly, never replaced or
// removed; "-", /dev/stdout, /dev/stderr and /dev/fd/N write to the descriptor already open.
// Every file the program writes goes through here. Returns an empty string on success, else a
// message naming the path and, when the system said, why ("No space left on device", "File too
// large").
QString writeOutput(const QString& path, const QByteArray& content);

// Why path cannot be written, checked before long work: a folder that does not exist or is
// not writable, a path that is a folder, a device that is not writable. Empty when it looks
// writable (or is "-", /dev/stdout, a pipe...).
QString outputProblem(const QString& path);
