// ChartPanel: one chart set-up for every view (title, axes, lines, hover values).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ChartPanel.h"

#include "widgets/AxisTicks.h"

#include <QChart>
#include <QCursor>
#include <QGraphicsScene>
#include <QResizeEvent>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QToolTip>
#include <QValueAxis>
#include <array>
#include <cmath>

namespace {

QChart* titledChart(const QString& title)
{
    Q_UNUSED(title); // ChartDecorations draws it
    auto* chart = new QChart;
    chart->legend()->setShowToolTips(true);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

} // namespace

// The chart goes in through the constructor: QChartView(parent) would make a chart of its own,
// which setChart() then releases without deleting (it leaked, one per view).
ChartPanel::ChartPanel(const QString& title, QWidget* parent)
    : QChartView(titledChart(title), parent)
    , decorations_(new ChartDecorations(chart()))
    , title_(title)
{
    setRenderHint(QPainter::Antialiasing);
    // Three columns and the controls fit 1280 pixels; two charts stacked fit an export 360 high.
    setMinimumSize(240, 170);
    decorations_->setTitle(title);
    // Queued: the signal comes from inside the chart's layout pass, where new ticks (longer
    // labels) would invalidate the layout as it runs.
    connect(chart(), &QChart::plotAreaChanged, this, [this](const QRectF& area) {
        if (axisFollowUps_ < maxAxisFollowUps) {
            ++axisFollowUps_;
            fitAxes(area);
        }
        // A marker's name is a point label drawn above the plot, outside its series' bounds:
        // when the plot moves, only a whole repaint clears where it was.
        viewport()->update();
    }, Qt::QueuedConnection);
}

void ChartPanel::resizeEvent(QResizeEvent* event)
{
    const QSizeF before = chart()->size();
    const QRectF plotBefore = chart()->plotArea();
    QChartView::resizeEvent(event); // resizes the chart; ChartDecorations follows at once
    // Ticks for the new size before the chart is laid out (an export draws right after it):
    // the plot area keeps what the axes and decorations took around it at the old size.
    const QSizeF growth = chart()->size() - before;
    const QRectF estimate = plotBefore.isEmpty()
                                ? QRectF(QPointF(60, 60), chart()->size() - QSizeF(80, 120))
                                : plotBefore.adjusted(0, 0, growth.width(), growth.height());
    axisFollowUps_ = 0;
    fitAxes(estimate);
    decorations_->update();
    // And once the chart has been laid out at the new size, with its real plot area: an
    // estimate whose labels happen not to move the plot area would otherwise stay.
    QMetaObject::invokeMethod(this, [this] {
        if (axisFollowUps_ < maxAxisFollowUps) {
            ++axisFollowUps_;
            fitAxes(chart()->plotArea());
        }
    }, Qt::QueuedConnection);
}

void ChartPanel::fitAxes(const QRectF& plotArea)
{
    if (plotArea.width() <= 0 || plotArea.height() <= 0)
        return;
    for (QAbstractAxis* axis : chart()->axes())
        fitAxisText(axis, axis->orientation() == Qt::Horizontal ? plotArea.width() : plotArea.height());
}

void ChartPanel::fitNewRange(QAbstractAxis* axis)
{
    axisFollowUps_ = 0;
    const QRectF area = chart()->plotArea();
    if (area.width() > 0 && area.height() > 0)
        fitAxisText(axis, axis->orientation() == Qt::Horizontal ? area.width() : area.height());
}

void ChartPanel::refitText(QChart* chart)
{
    const QList<QGraphicsView*> views = chart && chart->scene() ? chart->scene()->views() : QList<QGraphicsView*>();
    auto* panel = views.isEmpty() ? nullptr : qobject_cast<ChartPanel*>(views.constFirst());
    if (!panel)
        return;
    panel->decorations_->update();
    panel->axisFollowUps_ = 0;
    panel->fitAxes(chart->plotArea());
}

QString ChartPanel::title() const
{
    return title_;
}

void ChartPanel::setTitle(const QString& title)
{
    title_ = title;
    decorations_->setTitle(titleVisible_ ? title : QString());
}

void ChartPanel::setTitleVisible(bool visible)
{
    titleVisible_ = visible;
    setTitle(title_);
}

void ChartPanel::setLegendPlacement(LegendPlacement placement)
{
    legendPlacement_ = placement;
    decorations_->setLegendPlacement(placement);
}

QValueAxis* ChartPanel::addValueAxis(Qt::Alignment alignment, const QString& title)
{
    auto* axis = new QValueAxis;
    axis->setTitleText(title);
    chart()->addAxis(axis, alignment);
    // A new range (the view's data) gets ticks for it at once; a new length comes with a
    // resize or a plot area change.
    connect(axis, &QValueAxis::rangeChanged, this, [this, axis] { fitNewRange(axis); });
    return axis;
}

QLogValueAxis* ChartPanel::addLogAxis(Qt::Alignment alignment, const QString& title)
{
    auto* axis = new QLogValueAxis;
    axis->setTitleText(title);
    axis->setLabelFormat(QStringLiteral("%.0e"));
    axis->setBase(10.0);
    chart()->addAxis(axis, alignment);
    connect(axis, &QLogValueAxis::rangeChanged, this, [this, axis] { fitNewRange(axis); });
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

