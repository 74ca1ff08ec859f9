// Typed, checked access to the options of a headless command, with one-line error messages,
// and the options every command names alike (-o, --dim, --seed).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Error.h"

#include <QCommandLineParser>
#include <QStringList>
#include <array>
#include <concepts>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

// Registers options on a QCommandLineParser and reads them back as numbers. A malformed
// value throws sme::Error with a message naming the option and the value given.
class CommandOptions {
public:
    explicit CommandOptions(QCommandLineParser& parser) : parser_(parser) {}

    void add(const QString& shortName, const QString& longName, const QString& description,
             const QString& valueName);
    void add(const QString& longName, const QString& description, const QString& valueName);
    // An option without a value.
    void addFlag(const QString& longName, const QString& description);
    // An option with a value that --help does not list: a name kept so that the command can
    // refuse it with a pointer to the right one.
    void addHidden(const QString& longName, const QString& valueName);
    bool isSet(const QString& name) const { return parser_.isSet(name); }

    // The option's value, or fallback when it is not given; a whole number of fallback's type
    // ("a whole number >= 0" for an unsigned one).
    template <std::integral Integer>
    Integer integer(const QString& name, Integer fallback) const;
    double real(const QString& name, double fallback) const;
    std::uint64_t seed(std::uint64_t fallback) const { return integer("seed", fallback); }
    // A comma-separated list of whole numbers; "none" is the empty list.
    std::vector<int> integerList(const QString& name) const;
    QString text(const QString& name) const;
    // The option's value as one of kinds, each known by nameOf(kind) (a sampler, a loss);
    // fallback when not given. Throws "unknown NAME 'value' (expected a, b or c)".
    template <class Kind, std::size_t N>
    Kind choice(const QString& name, const std::array<Kind, N>& kinds, std::string_view (*nameOf)(Kind),
                Kind fallback) const;

    // Throws sme::Error when an option outside allowed was given ("does not apply to NAME").
    void refuseAllBut(const QStringList& allowed, const QString& context) const;

private:
    [[noreturn]] static void malformed(const QString& name, const QString& expected, const QString& value);

    QCommandLineParser& parser_;
    QStringList names_;
};

// The options that mean the same in every command, registered alike.
// -o/--output FILE; description: what goes there.
void addOutputOption(CommandOptions& options,
                     const QString& description = QStringLiteral("Write the CSV to FILE (- for standard output)."));
// --dim N, the embedding dimension n from 2 to largest (default 128).
void addDimensionOption(CommandOptions& options, int largest);
// --seed S, the seed of what (default 1).
void addSeedOption(CommandOptions& options, const QString& what = QStringLiteral("every random draw"));

template <std::integral Integer>
Integer CommandOptions::integer(const QString& name, Integer fallback) const
{
    if (!parser_.isSet(name))
        return fallback;
    const QString value = parser_.value(name).trimmed();
    bool ok = false;
    if constexpr (std::is_signed_v<Integer>) {
        const qlonglong result = value.toLongLong(&ok);
        if (!ok || result < std::numeric_limits<Integer>::min() || result > std::numeric_limits<Integer>::max())
            malformed(name, QStringLiteral("a whole number"), value);
        return Integer(result);
    } else {
        const qulonglong result = value.toULongLong(&ok);
        if (!ok || result > std::numeric_limits<Integer>::max())
            malformed(name, QStringLiteral("a whole number >= 0"), value);
        return Integer(result);
    }
}

template <class Kind, std::size_t N>
Kind CommandOptions::choice(const QString& name, const std::array<Kind, N>& kinds,
                            std::string_view (*nameOf)(Kind), Kind fallback) const
{
    const QString given = text(name);
    if (given.isEmpty())
        return fallback;
    QStringList names;
    for (Kind kind : kinds) {
        if (given.toStdString() == nameOf(kind))
            return kind;
        names << QString::fromUtf8(nameOf(kind));
    }
    const QString expected = names.mid(0, names.size() - 1).join(QStringLiteral(", ")) + QStringLiteral(" or ") + names.last();
    throw sme::Error(QStringLiteral("unknown %1 '%2' (expected %3)").arg(name, given, expected).toStdString());
}
