// The one writer of files: temporary file, checked write, rename for a regular file; written
// into as it is for standard output, a pipe, a device or a socket.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/io/OutputFile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

// Its messages in the window's language (English on the command line, which loads no
// translation).
struct OutputFileText {
    Q_DECLARE_TR_FUNCTIONS(OutputFileText)
};

QString systemReason(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Why a write came up short. Qt reports a partial write (the disk filled up, a quota or a size
// limit was reached part-way) without a reason, but the system call that stopped it left errno;
// only the reasons a short write can have are trusted from it.
QString shortWriteReason()
{
    const int error = errno;
    if (error == ENOSPC || error == EFBIG || error == EDQUOT)
        return systemReason(error);
    return OutputFileText::tr("not all of it could be written");
}

// The descriptor a path stands for by name: "-" and /dev/stdout (1), /dev/stderr (2),
// /dev/fd/N and /proc/self/fd/N; -1 for any other path. These are written as they are already
// open: reopened through /proc, a file the shell opened for appending would be written from
// its start, and a pipe has no name to open.
int namedDescriptor(const QString& path)
{
    if (path == QLatin1String("-") || path == QLatin1String("/dev/stdout"))
        return STDOUT_FILENO;
    if (path == QLatin1String("/dev/stderr"))
        return STDERR_FILENO;
    static const QRegularExpression descriptorPath(QStringLiteral("^/(?:dev|proc/self)/fd/(\\d{1,9})$"));
    const QRegularExpressionMatch match = descriptorPath.match(path);
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

// Writes all of content to the open descriptor, resuming after signals; empty, or why not.
QString writeAll(int descriptor, const QByteArray& content)
{
    const char* next = content.constData();
    qsizetype left = content.size();
    while (left > 0) {
        const ssize_t written = ::write(descriptor, next, size_t(left));
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return written < 0 ? systemReason(errno) : OutputFileText::tr("not all of it could be written");
        next += written;
        left -= written;
    }
    return {};
}

QString writeToDescriptor(const QString& path, int descriptor, const QByteArray& content)
{
    // What the program printed before through stdio comes first.
    std::fflush(stdout);
    std::fflush(stderr);
    const QString reason = writeAll(descriptor, content);
    if (reason.isEmpty())
        return {};
    if (path == QLatin1String("-"))
        return OutputFileText::tr("cannot write to standard output: %1").arg(reason);
    return OutputFileText::tr("cannot write '%1': %2").arg(path, reason);
}

// A connection to the listening Unix socket at name, or -1 with errno set.
int connectToSocket(const QByteArray& name)
{
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (size_t(name.size()) >= sizeof address.sun_path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    std::memcpy(address.sun_path, name.constData(), size_t(name.size()));
    const int socket = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (socket >= 0 && ::connect(socket, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
        const int error = errno;
        ::close(socket);
        errno = error;
        return -1;
    }
    return socket;
}

// A pipe, a device or a socket the user named: opened for writing as it is (never created,
// truncated, replaced or removed) and written directly.
QString writeInPlace(const QString& path, bool socket, const QByteArray& content)
{
    const QByteArray name = QFile::encodeName(path);
    const int descriptor = socket ? connectToSocket(name) : ::open(name.constData(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (descriptor < 0)
        return OutputFileText::tr("cannot write '%1': %2").arg(path, systemReason(errno));
    QString reason = writeAll(descriptor, content);
    if (::close(descriptor) != 0 && reason.isEmpty() && errno != EINTR)
        reason = systemReason(errno);
    return reason.isEmpty() ? QString() : OutputFileText::tr("cannot write '%1': %2").arg(path, reason);
}

// Where a regular file's content goes: the file a symbolic link points to (the link stays a
// link), else path itself.
QString replacedFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.isSymLink())
        return path;
    return info.exists() ? info.canonicalFilePath() : info.symLinkTarget();
}

QString replaceRegularFile(const QString& path, const QByteArray& content)
{
    QSaveFile file(replacedFile(path));
    if (!file.open(QIODevice::WriteOnly))
        return OutputFileText::tr("cannot write '%1': %2").arg(path, file.errorString());
    // Written and flushed here, and checked, before commit(): Qt 6.4's commit() renames the
    // temporary file into place even when its last buffered bytes could not be written, which
    // would replace the old file with a truncated one.
    const qint64 written = file.write(content);
    if (written != content.size() || !file.flush() || file.error() != QFileDevice::NoError) {
        const QString reason = written < 0 ? file.errorString() : shortWriteReason();
        file.cancelWriting();
        return OutputFileText::tr("cannot write '%1': %2; nothing was changed").arg(path, reason);
    }
    if (!file.commit())
        return OutputFileText::tr("cannot write '%1': %2").arg(path, file.errorString());
    return {};
}

enum class Existing { None, RegularFile, Directory, Socket, Other };

// What path is now, through any symbolic links.
Existing existingKind(const QString& path)
{
    struct stat status {};
    if (::stat(QFile::encodeName(path).constData(), &status) != 0)
        return Existing::None;
    if (S_ISREG(status.st_mode))
        return Existing::RegularFile;
    if (S_ISDIR(status.st_mode))
        return Existing::Directory;
    return S_ISSOCK(status.st_mode) ? Existing::Socket : Existing::Other;
}

QString directoryProblem(const QString& path)
{
    return OutputFileText::tr("cannot write '%1': it is a directory").arg(path);
}

} // namespace

QString writeOutput(const QString& path, const QByteArray& content)
{
    if (path.isEmpty())
        return OutputFileText::tr("no output file given");
    if (const int descriptor = namedDescriptor(path); descriptor >= 0)
        return writeToDescriptor(path, descriptor, content);
    switch (existingKind(path)) {
    case Existing::Directory:
        return directoryProblem(path);
    case Existing::Socket:
        return writeInPlace(path, true, content);
    case Existing::Other:
        return writeInPlace(path, false, content);
    case Existing::None:
    case Existing::RegularFile:
        break;
    }
    return replaceRegularFile(path, content);
}

QString outputProblem(const QString& path)
{
    if (namedDescriptor(path) >= 0)
        return {};
    switch (existingKind(path)) {
    case Existing::Directory:
        return directoryProblem(path);
    case Existing::Socket:
        return {}; // whether it listens shows only when connecting
    case Existing::Other:
        if (::access(QFile::encodeName(path).constData(), W_OK) != 0)
            return OutputFileText::tr("cannot write '%1': %2").arg(path, systemReason(errno));
        return {};
    case Existing::None:
    case Existing::RegularFile:
        break;
    }
    const QFileInfo folder(QFileInfo(replacedFile(path)).absolutePath());
    if (!folder.isDir())
        return OutputFileText::tr("cannot write '%1': the folder %2 does not exist").arg(path, folder.filePath());
    if (!folder.isWritable())
        return OutputFileText::tr("cannot write '%1': the folder %2 is not writable").arg(path, folder.filePath());
    return {};
}
