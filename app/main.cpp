// Sampling Matters Explorer: the window, or a headless command when one is named.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/DataCommand.h"
#include "app/FigureCommand.h"
#include "app/MainWindow.h"
#include "app/OutputFile.h"
#include "app/TrainingController.h"
#include "widgets/MessageBanner.h"
#include "app/TrainCommand.h"

#include <QApplication>
#include <QBuffer>
#include <QCommandLineParser>
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
    } commands[] = {{"data", runDataCommand}, {"train", runTrainCommand}, {"ablate", runAblateCommand}};
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
    parser.process(app);

    MainWindow window;
    window.show();
    if (parser.isSet(session))
        if (const QString failure = window.openSession(parser.value(session)); !failure.isEmpty())
            window.banner()->showMessage(failure, MessageBanner::Kind::Error);
    if (parser.isSet(screenshot)) {
        const QString path = parser.value(screenshot);
        const long trainSteps = std::max(0L, parser.value(steps).toLong());
        const auto grab = [&window, path] {
            // Encoded in memory, then written like every other file: temporary file, rename.
            QByteArray png;
            QBuffer buffer(&png);
            const bool encoded = buffer.open(QIODevice::WriteOnly) && window.grab().save(&buffer, "PNG");
            const QString failure = encoded ? writeOutput(path, png)
                                            : QStringLiteral("cannot encode the screenshot '%1'").arg(path);
            if (!failure.isEmpty())
                std::fprintf(stderr, "sampling-explorer: %s\n", qPrintable(failure));
            QCoreApplication::exit(failure.isEmpty() ? 0 : 1);
        };
        if (trainSteps > 0) {
            QObject::connect(&window, &MainWindow::snapshotShown, &window, [&window, trainSteps, grab] {
                if (window.displayedStep() >= trainSteps)
                    QTimer::singleShot(300, &window, grab);
            });
            window.controller()->setStopAfter(trainSteps);
            window.controller()->start();
        } else {
            QTimer::singleShot(800, &app, grab);
        }
    }
    return app.exec();
}
