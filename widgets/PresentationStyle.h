// The looks of the charts: the presentation look (large fonts, thick lines and big markers,
// high contrast, pure black on white, readable from the back of a room) and back to the normal
// look; the dark theme of exported figures.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QChart;
class QWidget;

// Every chart under root (root included when it is a chart view). Idempotent: the normal look
// is remembered the first time an object is seen, so series added later (a new map, more
// reference curves) take the look when this is called again.
void applyPresentationStyle(QWidget* root, bool presenting);
void applyPresentationStyle(QChart* chart, bool presenting);

inline constexpr double presentationFontScale = 1.8;
inline constexpr double presentationLineScale = 2.2;

// Dark backgrounds with light text, keeping every series' own colour, on every chart under root
// (root included): the figure command's --theme dark.
void applyDarkTheme(QWidget* root);
