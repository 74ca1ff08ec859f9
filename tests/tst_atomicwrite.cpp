// Nothing lost: a writer killed mid-write leaves the old file intact, byte for byte, for the
// outputs written by writeOutput (CSVs, sessions) and by the exporter (figures).
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// Whether process pid holds a file open in folder: the writer's temporary file. (On Linux
// QSaveFile's temporary file has no name until it is linked into place, so it is found through
// the process's open files, which /proc lists as links to their paths.)
bool writingInto(qint64 pid, const QString& folder)
{
    const QDir descriptors(QStringLiteral("/proc/%1/fd").arg(pid));
    for (const QString& entry : descriptors.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot))
        if (QFile::symLinkTarget(descriptors.filePath(entry)).startsWith(folder + QLatin1Char('/')))
            return true;
    return false;
}

// A PNG from its signature to its closing IEND chunk: written whole. (Decoding it to check would
// need more than the 128 MB Qt allows an image by default.)
bool wholePng(const QByteArray& bytes)
{
    return bytes.startsWith("\x89PNG\r\n\x1a\n") && bytes.endsWith(QByteArray("IEND\xae\x42\x60\x82", 8));
}

struct KillOutcome {
    bool landedMidWrite = false; // the temporary file existed when the kill was sent
    QByteArray after;            // the target's content once the writer is dead
};

// Starts program, waits until it has its temporary file beside target open, and kills it with
// SIGKILL at once.
KillOutcome killMidWrite(const QString& program, const QStringList& arguments, const QString& targetPath)
{
    const QString folder = QFileInfo(targetPath).absolutePath();
    QProcess child;
    child.start(program, arguments);
    KillOutcome outcome;
    if (!child.waitForStarted())
        return outcome;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 120000) {
        if (writingInto(child.processId(), folder)) {
            outcome.landedMidWrite = true;
            break;
        }
        if (child.waitForFinished(1))
            break;
    }
    child.kill(); // SIGKILL: no handler, no clean-up, as a crash or a power cut
    child.waitForFinished();
    outcome.after = readAll(targetPath);
    return outcome;
}

} // namespace

class AtomicWriteTest : public QObject {
    Q_OBJECT
private slots:
    void killedWriterLeavesTheOldFile_data();
    void killedWriterLeavesTheOldFile();
};

void AtomicWriteTest::killedWriterLeavesTheOldFile_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments"); // %1 stands for the target path
    QTest::addColumn<QString>("fileName");
    // writeOutput: the one writer of CSVs and sessions; 96 MiB take long enough to write.
    QTest::newRow("csv or session (writeOutput)")
        << QStringLiteral(SME_WRITER_CHILD) << QStringList{"%1", "96", "B"} << QStringLiteral("table.csv");
    // The exporter, in the real executable: 7500 x 5625 pixels (600 dpi) take a while to render
    // and encode, all of it with the temporary file open.
    QTest::newRow("figure (sampling-explorer figure)")
        << QStringLiteral(SME_EXECUTABLE)
        << QStringList{"figure", "density", "--dpi", "600", "--width", "1200", "--height", "900", "-o", "%1"}
        << QStringLiteral("figure.png");
}

void AtomicWriteTest::killedWriterLeavesTheOldFile()
{
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QFETCH(QString, fileName);
    const QByteArray old = "the old file, which must survive: " + QByteArray(4096, 'A');
    int landed = 0;
    // The kill must land while the temporary file is open; a writer that finished first (its
    // rename done) is no evidence, so try again, a few times at most.
    for (int attempt = 0; attempt < 8 && landed < 3; ++attempt) {
        QTemporaryDir dir;
        const QString target = dir.filePath(fileName);
        QFile file(target);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write(old) == old.size());
        file.close();
        QStringList args = arguments;
        args.replaceInStrings(QStringLiteral("%1"), target);
        const KillOutcome outcome = killMidWrite(program, args, target);
        if (!outcome.landedMidWrite)
            continue;
        // Killed while writing: the old content exactly, or (the rename won the race) the new
        // one whole; never a mixture, never empty.
        if (outcome.after == old)
            ++landed;
        else if (fileName.endsWith(QLatin1String(".png")))
            QVERIFY2(wholePng(outcome.after), "the killed writer left a damaged figure");
        else
            QVERIFY2(outcome.after == QByteArray(96 << 20, 'B'), "the killed writer left a damaged file");
    }
    QVERIFY2(landed >= 1, "no kill landed while the temporary file was open");
}

QTEST_GUILESS_MAIN(AtomicWriteTest)
#include "tst_atomicwrite.moc"
