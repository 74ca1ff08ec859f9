// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/OutputFile.h"

#include <QFileInfo>
#include <QSaveFile>
#include <cstdio>

QString writeOutput(const QString& path, const QByteArray& content)
{
    if (path == QLatin1String("-")) {
        const auto written = std::fwrite(content.constData(), 1, size_t(content.size()), stdout);
        if (written != size_t(content.size()) || std::fflush(stdout) != 0)
            return QStringLiteral("cannot write to standard output");
        return {};
    }
    if (path.isEmpty())
        return QStringLiteral("no output file given");
    if (QFileInfo(path).isDir())
        return QStringLiteral("cannot write '%1': it is a directory").arg(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
    if (file.write(content) != content.size()) {
        const QString reason = file.errorString();
        file.cancelWriting();
        return QStringLiteral("cannot write '%1': %2").arg(path, reason);
    }
    if (!file.commit())
        return QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
    return {};
}

QString outputProblem(const QString& path)
{
    if (path == QLatin1String("-"))
        return {};
    const QFileInfo info(path);
    if (info.isDir())
        return QStringLiteral("cannot write '%1': it is a directory").arg(path);
    const QFileInfo folder(info.absolutePath());
    if (!folder.isDir())
        return QStringLiteral("cannot write '%1': the folder %2 does not exist").arg(path, folder.filePath());
    if (!folder.isWritable())
        return QStringLiteral("cannot write '%1': the folder %2 is not writable").arg(path, folder.filePath());
    return {};
}
