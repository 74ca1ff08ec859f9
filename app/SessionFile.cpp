// Sessions: the versioned JSON written atomically, and every check a loaded one must pass.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/SessionFile.h"

#include "app/OutputFile.h"
#include "app/ParameterJson.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
const QLatin1String formatName("sampling-matters-explorer-session");
constexpr qint64 largestSession = 16 * 1024 * 1024;

SessionLoad refusal(const QString& name, const QString& why)
{
    return SessionLoad{std::nullopt, name + ": " + why};
}
} // namespace

QString saveSession(const QString& path, const sme::ExplorerParameters& parameters)
{
    const QJsonObject session{
        {"format", formatName},
        {"version", sessionFormatVersion},
        {"saved", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {"parameters", parametersToJson(parameters)},
    };
    return writeOutput(path, QJsonDocument(session).toJson(QJsonDocument::Indented));
}

SessionLoad loadSession(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return refusal(name, QStringLiteral("cannot open it: %1").arg(file.errorString()));
    if (file.size() > largestSession)
        return refusal(name, QStringLiteral("too large for a session file (%1 bytes)").arg(file.size()));
    // At most one byte past the limit: a device or a pipe has no size and may never end.
    return parseSession(file.read(largestSession + 1), name);
}

SessionLoad parseSession(const QByteArray& content, const QString& name)
{
    const auto refuse = [&name](const QString& why) { return refusal(name, why); };
    if (content.size() > largestSession)
        return refuse(QStringLiteral("too large for a session file (over %1 bytes)").arg(largestSession));
    QJsonParseError parse{};
    const QJsonDocument document = QJsonDocument::fromJson(content, &parse);
    if (parse.error != QJsonParseError::NoError)
        return refuse(QStringLiteral("not a readable session (damaged or truncated: %1 at byte %2)")
                          .arg(parse.errorString())
                          .arg(parse.offset));
    const QJsonObject session = document.object();
    if (!document.isObject() || session.value(QLatin1String("format")).toString() != formatName)
        return refuse(QStringLiteral("not a Sampling Matters Explorer session"));
    const int version = session.value(QLatin1String("version")).toInt(-1);
    if (version > sessionFormatVersion)
        return refuse(QStringLiteral("made by a newer version (session format %1; this version reads up to %2)")
                          .arg(version)
                          .arg(sessionFormatVersion));
    if (version < 1)
        return refuse(QStringLiteral("has no valid format version"));
    if (!session.value(QLatin1String("parameters")).isObject())
        return refuse(QStringLiteral("has no parameters"));
    QStringList problems;
    const sme::ExplorerParameters parameters
        = parametersFromJson(session.value(QLatin1String("parameters")).toObject(), &problems);
    if (!problems.isEmpty())
        return refuse(QStringLiteral("damaged parameters: %1").arg(problems.join(QStringLiteral("; "))));
    return {parameters, {}};
}
