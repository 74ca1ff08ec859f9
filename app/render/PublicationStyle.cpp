// The look of an exported figure, put on a view's charts and taken off again.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/render/PublicationStyle.h"

#include "widgets/ChartPanel.h"
#include "widgets/ChartViews.h"
#include "widgets/PresentationStyle.h"

#include <QAbstractAxis>
#include <QChart>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QScatterSeries>
#include <QXYSeries>
#include <algorithm>
#include <array>

namespace {

constexpr std::array<const char*, 3> themeNames{"publication", "light", "dark"};
constexpr std::array<const char*, 3> legendNames{"top", "bottom", "none"};

// Publication fonts, in points: they scale with the figure as the lines do.
constexpr double titlePoints = 10.0;
constexpr double axisTitlePoints = 9.0;
constexpr double labelPoints = 8.0;

QFont inPoints(QFont font, double points, bool bold = false)
{
    font.setPointSizeF(points); // also drops a pixel size
    font.setBold(bold);
    return font;
}

QPen hairline(QPen pen, double width)
{
    pen.setCosmetic(false); // scaled with the painter: the same weight at every dpi
    pen.setWidthF(width);
    return pen;
}

ChartPanel::LegendPlacement placementOf(FigureLegend legend)
{
    switch (legend) {
    case FigureLegend::Top: return ChartPanel::LegendPlacement::Top;
    case FigureLegend::Bottom: return ChartPanel::LegendPlacement::Bottom;
    case FigureLegend::Hidden: return ChartPanel::LegendPlacement::Hidden;
    }
    return ChartPanel::LegendPlacement::Top;
}

} // namespace

struct ExportLook::SavedChart {
    struct Axis {
        QPointer<QAbstractAxis> axis;
        QFont labelsFont, titleFont;
        QColor labelsColor;
        QBrush titleBrush;
        QPen linePen, gridPen, minorGridPen;
    };
    struct Series {
        QPointer<QXYSeries> series;
        QPen pen;
    };
    struct Marker {
        QPointer<QLegendMarker> marker;
        QPen pen;
        QBrush brush;
    };

    QPointer<QChartView> view;
    QPointer<ChartPanel> panel;
    QBrush viewBackground;
    bool viewportFilled = false;
    bool titleVisible = true;
    bool legendVisible = true; // a view may hide its legend itself (the map, with many classes)
    ChartPanel::LegendPlacement legend = ChartPanel::LegendPlacement::Top;
    bool backgroundVisible = true, dropShadow = false, plotAreaBackground = false;
    QBrush background, titleBrush;
    QPen backgroundPen;
    qreal roundness = 0;
    QMargins margins;
    QMarginsF layoutMargins;
    QFont titleFont, legendFont;
    QColor legendColor;
    std::vector<Axis> axes;
    std::vector<Series> series;
    std::vector<Marker> markers;

    explicit SavedChart(QChartView* chartView);
    void restore() const;
};

ExportLook::SavedChart::SavedChart(QChartView* chartView)
    : view(chartView)
    , panel(qobject_cast<ChartPanel*>(chartView))
{
    QChart* chart = chartView->chart();
    viewBackground = chartView->backgroundBrush();
    viewportFilled = chartView->viewport()->autoFillBackground();
    if (panel) {
        titleVisible = panel->titleVisible();
        legend = panel->legendPlacement();
    }
    legendVisible = chart->legend()->isVisible();
    backgroundVisible = chart->isBackgroundVisible();
    dropShadow = chart->isDropShadowEnabled();
    plotAreaBackground = chart->isPlotAreaBackgroundVisible();
    background = chart->backgroundBrush();
    backgroundPen = chart->backgroundPen();
    titleBrush = chart->titleBrush();
    roundness = chart->backgroundRoundness();
    margins = chart->margins();
    qreal left = 0, top = 0, right = 0, bottom = 0;
    chart->layout()->getContentsMargins(&left, &top, &right, &bottom);
    layoutMargins = QMarginsF(left, top, right, bottom);
    titleFont = chart->titleFont();
    legendFont = chart->legend()->font();
    legendColor = chart->legend()->labelColor();
    for (QAbstractAxis* axis : chart->axes())
        axes.push_back({axis, axis->labelsFont(), axis->titleFont(), axis->labelsColor(), axis->titleBrush(),
                        axis->linePen(), axis->gridLinePen(), axis->minorGridLinePen()});
    for (QAbstractSeries* each : chart->series())
        if (auto* xy = qobject_cast<QXYSeries*>(each); xy && !qobject_cast<QScatterSeries*>(xy))
            series.push_back({xy, xy->pen()});
    for (QLegendMarker* marker : chart->legend()->markers())
        markers.push_back({marker, marker->pen(), marker->brush()});
}

void ExportLook::SavedChart::restore() const
{
    if (!view)
        return;
    QChart* chart = view->chart();
    for (const Axis& a : axes) {
        if (!a.axis)
            continue;
        a.axis->setLabelsFont(a.labelsFont);
        a.axis->setTitleFont(a.titleFont);
        a.axis->setLabelsColor(a.labelsColor);
        a.axis->setTitleBrush(a.titleBrush);
        a.axis->setLinePen(a.linePen);
        a.axis->setGridLinePen(a.gridPen);
        a.axis->setMinorGridLinePen(a.minorGridPen);
    }
    chart->legend()->setLabelColor(legendColor);
    chart->legend()->setFont(legendFont);
    chart->setTitleFont(titleFont);
    chart->layout()->setContentsMargins(layoutMargins.left(), layoutMargins.top(), layoutMargins.right(),
                                        layoutMargins.bottom());
    chart->setMargins(margins);
    chart->setBackgroundRoundness(roundness);
    chart->setTitleBrush(titleBrush);
    chart->setBackgroundPen(backgroundPen);
    chart->setBackgroundBrush(background);
    chart->setPlotAreaBackgroundVisible(plotAreaBackground);
    chart->setDropShadowEnabled(dropShadow);
    chart->setBackgroundVisible(backgroundVisible);
    if (panel) {
        panel->setLegendPlacement(legend);
        panel->setTitleVisible(titleVisible);
    }
    chart->legend()->setVisible(legendVisible);
    view->viewport()->setAutoFillBackground(viewportFilled);
    view->setBackgroundBrush(viewBackground);
    // The pens last, in the legend's own font again: a legend marker sizes itself when its
    // series' pen changes, with the legend's font of that moment.
    for (const Series& s : series)
        if (s.series)
            s.series->setPen(s.pen);
    // A marker takes its series' new pen, but not always as it first drew it: set back only
    // where it differs (a marker set by hand no longer follows its series).
    for (const Marker& m : markers) {
        if (m.marker && m.marker->pen() != m.pen)
            m.marker->setPen(m.pen);
        if (m.marker && m.marker->brush() != m.brush)
            m.marker->setBrush(m.brush);
    }
}

namespace {

// Data lines heavier than the grid, both scaled with the figure (every theme).
void weighLines(QChart& chart)
{
    for (QAbstractSeries* each : chart.series())
        if (auto* xy = qobject_cast<QXYSeries*>(each); xy && !qobject_cast<QScatterSeries*>(xy))
            xy->setPen(hairline(xy->pen(), std::max(xy->pen().widthF(), exportLeastDataWidth)));
    for (QAbstractAxis* axis : chart.axes()) {
        axis->setGridLinePen(hairline(axis->gridLinePen(), exportGridWidth));
        axis->setMinorGridLinePen(hairline(axis->minorGridLinePen(), exportGridWidth));
    }
}

// White, no card, small margins, black text in points, a thin dark axis line. roomAbove: with
// neither title nor legend above the plot, room for the labels drawn over its top edge (the
// markers' labels).
void publish(QChartView& view, bool roomAbove)
{
    QChart& chart = *view.chart();
    const QColor ink(Qt::black);
    chart.setBackgroundBrush(Qt::white);
    chart.setBackgroundPen(Qt::NoPen);
    chart.setBackgroundRoundness(0);
    chart.setDropShadowEnabled(false);
    chart.setPlotAreaBackgroundVisible(false);
    chart.setMargins(QMargins(2, roomAbove ? 16 : 2, 2, 2));
    chart.layout()->setContentsMargins(0, 0, 0, 0);
    chart.setTitleFont(inPoints(chart.titleFont(), titlePoints, true));
    chart.setTitleBrush(ink);
    chart.legend()->setFont(inPoints(chart.legend()->font(), labelPoints));
    chart.legend()->setLabelColor(ink);
    for (QAbstractAxis* axis : chart.axes()) {
        axis->setLabelsFont(inPoints(axis->labelsFont(), labelPoints));
        axis->setTitleFont(inPoints(axis->titleFont(), axisTitlePoints));
        axis->setLabelsColor(ink);
        axis->setTitleBrush(ink);
        axis->setLinePen(hairline(QPen(QColor(0x40, 0x40, 0x40)), 0.75));
        axis->setGridLineColor(QColor(0xdd, 0xdd, 0xdd));
        axis->setMinorGridLineColor(QColor(0xee, 0xee, 0xee));
    }
    view.setBackgroundBrush(Qt::white);
}

} // namespace

ExportLook::ExportLook(QWidget& root, const FigureLook& look)
{
    const QList<QChartView*> views = chartViewsOf(root);
    for (QChartView* view : views)
        saved_.push_back(std::make_unique<SavedChart>(view));
    for (QChartView* view : views) {
        if (auto* panel = qobject_cast<ChartPanel*>(view)) {
            panel->setTitleVisible(look.showTitle);
            if (view->chart()->legend()->isVisible()) // a legend its view hid stays hidden
                panel->setLegendPlacement(placementOf(look.legend));
        }
        weighLines(*view->chart());
        if (look.theme != FigureTheme::Light)
            publish(*view, !look.showTitle && look.legend != FigureLegend::Top);
        if (look.transparent) {
            view->chart()->setBackgroundVisible(false);
            view->viewport()->setAutoFillBackground(false); // else it fills with the window colour
            view->setBackgroundBrush(Qt::NoBrush);
        }
    }
    if (look.theme == FigureTheme::Dark)
        applyDarkTheme(&root);
    for (QWidget* child : root.findChildren<QWidget*>())
        if (child->property(hiddenInExportsProperty).toBool() && child->isVisible()) {
            child->hide();
            hiddenOverlays_.emplace_back(child);
        }
    // New fonts: the titles, legends and ticks fitted again (shrunk or wrapped for the figure).
    for (QChartView* view : views)
        ChartPanel::refitText(view->chart());
}

ExportLook::~ExportLook()
{
    for (const std::unique_ptr<SavedChart>& chart : saved_)
        chart->restore();
    for (const std::unique_ptr<SavedChart>& chart : saved_)
        if (chart->view)
            ChartPanel::refitText(chart->view->chart());
    for (const QPointer<QWidget>& overlay : hiddenOverlays_)
        if (overlay)
            overlay->show();
}

QColor figureBackground(FigureTheme theme)
{
    return theme == FigureTheme::Dark ? QColor(0x20, 0x22, 0x26) : QColor(Qt::white);
}

namespace {

template <class Kind, std::size_t N>
std::optional<Kind> kindNamed(const std::array<const char*, N>& names, const QString& name)
{
    const auto found = std::find_if(names.begin(), names.end(), [&](const char* each) { return name == QLatin1String(each); });
    return found == names.end() ? std::nullopt : std::optional(Kind(found - names.begin()));
}

} // namespace

QString figureThemeName(FigureTheme theme)
{
    return QLatin1String(themeNames[std::size_t(theme)]);
}

std::optional<FigureTheme> figureThemeFromName(const QString& name)
{
    return kindNamed<FigureTheme>(themeNames, name);
}

QString figureLegendName(FigureLegend legend)
{
    return QLatin1String(legendNames[std::size_t(legend)]);
}

std::optional<FigureLegend> figureLegendFromName(const QString& name)
{
    return kindNamed<FigureLegend>(legendNames, name);
}
