// Reading the fields of text data files: one number parser for CSV data sets and embeddings.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/TextFields.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

namespace sme {
namespace {

// from_chars takes no leading '+'; the field without it, but only before a digit or '.' (so
// "+nan" and "+-1" stay refused, as strtod's wider grammar would not).
std::string_view withoutPlus(std::string_view field)
{
    if (field.size() > 1 && field.front() == '+'
        && (std::isdigit(static_cast<unsigned char>(field[1])) || field[1] == '.'))
        field.remove_prefix(1);
    return field;
}

} // namespace

bool spelledNonFinite(std::string_view field)
{
    while (!field.empty() && (field.front() == '+' || field.front() == '-'))
        field.remove_prefix(1);
    return !field.empty() && std::isalpha(static_cast<unsigned char>(field.front()));
}

std::string_view trimmedField(std::string_view field)
{
    const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
    while (!field.empty() && blank(field.front()))
        field.remove_prefix(1);
    while (!field.empty() && blank(field.back()))
        field.remove_suffix(1);
    return field;
}

std::string quotedField(std::string_view field)
{
    std::string text = "'";
    text.append(field.substr(0, 40));
    text.append(field.size() > 40 ? "...'" : "'");
    return text;
}

std::optional<double> numberIn(std::string_view field)
{
    field = withoutPlus(field);
    double value = 0.0;
    const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
    if (field.empty() || end != field.data() + field.size())
        return std::nullopt;
    if (error == std::errc::result_out_of_range) // strtod tells overflow (HUGE_VAL) from underflow
        return std::strtod(std::string(field).c_str(), nullptr);
    return value;
}

FloatField floatIn(std::string_view field, float& value)
{
    if (field.empty())
        return FloatField::empty;
    const std::string_view digits = withoutPlus(field);
    float parsed = 0.0f;
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), parsed);
    if (end != digits.data() + digits.size() || digits.empty())
        return FloatField::notNumber;
    if (error == std::errc::result_out_of_range) // rare: strtof tells overflow from underflow
        parsed = std::strtof(std::string(digits).c_str(), nullptr);
    if (std::isnan(parsed))
        return FloatField::notANumber;
    if (std::isinf(parsed))
        return spelledNonFinite(digits) ? FloatField::infinite : FloatField::tooLargeForFloat;
    value = parsed;
    return FloatField::value;
}

} // namespace sme
