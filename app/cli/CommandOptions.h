// Typed, checked access to the options of a headless command, with one-line error messages.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCommandLineParser>
#include <QStringList>
#include <cstdint>
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
    bool isSet(const QString& name) const { return parser_.isSet(name); }

    // The option's value, or fallback when it is not given.
    int integer(const QString& name, int fallback) const;
    double real(const QString& name, double fallback) const;
    std::uint64_t seed(std::uint64_t fallback) const { return unsignedInteger("seed", fallback); }
    std::uint64_t unsignedInteger(const QString& name, std::uint64_t fallback) const;
    // A comma-separated list of whole numbers; "none" is the empty list.
    std::vector<int> integerList(const QString& name) const;
    QString text(const QString& name) const;

    // Throws sme::Error when an option outside allowed was given ("does not apply to NAME").
    void refuseAllBut(const QStringList& allowed, const QString& context) const;

private:
    QCommandLineParser& parser_;
    QStringList names_;
};
