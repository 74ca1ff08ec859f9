// The window as a program: its command-line options, a screenshot on request, and the window
// built again in another language when the user picks one.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <memory>

class MainWindow;
class QApplication;

// Reads the window's options from app's arguments (--help and --version end the program there),
// opens the window and runs the event loop; returns the exit code.
int runWindow(QApplication& app);

// The window built again in language (saved as the user's choice), its session (trained model
// included) carried over through the file carried, which is removed after. A session that cannot
// be carried over is reported in the new window.
std::unique_ptr<MainWindow> rebuildInLanguage(std::unique_ptr<MainWindow> window, const QString& language,
                                              const QString& carried);
