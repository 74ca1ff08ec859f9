// The training curves' parts shared by the view's files: which curve is which and how each is
// drawn, the chart panels' set-up and each curve's series and points.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "widgets/ChartPanel.h"
#include "widgets/EnvelopePoints.h"
#include "widgets/TrainingCurvesView.h"

#include <QColor>
#include <QImage>
#include <QLineSeries>
#include <array>

// ChartPanel's set-up, reachable from this view, which fills two of them.
class TrainingCurvesView::Panel : public ChartPanel {
public:
    using ChartPanel::ChartPanel;
    using ChartPanel::addLine;
    using ChartPanel::addValueAxis;
    using ChartPanel::setRange;
};

namespace trainingcurves {

using CurvePoints = EnvelopePoints<TrainingCurvesView::maxShownPoints>;

enum CurveIndex {
    Loss,
    SmoothedLoss,
    ActiveShare,
    Beta,
    SmoothedBeta,
    Recall1,
    Nmi = Recall1 + 4,
    MapAtR,
    Spread,
    CurveCount
};

// The shape drawn at each evaluation while there are few: with the hue and the dashes, a third
// way to tell the scores apart (in grey print, or for a reader who cannot tell the hues).
enum class Marker { None, Circle, Square, Triangle, Diamond, Plus, Cross, Ring };

struct CurveStyle {
    const char* name;
    QColor color;
    qreal width;
    Qt::PenStyle style = Qt::SolidLine;
    Marker marker = Marker::None;
};

// Okabe-Ito colours, and on the retrieval chart each score a hue, a dash pattern and a marker.
const std::array<CurveStyle, CurveCount>& curveStyles();

// A marker image (QXYSeries::setLightMarker) of the curve's colour; a ring (hollow) marks an
// evaluation of every held-out point, larger than the live markers.
QImage markerImage(Marker marker, const QColor& color, int size = 11);

// Evaluations are sparse: their points get markers while there are few of them.
inline constexpr qsizetype maxMarkedPoints = 60;

// The previous run: well lighter and thinner than the current one, so the two never look alike.
inline constexpr double previousRunFading = 0.8;
inline constexpr qreal previousRunWidth = 1.0;

// Room around the scores when the axis is fitted, and the step its ends are rounded to.
inline constexpr double scoreMargin = 0.03;
inline constexpr double scoreStep = 0.1;

} // namespace trainingcurves

struct TrainingCurvesView::Curve {
    QLineSeries* series = nullptr;
    QLineSeries* previousSeries = nullptr; // none for the raw loss and beta
    QImage marker;
    trainingcurves::CurvePoints points;
    trainingcurves::CurvePoints previousPoints;
};
