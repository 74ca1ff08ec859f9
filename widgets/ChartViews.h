// The chart views that make up a widget: what a look, a theme or a transparent export restyles.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChartView>
#include <QList>
#include <QWidget>

// Every QChartView under root, then root itself when it is one (a view can be a single chart
// view or a panel of several).
inline QList<QChartView*> chartViewsOf(QWidget& root)
{
    QList<QChartView*> views = root.findChildren<QChartView*>();
    if (auto* self = qobject_cast<QChartView*>(&root))
        views.append(self);
    return views;
}
