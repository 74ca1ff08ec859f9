// What the application remembers between runs (QSettings), one typed function per key, so that
// each key is spelled once.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/render/FigureExporter.h"
#include "model/figures/ExplorerParameters.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace settings {

// The main window's geometry and its docks' layout (QWidget::saveGeometry, QMainWindow::saveState).
QByteArray windowGeometry();
void setWindowGeometry(const QByteArray& geometry);
QByteArray windowState();
void setWindowState(const QByteArray& state);

// The parameters when the window was last closed (defaults for what is missing or bad).
sme::ExplorerParameters parameters();
void setParameters(const sme::ExplorerParameters& parameters);

// The sessions opened or saved last, the latest first, at most maxRecentSessions.
inline constexpr int maxRecentSessions = 8;
QStringList recentSessions();
void addRecentSession(const QString& path);

bool keepModelInSessions(); // true unless turned off
void setKeepModelInSessions(bool keep);

bool showStartPage(); // true unless turned off
void setShowStartPage(bool show);

QString language(); // empty: the system's
void setLanguage(const QString& language);

// The export dialog's last choices. The size kept is the width (pixels at 96 dpi): each view's
// height follows its own shape. Defaults: PNG at 300 dpi, publication look, title and legend
// on top, 16 cm wide, the current folder.
struct ExportChoices {
    FigureExportOptions options;
    bool centimetres = false; // the unit the sizes were given in
    QString folder;           // where the last export went
};
ExportChoices exportChoices();
void setExportChoices(const ExportChoices& choices);

} // namespace settings
