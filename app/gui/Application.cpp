// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/Application.h"

#include "app/control/TrainingController.h"
#include "app/gui/MainWindow.h"
#include "app/gui/Settings.h"
#include "app/io/Language.h"
#include "app/io/OutputFile.h"
#include "app/io/SessionFile.h"
#include "widgets/MessageBanner.h"

#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QDir>
#include <QTimer>
#include <algorithm>
#include <cstdio>
#include <memory>
#include <optional>

namespace {

struct WindowOptions {
    std::optional<QString> screenshot; // a PNG to render the window to, then quit
    long screenshotSteps = 0;          // trained before the screenshot
    std::optional<QString> session;    // opened at start
    std::optional<QString> preset;     // applied at start
    bool presentation = false;
};

const QString commandsDescription = QStringLiteral(
    "See how sampling and losses shape deep embedding learning.\n\n"
    "Without a command, opens the window. Headless commands:\n"
    "  data NAME -o FILE.csv   the numbers behind a figure (data --help)\n"
    "  train -o FILE.csv       train the embedding model headless (train --help)\n"
    "  ablate -o FILE.csv      every sampler x loss, the paper's ablation (ablate --help)\n"
    "  race -o FILE.csv        the four samplers trained side by side (race --help)\n"
    "  figure NAME|all         views rendered to PNG, SVG or PDF, headless (figure --help)\n"
    "  analyse --embeddings F  your own embeddings as sampling sees them (analyse --help)");

WindowOptions parseWindowOptions(const QApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(commandsDescription);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the window to the PNG FILE once it is laid out, then quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption steps(
        QStringLiteral("steps"),
        QStringLiteral("With --screenshot: train N steps first (default 0)."), QStringLiteral("N"));
    const QCommandLineOption session(QStringLiteral("session"),
                                     QStringLiteral("Open the window on a saved session FILE."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption preset(QStringLiteral("preset"),
                                    QStringLiteral("Start on the preset ID (see the Presets menu)."),
                                    QStringLiteral("ID"));
    const QCommandLineOption presentation(QStringLiteral("presentation"),
                                          QStringLiteral("Start in presentation mode (F11 toggles it)."));
    parser.addOptions({screenshot, steps, session, preset, presentation});
    parser.process(app);
    const auto valueIfSet = [&parser](const QCommandLineOption& option) {
        return parser.isSet(option) ? std::optional<QString>(parser.value(option)) : std::nullopt;
    };
    WindowOptions options;
    options.screenshot = valueIfSet(screenshot);
    options.screenshotSteps = std::max(0L, parser.value(steps).toLong());
    options.session = valueIfSet(session);
    options.preset = valueIfSet(preset);
    options.presentation = parser.isSet(presentation);
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
    if (options.preset && !window->applyPreset(*options.preset))
        window->banner()->showMessage(QObject::tr("There is no preset '%1'.").arg(*options.preset),
                                      MessageBanner::Kind::Error);
    if (options.presentation)
        window->presentationAction()->setChecked(true);
    if (!options.session && !options.preset && !options.screenshot)
        window->showStartPageIfWanted();
    return window;
}

// Renders window to path as a PNG, after trainSteps steps of training if any, then quits.
int takeScreenshot(QApplication& app, MainWindow& window, const QString& path, long trainSteps)
{
    MainWindow* shown = &window;
    const auto grab = [shown, path] {
        // Encoded in memory, then written like every other file: temporary file, rename.
        QByteArray png;
        QBuffer buffer(&png);
        const bool encoded = buffer.open(QIODevice::WriteOnly) && shown->grab().save(&buffer, "PNG");
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

int runWindow(QApplication& app)
{
    const WindowOptions options = parseWindowOptions(app);
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
