// ChartPanel: one chart set-up for every view (title, axes, lines, hover values).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ChartPanel.h"

#include <QChart>
#include <QCursor>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QToolTip>
#include <QValueAxis>
#include <array>
#include <cmath>

namespace {

QChart* titledChart(const QString& title)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignTop);
    chart->legend()->setShowToolTips(true); // a label elided in a narrow view shows in full
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

} // namespace

// The chart goes in through the constructor: QChartView(parent) would make a chart of its own,
// which setChart() then releases without deleting (it leaked, one per view).
ChartPanel::ChartPanel(const QString& title, QWidget* parent)
    : QChartView(titledChart(title), parent)
    , title_(title)
{
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(200, 180); // below ViewGrid::narrowestCell, so a narrowing grid can drop a column
}

QString ChartPanel::title() const
{
    return title_;
}

void ChartPanel::setTitle(const QString& title)
{
    title_ = title;
    chart()->setTitle(titleVisible_ ? title : QString());
}

void ChartPanel::setTitleVisible(bool visible)
{
    titleVisible_ = visible;
    setTitle(title_);
}

void ChartPanel::setLegendPlacement(LegendPlacement placement)
{
    legendPlacement_ = placement;
    chart()->legend()->setVisible(placement != LegendPlacement::Hidden);
    chart()->legend()->setAlignment(placement == LegendPlacement::Bottom ? Qt::AlignBottom : Qt::AlignTop);
}

QValueAxis* ChartPanel::addValueAxis(Qt::Alignment alignment, const QString& title)
{
    auto* axis = new QValueAxis;
    axis->setTitleText(title);
    axis->setLabelFormat(QStringLiteral("%.3g"));
    chart()->addAxis(axis, alignment);
    return axis;
}

QLogValueAxis* ChartPanel::addLogAxis(Qt::Alignment alignment, const QString& title)
{
    auto* axis = new QLogValueAxis;
    axis->setTitleText(title);
    axis->setLabelFormat(QStringLiteral("%.0e"));
    axis->setBase(10.0);
    chart()->addAxis(axis, alignment);
    return axis;
}

QLineSeries* ChartPanel::addLine(const QString& name, const QColor& color, qreal width,
                                 QAbstractAxis* x, QAbstractAxis* y, Qt::PenStyle style)
{
    auto* series = new QLineSeries;
    series->setName(name);
    QPen pen(color, width, style);
    pen.setCosmetic(true);
    series->setPen(pen);
    chart()->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    enableHover(series);
    return series;
}

void ChartPanel::enableHover(QXYSeries* series)
{
    connect(series, &QXYSeries::hovered, this, [series](const QPointF& point, bool state) {
        if (!state) {
            QToolTip::hideText();
            return;
        }
        QToolTip::showText(QCursor::pos(), QStringLiteral("%1\nx = %2\ny = %3")
                                               .arg(series->name())
                                               .arg(point.x(), 0, 'g', 4)
                                               .arg(point.y(), 0, 'g', 4));
    });
}

void ChartPanel::setPoints(QXYSeries* series, const std::vector<double>& x,
                           const std::vector<double>& y, bool positiveOnly)
{
    QList<QPointF> points;
    points.reserve(qsizetype(std::min(x.size(), y.size())));
    for (std::size_t i = 0; i < x.size() && i < y.size(); ++i)
        if (std::isfinite(x[i]) && std::isfinite(y[i]) && (!positiveOnly || y[i] > 0.0))
            points.append(QPointF(x[i], y[i]));
    series->replace(points);
}

void ChartPanel::setRange(QValueAxis* axis, double minimum, double maximum)
{
    if (!(minimum < maximum) || !std::isfinite(minimum) || !std::isfinite(maximum))
        return;
    if (axis->min() != minimum || axis->max() != maximum)
        axis->setRange(minimum, maximum);
}

void ChartPanel::setRange(QLogValueAxis* axis, double minimum, double maximum)
{
    if (!(minimum > 0.0 && minimum < maximum) || !std::isfinite(maximum))
        return;
    if (axis->min() != minimum || axis->max() != maximum)
        axis->setRange(minimum, maximum);
}

QColor samplerColor(int samplerKind)
{
    // uniform, hard, semi-hard, distance weighted: colour-blind safe (Okabe-Ito).
    static const std::array<QColor, 4> colors{QColor(0x99, 0x99, 0x99), QColor(0xD5, 0x5E, 0x00),
                                              QColor(0xE6, 0x9F, 0x00), QColor(0x00, 0x72, 0xB2)};
    return colors[std::size_t(samplerKind) % colors.size()];
}

QColor lossColor(int lossKind)
{
    // contrastive, triplet squared, triplet, margin.
    static const std::array<QColor, 4> colors{QColor(0x00, 0x9E, 0x73), QColor(0xCC, 0x79, 0xA7),
                                              QColor(0x56, 0xB4, 0xE9), QColor(0x00, 0x72, 0xB2)};
    return colors[std::size_t(lossKind) % colors.size()];
}

QColor classColor(int index)
{
    // Evenly spread hues, alternating lightness so neighbours differ.
    const int hue = (index * 137) % 360; // golden angle
    return QColor::fromHsv(hue, 200, index % 2 ? 170 : 230);
}

QColor faded(const QColor& color, double amount)
{
    const QColor background(Qt::white);
    return QColor::fromRgbF(float(color.redF() + (background.redF() - color.redF()) * amount),
                            float(color.greenF() + (background.greenF() - color.greenF()) * amount),
                            float(color.blueF() + (background.blueF() - color.blueF()) * amount));
}

