// Runs the real sampling-explorer executable as a user would, for the command-line tests.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QStringList>

namespace testing {

struct Run {
    int exitCode = -1; // -1 when it crashed or had to be killed
    QByteArray out;
    QByteArray err;
};

// sampling-explorer COMMAND ARGUMENTS..., given two minutes at most.
inline Run runCommand(const QString& command, const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(SME_EXECUTABLE), QStringList{command} + arguments);
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

inline QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace testing
