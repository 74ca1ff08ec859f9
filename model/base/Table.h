// A table of numbers with named columns and possibly empty cells, and its one CSV writer.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace sme {

// A number, a piece of text, or empty. Reads like std::optional<double> for numbers.
class Cell {
public:
    Cell() = default;
    Cell(std::nullopt_t) {}
    Cell(double number) : number_(number) {}
    Cell(std::optional<double> number) : number_(number) {}
    Cell(std::string text) : text_(std::move(text)), isText_(true) {}
    Cell(const char* text) : Cell(std::string(text)) {}

    bool has_value() const { return number_.has_value(); } // a number
    explicit operator bool() const { return has_value(); }
    double operator*() const { return *number_; }
    bool isText() const { return isText_; }
    const std::string& text() const { return text_; }
    bool operator==(const Cell&) const = default;

private:
    std::optional<double> number_;
    std::string text_;
    bool isText_ = false;
};

struct Table {
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;

    // Appends a row; throws sme::Error unless it has one cell per column.
    void addRow(std::vector<Cell> row);
    // The cells of one column, top to bottom; throws sme::Error for an unknown name.
    std::vector<Cell> column(const std::string& name) const;
};

// The one CSV writer: a header row, then one line per row, "\n" line ends, numbers in the
// shortest form that reads back to the same double (whole numbers below 2^53 in full: 100000,
// not 1e+05), empty cells as nothing between commas.
// Names and text cells containing a comma, quote or line break are quoted (RFC 4180).
void writeCsv(const Table& table, std::ostream& out);
std::string toCsv(const Table& table);

} // namespace sme
