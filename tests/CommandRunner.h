// Runs the real sampling-explorer executable as a user would, for the command-line tests: with
// the environment, standard input and standard output a test sets up.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace testing {

struct Run {
    int exitCode = -1; // -1 when it crashed (a core dump) or had to be killed
    QByteArray out;
    QByteArray err;
};

// How the executable is started: what changes in the test's environment, what it reads on
// standard input, and where its standard output goes.
struct Setup {
    QStringList unset;          // variables removed from the environment
    QStringList set;            // "NAME=value", set or replaced
    QByteArray input;           // written to standard input, which is then closed
    QString outputAppendedTo;   // standard output appended to this file instead of captured
};

// A terminal-less, display-less machine, as over ssh or in a container: no X11, no Wayland,
// no platform chosen (the tests' own QT_QPA_PLATFORM=offscreen removed) and no
// XDG_RUNTIME_DIR, which Qt complains about when it is missing.
inline Setup withoutDisplay()
{
    return {{"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_RUNTIME_DIR"}, {}, {}, {}};
}

// sampling-explorer ARGUMENTS... as set up, given two minutes at most.
inline Run runExecutable(const QStringList& arguments, const Setup& setup = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& name : setup.unset)
        environment.remove(name);
    for (const QString& assignment : setup.set)
        environment.insert(assignment.section(QLatin1Char('='), 0, 0), assignment.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(environment);
    if (!setup.outputAppendedTo.isEmpty())
        process.setStandardOutputFile(setup.outputAppendedTo, QIODevice::Append);
    process.start(QStringLiteral(SME_EXECUTABLE), arguments);
    if (process.waitForStarted()) {
        process.write(setup.input);
        process.closeWriteChannel();
    }
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

// sampling-explorer COMMAND ARGUMENTS..., given two minutes at most.
inline Run runCommand(const QString& command, const QStringList& arguments, const Setup& setup = {})
{
    return runExecutable(QStringList{command} + arguments, setup);
}

inline QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace testing
