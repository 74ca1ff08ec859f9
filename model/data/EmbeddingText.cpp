// Reading embeddings from text: lines and fields split in place (views, no copies), numbers by
// floatIn, checks that name the line and the value at fault.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/EmbeddingText.h"

#include "model/base/Error.h"
#include "model/data/Dataset.h"
#include "model/data/ReaderMessages.h"
#include "model/data/TextFields.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>
#include <optional>

namespace sme {
namespace {

namespace msg = readermessages;

// Progress is reported every this many lines.
constexpr std::size_t progressRows = 4096;

// A header name or a label: trimmed, and without one pair of double quotes around it.
std::string_view unquoted(std::string_view field)
{
    field = trimmedField(field);
    if (field.size() >= 2 && field.front() == '"' && field.back() == '"')
        field = field.substr(1, field.size() - 2);
    return field;
}

std::vector<std::string_view> fieldsOf(std::string_view line, char separator)
{
    std::vector<std::string_view> fields;
    for (std::size_t start = 0;;) {
        const std::size_t end = line.find(separator, start);
        fields.push_back(trimmedField(line.substr(start, end - start)));
        if (end == std::string_view::npos)
            return fields;
        start = end + 1;
    }
}

std::string columnList(const std::vector<std::string_view>& names)
{
    std::string list;
    for (const std::string_view name : names)
        list += (list.empty() ? "'" : ", '") + std::string(unquoted(name)) + "'";
    return list;
}

// The index of the column called name among the header's names, or a message listing them.
std::size_t columnNamed(const std::vector<std::string_view>& names, const std::string& name, const Message& prefix)
{
    for (std::size_t c = 0; c < names.size(); ++c)
        if (unquoted(names[c]) == name)
            return c;
    throw Error(Message(msg::noColumn, {prefix, name, columnList(names)}));
}

bool allNumbers(std::span<const std::string_view> fields)
{
    return std::all_of(fields.begin(), fields.end(), [](std::string_view field) { return numberIn(field).has_value(); });
}

// Whether a CSV's first line is a header (EmbeddingText.h says when).
bool csvHasHeader(const std::vector<std::string_view>& lines, bool ownLabels)
{
    const std::vector<std::string_view> first = fieldsOf(lines[0], ',');
    if (!ownLabels)
        return !allNumbers(first);
    if (!allNumbers(std::span(first).first(first.size() - 1)))
        return true;
    if (numberIn(first.back()) || lines.size() < 2)
        return false;
    return numberIn(fieldsOf(lines[1], ',').back()).has_value();
}

// The message for a field (where: its line and place) that is not a usable float.
Message floatProblem(FloatField found, Message where, std::string_view field)
{
    switch (found) {
    case FloatField::empty: return Message(msg::fieldEmpty, {std::move(where)});
    case FloatField::notNumber: return Message(msg::fieldNotNumber, {std::move(where), quotedField(field)});
    case FloatField::notANumber: return Message(msg::fieldNaN, {std::move(where)});
    case FloatField::infinite: return Message(msg::fieldInfinite, {std::move(where), quotedField(field)});
    case FloatField::tooLargeForFloat: return Message(msg::fieldTooLarge, {std::move(where), quotedField(field)});
    case FloatField::value: break;
    }
    return where;
}

// How one file lays out its rows: the separator, the columns, which one is the label.
struct Layout {
    char separator = '\t';
    std::size_t columns = 0;
    std::size_t labelColumn = std::string_view::npos; // npos: none
    MessagePattern at = msg::atValue;                // a field: its value (TSV) or column (CSV)
    MessagePattern count = msg::lineHasValues;        // a line of another length
    Message prefix{msg::dataSetPrefix};
};

// One line's fields into its row of values and its label; throws naming the line and the field.
void parseRow(std::string_view line, std::size_t lineNumber, const Layout& layout, float* row,
              std::vector<std::string_view>& labels)
{
    require(!trimmedField(line).empty(), [&] { return Message(msg::lineIsEmpty, {layout.prefix, lineNumber}); });
    // The count first: a row of another length is refused as such, not by a field in the wrong place.
    const auto fields = std::size_t(std::count(line.begin(), line.end(), layout.separator)) + 1;
    require(fields == layout.columns,
            [&] { return Message(layout.count, {layout.prefix, lineNumber, fields, layout.columns}); });
    for (std::size_t start = 0, field = 0; field < fields; ++field) {
        const std::size_t end = std::min(line.find(layout.separator, start), line.size());
        const std::string_view text = trimmedField(line.substr(start, end - start));
        start = end + 1;
        const auto where = [&] { return Message(layout.at, {layout.prefix, lineNumber, field + 1}); };
        if (field == layout.labelColumn) {
            labels.push_back(unquoted(text));
            require(!labels.back().empty(), [&] { return Message(msg::emptyLabelAt, {where()}); });
            continue;
        }
        const FloatField found = floatIn(text, *row++);
        if (found != FloatField::value) {
            Message problem = floatProblem(found, where(), text);
            if (lineNumber == 1 && layout.separator == '\t')
                throw Error(Message(msg::projectorHasNoHeader, {std::move(problem)}));
            throw Error(std::move(problem));
        }
    }
}

} // namespace

std::vector<std::string_view> textLines(std::string_view text, const std::string& name)
{
    require(!text.starts_with("\x1f\x8b"), [&] { return Message(msg::gzipAsText, {msg::prefixOf(name)}); });
    if (text.starts_with("\xEF\xBB\xBF")) // a UTF-8 byte order mark, as spreadsheets write
        text.remove_prefix(3);
    std::vector<std::string_view> lines;
    lines.reserve(std::size_t(std::count(text.begin(), text.end(), '\n')) + 1);
    for (std::size_t start = 0; start < text.size();) {
        const void* newline = std::memchr(text.data() + start, '\n', text.size() - start);
        const std::size_t end = newline ? std::size_t(static_cast<const char*>(newline) - text.data()) : text.size();
        std::string_view line = text.substr(start, end - start);
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    while (!lines.empty() && trimmedField(lines.back()).empty())
        lines.pop_back();
    return lines;
}

EmbeddingTable parseEmbeddingText(std::string_view text, EmbeddingTextFormat format, bool ownLabels,
                                  const std::string& labelColumn, const std::string& name, const Progress& progress)
{
    const bool csv = format == EmbeddingTextFormat::csv;
    ownLabels = ownLabels && csv;
    Layout layout;
    layout.prefix = msg::prefixOf(name);
    const std::vector<std::string_view> lines = textLines(text, name);
    require(!lines.empty(), [&] { return Message(msg::emptyFile, {layout.prefix}); });
    const std::vector<std::string_view> first = fieldsOf(lines[0], csv ? ',' : '\t');
    const bool named = ownLabels && !labelColumn.empty();
    const bool header = csv && (named || csvHasHeader(lines, ownLabels));
    require(!named || !allNumbers(first), [&] { return Message(msg::noHeaderForColumn, {layout.prefix, labelColumn}); });
    if (csv) {
        layout.separator = ',';
        layout.at = msg::atColumn;
        layout.count = msg::lineHasColumns;
    }
    layout.columns = first.size();
    if (ownLabels)
        layout.labelColumn = named ? columnNamed(first, labelColumn, layout.prefix) : first.size() - 1;

    EmbeddingTable table;
    table.firstLine = header ? 2 : 1;
    const std::size_t rows = lines.size() - (header ? 1 : 0);
    const std::size_t dimension = layout.columns - (ownLabels ? 1 : 0);
    require(rows > 0, [&] { return Message(msg::noDataRowsAfterHeader, {layout.prefix}); });
    require(dimension == 0 || rows <= std::size_t(maxDatasetValues) / dimension,
            [&] { return Message(msg::tooManyValues, {layout.prefix, rows, dimension, maxDatasetValues}); });
    using RowMajor = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    RowMajor values(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(dimension));
    preferHugePages(values.data(), std::size_t(values.size()) * sizeof(float));
    if (ownLabels)
        table.labels.reserve(rows);
    for (std::size_t r = 0; r < rows; ++r) {
        if (r % progressRows == 0)
            reportProgress(progress, 0.9 * double(r) / double(rows));
        parseRow(lines[r + (header ? 1 : 0)], r + std::size_t(table.firstLine), layout, values.row(Eigen::Index(r)).data(),
                 table.labels);
    }
    table.points.resize(values.rows(), values.cols());
    preferHugePages(table.points.data(), std::size_t(values.size()) * sizeof(float));
    table.points = values; // column-major, as Dataset keeps its features
    reportProgress(progress, 1.0);
    return table;
}

std::vector<std::string_view> parseProjectorMetadata(std::string_view text, const std::string& labelColumn,
                                                     const std::string& name)
{
    const Message prefix = msg::prefixOf(name);
    const std::vector<std::string_view> lines = textLines(text, name);
    require(!lines.empty(), [&] { return Message(msg::emptyFile, {prefix}); });
    const bool header = lines[0].find('\t') != std::string_view::npos;
    std::size_t column = 0;
    std::size_t columns = 1;
    if (header) {
        const std::vector<std::string_view> names = fieldsOf(lines[0], '\t');
        columns = names.size();
        if (!labelColumn.empty())
            column = columnNamed(names, labelColumn, prefix);
        else {
            const auto isLabel = [](std::string_view n) {
                n = unquoted(n);
                return n.size() == 5 && std::equal(n.begin(), n.end(), "label", [](char a, char b) {
                           return std::tolower(static_cast<unsigned char>(a)) == b;
                       });
            };
            const auto found = std::find_if(names.begin(), names.end(), isLabel);
            require(found != names.end(), [&] { return Message(msg::noLabelColumn, {prefix, columns, columnList(names)}); });
            column = std::size_t(found - names.begin());
        }
    } else {
        require(labelColumn.empty(), [&] { return Message(msg::oneColumnNamed, {prefix, labelColumn}); });
    }
    std::vector<std::string_view> labels;
    labels.reserve(lines.size());
    for (std::size_t l = header ? 1 : 0; l < lines.size(); ++l) {
        if (header) {
            const std::vector<std::string_view> fields = fieldsOf(lines[l], '\t');
            require(fields.size() == columns, [&] {
                return Message(fields.size() == 1 ? msg::lineHasField : msg::lineHasFields,
                               {prefix, l + 1, fields.size(), columns});
            });
            labels.push_back(unquoted(fields[column]));
        } else
            labels.push_back(unquoted(lines[l]));
        require(!labels.back().empty(), [&] { return Message(msg::lineEmptyLabel, {prefix, l + 1}); });
    }
    return labels;
}

LabelClasses classesOfLabels(std::span<const std::string_view> texts)
{
    LabelClasses classes;
    classes.labels.reserve(texts.size());
    for (const std::string_view text : texts) {
        int label = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), label);
        if (!text.empty() && end == text.data() + text.size() && error == std::errc()) {
            classes.labels.push_back(label);
            continue;
        }
        const std::optional<double> value = numberIn(text);
        if (!value || std::floor(*value) != *value || !(*value >= INT_MIN && *value <= INT_MAX))
            break;
        classes.labels.push_back(int(*value));
    }
    if (classes.labels.size() == texts.size())
        return classes;
    // Some label is text: all are numbered in sorted order, so the numbers do not depend on the
    // order of the rows.
    std::vector<std::string_view> distinct(texts.begin(), texts.end());
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    classes.labels.clear();
    for (const std::string_view text : texts)
        classes.labels.push_back(int(std::lower_bound(distinct.begin(), distinct.end(), text) - distinct.begin()));
    for (std::size_t c = 0; c < distinct.size(); ++c)
        classes.classNames.emplace(int(c), std::string(distinct[c]));
    return classes;
}

} // namespace sme
