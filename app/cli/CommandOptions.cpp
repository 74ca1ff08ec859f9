// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/CommandOptions.h"

#include "model/base/Error.h"

#include <cmath>

void CommandOptions::malformed(const QString& name, const QString& expected, const QString& value)
{
    throw sme::Error(QStringLiteral("--%1 expects %2, got '%3'").arg(name, expected, value).toStdString());
}

void CommandOptions::add(const QString& shortName, const QString& longName,
                         const QString& description, const QString& valueName)
{
    parser_.addOption(QCommandLineOption({shortName, longName}, description, valueName));
    names_ << longName;
}

void CommandOptions::add(const QString& longName, const QString& description,
                         const QString& valueName)
{
    parser_.addOption(QCommandLineOption(longName, description, valueName));
    names_ << longName;
}

void CommandOptions::addFlag(const QString& longName, const QString& description)
{
    parser_.addOption(QCommandLineOption(longName, description));
    names_ << longName;
}

void CommandOptions::addHidden(const QString& longName, const QString& valueName)
{
    QCommandLineOption option(longName, QString(), valueName);
    option.setFlags(QCommandLineOption::HiddenFromHelp);
    parser_.addOption(option);
    names_ << longName;
}

double CommandOptions::real(const QString& name, double fallback) const
{
    if (!parser_.isSet(name))
        return fallback;
    const QString value = parser_.value(name).trimmed();
    bool ok = false;
    const double result = value.toDouble(&ok);
    if (!ok || !std::isfinite(result))
        malformed(name, QStringLiteral("a finite number"), value);
    return result;
}

std::vector<int> CommandOptions::integerList(const QString& name) const
{
    const QString value = parser_.value(name).trimmed();
    std::vector<int> result;
    if (value == QLatin1String("none"))
        return result;
    for (const QString& part : value.split(QLatin1Char(','))) {
        bool ok = false;
        result.push_back(part.trimmed().toInt(&ok));
        if (!ok)
            malformed(name, QStringLiteral("whole numbers separated by commas, or none"), value);
    }
    return result;
}

QString CommandOptions::text(const QString& name) const
{
    return parser_.value(name);
}

void CommandOptions::refuseAllBut(const QStringList& allowed, const QString& context) const
{
    for (const QString& name : names_)
        if (parser_.isSet(name) && !allowed.contains(name))
            throw sme::Error(
                QStringLiteral("option --%1 does not apply to '%2'").arg(name, context).toStdString());
}

void addOutputOption(CommandOptions& options, const QString& description)
{
    options.add("o", "output", description, "FILE");
}

void addDimensionOption(CommandOptions& options, int largest)
{
    options.add("dim", QStringLiteral("Embedding dimension n, 2 to %1 (default 128).").arg(largest), "N");
}

void addSeedOption(CommandOptions& options, const QString& what)
{
    options.add("seed", QStringLiteral("Seed of %1 (default 1).").arg(what), "S");
}
