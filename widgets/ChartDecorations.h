// The title and the legend of a chart, drawn by us as items of its scene: the title wraps over
// as many lines as the width needs and the legend flows into as many rows, so neither is elided.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <vector>

class QChart;
class QGraphicsItem;
class QGraphicsTextItem;
class LegendSwatch;

enum class ChartLegendPlacement { Top, Bottom, Hidden };

// Lives as a child of its chart. Qt's own title stays empty and Qt's legend is detached and
// never painted; the legend's visibility (QLegend::isVisible) still says whether the view wants
// a legend, and its markers what it holds: a hidden marker and an unnamed series are left out.
// The fonts and colours are the chart's (titleFont, titleBrush) and the legend's (font,
// labelColor), so a style that restyles Qt's title and legend restyles these.
class ChartDecorations : public QObject {
    Q_OBJECT
public:
    explicit ChartDecorations(QChart* chart);
    ~ChartDecorations() override;

    void setTitle(const QString& title); // empty: no title
    void setLegendPlacement(ChartLegendPlacement placement);

    // Lays the title and legend out for the chart's current width and reserves their height in
    // the chart's top (or bottom) margin, when what they show or the width changed since the
    // last time. Cannot loop: what it compares (width, texts, fonts, colours, swatches) is what
    // it reads, never what it writes (item positions, margins).
    void update();
    // The same, coalesced: at the next turn of the event loop.
    void scheduleUpdate();

    // The items, for tests: the title (null when none) and the legend's labels in order.
    const QGraphicsTextItem* titleItem() const;
    std::vector<const QGraphicsTextItem*> legendLabels() const;
    // Whether item is one of these (its title, a legend label or swatch).
    bool owns(const QGraphicsItem* item) const;

    // Room kept above the plot for labels drawn above a series' points (a marker's name).
    static constexpr qreal pointLabelRoom = 2.0;

    struct Entry; // what a legend entry shows

private:
    std::vector<Entry> entries() const;
    QString inputsKey(const std::vector<Entry>& shown) const;
    qreal layoutTitle(qreal top, qreal width);
    qreal layoutLegend(const std::vector<Entry>& shown, qreal top, qreal width, qreal besideButtonUntil);
    qreal pointLabelHeight() const;
    qreal axisLabelOverhang() const;

    QChart* chart_;
    QString title_;
    ChartLegendPlacement placement_ = ChartLegendPlacement::Top;
    QGraphicsTextItem* titleItem_;
    std::vector<QGraphicsTextItem*> labels_;
    std::vector<LegendSwatch*> swatches_;
    QString lastKey_;
    bool scheduled_ = false;
};

// The decorations of a chart made by ChartPanel (null for another chart); a style that changed
// fonts or colours calls update() on them.
ChartDecorations* decorationsOf(QChart* chart);
