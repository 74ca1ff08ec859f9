// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/Application.h"

#include "app/control/EmbeddingsController.h"
#include "app/control/TrainingController.h"
#include "app/gui/MainWindow.h"
#include "app/gui/Settings.h"
#include "app/io/Language.h"
#include "app/io/OutputFile.h"
#include "app/io/ParameterJson.h"
#include "app/io/Presets.h"
#include "app/io/SessionFile.h"
#include "widgets/MessageBanner.h"

#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonDocument>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>
#include <variant>

namespace {

struct WindowOptions {
    std::optional<QString> screenshot; // a PNG to render the window to, then quit
    long screenshotSteps = 0;          // trained before the screenshot
    std::optional<QString> session;    // opened at start (--session)
    std::optional<QString> file;       // opened at start by its type (a plain argument)
    std::optional<QString> preset;     // applied at start
    bool presentation = false;
    bool platformNamed = false;        // -platform NAME: Qt's platform chosen on the command line
};

QString commandsDescription(const QList<CommandHelp>& commands)
{
    QString description = QStringLiteral("See how sampling and losses shape deep embedding learning.\n\n"
                                         "Without a command, opens the window: on FILE (a saved session) if given.\n"
                                         "Headless commands, which need no display:\n");
    for (const CommandHelp& command : commands)
        description += QStringLiteral("  %1 %2 (%3 --help)\n").arg(command.usage, -24).arg(command.summary, command.name);
    return description.trimmed();
}

// Qt's own options (of QGuiApplication, QApplication and the xcb platform), which QApplication
// takes out of the arguments itself: known here, hidden from --help, so that the arguments can
// be read before any QApplication exists, and a value such as -platform's is not taken for a
// file or a command.
void addQtOptions(QCommandLineParser& parser)
{
    for (const char* name : {"platform", "platformpluginpath", "platformtheme", "plugin", "qwindowgeometry", "geometry",
                             "qwindowtitle", "title", "qwindowicon", "icon", "style", "stylesheet", "display", "name"}) {
        QCommandLineOption option(QLatin1String(name), QString(), QStringLiteral("VALUE"));
        option.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(option);
    }
    for (const char* name : {"reverse", "widgetcount", "testability", "nograb", "dograb", "sync"}) {
        QCommandLineOption option(QString::fromLatin1(name));
        option.setFlags(QCommandLineOption::HiddenFromHelp);
        parser.addOption(option);
    }
}

const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
                                          QStringLiteral("Render the window to the PNG FILE once it is laid out, "
                                                         "then quit (no display needed)."),
                                          QStringLiteral("FILE"));
const QCommandLineOption stepsOption(QStringLiteral("steps"),
                                     QStringLiteral("With --screenshot: train N steps first (default 0)."),
                                     QStringLiteral("N"));
const QCommandLineOption sessionOption(QStringLiteral("session"),
                                       QStringLiteral("Open the window on a saved session FILE (as a plain FILE does)."),
                                       QStringLiteral("FILE"));
const QCommandLineOption presetOption(QStringLiteral("preset"),
                                      QStringLiteral("Start on the preset ID (see the Presets menu)."),
                                      QStringLiteral("ID"));
const QCommandLineOption presentationOption(QStringLiteral("presentation"),
                                            QStringLiteral("Start in presentation mode (F11 toggles it)."));

// Why the plain arguments cannot be opened, for standard error; empty when they can. The first
// that is not an existing file is a mistyped command, or one of a newer version.
QString plainArgumentsProblem(const QStringList& plain, bool sessionToo, const QList<CommandHelp>& commands)
{
    if (plain.isEmpty())
        return {};
    const QString& first = plain.first();
    if (!QFileInfo::exists(first)) {
        if (first.contains(QLatin1Char('/')) || first.contains(QLatin1Char('.')))
            return QStringLiteral("cannot open '%1': there is no such file").arg(first);
        QStringList names;
        for (const CommandHelp& command : commands)
            names.append(command.name);
        return QStringLiteral("unknown command '%1'; commands: %2 (see --help)").arg(first, names.join(QStringLiteral(", ")));
    }
    if (plain.size() > 1)
        return QStringLiteral("one file at a time, not %1 (see --help)").arg(plain.size());
    if (sessionToo)
        return QStringLiteral("a file to open and --session both given; give one (see --help)");
    return {};
}

// The window's options from the arguments, read before any QApplication exists, so that --help,
// --version and a mistake need no display; or, when the program ends here, its exit code.
std::variant<WindowOptions, int> readWindowOptions(int& argc, char** argv, const QList<CommandHelp>& commands)
{
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions); // -platform, as Qt reads it
    parser.setApplicationDescription(commandsDescription(commands));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A saved session to open."),
                                 QStringLiteral("[FILE]"));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    parser.addOptions({screenshotOption, stepsOption, sessionOption, presetOption, presentationOption});
    addQtOptions(parser);
    const bool parsed = parser.parse(arguments);
    // A command this version does not have comes first: its options are not the window's.
    const QStringList plain = parser.positionalArguments();
    if (const QString problem = plainArgumentsProblem(plain, parser.isSet(sessionOption), commands);
        !problem.isEmpty()) {
        std::fprintf(stderr, "sampling-explorer: %s\n", qPrintable(problem));
        return 2;
    }
    if (!parsed) {
        std::fprintf(stderr, "sampling-explorer: %s (see --help)\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(help) || parser.isSet(version) || parser.isSet(QStringLiteral("help-all"))) {
        QCoreApplication app(argc, argv); // no display: only the program's name
        parser.process(app);              // prints the help or the version and ends the program
    }
    const auto valueIfSet = [&parser](const QCommandLineOption& option) {
        return parser.isSet(option) ? std::optional<QString>(parser.value(option)) : std::nullopt;
    };
    WindowOptions options;
    options.screenshot = valueIfSet(screenshotOption);
    options.screenshotSteps = std::max(0L, parser.value(stepsOption).toLong());
    options.session = valueIfSet(sessionOption);
    if (!plain.isEmpty())
        options.file = plain.first();
    options.preset = valueIfSet(presetOption);
    options.presentation = parser.isSet(presentationOption);
    options.platformNamed = parser.isSet(QStringLiteral("platform"));
    return options;
}

// The window as the options ask for it: on a session, on a preset, in presentation mode, or
// with the start page (unless it is for a screenshot).
std::unique_ptr<MainWindow> openWindow(const WindowOptions& options)
{
    auto window = std::make_unique<MainWindow>();
    window->show();
    if (options.session)
        if (const QString failure = window->openSession(*options.session); !failure.isEmpty())
            window->banner()->showMessage(failure, MessageBanner::Kind::Error);
    if (options.file)
        if (const QString failure = openFile(*window, *options.file); !failure.isEmpty())
            window->banner()->showMessage(failure, MessageBanner::Kind::Error);
    if (options.preset && !window->applyPreset(*options.preset)) {
        QStringList ids;
        for (const Preset& preset : loadPresets().presets)
            ids.append(preset.id);
        window->banner()->showMessage(QObject::tr("There is no preset '%1' (the presets are %2).")
                                          .arg(*options.preset, ids.join(QStringLiteral(", "))),
                                      MessageBanner::Kind::Error);
    }
    if (options.presentation)
        window->presentationAction()->setChecked(true);
    if (!options.session && !options.file && !options.preset && !options.screenshot)
        window->showStartPageIfWanted();
    return window;
}

// The window as an image that says what it shows in the PNG's text: the program, the step and
// every parameter (the JSON a session keeps), so a picture can be made again.
QImage describedScreenshot(MainWindow& window)
{
    QImage image = window.grab().toImage();
    image.setText(QStringLiteral("Software"), QStringLiteral("sampling-explorer " PROJECT_VERSION));
    image.setText(QStringLiteral("Step"), QString::number(window.displayedStep()));
    image.setText(QStringLiteral("Parameters"),
                  QString::fromUtf8(QJsonDocument(parametersToJson(window.parameters())).toJson(QJsonDocument::Compact)));
    return image;
}

// Renders window to path as a PNG, after trainSteps steps of training if any, then quits.
int takeScreenshot(QApplication& app, MainWindow& window, const QString& path, long trainSteps)
{
    MainWindow* shown = &window;
    const auto grab = [shown, path] {
        // Encoded in memory, then written like every other file: temporary file, rename.
        QByteArray png;
        QBuffer buffer(&png);
        const bool encoded = buffer.open(QIODevice::WriteOnly) && describedScreenshot(*shown).save(&buffer, "PNG");
        const QString failure = encoded ? writeOutput(path, png)
                                        : QStringLiteral("cannot encode the screenshot '%1'").arg(path);
        if (!failure.isEmpty())
            std::fprintf(stderr, "sampling-explorer: %s\n", qPrintable(failure));
        QCoreApplication::exit(failure.isEmpty() ? 0 : 1);
    };
    if (trainSteps > 0) {
        QObject::connect(shown, &MainWindow::snapshotShown, shown, [shown, trainSteps, grab] {
            if (shown->displayedStep() >= trainSteps)
                QTimer::singleShot(300, shown, grab);
        });
        shown->controller()->setStopAfter(trainSteps);
        shown->controller()->start();
    } else {
        QTimer::singleShot(800, &app, grab);
    }
    return app.exec();
}

// Runs the event loop until the window closes, or until it asks for another language: then
// empty, or that language.
QString runUntilLanguageChange(QApplication& app, MainWindow& window, int& exitCode)
{
    QString language;
    QObject::connect(&window, &MainWindow::languageChangeRequested, &window, [&language](const QString& wanted) {
        language = wanted;
        QCoreApplication::exit(0);
    });
    exitCode = app.exec();
    return language;
}

} // namespace

QString openFile(MainWindow& window, const QString& path)
{
    QString name = QFileInfo(path).fileName().toLower();
    if (name.endsWith(QLatin1String(".gz")))
        name.chop(3);
    for (const char* suffix : {".tsv", ".csv", ".npy"})
        if (name.endsWith(QLatin1String(suffix))) {
            EmbeddingsRequest request;
            request.path = path; // the labels beside it or its own column; the reader says what is missing
            window.openEmbeddings(request);
            return {};
        }
    return window.openSession(path);
}

std::unique_ptr<MainWindow> rebuildInLanguage(std::unique_ptr<MainWindow> window, const QString& language,
                                              const QString& carried)
{
    QString failure = window->saveSessionTo(carried, false);
    window->close();
    window.reset();
    settings::setLanguage(language);
    installLanguage(language);
    window = std::make_unique<MainWindow>();
    window->show();
    if (failure.isEmpty()) {
        failure = window->openSession(carried, false);
        QFile::remove(carried);
        QFile::remove(runFilePath(carried));
    }
    if (!failure.isEmpty())
        window->banner()->showMessage(QObject::tr("The session could not be carried over to the new language: %1")
                                          .arg(failure),
                                      MessageBanner::Kind::Error);
    return window;
}

// Whether the window has somewhere to go: a platform was named (QT_QPA_PLATFORM, -platform) or
// a display is set; otherwise Qt's platform plugin would end the program with a core dump.
bool displayGiven(const WindowOptions& options)
{
    return options.platformNamed || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")
           || !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
}

int runWindowProgram(int& argc, char** argv, const QList<CommandHelp>& commands)
{
    const std::variant<WindowOptions, int> read = readWindowOptions(argc, argv, commands);
    if (const int* exitCode = std::get_if<int>(&read))
        return *exitCode;
    const WindowOptions& options = std::get<WindowOptions>(read);
    if (!displayGiven(options) && !options.screenshot) {
        std::fprintf(stderr, "sampling-explorer: no display: set DISPLAY, or use a headless command; see --help\n");
        return 1;
    }
    if (options.screenshot && !options.platformNamed && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        // A screenshot needs no screen: the display when there is one that opens, else offscreen
        // (Qt tries the platforms of the list in turn).
        qputenv("QT_QPA_PLATFORM", !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ? "wayland;xcb;offscreen"
                                   : !qEnvironmentVariableIsEmpty("DISPLAY")       ? "xcb;offscreen"
                                                                                   : "offscreen");
    }
    QApplication app(argc, argv);
    installLanguage(settings::language());
    std::unique_ptr<MainWindow> window = openWindow(options);
    if (options.screenshot)
        return takeScreenshot(app, *window, *options.screenshot, options.screenshotSteps);
    // Another language: the window is built again in it, and the session (with the trained
    // model) carries everything over, so nothing is lost.
    const QString carried = QDir::temp().filePath(QStringLiteral("sampling-explorer-language-%1.smx.json")
                                                      .arg(QCoreApplication::applicationPid()));
    for (;;) {
        int exitCode = 0;
        const QString language = runUntilLanguageChange(app, *window, exitCode);
        if (language.isEmpty())
            return exitCode;
        window = rebuildInLanguage(std::move(window), language, carried);
    }
}
