// Sessions: the versioned JSON written atomically, and every check a loaded one must pass.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/io/SessionFile.h"

#include "app/io/ModelMessages.h"
#include "app/io/OutputFile.h"
#include "app/io/ParameterJson.h"
#include "model/base/Error.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

// Its messages in the window's language (English on the command line, which loads no
// translation).
struct SessionFileText {
    Q_DECLARE_TR_FUNCTIONS(SessionFileText)
};

const QLatin1String formatName("sampling-matters-explorer-session");
constexpr qint64 largestSession = 16 * 1024 * 1024;
constexpr qint64 largestRun = qint64(2) * 1024 * 1024 * 1024;

QString checksumText(std::string_view bytes)
{
    return QString::number(sme::runChecksum(bytes), 16).rightJustified(16, QLatin1Char('0'));
}

// The run a session names: read, checked against the size and checksum the session recorded,
// and decoded. Empty, or why not (naming the run file).
QString loadRun(const QString& folder, const QJsonObject& entry, std::optional<sme::SavedRun>& run)
{
    const QString name = entry.value(QLatin1String("file")).toString();
    if (name.isEmpty() || name.contains(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return SessionFileText::tr("names no valid run file");
    if (folder.isEmpty())
        return SessionFileText::tr("names the run file %1 but has no folder to find it in").arg(name);
    const QString path = QDir(folder).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return SessionFileText::tr("its run file %1 cannot be opened: %2").arg(name, file.errorString());
    if (file.size() > largestRun)
        return SessionFileText::tr("its run file %1 is too large (%2 bytes)").arg(name).arg(file.size());
    const QByteArray bytes = file.readAll();
    const std::string_view view(bytes.constData(), std::size_t(bytes.size()));
    if (bytes.size() != entry.value(QLatin1String("bytes")).toInteger(-1)
        || checksumText(view) != entry.value(QLatin1String("checksum")).toString())
        return SessionFileText::tr("its run file %1 is not the one saved with it (changed, truncated or replaced since)")
            .arg(name);
    try {
        run = sme::decodeRun(view);
    } catch (const sme::Error& e) {
        return SessionFileText::tr("its run file %1 is %2").arg(name, errorText(e));
    }
    return {};
}

SessionLoad refusal(const QString& name, const QString& why)
{
    return SessionLoad{std::nullopt, std::nullopt, name + ": " + why, std::nullopt};
}

QJsonObject embeddingsToJson(const SessionEmbeddings& embeddings)
{
    return QJsonObject{
        {"file", embeddings.path},
        {"sha256", embeddings.sha256},
        {"labels", embeddings.labelsPath},
        {"labels_sha256", embeddings.labelsSha256},
        {"label_column", embeddings.labelColumn},
        {"batch_classes", embeddings.batchClasses},
        {"batch_k", embeddings.batchK},
        {"alpha", embeddings.alpha},
        {"beta", embeddings.beta},
    };
}

// Empty, or why the entry is damaged.
QString embeddingsFromJson(const QJsonObject& object, SessionEmbeddings& embeddings)
{
    const std::pair<QLatin1String, QString*> texts[] = {
        {QLatin1String("file"), &embeddings.path},           {QLatin1String("sha256"), &embeddings.sha256},
        {QLatin1String("labels"), &embeddings.labelsPath},   {QLatin1String("labels_sha256"), &embeddings.labelsSha256},
        {QLatin1String("label_column"), &embeddings.labelColumn}};
    for (const auto& [key, text] : texts) {
        if (object.contains(key) && !object.value(key).isString())
            return SessionFileText::tr("its embeddings entry's %1 is not text").arg(key);
        *text = object.value(key).toString();
    }
    if (embeddings.path.isEmpty())
        return SessionFileText::tr("its embeddings entry names no file");
    const std::pair<QLatin1String, double*> numbers[] = {{QLatin1String("alpha"), &embeddings.alpha},
                                                         {QLatin1String("beta"), &embeddings.beta}};
    for (const auto& [key, number] : numbers) {
        if (!object.value(key).isDouble())
            return SessionFileText::tr("its embeddings entry's %1 is not a number").arg(key);
        *number = object.value(key).toDouble();
    }
    const std::pair<QLatin1String, int*> counts[] = {{QLatin1String("batch_classes"), &embeddings.batchClasses},
                                                     {QLatin1String("batch_k"), &embeddings.batchK}};
    for (const auto& [key, count] : counts) {
        *count = object.value(key).toInt(-1);
        if (*count < 2)
            return SessionFileText::tr("its embeddings entry's %1 is not a whole number of at least 2").arg(key);
    }
    return {};
}

QJsonObject viewStateToJson(const SessionViewState& view)
{
    QJsonObject object{
        {"enlarged", view.enlarged ? QString::fromUtf8(sme::viewName(*view.enlarged)) : QString()},
        {"log_density", view.logDensity},
        {"sampled_overlaid", view.sampledOverlaid},
        {"live_sampled", view.liveSampled},
    };
    if (view.embeddings)
        object.insert(QLatin1String("embeddings"), embeddingsToJson(*view.embeddings));
    return object;
}

// A missing entry keeps its default; a wrong one is a damaged session (empty, or why).
QString viewStateFromJson(const QJsonObject& object, SessionViewState& view)
{
    const QString enlarged = object.value(QLatin1String("enlarged")).toString();
    view.enlarged = sme::gridViewFromName(enlarged.toStdString());
    if (!enlarged.isEmpty() && !view.enlarged)
        return SessionFileText::tr("its view entry names no view of the window ('%1')").arg(enlarged);
    const std::pair<QLatin1String, bool*> flags[] = {{QLatin1String("log_density"), &view.logDensity},
                                                      {QLatin1String("sampled_overlaid"), &view.sampledOverlaid},
                                                      {QLatin1String("live_sampled"), &view.liveSampled}};
    for (const auto& [key, flag] : flags) {
        if (!object.contains(key))
            continue;
        if (!object.value(key).isBool())
            return SessionFileText::tr("its view entry's %1 is not true or false").arg(key);
        *flag = object.value(key).toBool();
    }
    if (object.contains(QLatin1String("embeddings"))) {
        SessionEmbeddings embeddings;
        if (!object.value(QLatin1String("embeddings")).isObject())
            return SessionFileText::tr("has a damaged embeddings entry");
        if (const QString failure = embeddingsFromJson(object.value(QLatin1String("embeddings")).toObject(), embeddings);
            !failure.isEmpty())
            return failure;
        view.embeddings = embeddings;
    }
    return {};
}
} // namespace

QString fileSha256(const QString& path)
{
    QFile file(path);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

QString runFilePath(const QString& sessionPath)
{
    QString base = sessionPath;
    if (base.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        base.chop(5);
    return base + QLatin1String(".run");
}

QString saveSession(const QString& path, const sme::ExplorerParameters& parameters, const sme::SavedRun* run,
                    const SessionViewState* view)
{
    QJsonObject session{
        {"format", formatName},
        {"version", sessionFormatVersion},
        {"saved", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {"parameters", parametersToJson(parameters)},
    };
    if (view)
        session.insert(QLatin1String("view"), viewStateToJson(*view));
    if (run) {
        const std::string bytes = sme::encodeRun(*run);
        const QString runPath = runFilePath(path);
        if (const QString failure = writeOutput(runPath, QByteArray::fromStdString(bytes)); !failure.isEmpty())
            return SessionFileText::tr("cannot save the session '%1' with its trained model: %2")
                .arg(QFileInfo(path).fileName(), failure);
        session.insert(QLatin1String("run"), QJsonObject{
            {"file", QFileInfo(runPath).fileName()},
            {"bytes", qint64(bytes.size())},
            {"checksum", checksumText(bytes)},
            {"step", qint64(run->state.steps)},
        });
    }
    return writeOutput(path, QJsonDocument(session).toJson(QJsonDocument::Indented));
}

SessionLoad loadSession(const QString& path)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return refusal(name, SessionFileText::tr("cannot open it: %1").arg(file.errorString()));
    if (file.size() > largestSession)
        return refusal(name, SessionFileText::tr("too large for a session file (%1 bytes)").arg(file.size()));
    // At most one byte past the limit: a device or a pipe has no size and may never end.
    return parseSession(file.read(largestSession + 1), name, QFileInfo(path).absolutePath());
}

SessionLoad parseSession(const QByteArray& content, const QString& name, const QString& folder)
{
    const auto refuse = [&name](const QString& why) { return refusal(name, why); };
    if (content.size() > largestSession)
        return refuse(SessionFileText::tr("too large for a session file (over %1 bytes)").arg(largestSession));
    QJsonParseError parse{};
    const QJsonDocument document = QJsonDocument::fromJson(content, &parse);
    if (parse.error != QJsonParseError::NoError)
        return refuse(SessionFileText::tr("not a readable session (damaged or truncated: %1 at byte %2)")
                          .arg(parse.errorString())
                          .arg(parse.offset));
    const QJsonObject session = document.object();
    if (!document.isObject() || session.value(QLatin1String("format")).toString() != formatName)
        return refuse(SessionFileText::tr("not a Sampling Matters Explorer session"));
    const int version = session.value(QLatin1String("version")).toInt(-1);
    if (version > sessionFormatVersion)
        return refuse(SessionFileText::tr("made by a newer version (session format %1; this version reads up to %2)")
                          .arg(version)
                          .arg(sessionFormatVersion));
    if (version < 1)
        return refuse(SessionFileText::tr("has no valid format version"));
    if (!session.value(QLatin1String("parameters")).isObject())
        return refuse(SessionFileText::tr("has no parameters"));
    QStringList problems;
    const sme::ExplorerParameters parameters
        = parametersFromJson(session.value(QLatin1String("parameters")).toObject(), &problems);
    if (!problems.isEmpty())
        return refuse(SessionFileText::tr("damaged parameters: %1").arg(problems.join(QStringLiteral("; "))));
    SessionLoad load{parameters, std::nullopt, {}, std::nullopt};
    if (session.contains(QLatin1String("view"))) {
        SessionViewState view;
        if (!session.value(QLatin1String("view")).isObject())
            return refuse(SessionFileText::tr("has a damaged view entry"));
        if (const QString failure = viewStateFromJson(session.value(QLatin1String("view")).toObject(), view);
            !failure.isEmpty())
            return refuse(failure);
        load.view = view;
    }
    if (session.contains(QLatin1String("run"))) {
        if (!session.value(QLatin1String("run")).isObject())
            return refuse(SessionFileText::tr("has a damaged run entry"));
        if (const QString failure = loadRun(folder, session.value(QLatin1String("run")).toObject(), load.run);
            !failure.isEmpty())
            return refuse(failure);
    }
    return load;
}
