// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/Settings.h"

#include "app/io/ParameterJson.h"

#include <QJsonDocument>
#include <QSettings>
#include <algorithm>

namespace settings {

namespace {

const QString geometryKey = QStringLiteral("geometry");
const QString windowStateKey = QStringLiteral("windowState");
const QString parametersKey = QStringLiteral("parameters");
const QString recentSessionsKey = QStringLiteral("recentSessions");
const QString keepModelKey = QStringLiteral("keepModelInSessions");
const QString startPageKey = QStringLiteral("showStartPage");
const QString languageKey = QStringLiteral("language");
const QString exportGroup = QStringLiteral("export");

} // namespace

QByteArray windowGeometry()
{
    return QSettings().value(geometryKey).toByteArray();
}

void setWindowGeometry(const QByteArray& geometry)
{
    QSettings().setValue(geometryKey, geometry);
}

QByteArray windowState()
{
    return QSettings().value(windowStateKey).toByteArray();
}

void setWindowState(const QByteArray& state)
{
    QSettings().setValue(windowStateKey, state);
}

sme::ExplorerParameters parameters()
{
    return parametersFromJson(QJsonDocument::fromJson(QSettings().value(parametersKey).toByteArray()).object());
}

void setParameters(const sme::ExplorerParameters& parameters)
{
    QSettings().setValue(parametersKey, QJsonDocument(parametersToJson(parameters)).toJson(QJsonDocument::Compact));
}

QStringList recentSessions()
{
    return QSettings().value(recentSessionsKey).toStringList();
}

void addRecentSession(const QString& path)
{
    QStringList recent = recentSessions();
    recent.removeAll(path);
    recent.prepend(path);
    QSettings().setValue(recentSessionsKey, recent.mid(0, maxRecentSessions));
}

bool keepModelInSessions()
{
    return QSettings().value(keepModelKey, true).toBool();
}

void setKeepModelInSessions(bool keep)
{
    QSettings().setValue(keepModelKey, keep);
}

bool showStartPage()
{
    return QSettings().value(startPageKey, true).toBool();
}

void setShowStartPage(bool show)
{
    QSettings().setValue(startPageKey, show);
}

QString language()
{
    return QSettings().value(languageKey).toString();
}

void setLanguage(const QString& language)
{
    QSettings().setValue(languageKey, language);
}

ExportChoices exportChoices()
{
    QSettings stored;
    stored.beginGroup(exportGroup);
    ExportChoices choices;
    FigureExportOptions& o = choices.options;
    o.format = figureFormatFromName(stored.value(QStringLiteral("format")).toString()).value_or(FigureFormat::Png);
    o.dpi = std::clamp(stored.value(QStringLiteral("dpi"), 300).toInt(), minimumFigureDpi, maximumFigureDpi);
    const int width = stored.value(QStringLiteral("width"), figureSizeFor({}).width()).toInt();
    o.size = QSize(std::clamp(width, 100, maximumFigureSide), 0);
    o.theme = figureThemeFromName(stored.value(QStringLiteral("theme")).toString()).value_or(FigureTheme::Publication);
    o.showTitle = stored.value(QStringLiteral("title"), true).toBool();
    o.legend = figureLegendFromName(stored.value(QStringLiteral("legend")).toString()).value_or(FigureLegend::Top);
    o.transparent = stored.value(QStringLiteral("transparent"), false).toBool();
    choices.centimetres = stored.value(QStringLiteral("centimetres"), false).toBool();
    choices.folder = stored.value(QStringLiteral("folder")).toString();
    return choices;
}

void setExportChoices(const ExportChoices& choices)
{
    QSettings stored;
    stored.beginGroup(exportGroup);
    const FigureExportOptions& o = choices.options;
    stored.setValue(QStringLiteral("format"), figureFormatSuffix(o.format));
    stored.setValue(QStringLiteral("dpi"), o.dpi);
    stored.setValue(QStringLiteral("width"), o.size.width());
    stored.setValue(QStringLiteral("theme"), figureThemeName(o.theme));
    stored.setValue(QStringLiteral("title"), o.showTitle);
    stored.setValue(QStringLiteral("legend"), figureLegendName(o.legend));
    stored.setValue(QStringLiteral("transparent"), o.transparent);
    stored.setValue(QStringLiteral("centimetres"), choices.centimetres);
    stored.setValue(QStringLiteral("folder"), choices.folder);
}

} // namespace settings
