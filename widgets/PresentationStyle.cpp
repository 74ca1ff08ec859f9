// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/PresentationStyle.h"

#include "widgets/AxisTicks.h"
#include "widgets/ChartPanel.h"
#include "widgets/ChartViews.h"

#include <QAbstractAxis>
#include <QChart>
#include <QChartView>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QLegend>
#include <QScatterSeries>
#include <QXYSeries>
#include <typeinfo>

namespace {

// The normal value of a property, remembered on the object the first time it is seen.
template <class T>
T remembered(QObject* object, const char* name, const T& current)
{
    const QVariant saved = object->property(name);
    if (saved.isValid())
        return saved.value<T>();
    object->setProperty(name, QVariant::fromValue(current));
    return current;
}

QFont scaled(QFont font, bool presenting)
{
    if (presenting && font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * presentationFontScale);
    else if (presenting && font.pixelSize() > 0)
        font.setPixelSize(int(font.pixelSize() * presentationFontScale));
    if (presenting)
        font.setBold(true);
    return font;
}

// Text items a view put on its chart (annotations), each scaled from the font it had when first
// seen. The chart's own items (ChartDecorations', Qt's axis labels) follow the chart's fonts.
template <class TextItem>
void scaleText(TextItem* item, bool presenting)
{
    constexpr int normalFontKey = 0x534D; // QGraphicsItem::data: no properties on a simple text item
    if (!item->data(normalFontKey).isValid())
        item->setData(normalFontKey, item->font());
    item->setFont(scaled(item->data(normalFontKey).template value<QFont>(), presenting));
}

void scaleAnnotations(QChart* chart, bool presenting)
{
    const ChartDecorations* decorations = decorationsOf(chart);
    for (QGraphicsItem* item : chart->childItems()) {
        // Exactly these classes: Qt's own title is a subclass, styled through the chart's font.
        if (typeid(*item) == typeid(QGraphicsTextItem) && !(decorations && decorations->owns(item)))
            scaleText(static_cast<QGraphicsTextItem*>(item), presenting);
        else if (typeid(*item) == typeid(QGraphicsSimpleTextItem))
            scaleText(static_cast<QGraphicsSimpleTextItem*>(item), presenting);
    }
}

} // namespace

void applyPresentationStyle(QChart* chart, bool presenting)
{
    const QColor ink(Qt::black);
    chart->setTitleFont(scaled(remembered(chart, "smeTitleFont", chart->titleFont()), presenting));
    const QBrush titleBrush = remembered(chart, "smeTitleBrush", chart->titleBrush());
    chart->setTitleBrush(presenting ? QBrush(ink) : titleBrush);

    QLegend* legend = chart->legend();
    legend->setFont(scaled(remembered(legend, "smeFont", legend->font()), presenting));
    const QColor legendColor = remembered(legend, "smeLabelColor", legend->labelColor());
    legend->setLabelColor(presenting ? ink : legendColor);

    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsFont(scaled(remembered(axis, "smeLabelsFont", axis->labelsFont()), presenting));
        // The font before ChartPanel shrank a long title to fit: the fit is redone for the new one.
        axis->setTitleFont(scaled(remembered(axis, "smeTitleFont", axisBaseTitleFont(axis)), presenting));
        const QColor labels = remembered(axis, "smeLabelsColor", axis->labelsColor());
        const QBrush title = remembered(axis, "smeTitleBrush", axis->titleBrush());
        const QPen line = remembered(axis, "smeLinePen", axis->linePen());
        const QColor grid = remembered(axis, "smeGridColor", axis->gridLineColor());
        axis->setLabelsColor(presenting ? ink : labels);
        axis->setTitleBrush(presenting ? QBrush(ink) : title);
        QPen presentLine(ink, 2.0);
        presentLine.setCosmetic(true);
        axis->setLinePen(presenting ? presentLine : line);
        axis->setGridLineColor(presenting ? QColor(150, 150, 150) : grid);
    }

    for (QAbstractSeries* abstract : chart->series()) {
        auto* series = qobject_cast<QXYSeries*>(abstract);
        if (!series)
            continue;
        // A vertical marker's name, a line's label: drawn by the series.
        series->setPointLabelsFont(scaled(remembered(series, "smePointLabelsFont", series->pointLabelsFont()),
                                          presenting));
        if (auto* scatter = qobject_cast<QScatterSeries*>(series)) {
            const qreal size = remembered(scatter, "smeMarkerSize", scatter->markerSize());
            scatter->setMarkerSize(presenting ? size * 1.6 : size);
            continue;
        }
        QPen pen = series->pen();
        const qreal width = remembered(series, "smePenWidth", pen.widthF());
        pen.setWidthF(presenting ? width * presentationLineScale : width);
        series->setPen(pen);
    }
    scaleAnnotations(chart, presenting);
    ChartPanel::refitText(chart);
}

void applyPresentationStyle(QWidget* root, bool presenting)
{
    for (QChartView* view : chartViewsOf(*root))
        applyPresentationStyle(view->chart(), presenting);
}

void applyDarkTheme(QWidget* root)
{
    const QColor background(0x20, 0x22, 0x26), text(0xe8, 0xe8, 0xe8), grid(0x50, 0x53, 0x58);
    for (QChartView* view : chartViewsOf(*root)) {
        QChart* chart = view->chart();
        chart->setBackgroundBrush(background);
        chart->setTitleBrush(text);
        chart->legend()->setLabelColor(text);
        for (QAbstractAxis* axis : chart->axes()) {
            axis->setLabelsColor(text);
            axis->setTitleBrush(text);
            axis->setGridLineColor(grid);
            axis->setLinePenColor(grid);
        }
        view->setBackgroundBrush(background);
        ChartPanel::refitText(chart);
    }
}
