// Fields of delimited text data files (CSV, the Projector's TSV): trimming, quoting for messages,
// and reading a field as a float fast, with the reason when it is not a usable one.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sme {

// The field without the spaces, tabs and carriage returns around it.
std::string_view trimmedField(std::string_view field);

// The field as it goes into a message: quoted, cut after 40 characters.
std::string quotedField(std::string_view field);

// The number a field holds, or nullopt when it is not one. "nan" and "inf" are numbers here (a
// caller refuses them as non-finite); a value beyond the double range comes back as +-infinity.
// A leading '+' is accepted before a digit or '.'.
std::optional<double> numberIn(std::string_view field);

// Whether a field spells a non-finite value ("nan", "-inf", "Infinity") rather than holding an
// overflowing number ("1e999").
bool spelledNonFinite(std::string_view field);

// What reading a field as a float found.
enum class FloatField {
    value,            // a finite float
    empty,            // nothing in the field
    notNumber,        // text that is no number ("abc", "4x", "0x1F")
    notANumber,       // NaN, spelled so
    infinite,         // "inf", "-Infinity": spelled as infinite
    tooLargeForFloat, // digits whose value is beyond the float range ("1e39")
};

// Reads a trimmed field as a float, correctly rounded from its decimal text (std::from_chars:
// no allocation, so millions of fields a second); a value too small for a float becomes 0 (or
// a subnormal). value is set only when the result is FloatField::value.
FloatField floatIn(std::string_view field, float& value);

} // namespace sme
