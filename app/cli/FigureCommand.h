// `sampling-explorer figure NAME|all`: the window's views rendered headless to files.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

// Needs a QApplication (the views are widgets; the offscreen platform is enough).
// Exit codes: 0 done, 1 a file could not be written, 2 bad arguments or data.
int runFigureCommand(const QStringList& arguments);
