// A table of numbers with named columns and possibly empty cells, and its one CSV writer.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace sme {

using Cell = std::optional<double>; // nullopt: an empty cell

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;

    // Appends a row; throws sme::Error unless it has one cell per column.
    void addRow(std::vector<Cell> row);
    // The cells of one column, top to bottom; throws sme::Error for an unknown name.
    std::vector<Cell> column(const std::string& name) const;
};

// The one CSV writer: a header row, then one line per row, "\n" line ends, numbers in the
// shortest form that reads back to the same double, empty cells as nothing between commas.
// Column names containing a comma, quote or line break are quoted (RFC 4180).
void writeCsv(const Table& table, std::ostream& out);
std::string toCsv(const Table& table);

} // namespace sme
