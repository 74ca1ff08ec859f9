// Sampling Matters Explorer: the window, or a headless command when one is named.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/DataCommand.h"
#include "app/cli/FigureCommand.h"
#include "app/io/Language.h"
#include "app/gui/MainWindow.h"
#include "app/io/OutputFile.h"
#include "app/cli/RaceCommand.h"
#include "app/io/SessionFile.h"
#include "app/control/TrainingController.h"
#include "widgets/MessageBanner.h"
#include "app/cli/TrainCommand.h"

#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
#include <QDir>
#include <QSettings>
#include <memory>
#include <QTimer>
#include <cstdio>
#include <algorithm>
#include <cstring>

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorer"));
    QCoreApplication::setApplicationName(QStringLiteral("sampling-explorer"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
}

} // namespace

int main(int argc, char* argv[])
{
    // Headless commands need no display: a QCoreApplication is enough for them.
    const struct {
        const char* name;
        int (*run)(const QStringList&);
    } commands[] = {{"data", runDataCommand}, {"train", runTrainCommand}, {"ablate", runAblateCommand},
                   {"race", runRaceCommand}};
    for (const auto& command : commands)
        if (argc > 1 && std::strcmp(argv[1], command.name) == 0) {
            QCoreApplication app(argc, argv);
            describeApplication();
            return command.run(app.arguments());
        }

    if (argc > 1 && std::strcmp(argv[1], "figure") == 0) {
        // Figures need widgets but no display: the offscreen platform unless told otherwise.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        describeApplication();
        return runFigureCommand(app.arguments());
    }

    QApplication app(argc, argv);
    describeApplication();
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "See how sampling and losses shape deep embedding learning.\n\n"
        "Without a command, opens the window. Headless commands:\n"
        "  data NAME -o FILE.csv   the numbers behind a figure (data --help)\n"
        "  train -o FILE.csv       train the embedding model headless (train --help)\n"
        "  ablate -o FILE.csv      every sampler x loss, the paper's ablation (ablate --help)\n"
        "  race -o FILE.csv        the four samplers trained side by side (race --help)\n"
        "  figure NAME|all         views rendered to PNG, SVG or PDF, headless (figure --help)"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the window to the PNG FILE once it is laid out, then quit."),
        QStringLiteral("FILE"));
    parser.addOption(screenshot);
    const QCommandLineOption steps(
        QStringLiteral("steps"),
        QStringLiteral("With --screenshot: train N steps first (default 0)."), QStringLiteral("N"));
    parser.addOption(steps);
    const QCommandLineOption session(QStringLiteral("session"),
                                     QStringLiteral("Open the window on a saved session FILE."),
                                     QStringLiteral("FILE"));
    parser.addOption(session);
    const QCommandLineOption preset(QStringLiteral("preset"),
                                    QStringLiteral("Start on the preset ID (see the Presets menu)."),
                                    QStringLiteral("ID"));
    parser.addOption(preset);
    const QCommandLineOption presentation(QStringLiteral("presentation"),
                                          QStringLiteral("Start in presentation mode (F11 toggles it)."));
    parser.addOption(presentation);
    parser.process(app);

    installLanguage(QSettings().value(QStringLiteral("language")).toString());
    auto window = std::make_unique<MainWindow>();
    window->show();
    if (parser.isSet(session))
        if (const QString failure = window->openSession(parser.value(session)); !failure.isEmpty())
            window->banner()->showMessage(failure, MessageBanner::Kind::Error);
    if (parser.isSet(preset) && !window->applyPreset(parser.value(preset)))
        window->banner()->showMessage(QObject::tr("There is no preset '%1'.").arg(parser.value(preset)),
                                      MessageBanner::Kind::Error);
    if (parser.isSet(presentation))
        window->presentationAction()->setChecked(true);
    if (!parser.isSet(session) && !parser.isSet(preset) && !parser.isSet(screenshot))
        window->showStartPageIfWanted();
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        const long trainSteps = std::max(0L, parser.value(steps).toLong());
        MainWindow* shown = window.get();
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
    // Another language: the window is built again in it, and the session (with the trained
    // model) carries everything over, so nothing is lost.
    const QString carried = QDir::temp().filePath(QStringLiteral("sampling-explorer-language-%1.smx.json")
                                                      .arg(QCoreApplication::applicationPid()));
    for (;;) {
        QString language;
        QObject::connect(window.get(), &MainWindow::languageChangeRequested, window.get(),
                         [&language](const QString& wanted) {
                             language = wanted;
                             QCoreApplication::exit(0);
                         });
        const int code = app.exec();
        if (language.isEmpty())
            return code;
        const QString failure = window->saveSessionTo(carried, false);
        window->close();
        window.reset();
        QSettings().setValue(QStringLiteral("language"), language);
        installLanguage(language);
        window = std::make_unique<MainWindow>();
        window->show();
        if (failure.isEmpty()) {
            window->openSession(carried, false);
            QFile::remove(carried);
            QFile::remove(runFilePath(carried));
        }
    }
}
