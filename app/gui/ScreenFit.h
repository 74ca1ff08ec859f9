// A new window's size: the size it wants where the screen has room, else the room there is.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSize>

class QWidget;

// Resizes window to wanted, or to its screen's available area less a margin for the frame (a
// 1366 x 768 laptop), and centres it there: the status bar, with progress and Cancel, stays on
// the screen. The screen is the parent's, else the primary one.
void fitWindowToScreen(QWidget* window, QSize wanted);
