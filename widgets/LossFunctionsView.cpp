// The loss-function view: draws LossCurves and turns drags of its lines into new beta or alpha.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/LossFunctionsView.h"

#include "widgets/AxisTicks.h"
#include "widgets/LossLabel.h"

#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace {

constexpr double grabReach = 6.0; // pixels either side of a line
// The loss axis starts this share of its height below 0, so the curves that are 0 over most
// distances (the contrastive negative beyond alpha) run above the axis line, not on it.
constexpr double roomBelowZero = 0.03;

struct LossPens {
    QColor color;
    qreal width;
    Qt::PenStyle positive;
    Qt::PenStyle negative;
};

LossPens lossPens(sme::LossKind kind)
{
    const QColor color = lossColor(int(kind));
    switch (kind) {
    case sme::LossKind::Triplet: return {color, 6.0, Qt::SolidLine, Qt::DashLine}; // sky blue: light
    case sme::LossKind::Margin: return {color, 2.0, Qt::DashDotLine, Qt::DotLine};
    default: return {color, 2.5, Qt::SolidLine, Qt::DashLine};
    }
}

} // namespace

LossFunctionsView::LossFunctionsView(QWidget* parent)
    : ChartPanel(tr("Loss of one pair against its distance"), parent)
    , xAxis_(addValueAxis(Qt::AlignBottom, tr("distance d of the pair")))
    , yAxis_(addValueAxis(Qt::AlignLeft, tr("loss")))
{
    xAxis_->setRange(0.0, 2.0);
    xAxis_->setTickCount(5);
    yAxis_->setRange(0.0, 1.0);
    // With the held distance at beta the plain triplet's curves lie exactly under the margin
    // loss's: the triplet is drawn wide (in its light sky blue), underneath, the margin loss narrow on top in
    // patterns of its own (dash-dot, dotted), so the triplet shows between its dashes and on
    // both sides of it, and neither hides the other.
    for (sme::LossKind kind : sme::allLossKinds) {
        const auto k = std::size_t(kind);
        const LossPens pens = lossPens(kind);
        positive_[k] = addLine(tr("%1, positive pair").arg(lossLabel(kind)), pens.color, pens.width,
                               xAxis_, yAxis_, pens.positive);
        negative_[k] = addLine(tr("%1, negative pair").arg(lossLabel(kind)), pens.color, pens.width,
                               xAxis_, yAxis_, pens.negative);
    }
    const QColor lineColor(60, 60, 60);
    betaLine_ = addLine(QString(), lineColor, 1.5, xAxis_, yAxis_);
    marginLower_ = addLine(QString(), lineColor, 1.2, xAxis_, yAxis_, Qt::DotLine);
    marginUpper_ = addLine(QString(), lineColor, 1.2, xAxis_, yAxis_, Qt::DotLine);

    // One legend entry per loss (the title tells solid from dashed), one for beta, one for
    // the margin; hovering a line still names it in full. Lines in the legend show the styles.
    QLegend* legend = chart()->legend();
    legend->setMarkerShape(QLegend::MarkerShapeFromSeries);
    for (sme::LossKind kind : sme::allLossKinds) {
        const auto k = std::size_t(kind);
        legend->markers(positive_[k]).constFirst()->setLabel(lossLabel(kind));
        legend->markers(negative_[k]).constFirst()->setVisible(false);
    }
    legend->markers(marginLower_).constFirst()->setVisible(false);
    legend->markers(marginUpper_).constFirst()->setLabel(tr("margin \u03B2 \u00B1 \u03B1"));
}

QList<const QXYSeries*> LossFunctionsView::lossSeries() const
{
    QList<const QXYSeries*> series;
    for (std::size_t k = 0; k < positive_.size(); ++k)
        series << positive_[k] << negative_[k];
    return series;
}

void LossFunctionsView::setCurves(const sme::LossCurves& curves)
{
    alpha_ = curves.alpha;
    beta_ = curves.beta;
    double top = 0.0;
    for (sme::LossKind kind : sme::allLossKinds) {
        const auto k = std::size_t(kind);
        setPoints(positive_[k], curves.distance, curves.positive[k]);
        setPoints(negative_[k], curves.distance, curves.negative[k]);
        for (const auto* values : {&curves.positive[k], &curves.negative[k]})
            for (double v : *values)
                if (std::isfinite(v))
                    top = std::max(top, v);
    }
    top = top > 0.0 ? 1.05 * top : 1.0;
    setRange(yAxis_, -roomBelowZero * top, top);
    useRoundTicks(yAxis_);

    const double lower = beta_ - alpha_;
    const double upper = beta_ + alpha_;
    setPoints(betaLine_, {beta_, beta_}, {0.0, top});
    setPoints(marginLower_, {lower, lower}, {0.0, top});
    setPoints(marginUpper_, {upper, upper}, {0.0, top});
    betaLine_->setName(tr("\u03B2 = %1").arg(beta_, 0, 'f', 2));
    marginLower_->setName(tr("\u03B2 \u2212 \u03B1 = %1").arg(lower, 0, 'f', 2));
    marginUpper_->setName(tr("\u03B2 + \u03B1 = %1").arg(upper, 0, 'f', 2));
    setTitle(tr("Loss of one pair against its distance (solid: positive pair, dashed: negative "
                "pair; the margin loss dash-dot and dotted)"));
    xAxis_->setTitleText(tr("distance d of the pair (the triplet losses hold the other "
                            "distance at %1)")
                             .arg(curves.heldDistance, 0, 'f', 2));
}

QPointF LossFunctionsView::chartPosition(const QPointF& viewportPosition) const
{
    return chart()->mapFromScene(mapToScene(viewportPosition.toPoint()));
}

LossFunctionsView::Handle LossFunctionsView::handleAt(const QPointF& viewportPosition) const
{
    const QPointF position = chartPosition(viewportPosition);
    const QRectF reach
        = chart()->plotArea().adjusted(-grabReach, -grabReach, grabReach, grabReach);
    if (!reach.contains(position))
        return Handle::None;
    const auto pixelsTo = [&](double x) {
        return std::abs(chart()->mapToPosition(QPointF(x, 0.0), betaLine_).x() - position.x());
    };
    const double toBeta = pixelsTo(beta_);
    const double toMargin = std::min(pixelsTo(beta_ - alpha_), pixelsTo(beta_ + alpha_));
    if (toBeta <= grabReach && toBeta <= toMargin)
        return Handle::Beta;
    if (toMargin <= grabReach)
        return Handle::Margin;
    return Handle::None;
}

void LossFunctionsView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        dragging_ = handleAt(event->position());
        if (dragging_ != Handle::None) {
            event->accept();
            return;
        }
    }
    ChartPanel::mousePressEvent(event);
}

void LossFunctionsView::mouseMoveEvent(QMouseEvent* event)
{
    if (dragging_ == Handle::None) {
        // A horizontal-resize cursor tells where a line can be grabbed.
        if (handleAt(event->position()) != Handle::None)
            viewport()->setCursor(Qt::SizeHorCursor);
        else
            viewport()->unsetCursor();
        ChartPanel::mouseMoveEvent(event);
        return;
    }
    // The view keeps its curves: the owner recomputes them and calls setCurves.
    const double x = chart()->mapToValue(chartPosition(event->position()), betaLine_).x();
    if (dragging_ == Handle::Beta)
        emit betaDragged(std::clamp(x, 0.0, 2.0));
    else
        emit alphaDragged(std::clamp(std::abs(x - beta_), 0.0, 2.0));
    event->accept();
}

void LossFunctionsView::mouseReleaseEvent(QMouseEvent* event)
{
    if (dragging_ != Handle::None) {
        dragging_ = Handle::None;
        event->accept();
        return;
    }
    ChartPanel::mouseReleaseEvent(event);
}
