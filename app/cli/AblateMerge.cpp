// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/AblateMerge.h"

#include "model/base/Error.h"
#include "model/training/Ablation.h"

#include <QStringList>
#include <charconv>
#include <optional>
#include <string>

namespace {

struct ReadRow {
    std::size_t cellIndex = 0;
    std::vector<sme::Cell> cells;
    QString where; // "FILE line L"
};

[[noreturn]] void refuse(const QString& where, const QString& problem)
{
    throw sme::Error((where + QStringLiteral(": ") + problem).toStdString());
}

double numberIn(const std::string& text, const QString& where, const std::string& column)
{
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size())
        refuse(where, QStringLiteral("%1 '%2' is not a number").arg(QString::fromStdString(column),
                                                                    QString::fromStdString(text)));
    return value;
}

ReadRow readRow(const QByteArray& line, const QString& where)
{
    const QList<QByteArray> fields = line.split(',');
    const std::vector<std::string>& columns = sme::ablationColumns();
    if (std::size_t(fields.size()) != columns.size())
        refuse(where, QStringLiteral("%1 cells for %2 columns").arg(fields.size()).arg(columns.size()));
    const std::optional<sme::SamplerKind> sampler = sme::samplerFromName(fields[0].toStdString());
    const std::optional<sme::LossKind> loss = sme::lossFromName(fields[1].toStdString());
    if (!sampler || !loss)
        refuse(where, QStringLiteral("unknown sampler or loss '%1,%2'")
                          .arg(QString::fromUtf8(fields[0]), QString::fromUtf8(fields[1])));
    ReadRow row{sme::ablationCellIndex(*sampler, *loss), {fields[0].toStdString(), fields[1].toStdString()}, where};
    for (std::size_t c = 2; c < columns.size(); ++c)
        row.cells.emplace_back(numberIn(fields[qsizetype(c)].toStdString(), where, columns[c]));
    return row;
}

// The rows of one file, after its header; CRLF line ends are read as LF.
std::vector<ReadRow> readShard(const AblationShardFile& file)
{
    QList<QByteArray> lines = QByteArray(file.content).replace("\r\n", "\n").split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    const QByteArray expected = QByteArray::fromStdString(sme::toCsv(sme::Table{sme::ablationColumns(), {}})).trimmed();
    if (lines.isEmpty() || lines.first() != expected)
        refuse(file.path, QStringLiteral("the header is '%1', not ablate's '%2' (a file of another "
                                         "command or version?)")
                              .arg(QString::fromUtf8(lines.value(0)), QString::fromUtf8(expected)));
    std::vector<ReadRow> rows;
    for (qsizetype l = 1; l < lines.size(); ++l)
        rows.push_back(readRow(lines[l], QStringLiteral("%1 line %2").arg(file.path).arg(l + 1)));
    return rows;
}

} // namespace

sme::Table mergeAblationShards(const std::vector<AblationShardFile>& files)
{
    std::vector<std::optional<ReadRow>> grid(sme::ablationCellCount);
    QStringList paths;
    for (const AblationShardFile& file : files) {
        paths << file.path;
        for (ReadRow& row : readShard(file)) {
            if (const std::optional<ReadRow>& earlier = grid[row.cellIndex])
                refuse(row.where, QStringLiteral("the cell %1 + %2 is also in %3: a shard given twice?")
                                      .arg(QString::fromStdString(row.cells[0].text()),
                                           QString::fromStdString(row.cells[1].text()), earlier->where));
            grid[row.cellIndex] = std::move(row);
        }
    }
    QStringList missing;
    sme::Table table{sme::ablationColumns(), {}};
    for (std::size_t index = 0; index < grid.size(); ++index) {
        if (grid[index])
            table.addRow(std::move(grid[index]->cells));
        else
            missing << QString::fromUtf8(sme::samplerName(sme::ablationSampler(index))) + QStringLiteral(" + ")
                    + QString::fromUtf8(sme::lossName(sme::ablationLoss(index)));
    }
    if (!missing.isEmpty())
        refuse(paths.join(QStringLiteral(", ")),
               QStringLiteral("%1 of %2 cells are in none of these files (%3): is a shard's file missing?")
                   .arg(missing.size()).arg(sme::ablationCellCount).arg(missing.join(QStringLiteral(", "))));
    return table;
}
