// The one writer of files: temporary file, checked write, rename; or standard output.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/io/OutputFile.h"

#include <QFileInfo>
#include <QSaveFile>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace {

// Why a write came up short. Qt reports a partial write (the disk filled up, a quota or a size
// limit was reached part-way) without a reason, but the system call that stopped it left errno;
// only the reasons a short write can have are trusted from it.
QString shortWriteReason()
{
    const int error = errno;
    if (error == ENOSPC || error == EFBIG || error == EDQUOT)
        return QString::fromLocal8Bit(std::strerror(error));
    return QStringLiteral("not all of it could be written");
}

} // namespace

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
    // Written and flushed here, and checked, before commit(): Qt 6.4's commit() renames the
    // temporary file into place even when its last buffered bytes could not be written, which
    // would replace the old file with a truncated one.
    const qint64 written = file.write(content);
    if (written != content.size() || !file.flush() || file.error() != QFileDevice::NoError) {
        const QString reason = written < 0 ? file.errorString() : shortWriteReason();
        file.cancelWriting();
        return QStringLiteral("cannot write '%1': %2; nothing was changed").arg(path, reason);
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
