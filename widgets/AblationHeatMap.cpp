// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/AblationHeatMap.h"

#include "widgets/LossLabel.h"
#include "widgets/SamplerLabel.h"

#include <QLinearGradient>
#include <QPaintEvent>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace {

// Five stops of matplotlib's viridis: ordered in lightness and readable in grey and by the
// colour-blind, so a better cell is always lighter.
const std::array<QColor, 5> viridis{QColor(0x44, 0x01, 0x54), QColor(0x3b, 0x52, 0x8b), QColor(0x21, 0x91, 0x8c),
                                    QColor(0x5e, 0xc9, 0x62), QColor(0xfd, 0xe7, 0x25)};

QColor textColorOn(const QColor& background)
{
    return background.lightnessF() < 0.55 ? Qt::white : Qt::black;
}

} // namespace

struct AblationHeatMap::Layout {
    QRectF title;
    QRectF grid;          // the cells
    double rowLabelWidth; // left of the grid
    QRectF scale;         // the colour bar under the grid
};

AblationHeatMap::AblationHeatMap(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("AblationHeatMap"));
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void AblationHeatMap::clear()
{
    cells_ = {};
    update();
}

void AblationHeatMap::setCell(const sme::AblationCell& cell)
{
    cells_[sme::ablationCellIndex(cell.sampler, cell.loss)] = cell;
    update();
}

void AblationHeatMap::setResult(const sme::AblationResult& result)
{
    cells_ = {};
    for (const sme::AblationCell& cell : result.cells)
        setCell(cell);
}

bool AblationHeatMap::isFilled(sme::SamplerKind sampler, sme::LossKind loss) const
{
    return cells_[sme::ablationCellIndex(sampler, loss)].has_value();
}

QString AblationHeatMap::cellText(sme::SamplerKind sampler, sme::LossKind loss) const
{
    const std::optional<sme::AblationCell>& cell = cells_[sme::ablationCellIndex(sampler, loss)];
    if (!cell)
        return {};
    QString text = QStringLiteral("%1 \u00b1 %2").arg(cell->recallAt1, 0, 'f', 3).arg(cell->recallAt1Sd, 0, 'f', 3);
    if (cell->collapsed > 0)
        text += QLatin1Char('\n') + tr("collapsed (%1 of %2)").arg(cell->collapsed).arg(cell->runs.size());
    return text;
}

QColor AblationHeatMap::recallColor(double recall)
{
    const double at = std::clamp(std::isfinite(recall) ? recall : 0.0, 0.0, 1.0) * double(viridis.size() - 1);
    const std::size_t below = std::min(std::size_t(at), viridis.size() - 2);
    const double t = at - double(below);
    const QColor& a = viridis[below];
    const QColor& b = viridis[below + 1];
    return QColor::fromRgbF(float(a.redF() + t * (b.redF() - a.redF())), float(a.greenF() + t * (b.greenF() - a.greenF())),
                            float(a.blueF() + t * (b.blueF() - a.blueF())));
}

AblationHeatMap::Layout AblationHeatMap::layout() const
{
    const QFontMetricsF metrics(font());
    double labelWidth = 0.0;
    for (sme::SamplerKind kind : sme::allSamplerKinds)
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(samplerLabel(kind)));
    const double line = metrics.height();
    const QRectF area = QRectF(rect()).adjusted(8, 6, -8, -6);
    Layout at;
    at.rowLabelWidth = labelWidth + 12;
    at.title = QRectF(area.left(), area.top(), area.width(), line * 1.4);
    const double top = at.title.bottom() + line * 1.6; // the losses' names above the cells
    const double scaleHeight = line * 2.6;
    at.grid = QRectF(area.left() + at.rowLabelWidth, top, area.width() - at.rowLabelWidth,
                     std::max(line * 4, area.bottom() - top - scaleHeight));
    at.scale = QRectF(at.grid.left(), at.grid.bottom() + line * 0.6, at.grid.width(), line * 0.8);
    return at;
}

void AblationHeatMap::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    painter.setRenderHint(QPainter::Antialiasing);
    const Layout at = layout();
    paintLabels(painter, at);
    const double width = at.grid.width() / double(sme::allLossKinds.size());
    const double height = at.grid.height() / double(sme::allSamplerKinds.size());
    for (std::size_t index = 0; index < sme::ablationCellCount; ++index) {
        const double row = double(index / sme::allLossKinds.size()), column = double(index % sme::allLossKinds.size());
        paintCell(painter, QRectF(at.grid.left() + column * width, at.grid.top() + row * height, width, height)
                               .adjusted(1, 1, -1, -1), index);
    }
    paintScale(painter, at);
}

void AblationHeatMap::paintLabels(QPainter& painter, const Layout& at) const
{
    painter.setPen(palette().windowText().color());
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.drawText(at.title, Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Recall@1 on the held-out classes, mean \u00b1 sd over the seeds"));
    painter.setFont(font());
    const double width = at.grid.width() / double(sme::allLossKinds.size());
    const double height = at.grid.height() / double(sme::allSamplerKinds.size());
    for (std::size_t column = 0; column < sme::allLossKinds.size(); ++column)
        painter.drawText(QRectF(at.grid.left() + double(column) * width, at.title.bottom(), width,
                                at.grid.top() - at.title.bottom()),
                         Qt::AlignCenter, lossLabel(sme::allLossKinds[column]));
    for (std::size_t row = 0; row < sme::allSamplerKinds.size(); ++row)
        painter.drawText(QRectF(at.grid.left() - at.rowLabelWidth, at.grid.top() + double(row) * height,
                                at.rowLabelWidth - 8, height),
                         Qt::AlignRight | Qt::AlignVCenter, samplerLabel(sme::allSamplerKinds[row]));
}

// A finished cell in its colour with its text; a collapsed one hatched as well, its text on a
// plain patch so the hatch does not cross it; a waiting one grey.
void AblationHeatMap::paintCell(QPainter& painter, const QRectF& rect, std::size_t index) const
{
    const std::optional<sme::AblationCell>& cell = cells_[index];
    if (!cell) {
        painter.fillRect(rect, palette().midlight());
        return;
    }
    const QColor fill = recallColor(cell->recallAt1);
    painter.fillRect(rect, fill);
    const QString text = cellText(cell->sampler, cell->loss);
    const QFontMetricsF metrics(font());
    const QRectF textRect = metrics.boundingRect(rect, Qt::AlignCenter, text).adjusted(-4, -2, 4, 2);
    if (cell->collapsed > 0) {
        painter.fillRect(rect, QBrush(textColorOn(fill), Qt::BDiagPattern));
        painter.fillRect(textRect, fill);
    }
    painter.setPen(textColorOn(fill));
    painter.drawText(rect, Qt::AlignCenter, text);
}

// The colour bar under the left of the grid, and beside it what a hatched cell means.
void AblationHeatMap::paintScale(QPainter& painter, const Layout& at) const
{
    const QRectF bar(at.scale.left(), at.scale.top(), at.scale.width() * 0.55, at.scale.height());
    QLinearGradient gradient(bar.topLeft(), bar.topRight());
    for (std::size_t stop = 0; stop < viridis.size(); ++stop)
        gradient.setColorAt(double(stop) / double(viridis.size() - 1), viridis[stop]);
    painter.fillRect(bar, gradient);
    painter.setPen(palette().windowText().color());
    const QFontMetricsF metrics(font());
    const QRectF labels(bar.left(), bar.bottom(), bar.width(), metrics.height() * 1.2);
    painter.drawText(labels, Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("0"));
    painter.drawText(labels, Qt::AlignHCenter | Qt::AlignVCenter, tr("Recall@1"));
    painter.drawText(labels, Qt::AlignRight | Qt::AlignVCenter, QStringLiteral("1"));
    const QRectF swatch(bar.right() + 3 * bar.height(), bar.top(), 2 * bar.height(), bar.height() + labels.height());
    painter.fillRect(swatch, viridis[2]);
    painter.fillRect(swatch, QBrush(Qt::white, Qt::BDiagPattern));
    painter.drawText(QRectF(swatch.right() + 6, swatch.top(), at.scale.right() - swatch.right() - 6, swatch.height()),
                     Qt::AlignLeft | Qt::AlignVCenter, tr("hatched: some seeds ended collapsed"));
}
