// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/HeadlessCommand.h"

#include "app/io/OutputFile.h"
#include "model/base/Error.h"

#include <QCommandLineParser>
#include <QTextStream>
#include <new>

void reportError(const QString& command, const QString& message)
{
    QTextStream(stderr) << "sampling-explorer " << command << ": " << message << "\n";
}

int writeTable(const QString& command, const QString& path, const sme::Table& table)
{
    const QString failure = writeOutput(path, QByteArray::fromStdString(sme::toCsv(table)));
    if (failure.isEmpty())
        return 0;
    reportError(command, failure);
    return 1;
}

int runHeadlessCommand(const HeadlessCommand& command, const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(command.description);
    parser.addHelpOption();
    parser.addPositionalArgument(command.name, QStringLiteral("The command."), command.name);
    if (!command.positionals.isEmpty())
        parser.addPositionalArgument(command.positionals, QString());
    CommandOptions options(parser);
    command.addOptions(options);
    if (!parser.parse(arguments)) {
        reportError(command.name, parser.errorText());
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    try {
        return command.run(options, parser.positionalArguments().mid(1));
    } catch (const sme::Error& e) {
        reportError(command.name, QString::fromStdString(e.what()));
        return 2;
    } catch (const std::bad_alloc&) {
        reportError(command.name, QStringLiteral("out of memory: ask for less"));
        return 1;
    }
}
