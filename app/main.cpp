// Sampling Matters Explorer: the window, or a headless command when one is named.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/AnalyseCommand.h"
#include "app/cli/DataCommand.h"
#include "app/cli/FigureCommand.h"
#include "app/cli/RaceCommand.h"
#include "app/cli/TrainCommand.h"
#include "app/gui/Application.h"

#include <QApplication>
#include <cstring>

namespace {

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorer"));
    QCoreApplication::setApplicationName(QStringLiteral("sampling-explorer"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));
}

using Command = int (*)(const QStringList&);

// The headless command named by the first argument; nullptr for none.
Command headlessCommand(int argc, char* argv[])
{
    const struct {
        const char* name;
        Command run;
    } commands[] = {{"data", runDataCommand}, {"train", runTrainCommand}, {"ablate", runAblateCommand},
                   {"race", runRaceCommand}};
    for (const auto& command : commands)
        if (argc > 1 && std::strcmp(argv[1], command.name) == 0)
            return command.run;
    return nullptr;
}

} // namespace

int main(int argc, char* argv[])
{
    // Headless commands need no display: a QCoreApplication is enough for them.
    if (const Command command = headlessCommand(argc, argv)) {
        QCoreApplication app(argc, argv);
        describeApplication();
        return command(app.arguments());
    }

    if (argc > 1 && (std::strcmp(argv[1], "figure") == 0 || std::strcmp(argv[1], "analyse") == 0)) {
        // Figures need widgets but no display: the offscreen platform unless told otherwise.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        describeApplication();
        return std::strcmp(argv[1], "figure") == 0 ? runFigureCommand(app.arguments()) : runAnalyseCommand(app.arguments());
    }

    QApplication app(argc, argv);
    describeApplication();
    return runWindow(app);
}
