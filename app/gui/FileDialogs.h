// The windows' file dialogs: what QFileDialog's static functions open, at a size where Qt's own
// dialog (the one used where the desktop offers none of its own) shows its columns in full.
// Its defaults cut them: "25….MiB", "Gzi…ive", "5 Jun 2…9:05:49".
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

class QFileDialog;
class QWidget;

namespace filedialogs {

// An existing file, or empty when cancelled (as QFileDialog::getOpenFileName).
QString openFile(QWidget* parent, const QString& caption, const QString& directory, const QString& filter);

// A file to write, path proposed (its folder and name), or empty when cancelled; selectedFilter,
// when given, chooses the filter first and returns the one chosen (as getSaveFileName).
QString saveFile(QWidget* parent, const QString& caption, const QString& path, const QString& filter,
                 QString* selectedFilter = nullptr);

// An existing folder, or empty when cancelled (as getExistingDirectory).
QString folder(QWidget* parent, const QString& caption, const QString& directory);

// Sizes Qt's own dialog (nothing for a desktop's, which sizes itself): about 960 x 600 where the
// screen has room, the size, type and date columns at least as wide as this locale writes them
// (wider where the user made them so: Qt keeps the widths from one dialog to the next).
void fit(QFileDialog& dialog);

} // namespace filedialogs
