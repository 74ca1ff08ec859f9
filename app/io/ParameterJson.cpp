// The explorer's parameters to and from JSON, each field range-checked on the way in, all read
// from the parameter schema.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/io/ParameterJson.h"

#include "model/figures/ParameterSchema.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <cmath>
#include <type_traits>

namespace {

// Its messages in the window's language (English on the command line, which loads no
// translation).
struct ParameterJsonText {
    Q_DECLARE_TR_FUNCTIONS(ParameterJsonText)
};

using sme::ExplorerParameters;
using sme::ParameterField;

// What is wrong with a field that could not be read, as the sessions' error messages say it.
QString problem(const ParameterField& field)
{
    const QLatin1String key(field.key);
    switch (field.type()) {
    case sme::ParameterType::Flag:
        return ParameterJsonText::tr("%1 must be true or false").arg(key);
    case sme::ParameterType::Sampler:
    case sme::ParameterType::Loss:
        return ParameterJsonText::tr("%1: unknown name").arg(key);
    case sme::ParameterType::TextPath:
        return ParameterJsonText::tr("%1 must be synthetic, digits or a file path").arg(key);
    case sme::ParameterType::WidthList:
        return ParameterJsonText::tr("%1 must be a list of up to %2 whole widths from %3 to %4")
            .arg(key).arg(field.maximumLength).arg(int(field.minimum)).arg(int(field.maximum));
    case sme::ParameterType::Seed:
        return ParameterJsonText::tr("%1 must be a whole number from %2 to %3, as text")
            .arg(key).arg(qulonglong(field.minimum)).arg(qulonglong(field.maximum));
    case sme::ParameterType::Integer:
    case sme::ParameterType::Real:
    case sme::ParameterType::Count:
        break;
    }
    return ParameterJsonText::tr("%1 must be a number from %2 to %3").arg(key).arg(field.minimum).arg(field.maximum);
}

// A number within the field's range, or nothing.
std::optional<double> numberIn(const QJsonValue& json, const ParameterField& field)
{
    const double number = json.toDouble(std::nan(""));
    if (!json.isDouble() || !(number >= field.minimum && number <= field.maximum))
        return std::nullopt;
    return number;
}

// Whole widths within the field's range, at most maximumLength of them, or nothing.
std::optional<std::vector<int>> widthsIn(const QJsonValue& json, const ParameterField& field)
{
    const QJsonArray list = json.toArray();
    if (!json.isArray() || list.size() > field.maximumLength)
        return std::nullopt;
    std::vector<int> widths;
    for (const QJsonValue& width : list) {
        // Whole numbers only: no layer is 2.5 units wide.
        const std::optional<double> number = numberIn(width, field);
        if (!number || *number != std::floor(*number))
            return std::nullopt;
        widths.push_back(int(*number));
    }
    return widths;
}

// The seed is text: JSON numbers lose 64-bit integers.
std::optional<std::uint64_t> seedIn(const QJsonValue& json, const ParameterField& field)
{
    bool ok = false;
    const qulonglong seed = json.toString().toULongLong(&ok);
    if (!ok || seed < qulonglong(field.minimum) || seed > qulonglong(field.maximum))
        return std::nullopt;
    return seed;
}

// The JSON value as the field's type, or nothing when it is of the wrong kind or out of range.
template <class T>
std::optional<T> valueIn(const QJsonValue& json, const ParameterField& field)
{
    if constexpr (std::is_same_v<T, bool>)
        return json.isBool() ? std::optional<bool>(json.toBool()) : std::nullopt;
    else if constexpr (std::is_same_v<T, sme::SamplerKind>)
        return sme::samplerFromName(json.toString().toStdString());
    else if constexpr (std::is_same_v<T, sme::LossKind>)
        return sme::lossFromName(json.toString().toStdString());
    else if constexpr (std::is_same_v<T, std::string>)
        return json.toString().isEmpty() ? std::nullopt : std::optional(json.toString().toStdString());
    else if constexpr (std::is_same_v<T, std::vector<int>>)
        return widthsIn(json, field);
    else if constexpr (std::is_same_v<T, std::uint64_t>)
        return seedIn(json, field);
    else if (const std::optional<double> number = numberIn(json, field)) // int, double, long
        return T(*number); // whole types take the whole part
    else
        return std::nullopt;
}

template <class T>
QJsonValue toJson(const T& value)
{
    if constexpr (std::is_same_v<T, sme::SamplerKind>)
        return QString::fromUtf8(sme::samplerName(value));
    else if constexpr (std::is_same_v<T, sme::LossKind>)
        return QString::fromUtf8(sme::lossName(value));
    else if constexpr (std::is_same_v<T, std::string>)
        return QString::fromStdString(value);
    else if constexpr (std::is_same_v<T, std::vector<int>>) {
        QJsonArray widths;
        for (int width : value)
            widths.append(width);
        return widths;
    }
    else if constexpr (std::is_same_v<T, std::uint64_t>)
        return QString::number(value);
    else if constexpr (std::is_same_v<T, long>)
        return double(value);
    else
        return value;
}

} // namespace

QJsonObject parametersToJson(const ExplorerParameters& p)
{
    QJsonObject json;
    for (const ParameterField& field : sme::parameterSchema())
        std::visit([&](auto member) { json.insert(QLatin1String(field.key), toJson(p.*member)); }, field.member);
    return json;
}

ExplorerParameters parametersFromJson(const QJsonObject& json, QStringList* problems)
{
    ExplorerParameters p;
    for (const ParameterField& field : sme::parameterSchema()) {
        const QLatin1String key(field.key);
        if (!json.contains(key))
            continue;
        std::visit([&](auto member) {
            using T = std::remove_reference_t<decltype(p.*member)>;
            if (const std::optional<T> value = valueIn<T>(json.value(key), field))
                p.*member = *value;
            else if (problems)
                *problems << problem(field);
        }, field.member);
    }
    return p;
}

QStringList parameterProblems(const ExplorerParameters& parameters)
{
    // The one set of ranges, the schema's: the way in from a session checks them all.
    QStringList problems;
    parametersFromJson(parametersToJson(parameters), &problems);
    return problems;
}
