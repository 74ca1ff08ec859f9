// The window as a program: its command-line options, a screenshot on request, and the window
// built again in another language when the user picks one.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QApplication;

// Reads the window's options from app's arguments (--help and --version end the program there),
// opens the window and runs the event loop; returns the exit code.
int runWindow(QApplication& app);
