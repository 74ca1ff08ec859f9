// A child process for the write tests: one big output through the project's writeOutput, so a
// test can kill it mid-write, or run it with a file-size limit to simulate a full disk.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/io/OutputFile.h"

#include <QByteArray>
#include <QString>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <sys/resource.h>

// writer_child PATH MEBIBYTES FILL [LIMIT_BYTES]: writes MEBIBYTES of the byte FILL to PATH;
// with LIMIT_BYTES, no file may grow past it (RLIMIT_FSIZE), as on a full disk. Prints the
// message and exits 1 when the write fails; exits 0 when it succeeded.
int main(int argc, char** argv)
{
    if (argc < 4)
        return 2;
    if (argc > 4) {
        // Ignored, the signal a file over the limit raises leaves write() failing with EFBIG,
        // as a full disk fails it with ENOSPC, instead of killing the process.
        std::signal(SIGXFSZ, SIG_IGN);
        const rlimit limit{rlim_t(std::atoll(argv[4])), RLIM_INFINITY};
        if (setrlimit(RLIMIT_FSIZE, &limit) != 0)
            return 2;
    }
    const QByteArray content(qsizetype(std::atoll(argv[2])) << 20, argv[3][0]);
    const QString failure = writeOutput(QString::fromLocal8Bit(argv[1]), content);
    if (failure.isEmpty())
        return 0;
    std::fprintf(stderr, "%s\n", qPrintable(failure));
    return 1;
}
