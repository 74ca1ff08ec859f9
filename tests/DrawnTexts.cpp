// Every text a chart view or window draws, where, and what is wrong with it (tst_textfit).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DrawnTexts.h"

#include "widgets/ChartPanel.h"
#include "widgets/ChartViews.h"

#include <QAbstractButton>
#include <QChart>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QGroupBox>
#include <QLabel>
#include <QTextDocument>
#include <QXYSeries>

namespace textfit {

bool elided(const QString& text)
{
    return text.contains(QChar(0x2026)) || text.contains(QChar(0x22EE)) || text.contains(QStringLiteral("..."));
}

namespace {

// The labels a series draws above its points (a vertical marker's name), as Qt Charts places
// them: centred on the point, their baseline half the pen's width and 2 pixels above it.
QList<DrawnText> pointLabels(QChartView* view, QXYSeries* series)
{
    QList<DrawnText> drawn;
    const QString format = series->pointLabelsFormat();
    if (!series->isVisible() || !series->pointLabelsVisible() || format.contains(QLatin1Char('@')))
        return drawn;
    const QFontMetricsF metrics(series->pointLabelsFont());
    const qreal offset = series->pen().widthF() / 2 + 2;
    const QList<QPointF> points = series->points();
    for (int i = 0; i < points.size(); ++i) {
        const QVariant shown = series->pointConfiguration(i).value(QXYSeries::PointConfiguration::LabelVisibility);
        if (shown.isValid() && !shown.toBool())
            continue;
        const QPointF at = view->chart()->mapToScene(view->chart()->mapToPosition(points[i], series));
        const qreal width = metrics.horizontalAdvance(format);
        const QRectF scene(at.x() - width / 2, at.y() - offset - metrics.ascent(), width, metrics.height());
        const QRectF rect = view->mapFromScene(scene).boundingRect();
        const QRectF plot = view->mapFromScene(view->chart()->mapToScene(view->chart()->plotArea())).boundingRect();
        // Clipped to the plot (Qt's option): a label reaching out of it is cut.
        drawn.append({series->pointLabelsClipping() && !plot.adjusted(-1, -1, 1, 1).contains(rect)
                          ? format + QStringLiteral(" (clipped by the plot)\u2026") : format, rect});
    }
    return drawn;
}

} // namespace

QList<DrawnText> drawnTexts(QChartView* view)
{
    QList<DrawnText> drawn;
    for (QGraphicsItem* item : view->scene()->items()) {
        // Qt's own legend is kept (views hide markers through it) but transparent: not drawn.
        if (!item->isVisible() || item->effectiveOpacity() < 0.01)
            continue;
        QString text;
        QRectF glyphs = item->boundingRect();
        if (const auto* rich = dynamic_cast<const QGraphicsTextItem*>(item)) {
            text = rich->toPlainText();
            // Qt Charts' text items keep a margin of a few pixels around the text: not drawn.
            const qreal margin = rich->document()->documentMargin();
            glyphs.adjust(margin, margin, -margin, -margin);
        } else if (const auto* simple = dynamic_cast<const QGraphicsSimpleTextItem*>(item)) {
            text = simple->text();
        }
        if (text.trimmed().isEmpty())
            continue;
        drawn.append({text, view->mapFromScene(item->mapToScene(glyphs)).boundingRect()});
    }
    for (QAbstractSeries* series : view->chart()->series())
        if (auto* xy = qobject_cast<QXYSeries*>(series))
            drawn += pointLabels(view, xy);
    return drawn;
}

// The problems of one chart view: elided text, text outside the view, overlapping texts.
QStringList chartProblems(QChartView* view)
{
    QStringList problems;
    const QRectF visible = QRectF(view->viewport()->rect()).adjusted(-1, -1, 1, 1);
    const QList<DrawnText> drawn = drawnTexts(view);
    for (const DrawnText& text : drawn) {
        if (elided(text.text))
            problems << QStringLiteral("elided \"%1\"").arg(text.text);
        if (!visible.contains(text.rect))
            problems << QStringLiteral("\"%1\" outside the view (%2,%3 %4x%5 in %6x%7)")
                            .arg(text.text).arg(text.rect.x()).arg(text.rect.y()).arg(text.rect.width())
                            .arg(text.rect.height()).arg(view->viewport()->width()).arg(view->viewport()->height());
    }
    // Any two texts of the chart (a tick label and a legend entry are not siblings but must not
    // meet either). A line's box holds two pixels or so of leading and side bearing: shrunk by them.
    for (int i = 0; i < drawn.size(); ++i)
        for (int j = i + 1; j < drawn.size(); ++j)
            if (drawn[i].rect.adjusted(2, 2, -2, -2).intersects(drawn[j].rect.adjusted(2, 2, -2, -2)))
                problems << QStringLiteral("\"%1\" over \"%2\"").arg(drawn[i].text, drawn[j].text);
    return problems;
}

QString chartName(QChartView* view)
{
    if (auto* panel = qobject_cast<ChartPanel*>(view))
        if (!panel->title().isEmpty())
            return panel->title();
    return QString::fromUtf8(view->metaObject()->className());
}

// Every visible text under root: its charts' texts, and its labels', buttons' and group boxes'
// texts. A widget never elides by itself, so an ellipsis there is one the code wrote: only a
// trailing one ("Computing figures…", "Export…": more follows) is allowed.
QStringList textProblems(QWidget& root, const QWidget* except)
{
    QStringList problems;
    const auto excepted = [except](const QWidget* widget) { return except && (widget == except || except->isAncestorOf(widget)); };
    for (QChartView* view : chartViewsOf(root))
        if ((view == &root || view->isVisibleTo(&root)) && !excepted(view))
            for (const QString& problem : chartProblems(view))
                problems << QStringLiteral("%1: %2").arg(chartName(view), problem);
    // The grids' "?" buttons sit over their views' top right corners: no chart text under one.
    QList<QAbstractButton*> cornerButtons;
    for (QAbstractButton* button : root.findChildren<QAbstractButton*>())
        if (button->text() == QStringLiteral("?") && button->isVisibleTo(&root))
            cornerButtons << button;
    for (QChartView* view : chartViewsOf(root))
        if ((view == &root || view->isVisibleTo(&root)) && !excepted(view))
            for (const DrawnText& text : drawnTexts(view)) {
                const QRectF glyphs = text.rect.adjusted(2, 2, -2, -2);
                const QRectF onScreen(view->viewport()->mapToGlobal(glyphs.topLeft()), glyphs.size());
                for (QAbstractButton* button : cornerButtons)
                    if (QRectF(button->mapToGlobal(QPointF(0, 0)), button->size()).intersects(onScreen))
                        problems << QStringLiteral("%1: \"%2\" under a \"?\" button").arg(chartName(view), text.text);
            }
    QList<std::pair<QWidget*, QString>> widgetTexts;
    for (QLabel* label : root.findChildren<QLabel*>())
        widgetTexts.append({label, label->text()});
    for (QAbstractButton* button : root.findChildren<QAbstractButton*>())
        widgetTexts.append({button, button->text()});
    for (QGroupBox* group : root.findChildren<QGroupBox*>())
        widgetTexts.append({group, group->title()});
    for (const auto& [widget, text] : widgetTexts) {
        QString inner = text;
        if (inner.endsWith(QChar(0x2026)))
            inner.chop(1);
        if (widget->isVisibleTo(&root) && !excepted(widget) && elided(inner))
            problems << QStringLiteral("%1: elided \"%2\"").arg(QString::fromUtf8(widget->metaObject()->className()), text);
    }
    return problems;
}

} // namespace textfit
