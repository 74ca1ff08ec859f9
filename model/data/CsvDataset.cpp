// The CSV data-set reader: header detection, per-cell checks with line and column.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/CsvDataset.h"

#include "model/base/Error.h"
#include "model/data/Gzip.h"
#include "model/data/ReaderMessages.h"
#include "model/data/TextFields.h"

#include <charconv>
#include <climits>
#include <cmath>
#include <optional>
#include <vector>

namespace sme {
namespace {

namespace msg = readermessages;

// Progress is reported every this many lines (a few hundred times a second).
constexpr int progressLines = 4096;

std::vector<std::string_view> cellsOf(std::string_view line)
{
    std::vector<std::string_view> cells;
    for (std::size_t start = 0;;) {
        const std::size_t comma = line.find(',', start);
        cells.push_back(trimmedField(line.substr(start, comma - start)));
        if (comma == std::string_view::npos)
            return cells;
        start = comma + 1;
    }
}

// Throws the error for the cell at line / column (both from 1).
class CellErrors {
public:
    explicit CellErrors(const std::string& sourceName) : prefix_(msg::prefixOf(sourceName)) {}
    [[noreturn]] void fail(int line, std::size_t column, Message problem) const
    {
        throw Error(Message(msg::cellAt, {prefix_, line, column, std::move(problem)}));
    }

private:
    Message prefix_;
};

float featureIn(std::string_view cell, int line, std::size_t column, const CellErrors& errors)
{
    float value = 0.0f;
    switch (floatIn(cell, value)) {
    case FloatField::value: return value;
    case FloatField::empty: errors.fail(line, column, Message(msg::cellEmpty));
    case FloatField::notNumber: errors.fail(line, column, Message(msg::cellNotNumber, {quotedField(cell)}));
    case FloatField::notANumber:
    case FloatField::infinite: errors.fail(line, column, Message(msg::cellNonFinite, {quotedField(cell)}));
    case FloatField::tooLargeForFloat: errors.fail(line, column, Message(msg::cellTooLarge, {quotedField(cell)}));
    }
    return value;
}

int labelIn(std::string_view cell, int line, std::size_t column, const CellErrors& errors)
{
    if (cell.empty())
        errors.fail(line, column, Message(msg::labelCellEmpty));
    int label = 0;
    const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), label);
    if (end == cell.data() + cell.size() && error == std::errc())
        return label;
    // Not a plain int: perhaps "3.0", "+3" or "1e2", or a real problem.
    const std::optional<double> value = numberIn(cell);
    if (!value)
        errors.fail(line, column, Message(msg::labelNotNumber, {quotedField(cell)}));
    if (!std::isfinite(*value) && spelledNonFinite(cell))
        errors.fail(line, column, Message(msg::labelNotFinite, {quotedField(cell)}));
    if (std::isfinite(*value) && std::floor(*value) != *value)
        errors.fail(line, column, Message(msg::labelNotInteger, {quotedField(cell)}));
    if (!(*value >= INT_MIN && *value <= INT_MAX))
        errors.fail(line, column, Message(msg::labelOutsideInt, {quotedField(cell)}));
    return int(*value);
}

} // namespace

Dataset parseCsvDataset(std::string_view text, const std::string& sourceName, const Progress& progress)
{
    const Message prefix = msg::prefixOf(sourceName);
    // The loader inflates gzip files (readDataFile): still gzip here is a file compressed twice.
    require(!text.starts_with("\x1f\x8b"), [&] { return Message(msg::gzipAsText, {prefix}); });
    if (text.starts_with("\xEF\xBB\xBF")) // a UTF-8 byte order mark, as spreadsheets write
        text.remove_prefix(3);
    const CellErrors errors(sourceName);

    std::vector<float> values; // row-major
    std::vector<int> labels;
    std::size_t columns = 0;   // of the first data row, or of the header
    int columnsLine = 0;       // the line that set columns
    bool header = false;
    bool anyLine = false;
    int lineNumber = 0;
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++lineNumber;
        if (lineNumber % progressLines == 0)
            reportProgress(progress, double(start) / double(text.size()));
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        if (trimmedField(line).empty())
            continue;
        const std::vector<std::string_view> cells = cellsOf(line);
        if (!anyLine) {
            anyLine = true;
            columns = cells.size();
            columnsLine = lineNumber;
            header = false;
            for (const std::string_view cell : cells)
                header = header || !numberIn(cell);
            require(columns >= 2, [&] { return Message(msg::csvOneColumn, {prefix, lineNumber}); });
            if (header)
                continue;
        }
        if (header && labels.empty())
            require(cells.size() == columns, [&] {
                return Message(msg::csvHeaderColumns, {prefix, columnsLine, columns, lineNumber, cells.size()});
            });
        require(cells.size() == columns, [&] {
            return Message(msg::csvLineColumns, {prefix, lineNumber, cells.size(), columns, columnsLine});
        });
        require(values.size() + columns - 1 <= std::size_t(maxDatasetValues),
                [&] { return Message(msg::csvTooManyValues, {prefix, maxDatasetValues}); });
        for (std::size_t c = 0; c + 1 < columns; ++c)
            values.push_back(featureIn(cells[c], lineNumber, c + 1, errors));
        labels.push_back(labelIn(cells.back(), lineNumber, columns, errors));
    }
    require(anyLine, [&] { return Message(msg::emptyFile, {prefix}); });
    require(!labels.empty(), [&] { return Message(msg::noDataRowsAfterHeader, {prefix}); });

    Dataset data;
    data.name = sourceName;
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    data.features = Eigen::Map<const RowMajor>(values.data(), Eigen::Index(labels.size()),
                                               Eigen::Index(columns - 1));
    data.labels = std::move(labels);
    data.validate();
    reportProgress(progress, 1.0);
    return data;
}

Dataset loadCsvDataset(const std::string& path, const Progress& progress)
{
    // Parsing text takes several times longer than reading and inflating it.
    const std::vector<unsigned char> bytes = readDataFile(path, progressPart(progress, 0.0, 0.2));
    return parseCsvDataset(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                           fileNameOf(path), progressPart(progress, 0.2, 1.0));
}

} // namespace sme
