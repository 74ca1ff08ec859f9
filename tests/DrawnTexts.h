// Every text a chart view or window draws, where, and what is wrong with it: elided, outside its
// view, over another text, under a view's "?" button (tst_textfit).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>

class QWidget;

namespace textfit {

// What a text is and where it is drawn, in its chart view's viewport.
struct DrawnText {
    QString text;
    QRectF rect;
};

// Whether text holds an ellipsis ("…", "⋮", "...").
bool elided(const QString& text);

// The texts view draws: its scene's text items and its series' point labels.
QList<DrawnText> drawnTexts(QChartView* view);

// The problems of one chart view: elided text, text outside the view, overlapping texts.
QStringList chartProblems(QChartView* view);

// A chart view's name for a message: its panel's title, else its class.
QString chartName(QChartView* view);

// Every problem of the visible texts under root, except under except (and except itself).
QStringList textProblems(QWidget& root, const QWidget* except = nullptr);

} // namespace textfit
