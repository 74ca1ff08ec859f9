// Sampling Matters Explorer: a headless command when one is named, else the window (on a file
// given as a plain argument or with --session).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/AnalyseCommand.h"
#include "app/cli/DataCommand.h"
#include "app/cli/FigureCommand.h"
#include "app/cli/RaceCommand.h"
#include "app/cli/TrainCommand.h"
#include "app/gui/Application.h"

#include <QApplication>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

// What a command needs besides QtCore: widgets draw its output (offscreen: no display needed).
enum class Needs { Core, Widgets };

struct Command {
    const char* name;
    int (*run)(const QStringList& arguments);
    Needs needs;
    const char* usage;   // for --help, after "sampling-explorer"
    const char* summary; // for --help
};

// Every headless command, one line each: the first argument names one.
const Command commands[] = {
    {"data", runDataCommand, Needs::Core, "data NAME -o FILE.csv", "the numbers behind a figure"},
    {"train", runTrainCommand, Needs::Core, "train -o FILE.csv", "train the embedding model headless"},
    {"ablate", runAblateCommand, Needs::Core, "ablate -o FILE.csv", "every sampler x loss, the paper's ablation"},
    {"race", runRaceCommand, Needs::Core, "race -o FILE.csv", "the four samplers trained side by side"},
    {"figure", runFigureCommand, Needs::Widgets, "figure NAME|all", "views rendered to PNG, SVG or PDF"},
    {"analyse", runAnalyseCommand, Needs::Widgets, "analyse --embeddings F", "your own embeddings as sampling sees them"},
};

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorer"));
    QCoreApplication::setApplicationName(QStringLiteral("sampling-explorer"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
}

// Qt's chatter about the platform ("XDG_RUNTIME_DIR not set", "This plugin does not support
// propagateSizeHints()", qt.qpa.* notes), which tells a user of this program nothing: dropped.
// A platform that cannot start (no display) ends the program with one line, not a core dump.
// Everything else, the program's own warnings included, goes on to Qt's handler.
QtMessageHandler qtHandler = nullptr;

void filterMessages(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtFatalMsg && message.contains(QLatin1String("no Qt platform plugin could be initialized"))) {
        std::fprintf(stderr, "sampling-explorer: cannot open the display '%s'; set DISPLAY, or use a headless "
                             "command; see --help\n", qgetenv("DISPLAY").constData());
        std::_Exit(1);
    }
    const bool chatter = (type == QtDebugMsg || type == QtInfoMsg || type == QtWarningMsg)
                         && ((context.category && std::strncmp(context.category, "qt.qpa.", 7) == 0)
                             || message.startsWith(QLatin1String("QStandardPaths: "))
                             || message.startsWith(QLatin1String("This plugin does not support")));
    if (!chatter)
        qtHandler(type, context, message);
}

// argv with "--session FILE" and "-session FILE" as "--session=FILE": QGuiApplication takes
// "-session ID" (either spelling) for X11 session management and removes it from the arguments,
// and a command drawn with widgets (figure --session FILE) reads its options from what is left.
class SessionArgumentKept {
public:
    SessionArgumentKept(int argc, char* argv[])
    {
        for (int i = 0; i < argc; ++i) {
            const bool session = std::strcmp(argv[i], "--session") == 0 || std::strcmp(argv[i], "-session") == 0;
            if (session && i + 1 < argc)
                storage_.push_back(std::string("--session=") + argv[++i]);
            else
                storage_.emplace_back(argv[i]);
        }
        for (std::string& argument : storage_)
            argv_.push_back(argument.data());
        argv_.push_back(nullptr);
        argc_ = int(storage_.size());
    }
    int& argc() { return argc_; }
    char** argv() { return argv_.data(); }

private:
    std::vector<std::string> storage_;
    std::vector<char*> argv_;
    int argc_ = 0;
};

int runCommand(const Command& command, int& argc, char** argv)
{
    if (command.needs == Needs::Core) {
        QCoreApplication app(argc, argv);
        return command.run(app.arguments());
    }
    // Drawn with widgets but shown on no screen: the offscreen platform unless told otherwise.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    return command.run(app.arguments());
}

} // namespace

int main(int argc, char* argv[])
{
    qtHandler = qInstallMessageHandler(filterMessages);
    describeApplication();
    SessionArgumentKept arguments(argc, argv);
    for (const Command& command : commands)
        if (argc > 1 && std::strcmp(argv[1], command.name) == 0)
            return runCommand(command, arguments.argc(), arguments.argv());
    QList<CommandHelp> help;
    for (const Command& command : commands)
        help.append({QLatin1String(command.name), QLatin1String(command.usage), QLatin1String(command.summary)});
    return runWindowProgram(arguments.argc(), arguments.argv(), help);
}
