// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/Settings.h"

#include "app/io/ParameterJson.h"

#include <QJsonDocument>
#include <QSettings>

namespace settings {

namespace {

const QString geometryKey = QStringLiteral("geometry");
const QString windowStateKey = QStringLiteral("windowState");
const QString parametersKey = QStringLiteral("parameters");
const QString recentSessionsKey = QStringLiteral("recentSessions");
const QString keepModelKey = QStringLiteral("keepModelInSessions");
const QString startPageKey = QStringLiteral("showStartPage");
const QString languageKey = QStringLiteral("language");

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

} // namespace settings
