// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Table.h"

#include "model/base/Error.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <sstream>

namespace sme {
namespace {

std::string quoted(const std::string& field)
{
    if (field.find_first_of(",\"\r\n") == std::string::npos)
        return field;
    std::string result = "\"";
    for (char c : field)
        result += c == '"' ? std::string("\"\"") : std::string(1, c);
    return result + "\"";
}

// Whole numbers below 2^53 (counts: points, steps, pairs) in full, "100000" where the shortest
// form is "1e+05"; every other number in the shortest form that reads back to the same double.
void writeNumber(double value, std::ostream& out)
{
    std::array<char, 32> buffer{};
    char* const first = buffer.data();
    char* const last = first + buffer.size();
    const bool whole = std::abs(value) < 0x1p53 && value == std::trunc(value);
    const auto [end, error] = whole ? std::to_chars(first, last, value, std::chars_format::fixed)
                                    : std::to_chars(first, last, value);
    out.write(first, end - first);
}

} // namespace

void Table::addRow(std::vector<Cell> row)
{
    require(row.size() == columns.size(),
            "a table row has " + std::to_string(row.size()) + " cells for "
                + std::to_string(columns.size()) + " columns");
    rows.push_back(std::move(row));
}

std::vector<Cell> Table::column(const std::string& name) const
{
    const auto it = std::find(columns.begin(), columns.end(), name);
    require(it != columns.end(), "no column named '" + name + "'");
    const auto index = static_cast<std::size_t>(it - columns.begin());
    std::vector<Cell> result;
    result.reserve(rows.size());
    for (const auto& row : rows)
        result.push_back(row[index]);
    return result;
}

void writeCsv(const Table& table, std::ostream& out)
{
    for (std::size_t c = 0; c < table.columns.size(); ++c)
        out << (c ? "," : "") << quoted(table.columns[c]);
    out << '\n';
    for (const auto& row : table.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
            if (c)
                out << ',';
            if (row[c].isText())
                out << quoted(row[c].text());
            else if (row[c])
                writeNumber(*row[c], out);
        }
        out << '\n';
    }
}

std::string toCsv(const Table& table)
{
    std::ostringstream out;
    writeCsv(table, out);
    return out.str();
}

} // namespace sme
