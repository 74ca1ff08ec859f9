// The base of every chart view: one chart set-up (theme, axes, legend, hover values), so no
// view copies it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/ChartDecorations.h"

#include <QChartView>
#include <QColor>
#include <vector>

class QAbstractAxis;
class QLineSeries;
class QLogValueAxis;
class QValueAxis;
class QXYSeries;

class ChartPanel : public QChartView {
    Q_OBJECT
public:
    explicit ChartPanel(const QString& title, QWidget* parent = nullptr);

    // The chart's title as shown (for tests and exports). Views set it through setTitle, never
    // through the chart: the panel draws it itself (ChartDecorations), wrapped, never elided.
    QString title() const;
    void setTitle(const QString& title);

    // Where the legend goes (exports offer the choice), and whether the title shows (an export
    // can leave it to the caption).
    using LegendPlacement = ChartLegendPlacement;
    void setLegendPlacement(LegendPlacement placement);
    LegendPlacement legendPlacement() const { return legendPlacement_; }
    void setTitleVisible(bool visible);
    bool titleVisible() const { return titleVisible_; }
    const ChartDecorations* decorations() const { return decorations_; }

    // Lays the title, legend, ticks and axis titles out again at once, for a style that has
    // just changed their fonts (PresentationStyle); a no-op for a chart not in a ChartPanel.
    static void refitText(QChart* chart);

protected:
    void resizeEvent(QResizeEvent* event) override;

    QValueAxis* addValueAxis(Qt::Alignment alignment, const QString& title);
    QLogValueAxis* addLogAxis(Qt::Alignment alignment, const QString& title);
    // A line series attached to both axes, with hover values.
    QLineSeries* addLine(const QString& name, const QColor& color, qreal width,
                         QAbstractAxis* x, QAbstractAxis* y, Qt::PenStyle style = Qt::SolidLine);
    // Shows "series: x = ..., y = ..." near the cursor while a point of series is hovered.
    void enableHover(QXYSeries* series);
    // Replaces all points at once (QXYSeries::append point by point is quadratic in Qt 6.4).
    // On a log axis, non-positive y values are left out.
    static void setPoints(QXYSeries* series, const std::vector<double>& x,
                          const std::vector<double>& y, bool positiveOnly = false);
    // Moves an axis only when the range really changes (no relayout otherwise).
    static void setRange(QValueAxis* axis, double minimum, double maximum);
    static void setRange(QLogValueAxis* axis, double minimum, double maximum);
    // An axis given a new range or title: its ticks and title fitted to its length now.
    void fitNewRange(QAbstractAxis* axis);

private:
    // Fits every axis' ticks and title to its length in the plot area (AxisTicks.h).
    void fitAxes(const QRectF& plotArea);
    // Fitting changes labels, which move the plot area, which asks for a fit: each outside cause
    // (a resize, a new range, a style) allows maxAxisFollowUps fits after plot area changes.
    static constexpr int maxAxisFollowUps = 2;
    int axisFollowUps_ = 0;

    ChartDecorations* decorations_;
    QString title_;
    LegendPlacement legendPlacement_ = LegendPlacement::Top;
    bool titleVisible_ = true;
};

// One colour per sampler and per loss, the same in every view; a palette for classes.
QColor samplerColor(int samplerKind);
QColor lossColor(int lossKind);
QColor classColor(int index);
// A colour faded towards the background, for reference curves and previous runs.
QColor faded(const QColor& color, double amount = 0.65);
