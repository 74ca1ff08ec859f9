// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/EmbeddingMapView.h"

#include "model/base/Error.h"
#include "model/metrics/Projection.h"
#include "widgets/AxisTicks.h"
#include "widgets/ClassLabel.h"
#include "widgets/TripletInspectorPanel.h"

#include <QChart>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QKeyEvent>
#include <QMenu>
#include <QWidgetAction>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <map>

namespace {

// How the map was made, in the interface language (the model names it in English).
QString mapMethodText(const sme::MapProjection& map, Eigen::Index dimension)
{
    if (dimension == 2)
        return EmbeddingMapView::tr("points on the circle (n = %1)").arg(dimension);
    if (dimension == 3)
        return EmbeddingMapView::tr("sphere seen along (1,1,1) (n = %1)").arg(dimension);
    return EmbeddingMapView::tr("PCA, %1% of variance (n = %2)")
        .arg(qRound(100.0 * map.explainedVariance))
        .arg(dimension);
}

// How far the classes that are not highlighted are faded towards the background.
constexpr double notHighlightedFading = 0.85;

} // namespace

QColor EmbeddingMapView::classColorOf(int index, int count)
{
    // Okabe-Ito's seven hues and black, then Paul Tol's wine, teal, indigo and olive.
    static const std::array<QColor, maxLegendClasses> distinct{
        QColor(0x00, 0x72, 0xB2), QColor(0xE6, 0x9F, 0x00), QColor(0x00, 0x9E, 0x73), QColor(0xCC, 0x79, 0xA7),
        QColor(0x56, 0xB4, 0xE9), QColor(0xD5, 0x5E, 0x00), QColor(0xF0, 0xE4, 0x42), QColor(0x00, 0x00, 0x00),
        QColor(0x88, 0x22, 0x55), QColor(0x44, 0xAA, 0x99), QColor(0x33, 0x22, 0x88), QColor(0x99, 0x99, 0x33)};
    return count <= maxLegendClasses ? distinct[std::size_t(index) % distinct.size()] : classColor(index);
}

EmbeddingMapView::EmbeddingMapView(QWidget* parent)
    : ChartPanel(tr("Held-out embeddings"), parent)
    , xAxis_(addValueAxis(Qt::AlignBottom, QString()))
    , yAxis_(addValueAxis(Qt::AlignLeft, QString()))
    , batch_(new QScatterSeries(this))
    , positives_(new QScatterSeries(this))
    , anchor_(new QScatterSeries(this))
    , panel_(new TripletInspectorPanel(this))
{
    setupInspectionSeries();
    for (QValueAxis* axis : {xAxis_, yAxis_}) {
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0.0);
        axis->setLabelFormat(QStringLiteral("%.2g"));
    }
    // The plot area changes with the window and the legend: keep the scales equal. Queued:
    // the signal comes from inside the chart's layout pass, and new axis ranges set there
    // (longer labels invalidate the layout as it runs) left the chart never laid out again,
    // its plot stuck at the old size when the view was enlarged.
    // And bounded: the labels of a new range change the plot area, which asks for a new range;
    // with a legend that wraps (the digits' five classes at the race's size) the two alternated
    // for ever, +-1 and +-1.5, a relayout at every turn of the event loop. Each outside cause (a
    // resize, new embeddings) allows maxAxisFollowUps; then the axes keep what they have.
    connect(chart(), &QChart::plotAreaChanged, this, [this] {
        if (axisFollowUps_ < maxAxisFollowUps) {
            ++axisFollowUps_;
            updateAxes();
        }
        if (inspection_)
            drawInspection(); // shared picks are set apart by pixels
        placePanel();
    }, Qt::QueuedConnection);
    connect(panel_, &TripletInspectorPanel::closeRequested, this, &EmbeddingMapView::clearAndTell);
    updateAxes();
}

const QScatterSeries* EmbeddingMapView::classSeries(int index) const
{
    return index >= 0 && index < classSeriesCount() ? series_[std::size_t(index)] : nullptr;
}

void EmbeddingMapView::replaceSeries(const std::vector<int>& classLabels)
{
    for (QScatterSeries* series : series_) {
        chart()->removeSeries(series);
        delete series;
    }
    series_.clear();
    classLabels_ = classLabels;
    for (std::size_t i = 0; i < classLabels_.size(); ++i) {
        auto* series = new QScatterSeries;
        series->setName(classText(classLabels_[i]));
        series->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        series->setMarkerSize(markerSize);
        chart()->addSeries(series);
        series->attachAxis(xAxis_);
        series->attachAxis(yAxis_);
        enableHover(series); // "Sandal\nx = ...\ny = ..."
        series_.push_back(series);
        for (QLegendMarker* marker : chart()->legend()->markers(series))
            connect(marker, &QLegendMarker::clicked, this, [this, label = classLabels_[i]] {
                highlightClass(highlighted_ == label ? std::nullopt : std::optional(label));
            });
    }
    if (highlighted_ && std::find(classLabels_.begin(), classLabels_.end(), *highlighted_) == classLabels_.end())
        highlighted_.reset();
    showHighlight();
    addInspectionSeries(); // stays on top of the new class series
}

void EmbeddingMapView::highlightClass(std::optional<int> label)
{
    if (label == highlighted_)
        return;
    highlighted_ = label;
    showHighlight();
    updateTitle();
}

void EmbeddingMapView::setShowOnlyHighlighted(bool only)
{
    onlyHighlighted_ = only;
    showHighlight();
}

void EmbeddingMapView::showHighlight()
{
    const int count = int(series_.size());
    for (int i = 0; i < count; ++i) {
        const bool other = highlighted_ && classLabels_[std::size_t(i)] != *highlighted_;
        const QColor full = classColorOf(i, count);
        const QColor color = other ? faded(full, notHighlightedFading) : full;
        QScatterSeries* series = series_[std::size_t(i)];
        series->setColor(color);
        series->setBorderColor(other ? color : full.darker(125));
        series->setVisible(!(other && onlyHighlighted_));
    }
}

void EmbeddingMapView::setHeldOutCount(long count)
{
    heldOutCount_ = count;
    updateTitle();
}

void EmbeddingMapView::setSubject(const QString& subject)
{
    subject_ = subject;
    updateTitle();
}

void EmbeddingMapView::updateTitle()
{
    const bool legendShown = classSeriesCount() <= maxLegendClasses;
    QString title;
    if (subject_.isEmpty())
        title = legendShown ? tr("Held-out embeddings: %1").arg(method_)
                            : tr("Held-out embeddings: %1, %2 classes").arg(method_).arg(classSeriesCount());
    else // %1: what the map shows, %2: how it was made
        title = legendShown ? tr("%1: %2").arg(subject_, method_)
                            : tr("%1: %2, %3 classes").arg(subject_, method_).arg(classSeriesCount());
    if (positions_.rows() > 0 && positions_.rows() < heldOutCount_)
        title += tr("; a sample of %L1 of the %L2").arg(positions_.rows()).arg(heldOutCount_);
    if (highlighted_)
        title += tr("; %1 highlighted").arg(classText(*highlighted_));
    if (ChartPanel::title() != title)
        setTitle(title);
}

void EmbeddingMapView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu;
    // A list for any number of classes: 50 have no legend to click.
    auto* classes = new QComboBox(&menu);
    classes->addItem(tr("no class highlighted"));
    for (int label : classLabels_)
        classes->addItem(classText(label), label);
    if (highlighted_)
        classes->setCurrentIndex(classes->findData(*highlighted_));
    connect(classes, &QComboBox::activated, this, [this, classes, &menu](int index) {
        highlightClass(index > 0 ? std::optional(classes->itemData(index).toInt()) : std::nullopt);
        menu.close();
    });
    auto* list = new QWidgetAction(&menu);
    list->setDefaultWidget(classes);
    menu.addSection(tr("Highlight a class"));
    menu.addAction(list);
    QAction* only = menu.addAction(tr("Show only the highlighted class"));
    only->setCheckable(true);
    only->setChecked(onlyHighlighted_);
    connect(only, &QAction::toggled, this, &EmbeddingMapView::setShowOnlyHighlighted);
    menu.exec(event->globalPos());
}

QString EmbeddingMapView::classText(int label) const
{
    return classLabel(label, classNames_);
}

void EmbeddingMapView::setEmbeddings(const Eigen::MatrixXf& embeddings, const std::vector<int>& labels,
                                     const std::map<int, std::string>& classNames)
{
    axisFollowUps_ = 0;
    sme::require(labels.size() == std::size_t(embeddings.rows()),
                 "the map needs one label per embedding: " + std::to_string(labels.size())
                     + " labels for " + std::to_string(embeddings.rows()) + " embeddings");
    const sme::MapProjection map = sme::projectForMap(embeddings.cast<double>(), mapDirections_);
    mapDirections_ = map.directions; // the next map keeps these signs: no mirroring while training

    std::map<int, QList<QPointF>> pointsOfClass; // ascending labels
    for (std::size_t i = 0; i < labels.size(); ++i)
        pointsOfClass[labels[i]].append(QPointF(map.points(Eigen::Index(i), 0), map.points(Eigen::Index(i), 1)));
    const bool sameRows = positions_.rows() == map.points.rows();
    const bool renamed = classNames != classNames_;
    classNames_ = classNames;
    positions_ = map.points;
    rowLabels_ = labels;
    if (!sameRows && inspection_)
        clearAndTell(); // its rows name other points now
    else if (inspection_)
        drawInspection();
    std::vector<int> classLabels;
    classLabels.reserve(pointsOfClass.size());
    for (const auto& entry : pointsOfClass)
        classLabels.push_back(entry.first);
    if (classLabels != classLabels_ || renamed)
        replaceSeries(classLabels);
    std::size_t index = 0;
    for (const auto& entry : pointsOfClass)
        series_[index++]->replace(entry.second);

    method_ = mapMethodText(map, embeddings.cols());
    const bool principal = embeddings.cols() > 3;
    // A new axis title is fitted to the axis' length at once (shrunk or wrapped, as ChartPanel
    // fits every title), not left as set until the next resize.
    const auto retitle = [this](QValueAxis* axis, const QString& text) {
        if (axis->property("smeTitleSource").toString() == text)
            return;
        axis->setProperty("smeTitleSource", text);
        axis->setTitleText(text);
        fitNewRange(axis);
    };
    retitle(xAxis_, principal ? tr("principal component 1") : QString::fromStdString(map.axes[0]));
    retitle(yAxis_, principal ? tr("principal component 2") : QString::fromStdString(map.axes[1]));
    chart()->legend()->setVisible(classSeriesCount() <= maxLegendClasses);
    updateTitle();

    // 5% of room around the data; points on the unit circle get the range [-1.2, 1.2].
    const double extent = map.points.cwiseAbs().maxCoeff();
    const double radius = extent > 0.0 ? roundedUp(1.05 * extent) : 1.0;
    if (radius > radius_ || extent < 0.5 * radius_) {
        radius_ = radius;
        aspect_ = 0.0; // set the axes again, whatever the aspect
        updateAxes();
    }
}

void EmbeddingMapView::updateAxes()
{
    const QRectF area = chart()->plotArea();
    const double aspect = area.height() > 0.0 ? area.width() / area.height() : 1.0;
    // The plot area depends a little on the axis labels: a change of under 2% is left alone,
    // so the labels and the area cannot chase each other.
    if (aspect_ > 0.0 && std::abs(aspect - aspect_) < 0.02 * aspect_)
        return;
    aspect_ = aspect;
    setRange(xAxis_, -radius_ * std::max(1.0, aspect), radius_ * std::max(1.0, aspect));
    setRange(yAxis_, -radius_ * std::max(1.0, 1.0 / aspect), radius_ * std::max(1.0, 1.0 / aspect));
    // Round ticks from 0, as many as each axis' length holds (ChartPanel fits them): a fixed
    // interval from the radius gave a narrow map of the race more ticks than its width ("-...").
    for (QValueAxis* axis : {xAxis_, yAxis_}) {
        useRoundTicks(axis, 4);
        fitNewRange(axis);
    }
}
