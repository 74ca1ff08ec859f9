// Where to put a line's label so that it stays clear of the curves drawn with it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QPointF>
#include <QSizeF>

#include <span>

// The centre, between left and right, for a label of size `label` (in the chart's data units)
// drawn just above a horizontal line at height y, farthest from the curves (polylines; a
// curve of one point, or drawn without a pen, counts by its points): the label's box [centre -
// width / 2, centre + width / 2] x [y, y + height], tried at evenly spaced centres. Every
// centre whose box is at least `enough` (data units of y) from every curve is as good as
// another: of those, or if there is none of the best, the one nearest `preferred`, so the label
// stays put while the curves leave it room.
double clearestLabelCentre(std::span<const QList<QPointF>> curves, double y, double left, double right,
                           QSizeF label, double enough, double preferred);
