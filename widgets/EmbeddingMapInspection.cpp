// The embedding map's triplet inspector: picking a point, drawing its batch, positives and each
// sampler's negatives, and the panel that lists them.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/EmbeddingMapView.h"
#include "widgets/SamplerLabel.h"

#include "model/base/Error.h"
#include "widgets/TripletInspectorPanel.h"

#include <QChart>
#include <QKeyEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <utility>

namespace {

// Diamonds from largest (drawn first, underneath) to smallest, by SamplerKind: when samplers
// pick the same negative (hard and semi-hard often do) the markers nest instead of hiding.
constexpr std::array<qreal, 4> negativeMarkerSizes{19.0, 15.0, 11.0, 8.0};

void setMarker(QScatterSeries* series, QScatterSeries::MarkerShape shape, qreal size,
               const QBrush& brush, const QPen& pen)
{
    series->setMarkerShape(shape);
    series->setMarkerSize(size);
    series->setBrush(brush);
    series->setPen(pen);
}

} // namespace

void EmbeddingMapView::setupInspectionSeries()
{
    setMarker(batch_, QScatterSeries::MarkerShapeCircle, markerSize + 5.0, Qt::NoBrush,
              QPen(QColor(90, 90, 90), 1.0));
    batch_->setName(tr("the anchor's batch"));
    setMarker(positives_, QScatterSeries::MarkerShapeCircle, markerSize + 7.0, Qt::NoBrush,
              QPen(Qt::black, 2.0));
    positives_->setName(tr("positives"));
    for (sme::SamplerKind kind : sme::allSamplerKinds) {
        const auto k = std::size_t(kind);
        const QColor color = samplerColor(int(kind));
        lines_[k] = new QLineSeries(this);
        QPen pen(color, 1.6);
        pen.setCosmetic(true);
        lines_[k]->setPen(pen);
        negatives_[k] = new QScatterSeries(this);
        setMarker(negatives_[k], QScatterSeries::MarkerShapeRotatedRectangle, negativeMarkerSizes[k],
                  color, QPen(Qt::white, 1.0));
        negatives_[k]->setName(tr("%1 negative").arg(samplerLabel(kind)));
    }
    setMarker(anchor_, QScatterSeries::MarkerShapeStar, 22.0, Qt::black, QPen(Qt::white, 1.0));
    anchor_->setName(tr("anchor"));
    setFocusPolicy(Qt::StrongFocus); // Escape reaches the view after a click
    addInspectionSeries();
}

void EmbeddingMapView::addInspectionSeries()
{
    std::vector<QXYSeries*> overlay{batch_, positives_};
    overlay.insert(overlay.end(), lines_.begin(), lines_.end());
    overlay.insert(overlay.end(), negatives_.begin(), negatives_.end());
    overlay.push_back(anchor_);
    for (QXYSeries* series : overlay) {
        if (series->chart())
            chart()->removeSeries(series); // added again: series added later are drawn on top
        chart()->addSeries(series);
        series->attachAxis(xAxis_);
        series->attachAxis(yAxis_);
        for (QLegendMarker* marker : chart()->legend()->markers(series))
            marker->setVisible(false);
    }
}

const QScatterSeries* EmbeddingMapView::negativeSeries(sme::SamplerKind kind) const
{
    return negatives_[std::size_t(kind)];
}

QPoint EmbeddingMapView::viewportPosition(int row) const
{
    if (row < 0 || row >= positions_.rows())
        return {};
    const QPointF value(positions_(row, 0), positions_(row, 1));
    return mapFromScene(chart()->mapToPosition(value, series_.empty() ? nullptr : series_.front()));
}

int EmbeddingMapView::rowAt(const QPoint& viewportPosition) const
{
    if (series_.empty())
        return -1;
    int nearest = -1;
    double nearestSquared = pickRadius * pickRadius;
    for (Eigen::Index row = 0; row < positions_.rows(); ++row) {
        const QPointF offset = QPointF(this->viewportPosition(int(row)) - viewportPosition);
        const double squared = offset.x() * offset.x() + offset.y() * offset.y();
        if (squared <= nearestSquared) {
            nearest = int(row);
            nearestSquared = squared;
        }
    }
    return nearest;
}

void EmbeddingMapView::setInspection(const sme::TripletInspection& inspection)
{
    const auto known = [this](int row) { return row >= 0 && row < positions_.rows(); };
    bool valid = known(inspection.anchor);
    for (int row : inspection.batch)
        valid = valid && known(row);
    sme::require(valid, "the inspection names a point the map does not show");
    inspection_ = inspection;
    drawInspection();
    panel_->setInspection(inspection, rowLabels_, classNames_);
    placePanel();
}

void EmbeddingMapView::clearInspection()
{
    inspection_.reset();
    drawInspection();
    panel_->clear();
}

void EmbeddingMapView::clearAndTell()
{
    const bool had = inspection_.has_value();
    clearInspection();
    if (had)
        emit inspectionCleared();
}

void EmbeddingMapView::drawInspection()
{
    const auto at = [this](int row) { return QPointF(positions_(row, 0), positions_(row, 1)); };
    QList<QPointF> batch, positives, anchor;
    std::array<QList<QPointF>, 4> lines, negatives;
    if (inspection_) {
        const QPointF a = at(inspection_->anchor);
        anchor.append(a);
        for (int row : inspection_->batch)
            batch.append(at(row));
        for (const sme::InspectedPoint& p : inspection_->positives)
            positives.append(at(p.row));
        for (std::size_t k = 0; k < lines.size(); ++k)
            for (const sme::InspectedPick& pick : inspection_->picks[k]) {
                // One polyline anchor, n1, anchor, n2, ...: a star of segments from the anchor.
                const QPointF negative = at(pick.negative.row) + sharedPickOffset(k, pick.negative.row);
                lines[k] << a << negative;
                negatives[k].append(negative);
            }
    }
    batch_->replace(batch);
    positives_->replace(positives);
    for (std::size_t k = 0; k < lines.size(); ++k) {
        lines_[k]->replace(lines[k]);
        negatives_[k]->replace(negatives[k]);
    }
    anchor_->replace(anchor);
}

QPointF EmbeddingMapView::sharedPickOffset(std::size_t sampler, int row) const
{
    // The samplers that picked row, in SamplerKind order; alone, a sampler's pick stays put.
    std::vector<std::size_t> sharing;
    for (std::size_t k = 0; k < inspection_->picks.size(); ++k)
        for (const sme::InspectedPick& pick : inspection_->picks[k])
            if (pick.negative.row == row) {
                sharing.push_back(k);
                break;
            }
    if (sharing.size() < 2)
        return {};
    const auto place = std::find(sharing.begin(), sharing.end(), sampler) - sharing.begin();
    // Around the point, sharedPickRadius pixels away, the first above it.
    const double angle = std::numbers::pi / 2.0 + 2.0 * std::numbers::pi * double(place) / double(sharing.size());
    const QRectF area = chart()->plotArea();
    if (area.isEmpty())
        return {};
    const double unitsPerPixel = (xAxis_->max() - xAxis_->min()) / area.width();
    return QPointF(std::cos(angle), std::sin(angle)) * sharedPickRadius * unitsPerPixel;
}

void EmbeddingMapView::placePanel()
{
    if (!panel_->isVisible())
        return;
    if (panel_->movedByHand()) { // where the user put it, kept inside the view
        panel_->move(std::clamp(panel_->x(), 0, std::max(0, width() - panel_->width())),
                     std::clamp(panel_->y(), 0, std::max(0, height() - panel_->height())));
        return;
    }
    const QPoint toView = viewport()->pos();
    const QRect area = mapFromScene(chart()->plotArea()).boundingRect().translated(toView) & rect();
    const int panelWidth = std::clamp(int(area.width() * 0.7), std::min(220, width()), std::min(420, width()));
    const int panelHeight = std::min(panel_->heightForWidth(panelWidth), height());
    const QSize size(panelWidth, panelHeight);
    // A corner of the plot area that hides as little of the inspection as it can: the anchor
    // above all, then its positives and negatives. Bottom right first on a tie (the legend is
    // at the top, the data centred).
    std::vector<QPoint> shown;
    if (inspection_) {
        shown.push_back(viewportPosition(inspection_->anchor) + toView);
        for (const sme::InspectedPoint& p : inspection_->positives)
            shown.push_back(viewportPosition(p.row) + toView);
        for (const auto& picks : inspection_->picks)
            for (const sme::InspectedPick& pick : picks)
                shown.push_back(viewportPosition(pick.negative.row) + toView);
    }
    const std::array<QRect, 4> corners{
        QRect(QPoint(area.right() - panelWidth - 2, area.bottom() - panelHeight - 2), size),
        QRect(QPoint(area.left() + 2, area.bottom() - panelHeight - 2), size),
        QRect(QPoint(area.right() - panelWidth - 2, area.top() + 2), size),
        QRect(QPoint(area.left() + 2, area.top() + 2), size)};
    QRect best = corners[0];
    int fewest = std::numeric_limits<int>::max();
    for (const QRect& corner : corners) {
        int hidden = 0;
        for (std::size_t i = 0; i < shown.size(); ++i)
            if (corner.adjusted(-8, -8, 8, 8).contains(shown[i]))
                hidden += i == 0 ? 100 : 1;
        if (hidden < fewest) {
            fewest = hidden;
            best = corner;
        }
    }
    panel_->setGeometry(best.intersected(rect()));
}

bool EmbeddingMapView::event(QEvent* event)
{
    // Escape is also the window's "show all views": while inspecting, the map takes it.
    if (event->type() == QEvent::ShortcutOverride && inspection_
        && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape) {
        event->accept();
        return true;
    }
    return ChartPanel::event(event);
}

void EmbeddingMapView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape && inspection_) {
        clearAndTell();
        event->accept();
        return;
    }
    ChartPanel::keyPressEvent(event);
}

void EmbeddingMapView::mousePressEvent(QMouseEvent* event)
{
    pressPosition_ = event->position().toPoint();
    pressed_ = true;
    ChartPanel::mousePressEvent(event);
    if (event->button() == Qt::LeftButton)
        event->accept(); // the release that follows is a pick
}

void EmbeddingMapView::mouseReleaseEvent(QMouseEvent* event)
{
    ChartPanel::mouseReleaseEvent(event);
    const QPoint position = event->position().toPoint();
    // Not after a double-click (the grid takes its press to enlarge the view, which moves the
    // points under the cursor) nor after a drag.
    const bool click = std::exchange(pressed_, false) && event->button() == Qt::LeftButton
                       && (position - pressPosition_).manhattanLength() <= 4;
    if (!click)
        return;
    const int row = rowAt(position);
    highlightClass(row >= 0 ? std::optional(rowLabels_[std::size_t(row)]) : std::nullopt);
    if (row >= 0)
        emit pointClicked(row);
    else
        clearAndTell();
}

void EmbeddingMapView::resizeEvent(QResizeEvent* event)
{
    ChartPanel::resizeEvent(event);
    axisFollowUps_ = 0; // a new size: the axes may follow its plot area again
    placePanel();
}
