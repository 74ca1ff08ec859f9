// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/TrainingCurvesParts.h"

#include <QPainter>
#include <QPolygonF>

namespace trainingcurves {

// Okabe-Ito colours (colour-blind safe, as ChartPanel.cpp's), and on the retrieval chart each
// score a hue, a dash pattern and a marker of its own: the four Recall@K lie close together.
// The raw loss and beta thin and light behind their smoothed curves; active share, noisy from
// batch to batch, thin. The spread dashed and mid grey (seen on the light and the dark theme):
// it is not a score, it shares their axis.
const std::array<CurveStyle, CurveCount>& curveStyles()
{
    static const std::array<CurveStyle, CurveCount> styles{{
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "loss"), faded(QColor(0x33, 0x33, 0x33), 0.7), 1.0},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "loss (smoothed)"), QColor(0x33, 0x33, 0x33), 2.0},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "active share"), QColor(0x00, 0x9E, 0x73), 1.0},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "beta"), faded(QColor(0xD5, 0x5E, 0x00), 0.7), 1.0},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "beta (smoothed)"), QColor(0xD5, 0x5E, 0x00), 2.0},
        {"Recall@1", QColor(0x00, 0x72, 0xB2), 2.5, Qt::SolidLine, Marker::Circle},
        {"Recall@2", QColor(0x56, 0xB4, 0xE9), 2.0, Qt::DashLine, Marker::Square},
        {"Recall@4", QColor(0x00, 0x9E, 0x73), 2.0, Qt::DotLine, Marker::Triangle},
        {"Recall@8", QColor(0x00, 0x00, 0x00), 1.5, Qt::DashDotLine, Marker::Diamond},
        {"NMI", QColor(0xCC, 0x79, 0xA7), 2.0, Qt::SolidLine, Marker::Plus},
        {"MAP@R", QColor(0xD5, 0x5E, 0x00), 2.0, Qt::DashDotDotLine, Marker::Cross},
        {QT_TRANSLATE_NOOP("TrainingCurvesView", "spread"), QColor(0x80, 0x80, 0x80), 1.5, Qt::DashLine},
    }};
    return styles;
}

// A marker image (QXYSeries::setLightMarker) of the curve's colour; a ring (hollow) marks an
// evaluation of every held-out point, larger than the live markers.
QImage markerImage(Marker marker, const QColor& color, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 1.8));
    painter.setBrush(color);
    const QRectF box(1.5, 1.5, size - 3.0, size - 3.0);
    const QPointF c = box.center();
    switch (marker) {
    case Marker::None: break;
    case Marker::Circle: painter.drawEllipse(box); break;
    case Marker::Ring:
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(box);
        break;
    case Marker::Square: painter.drawRect(box.adjusted(0.5, 0.5, -0.5, -0.5)); break;
    case Marker::Triangle:
        painter.drawPolygon(QPolygonF{{c.x(), box.top()}, box.bottomRight(), box.bottomLeft()});
        break;
    case Marker::Diamond:
        painter.drawPolygon(QPolygonF{{c.x(), box.top()}, {box.right(), c.y()}, {c.x(), box.bottom()}, {box.left(), c.y()}});
        break;
    case Marker::Plus:
        painter.drawLine(QPointF(c.x(), box.top()), QPointF(c.x(), box.bottom()));
        painter.drawLine(QPointF(box.left(), c.y()), QPointF(box.right(), c.y()));
        break;
    case Marker::Cross:
        painter.drawLine(box.topLeft(), box.bottomRight());
        painter.drawLine(box.topRight(), box.bottomLeft());
        break;
    }
    return image;
}

} // namespace trainingcurves
