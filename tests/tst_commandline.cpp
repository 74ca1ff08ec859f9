// The program as a Unix user meets it, through the real executable: no display needed where none
// is used, output where the user names it (pipes, devices, /dev/stdout, links), files opened
// from the command line, unknown commands refused, and nothing of Qt's on standard error.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandRunner.h"

#include "app/io/OutputFile.h"
#include "app/io/ParameterJson.h"
#include "app/io/SessionFile.h"

#include <QImage>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <future>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <unistd.h>

using testing::Run;
using testing::runCommand;
using testing::runExecutable;
using testing::Setup;
using testing::withoutDisplay;

namespace {

const QStringList smallDensity{"density", "--dim", "4", "--samples", "200", "--bins", "5"};

// What a path is now, without following a final symbolic link; 0 when it does not exist.
mode_t fileType(const QString& path)
{
    struct stat status {};
    return ::lstat(QFile::encodeName(path).constData(), &status) == 0 ? (status.st_mode & S_IFMT) : 0;
}

// The distinctive parameters of the test's session: none is a default.
sme::ExplorerParameters distinctiveParameters()
{
    sme::ExplorerParameters parameters;
    parameters.dimension = 37;
    parameters.alpha = 0.37;
    parameters.seed = 4242;
    parameters.learningRate = 0.0037;
    return parameters;
}

// Everything readable from descriptor until it is closed at the other end, or nothing more comes
// for the wait (milliseconds).
QByteArray readUntilQuiet(int descriptor, int wait)
{
    QByteArray read;
    pollfd ready{descriptor, POLLIN, 0};
    char buffer[4096];
    while (::poll(&ready, 1, wait) > 0) {
        const ssize_t got = ::read(descriptor, buffer, sizeof buffer);
        if (got <= 0)
            break;
        read.append(buffer, got);
    }
    return read;
}

} // namespace

class CommandLineTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void helpAndVersionNeedNoDisplay_data();
    void helpAndVersionNeedNoDisplay();
    void headlessCommandsNeedNoDisplayAndSayNothingOfQt_data();
    void headlessCommandsNeedNoDisplayAndSayNothingOfQt();
    void screenshotNeedsNoDisplayAndSaysNothingOfQt_data();
    void screenshotNeedsNoDisplayAndSaysNothingOfQt();
    void aWarningAboutWhatTheUserAskedStillShows();
    void theWindowWithoutDisplaySaysSoInOneLine();
    void aDisplayThatCannotBeOpenedIsSaidInOneLine();
    void anUnknownCommandIsRefused_data();
    void anUnknownCommandIsRefused();
    void aMissingFileIsRefused();
    void theWindowOpensTheSessionGiven_data();
    void theWindowOpensTheSessionGiven();
    void figureReadsTheSessionGivenWithASpace();
    void aPipeIsWrittenIntoAndStaysAPipe();
    void aFullDeviceFailsTheRunAndStaysADevice();
    void aTerminalIsWrittenInto();
    void aListeningSocketIsWrittenInto();
    void devStdoutIsStandardOutput();
    void devStdoutAppendsWhereTheShellAppends();
    void aLinkedFileIsWrittenAndTheLinkStays_data();
    void aLinkedFileIsWrittenAndTheLinkStays();
    void outputProblemAcceptsWhatCanBeWritten();

private:
    // No display, and a configuration of its own (the window restores none of the user's).
    Setup windowSetup() const;
    QTemporaryDir dir_;
    QString session_;    // a saved session with distinctiveParameters()
    QByteArray density_; // smallDensity's CSV, as written to standard output with -o -
};

void CommandLineTest::initTestCase()
{
    QVERIFY(dir_.isValid());
    session_ = dir_.filePath("lesson.smx.json");
    const sme::ExplorerParameters parameters = distinctiveParameters();
    QCOMPARE(saveSession(session_, parameters), QString());
    const Run run = runCommand("data", smallDensity + QStringList{"-o", "-"});
    QCOMPARE(run.exitCode, 0);
    density_ = run.out;
    QVERIFY(density_.startsWith("d,exact"));
}

Setup CommandLineTest::windowSetup() const
{
    Setup setup = withoutDisplay();
    setup.set = QStringList{"XDG_CONFIG_HOME=" + dir_.filePath("config")};
    return setup;
}

void CommandLineTest::helpAndVersionNeedNoDisplay_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QByteArray>("says");
    QTest::newRow("--help") << "--help" << QByteArray("Headless commands, which need no display");
    QTest::newRow("-h") << "-h" << QByteArray("--session <FILE>");
    QTest::newRow("--version") << "--version" << QByteArray("sampling-explorer " PROJECT_VERSION);
}

void CommandLineTest::helpAndVersionNeedNoDisplay()
{
    QFETCH(QString, option);
    QFETCH(QByteArray, says);
    const Run run = runExecutable({option}, withoutDisplay());
    QCOMPARE(run.exitCode, 0); // not -1: before, Qt's platform plugin aborted with a core dump
    QVERIFY2(run.out.contains(says), run.out.constData());
    QCOMPARE(run.err, QByteArray());
}

void CommandLineTest::headlessCommandsNeedNoDisplayAndSayNothingOfQt_data()
{
    QTest::addColumn<QStringList>("arguments");
    const QStringList tiny{"--dataset", "digits", "--hidden", "8", "--dim", "4", "--steps", "2"};
    QTest::newRow("data") << QStringList{"data"} + smallDensity + QStringList{"-o", "-"};
    QTest::newRow("train") << QStringList{"train"} + tiny + QStringList{"--eval-every", "2", "-o", "-"};
    QTest::newRow("race") << QStringList{"race"} + tiny + QStringList{"--eval-every", "2", "-o", "-"};
    QTest::newRow("ablate") << QStringList{"ablate"} + tiny + QStringList{"--seeds", "1", "--shard", "1/16", "-o", "-"};
    QTest::newRow("figure") << QStringList{"figure", "density", "--dim", "8", "--format", "svg", "-o", "-"};
}

void CommandLineTest::headlessCommandsNeedNoDisplayAndSayNothingOfQt()
{
    QFETCH(QStringList, arguments);
    const Run run = runExecutable(arguments, withoutDisplay());
    QCOMPARE(run.exitCode, 0);
    QVERIFY(!run.out.isEmpty());
    // Only the command's own lines (its progress, what it trains on), each naming the command;
    // the figure has none. Before: "QStandardPaths: XDG_RUNTIME_DIR not set, ..." and "This
    // plugin does not support propagateSizeHints()".
    for (const QByteArray& line : run.err.split('\n'))
        QVERIFY2(line.isEmpty() || line.startsWith(arguments.first().toUtf8() + ':'), line.constData());
    if (arguments.first() == QLatin1String("figure"))
        QCOMPARE(run.err, QByteArray());
}

void CommandLineTest::screenshotNeedsNoDisplayAndSaysNothingOfQt_data()
{
    QTest::addColumn<QString>("display");
    QTest::newRow("no display") << QString();
    // Before: "cannot open the display ':1999'" and exit 1, though a screenshot needs no screen.
    QTest::newRow("a display that cannot be opened") << QString(":1999");
}

void CommandLineTest::screenshotNeedsNoDisplayAndSaysNothingOfQt()
{
    QFETCH(QString, display);
    const QString png = dir_.filePath("window.png");
    QFile::remove(png);
    Setup setup = windowSetup();
    if (!display.isEmpty())
        setup.set.append("DISPLAY=" + display);
    const Run run = runExecutable({"--screenshot", png}, setup);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.err, QByteArray());
    const QImage image(png);
    QVERIFY(!image.isNull() && image.width() > 400);
    QCOMPARE(image.text("Software"), QString("sampling-explorer " PROJECT_VERSION));
}

void CommandLineTest::aWarningAboutWhatTheUserAskedStillShows()
{
    // Only the platform's chatter is filtered: a style that does not exist is still said.
    const Run run = runExecutable({"figure", "density", "-style", "no-such-style", "--format", "svg", "-o", "-"},
                                  withoutDisplay());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains("invalid style override 'no-such-style'"), run.err.constData());
}

void CommandLineTest::theWindowWithoutDisplaySaysSoInOneLine()
{
    const Run run = runExecutable({}, windowSetup());
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.err, QByteArray("sampling-explorer: no display: set DISPLAY, or use a headless command; see --help\n"));
}

void CommandLineTest::aDisplayThatCannotBeOpenedIsSaidInOneLine()
{
    Setup setup = windowSetup();
    setup.set.append("DISPLAY=:1999"); // no X server there
    const Run run = runExecutable({}, setup);
    QCOMPARE(run.exitCode, 1); // before: Qt's platform plugin aborted with a core dump
    QCOMPARE(run.err, QByteArray("sampling-explorer: cannot open the display ':1999'; set DISPLAY, or use a headless "
                                 "command; see --help\n"));
}

void CommandLineTest::anUnknownCommandIsRefused_data()
{
    QTest::addColumn<QString>("command");
    QTest::newRow("a typo") << "trian";
    QTest::newRow("another spelling") << "analyze";
}

void CommandLineTest::anUnknownCommandIsRefused()
{
    QFETCH(QString, command);
    // With a display the window would open; without one the program aborted.
    const Run run = runCommand(command, {"--steps", "3", "-o", "-"}, windowSetup());
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.out, QByteArray());
    QVERIFY2(run.err.startsWith("sampling-explorer: unknown command '" + command.toUtf8() + "'; commands: data, "),
             run.err.constData());
    QVERIFY2(run.err.endsWith(" (see --help)\n"), run.err.constData());
    for (const char* known : {"train", "ablate", "race", "figure"})
        QVERIFY2(run.err.contains(known), run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
}

void CommandLineTest::aMissingFileIsRefused()
{
    const QString missing = dir_.filePath("no-such-session.smx.json");
    const Run run = runExecutable({missing}, windowSetup());
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(run.err, "sampling-explorer: cannot open '" + missing.toUtf8() + "': there is no such file\n");
}

void CommandLineTest::theWindowOpensTheSessionGiven_data()
{
    QTest::addColumn<QStringList>("arguments"); // %1: the session
    QTest::newRow("--session FILE") << QStringList{"--session", "%1"};
    QTest::newRow("-session FILE") << QStringList{"-session", "%1"};
    QTest::newRow("--session=FILE") << QStringList{"--session=%1"};
    QTest::newRow("FILE") << QStringList{"%1"};
    QTest::newRow("FILE after an option") << QStringList{"--presentation", "%1"};
}

void CommandLineTest::theWindowOpensTheSessionGiven()
{
    QFETCH(QStringList, arguments);
    arguments.replaceInStrings("%1", session_);
    const QString png = dir_.filePath("session.png");
    QFile::remove(png);
    const Run run = runExecutable(arguments + QStringList{"--screenshot", png}, windowSetup());
    QCOMPARE(run.exitCode, 0);
    // The screenshot says what the window showed: the session's parameters, not the defaults
    // (before, Qt took "--session FILE" for X11 session management and a plain FILE was ignored).
    const QString shown = QImage(png).text("Parameters");
    QVERIFY2(!shown.isEmpty(), qPrintable(png));
    QVERIFY2(parametersFromJson(QJsonDocument::fromJson(shown.toUtf8()).object()) == distinctiveParameters(),
             qPrintable(shown));
}

void CommandLineTest::figureReadsTheSessionGivenWithASpace()
{
    const QStringList figure{"figure", "density", "--format", "svg", "-o", "-"};
    const Run spaced = runExecutable(figure + QStringList{"--session", session_}, withoutDisplay());
    const Run joined = runExecutable(figure + QStringList{"--session=" + session_}, withoutDisplay());
    const Run none = runExecutable(figure, withoutDisplay());
    QCOMPARE(spaced.exitCode, 0);
    QCOMPARE(joined.exitCode, 0);
    QVERIFY(spaced.out == joined.out); // the session's dimension 37, not the default 128
    QVERIFY(spaced.out != none.out);
}

void CommandLineTest::aPipeIsWrittenIntoAndStaysAPipe()
{
    const QString fifo = dir_.filePath("pipe");
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QProcess reader;
    reader.start("cat", {fifo});
    QVERIFY(reader.waitForStarted());
    const Run run = runCommand("data", smallDensity + QStringList{"-o", fifo});
    if (!reader.waitForFinished(20000)) // before: the pipe was replaced and cat waited for ever
        reader.kill();
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(reader.readAllStandardOutput(), density_);
    QCOMPARE(fileType(fifo), mode_t(S_IFIFO));
}

void CommandLineTest::aFullDeviceFailsTheRunAndStaysADevice()
{
    // As root, a device node of the test's own (the same device as /dev/full): a failure here
    // must not replace the machine's /dev/full. Otherwise /dev/full, which cannot be replaced.
    QString device = dir_.filePath("full");
    if (::geteuid() != 0 || ::mknod(QFile::encodeName(device).constData(), S_IFCHR | 0666, makedev(1, 7)) != 0)
        device = QStringLiteral("/dev/full");
    const Run run = runCommand("data", smallDensity + QStringList{"-o", device});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("No space left on device"), run.err.constData());
    QCOMPARE(fileType(device), mode_t(S_IFCHR));
    struct stat status {};
    QCOMPARE(::stat(QFile::encodeName(device).constData(), &status), 0);
    QCOMPARE(status.st_rdev, makedev(1, 7));
}

void CommandLineTest::aTerminalIsWrittenInto()
{
    // A pseudo-terminal: the program writes to its terminal side (/dev/pts/N), the test reads
    // what a terminal would show on the other.
    const int terminal = ::posix_openpt(O_RDWR | O_NOCTTY);
    if (terminal < 0 || ::grantpt(terminal) != 0 || ::unlockpt(terminal) != 0)
        QSKIP("no pseudo-terminals here");
    const QString side = QString::fromLocal8Bit(::ptsname(terminal));
    const Run run = runCommand("data", smallDensity + QStringList{"-o", side});
    QCOMPARE(run.exitCode, 0);
    const QByteArray shown = readUntilQuiet(terminal, 2000);
    QCOMPARE(fileType(side), mode_t(S_IFCHR));
    ::close(terminal);
    QCOMPARE(QByteArray(shown).replace("\r\n", "\n"), density_); // a terminal ends lines with CR LF
}

void CommandLineTest::aListeningSocketIsWrittenInto()
{
    const QString path = dir_.filePath("listening.socket");
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray name = QFile::encodeName(path);
    if (size_t(name.size()) >= sizeof address.sun_path)
        QSKIP("the temporary folder's path is too long for a Unix socket");
    std::memcpy(address.sun_path, name.constData(), size_t(name.size()));
    const int server = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(server >= 0);
    QCOMPARE(::bind(server, reinterpret_cast<const sockaddr*>(&address), sizeof address), 0);
    QCOMPARE(::listen(server, 1), 0);
    std::future<QByteArray> received = std::async(std::launch::async, [server] {
        pollfd ready{server, POLLIN, 0};
        if (::poll(&ready, 1, 60000) <= 0)
            return QByteArray();
        const int connection = ::accept(server, nullptr, nullptr);
        const QByteArray read = readUntilQuiet(connection, 60000);
        ::close(connection);
        return read;
    });
    const Run run = runCommand("data", smallDensity + QStringList{"-o", path});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(received.get(), density_);
    ::close(server);
    QCOMPARE(fileType(path), mode_t(S_IFSOCK));
}

void CommandLineTest::devStdoutIsStandardOutput()
{
    const Run run = runCommand("data", smallDensity + QStringList{"-o", "/dev/stdout"});
    QCOMPARE(run.exitCode, 0); // before: "cannot write '/dev/stdout': No such file or directory"
    QCOMPARE(run.out, density_);
    const Run trained = runCommand("train", {"--dataset", "digits", "--hidden", "8", "--dim", "4", "--steps", "2",
                                             "--eval-every", "2", "-o", "/dev/stdout"});
    QCOMPARE(trained.exitCode, 0);
    QVERIFY(trained.out.startsWith("step,loss"));
}

void CommandLineTest::devStdoutAppendsWhereTheShellAppends()
{
    // sampling-explorer data ... -o /dev/stdout >> log: what log held stays, the CSV follows.
    const QString log = dir_.filePath("appended.log");
    QFile file(log);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write("kept\n") == 5);
    file.close();
    Setup setup;
    setup.outputAppendedTo = log;
    const Run run = runCommand("data", smallDensity + QStringList{"-o", "/dev/stdout"}, setup);
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(testing::readAll(log), "kept\n" + density_);
    QCOMPARE(fileType(log), mode_t(S_IFREG));
}

void CommandLineTest::aLinkedFileIsWrittenAndTheLinkStays_data()
{
    QTest::addColumn<bool>("targetExists");
    QTest::newRow("to a file") << true;
    QTest::newRow("to a file not yet there") << false;
}

void CommandLineTest::aLinkedFileIsWrittenAndTheLinkStays()
{
    QFETCH(bool, targetExists);
    const QString target = dir_.filePath(targetExists ? "target.csv" : "later.csv");
    const QString link = dir_.filePath(targetExists ? "link.csv" : "dangling.csv");
    if (targetExists) {
        QFile file(target);
        QVERIFY(file.open(QIODevice::WriteOnly) && file.write("old") == 3);
    }
    QVERIFY(QFile::link(QFileInfo(target).fileName(), link));
    const Run run = runCommand("data", smallDensity + QStringList{"-o", link});
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(fileType(link), mode_t(S_IFLNK));
    QCOMPARE(fileType(target), mode_t(S_IFREG));
    QCOMPARE(testing::readAll(target), density_);
}

void CommandLineTest::outputProblemAcceptsWhatCanBeWritten()
{
    const QString fifo = dir_.filePath("checked-pipe");
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    for (const QString& path : {QString("-"), QString("/dev/stdout"), QString("/dev/stderr"), QString("/dev/null"), fifo,
                                dir_.filePath("new.csv")})
        QVERIFY2(outputProblem(path).isEmpty(), qPrintable(outputProblem(path)));
    QCOMPARE(outputProblem(dir_.path()), QString("cannot write '%1': it is a directory").arg(dir_.path()));
    QVERIFY(!outputProblem(dir_.filePath("no-folder/new.csv")).isEmpty());
    QCOMPARE(fileType(fifo), mode_t(S_IFIFO));
}

QTEST_GUILESS_MAIN(CommandLineTest)
#include "tst_commandline.moc"
