// The window as a program: its command-line options (read before any QApplication exists), a
// file to open, a screenshot on request, and the window built again in another language when
// the user picks one.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <memory>

class MainWindow;

// A headless command as --help lists it: "data", "data NAME -o FILE.csv", "the numbers behind a
// figure". The commands themselves are main.cpp's.
struct CommandHelp {
    QString name;
    QString usage;
    QString summary;
};

// The program when no headless command is named. Reads the window's options from the
// arguments before any QApplication exists, so --help, --version and mistakes need no display:
// a plain argument is a file to open, or, when no such file exists, a command this version does
// not have (refused with exit code 2, naming commands). Then opens the window (without a
// display: one line and exit code 1; --screenshot renders offscreen) and runs the event loop;
// returns the exit code. (QApplication takes "-session ID" out of argv for X11 session
// management; read before it, --session FILE is the window's.)
int runWindowProgram(int& argc, char** argv, const QList<CommandHelp>& commands);

// Opens a file given as a plain argument by its type: embeddings (.tsv, .csv, .npy, each also
// .gz) in the embeddings window, read in the background (a failure shows in the window's banner),
// anything else as a saved session. Empty, or why not.
QString openFile(MainWindow& window, const QString& path);

// The window built again in language (saved as the user's choice), its session (trained model
// included) carried over through the file carried, which is removed after. A session that cannot
// be carried over is reported in the new window.
std::unique_ptr<MainWindow> rebuildInLanguage(std::unique_ptr<MainWindow> window, const QString& language,
                                              const QString& carried);
