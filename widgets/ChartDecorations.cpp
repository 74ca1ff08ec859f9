// ChartDecorations: a chart's title and legend laid out by us, wrapped and flowed, never elided.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/ChartDecorations.h"

#include <QAbstractAxis>
#include <QAreaSeries>
#include <QChart>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QGraphicsView>
#include <QLegend>
#include <QLegendMarker>
#include <QPainter>
#include <QScatterSeries>
#include <QTextDocument>
#include <QTextOption>
#include <QTimer>
#include <QXYSeries>
#include <algorithm>
#include <cmath>

namespace {

constexpr qreal edge = 4.0;    // the chart's own margin around everything
constexpr qreal rowGap = 2.0;  // between the legend's rows, and between title and legend
// The title keeps clear of a corner button over the chart's top right (the grid's "?", 22
// pixels 3 from the corner), on both sides so that it stays centred; so does a legend row that
// starts above the button's bottom.
constexpr qreal titleSideRoom = 28.0;
constexpr qreal cornerButtonBottom = 25.0;

// The room kept on each side of a row or title of a chart width wide: none where the chart is
// too narrow to spare it.
qreal sideRoom(qreal width)
{
    return width > 8 * titleSideRoom ? titleSideRoom : 0.0;
}

enum class SwatchKind { Line, Marker, Area };

QGraphicsTextItem* newTextItem(QGraphicsItem* parent, Qt::Alignment alignment)
{
    auto* item = new QGraphicsTextItem(parent);
    item->document()->setDocumentMargin(0);
    QTextOption option = item->document()->defaultTextOption();
    option.setAlignment(alignment);
    // A word longer than the line (a long formula, CJK without spaces) still breaks.
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    item->document()->setDefaultTextOption(option);
    return item;
}

void setText(QGraphicsTextItem* item, const QString& text, const QFont& font, const QColor& color)
{
    if (item->font() != font)
        item->setFont(font);
    if (item->defaultTextColor() != color)
        item->setDefaultTextColor(color);
    if (item->toPlainText() != text)
        item->setPlainText(text);
}

} // namespace

// What a legend entry shows: its series' look and its marker's label.
struct ChartDecorations::Entry {
    QString label;
    SwatchKind kind = SwatchKind::Line;
    QPen pen;
    QBrush brush;
    QScatterSeries::MarkerShape shape = QScatterSeries::MarkerShapeCircle;
    qreal markerSize = 0.0;
};

// A series' look in small: its line with its dash style, its marker, or its area.
class LegendSwatch : public QGraphicsItem {
public:
    LegendSwatch(QGraphicsItem* parent) : QGraphicsItem(parent) {}
    void setLook(const ChartDecorations::Entry& entry, const QSizeF& size)
    {
        prepareGeometryChange();
        entry_ = entry;
        size_ = size;
        update();
    }
    QRectF boundingRect() const override { return QRectF(QPointF(0, 0), size_); }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) override
    {
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QRectF box = boundingRect().adjusted(1, 1, -1, -1);
        switch (entry_.kind) {
        case SwatchKind::Line: {
            QPen pen = entry_.pen;
            pen.setWidthF(std::clamp(pen.widthF(), 1.0, box.height() / 2.5));
            pen.setCapStyle(Qt::FlatCap);
            painter->setPen(pen);
            painter->drawLine(QPointF(box.left(), box.center().y()), QPointF(box.right(), box.center().y()));
            break;
        }
        case SwatchKind::Marker: {
            const qreal side = std::min(entry_.markerSize, box.height());
            const QRectF mark(box.center() - QPointF(side / 2, side / 2), QSizeF(side, side));
            painter->setPen(entry_.pen);
            painter->setBrush(entry_.brush);
            if (entry_.shape == QScatterSeries::MarkerShapeRectangle)
                painter->drawRect(mark);
            else
                painter->drawEllipse(mark);
            break;
        }
        case SwatchKind::Area:
            painter->setPen(entry_.pen);
            painter->setBrush(entry_.brush);
            painter->drawRect(box.adjusted(0, box.height() * 0.2, 0, -box.height() * 0.2));
            break;
        }
        painter->restore();
    }

private:
    ChartDecorations::Entry entry_;
    QSizeF size_;
};

ChartDecorations::ChartDecorations(QChart* chart)
    : QObject(chart)
    , chart_(chart)
    , titleItem_(newTextItem(chart, Qt::AlignHCenter))
{
    chart_->setTitle(QString());
    // Qt's legend keeps its markers (views hide some, tests read them) but is never painted
    // and takes no room: detached, transparent and a point in size (not outside the scene:
    // the scene would grow to hold it, and the view would scroll).
    QLegend* legend = chart_->legend();
    legend->detachFromChart();
    legend->setOpacity(0.0);
    legend->setGeometry(QRectF(0, 0, 1, 1));
    connect(legend, &QGraphicsObject::visibleChanged, this, &ChartDecorations::scheduleUpdate);
    // The width changes in the view's resize: laid out at once, so an export drawn right after
    // a resize has its title and legend in place.
    connect(chart_, &QGraphicsWidget::geometryChanged, this, &ChartDecorations::update);
    // Anything else (a series' name or pen, a marker hidden, a style's font) changes the scene;
    // update() compares its inputs with the last ones, so an unrelated repaint costs a string.
    if (QGraphicsScene* scene = chart_->scene())
        connect(scene, &QGraphicsScene::changed, this, &ChartDecorations::scheduleUpdate);
    update();
}

ChartDecorations::~ChartDecorations() = default;

void ChartDecorations::setTitle(const QString& title)
{
    title_ = title;
    update();
}

void ChartDecorations::setLegendPlacement(ChartLegendPlacement placement)
{
    placement_ = placement;
    update();
}

void ChartDecorations::scheduleUpdate()
{
    if (scheduled_)
        return;
    scheduled_ = true;
    QTimer::singleShot(0, this, [this] {
        scheduled_ = false;
        update();
    });
}

std::vector<ChartDecorations::Entry> ChartDecorations::entries() const
{
    std::vector<Entry> shown;
    QLegend* legend = chart_->legend();
    if (placement_ == ChartLegendPlacement::Hidden || !legend->isVisible())
        return shown;
    // A new marker stays hidden until Qt lays its legend out, at the next turn of the event
    // loop: a figure drawn off screen at once (the figure command) lays it out now. Not on
    // screen, where laying it out in the middle of a resize left the chart's layout stale.
    const QList<QGraphicsView*> views = chart_->scene() ? chart_->scene()->views() : QList<QGraphicsView*>();
    const bool offScreen = views.isEmpty() || views.constFirst()->window()->testAttribute(Qt::WA_DontShowOnScreen);
    if (QGraphicsLayout* layout = legend->layout(); layout && offScreen)
        layout->activate();
    for (QLegendMarker* marker : legend->markers()) {
        QAbstractSeries* series = marker->series();
        if (!marker->isVisible() || marker->label().isEmpty() || !series || !series->isVisible())
            continue;
        Entry entry;
        entry.label = marker->label();
        if (auto* scatter = qobject_cast<QScatterSeries*>(series)) {
            entry.kind = SwatchKind::Marker;
            entry.pen = scatter->pen();
            entry.brush = scatter->brush();
            entry.shape = scatter->markerShape();
            entry.markerSize = scatter->markerSize();
        } else if (auto* line = qobject_cast<QXYSeries*>(series)) {
            entry.pen = line->pen();
        } else if (auto* area = qobject_cast<QAreaSeries*>(series)) {
            entry.kind = SwatchKind::Area;
            entry.pen = area->pen();
            entry.brush = area->brush();
        } else {
            entry.kind = SwatchKind::Area;
            entry.pen = marker->pen();
            entry.brush = marker->brush();
        }
        shown.push_back(entry);
    }
    return shown;
}

qreal ChartDecorations::axisLabelOverhang() const
{
    // A vertical axis' top tick label is centred on the plot's top edge: half of it stands
    // above the plot, where the legend is.
    qreal overhang = 0.0;
    for (QAbstractAxis* axis : chart_->axes(Qt::Vertical))
        if (axis->isVisible() && axis->labelsVisible())
            overhang = std::max(overhang, QFontMetricsF(axis->labelsFont()).height() / 2);
    return overhang;
}

qreal ChartDecorations::pointLabelHeight() const
{
    // Labels drawn above a series' points and not clipped to the plot (a vertical marker's
    // name) rise above the plot's top: they get room of their own, clear of the legend.
    qreal height = 0.0;
    for (QAbstractSeries* abstract : chart_->series()) {
        const auto* series = qobject_cast<const QXYSeries*>(abstract);
        if (series && series->isVisible() && series->pointLabelsVisible() && !series->pointLabelsClipping())
            height = std::max(height, QFontMetricsF(series->pointLabelsFont()).height()
                                          + series->pen().widthF() / 2 + pointLabelRoom + 2.0);
    }
    return height;
}

QString ChartDecorations::inputsKey(const std::vector<Entry>& shown) const
{
    QStringList parts{QString::number(chart_->size().width()), QString::number(chart_->size().height()),
                      QString::number(int(placement_)), title_, chart_->titleFont().toString(),
                      chart_->titleBrush().color().name(QColor::HexArgb),
                      chart_->legend()->font().toString(),
                      chart_->legend()->labelColor().name(QColor::HexArgb),
                      QString::number(pointLabelHeight()), QString::number(axisLabelOverhang())};
    for (const Entry& entry : shown)
        parts << entry.label << QString::number(int(entry.kind)) << entry.pen.color().name(QColor::HexArgb)
              << QString::number(entry.pen.widthF()) << QString::number(int(entry.pen.style()))
              << entry.brush.color().name(QColor::HexArgb) << QString::number(int(entry.shape))
              << QString::number(entry.markerSize);
    return parts.join(QChar(0x1F));
}

void ChartDecorations::update()
{
    // A new chart is 0 x 0 until its view's first resize: its title wrapped at that width would
    // be a character a line, a top margin of hundreds of pixels, which QChartView then makes the
    // view's minimum height for good (a sampler figure of an analysis came out 950-1340 pixels
    // high). Laid out at the first real width instead.
    if (chart_->size().width() <= 2 * edge)
        return;
    const std::vector<Entry> shown = entries();
    const QString key = inputsKey(shown);
    if (key == lastKey_)
        return;
    lastKey_ = key;

    const qreal width = std::max(chart_->size().width() - 2 * edge, 1.0);
    qreal top = layoutTitle(edge, width);
    const bool atBottom = placement_ == ChartLegendPlacement::Bottom;
    const qreal legendTop = atBottom ? 0.0 : top + (top > edge && !shown.empty() ? rowGap : 0.0);
    const qreal legendHeight = layoutLegend(shown, legendTop, width, atBottom ? 0.0 : cornerButtonBottom);
    qreal bottom = edge;
    if (atBottom)
        for (std::size_t i = 0; i < labels_.size(); ++i) {
            labels_[i]->moveBy(0, chart_->size().height() - edge - legendHeight);
            swatches_[i]->moveBy(0, chart_->size().height() - edge - legendHeight);
        }
    if (atBottom)
        bottom += legendHeight + (legendHeight > 0 ? rowGap : 0.0);
    else
        top = legendTop + legendHeight;
    top += std::max(pointLabelHeight(), axisLabelOverhang());

    QMargins margins = chart_->margins();
    margins.setTop(int(std::ceil(top + rowGap)));
    margins.setBottom(int(std::ceil(bottom)));
    if (margins != chart_->margins())
        chart_->setMargins(margins);
}

qreal ChartDecorations::layoutTitle(qreal top, qreal width)
{
    if (title_.isEmpty()) {
        titleItem_->setVisible(false);
        return top;
    }
    setText(titleItem_, title_, chart_->titleFont(), chart_->titleBrush().color());
    const qreal side = sideRoom(width);
    titleItem_->setTextWidth(width - 2 * side);
    titleItem_->setPos(edge + side, top);
    titleItem_->setVisible(true);
    return top + titleItem_->boundingRect().height();
}

// Entries flow left to right into rows, each row centred; an entry whose label alone is wider
// than the chart wraps its label; a row that starts above besideButtonUntil keeps clear of the
// corner button. Placed from y = top; returns the legend's height.
qreal ChartDecorations::layoutLegend(const std::vector<Entry>& shown, qreal top, qreal width, qreal besideButtonUntil)
{
    while (labels_.size() > shown.size()) {
        delete labels_.back();
        delete swatches_.back();
        labels_.pop_back();
        swatches_.pop_back();
    }
    while (labels_.size() < shown.size()) {
        labels_.push_back(newTextItem(chart_, Qt::AlignLeft));
        swatches_.push_back(new LegendSwatch(chart_));
    }
    if (shown.empty())
        return 0.0;
    const QFont font = chart_->legend()->font();
    const QFontMetricsF metrics(font);
    const QSizeF swatch(1.8 * metrics.height(), metrics.height());
    const qreal gap = 0.35 * metrics.height();
    const qreal spacing = 1.0 * metrics.height();
    std::vector<QSizeF> sizes;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        QGraphicsTextItem* label = labels_[i];
        setText(label, shown[i].label, font, chart_->legend()->labelColor());
        label->setTextWidth(-1);
        if (swatch.width() + gap + label->boundingRect().width() > width)
            label->setTextWidth(std::max(width - swatch.width() - gap, metrics.height()));
        swatches_[i]->setLook(shown[i], swatch);
        sizes.emplace_back(swatch.width() + gap + label->boundingRect().width(),
                           std::max(swatch.height(), label->boundingRect().height()));
    }
    qreal y = top;
    std::size_t first = 0;
    while (first < shown.size()) {
        std::size_t last = first; // the row holds [first, last)
        qreal rowWidth = 0.0;
        qreal rowHeight = 0.0;
        const qreal room = y < besideButtonUntil ? width - 2 * sideRoom(width) : width;
        while (last < shown.size()
               && (last == first || rowWidth + spacing + sizes[last].width() <= room)) {
            rowWidth += (last == first ? 0.0 : spacing) + sizes[last].width();
            rowHeight = std::max(rowHeight, sizes[last].height());
            ++last;
        }
        qreal x = edge + std::max(0.0, (width - rowWidth) / 2);
        for (std::size_t i = first; i < last; ++i) {
            swatches_[i]->setPos(x, y);
            labels_[i]->setPos(x + swatch.width() + gap, y);
            x += sizes[i].width() + spacing;
        }
        y += rowHeight + rowGap;
        first = last;
    }
    return y - rowGap - top;
}

const QGraphicsTextItem* ChartDecorations::titleItem() const
{
    return titleItem_->isVisible() ? titleItem_ : nullptr;
}

std::vector<const QGraphicsTextItem*> ChartDecorations::legendLabels() const
{
    return {labels_.begin(), labels_.end()};
}

bool ChartDecorations::owns(const QGraphicsItem* item) const
{
    return item == titleItem_ || std::find(labels_.begin(), labels_.end(), item) != labels_.end()
           || std::find(swatches_.begin(), swatches_.end(), item) != swatches_.end();
}

ChartDecorations* decorationsOf(QChart* chart)
{
    return chart ? chart->findChild<ChartDecorations*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
}
