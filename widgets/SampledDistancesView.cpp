// The sampled-distances view: draws a SampledDistancesFigure as step histograms.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/SampledDistancesView.h"

#include "model/sampling/Sampler.h"
#include "widgets/AxisTicks.h"
#include "widgets/ChartPanel.h"
#include "widgets/DistanceAxisZoom.h"
#include "widgets/HistogramSteps.h"
#include "widgets/SamplerLabel.h"
#include "widgets/VerticalMarker.h"

#include <QChart>
#include <QGridLayout>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QStackedLayout>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

class SampledDistancesView::Panel : public ChartPanel {
public:
    Panel(const QString& title, const QString& xTitle, const QString& yTitle,
          const QString& lambdaName, const QString& cutoffName, bool compact,
          QWidget* parent = nullptr)
        : ChartPanel(title, parent)
        , x_(addValueAxis(Qt::AlignBottom, xTitle))
        , y_(addValueAxis(Qt::AlignLeft, yTitle))
        , compact_(compact)
    {
        y_->setRange(0.0, 1.0);
        const QColor markerColor(60, 60, 60);
        lambdaLine_ = addLine(lambdaName, markerColor, 1.2, x_, y_, Qt::DashLine);
        cutoffLine_ = addLine(cutoffName, markerColor, 1.2, x_, y_, Qt::DotLine);
        // A small chart has no room for the markers' labels (nor for many ticks).
        if (!compact) {
            labelVerticalMarker(chart(), lambdaLine_);
            labelVerticalMarker(chart(), cutoffLine_);
        }
        chart()->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    }

    using ChartPanel::setPoints;
    QValueAxis* distanceAxis() const { return x_; }

    QLineSeries* addHistogram(const QString& name, const QColor& color, qreal width)
    {
        return addLine(name, color, width, x_, y_);
    }

    // Fits the density axis to [0, top] (a little headroom) and the markers to it.
    void fitHeight(double top)
    {
        top_ = top > 0.0 && std::isfinite(top) ? 1.05 * top : 1.0;
        setRange(y_, 0.0, top_);
        useRoundTicks(y_, compact_ ? 3 : 4);
        showMarkers();
    }

    void setMarkers(double lambda, double nonzeroLossCutoff)
    {
        lambda_ = lambda;
        cutoff_ = nonzeroLossCutoff;
        showMarkers();
    }

private:
    void showMarkers()
    {
        showVerticalMarker(lambdaLine_, lambda_, 0.0, top_);
        showVerticalMarker(cutoffLine_, cutoff_, 0.0, top_);
    }

    QValueAxis* x_;
    QValueAxis* y_;
    QLineSeries* lambdaLine_;
    QLineSeries* cutoffLine_;
    bool compact_;
    double top_ = 1.0;
    double lambda_ = std::numeric_limits<double>::quiet_NaN();
    double cutoff_ = std::numeric_limits<double>::quiet_NaN();
};

SampledDistancesView::SampledDistancesView(QWidget* parent)
    : QWidget(parent)
    , stack_(new QStackedLayout(this))
    , gridTitle_(new QLabel)
{
    const QString xTitle = tr("distance d of the negative");
    const QString lambdaName = tr("\u03BB (cutoff)");
    const QString cutoffName = tr("non-zero-loss cutoff");
    overlay_ = new Panel(tr("Distances of the negatives each sampler picks"), xTitle,
                         tr("density"), lambdaName, cutoffName, false);
    // Hard and semi-hard often pick the same negatives: hard is drawn wider, underneath, so a
    // coinciding semi-hard histogram leaves a rim of it.
    constexpr std::array<qreal, 4> widths{2.5, 4.5, 2.0, 2.0};
    for (sme::SamplerKind kind : sme::allSamplerKinds)
        overlaidSeries_[std::size_t(kind)] = overlay_->addHistogram(
            samplerLabel(kind), samplerColor(int(kind)), widths[std::size_t(kind)]);
    stack_->addWidget(overlay_);

    // Side by side: one small chart per sampler under a shared title; no legends, the chart
    // titles name the samplers.
    auto* page = new QWidget;
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 4, 0, 0);
    gridTitle_->setTextFormat(Qt::RichText);
    gridTitle_->setAlignment(Qt::AlignCenter);
    gridTitle_->setWordWrap(true); // a long source (an analysis's shares) must not widen the view
    updateGridTitle();
    pageLayout->addWidget(gridTitle_);
    auto* grid = new QGridLayout;
    grid->setSpacing(2);
    pageLayout->addLayout(grid, 1);
    for (sme::SamplerKind kind : sme::allSamplerKinds) {
        const auto k = std::size_t(kind);
        single_[k]
            = new Panel(samplerLabel(kind), tr("d"), QString(), lambdaName, cutoffName, true);
        single_[k]->chart()->legend()->hide();
        single_[k]->setMinimumSize(160, 120);
        singleSeries_[k]
            = single_[k]->addHistogram(samplerLabel(kind), samplerColor(int(kind)), 2.0);
        grid->addWidget(single_[k], int(k) / 2, int(k) % 2);
    }
    stack_->addWidget(page);
    // One range for the overlaid chart and the four small ones, zoomed from any of them.
    zoom_ = new DistanceAxisZoom(overlay_, overlay_->distanceAxis(), this);
    for (Panel* panel : single_)
        zoom_->addChart(panel, panel->distanceAxis());
}

void SampledDistancesView::setFigure(const sme::SampledDistancesFigure& figure,
                                     const QString& source)
{
    std::vector<const std::vector<double>*> densities;
    for (const auto& density : figure.density)
        if (density)
            densities.push_back(&*density);
    zoom_->setCurves(figure.distance, densities);
    double overallTop = 0.0;
    for (sme::SamplerKind kind : sme::allSamplerKinds) {
        const auto k = std::size_t(kind);
        const auto& density = figure.density[k];
        const HistogramSteps steps
            = density ? histogramSteps(figure.distance, *density) : HistogramSteps{};
        const double top
            = steps.y.empty() ? 0.0 : *std::max_element(steps.y.begin(), steps.y.end());
        overallTop = std::max(overallTop, top);
        const QString name
            = density ? samplerLabel(kind) : tr("%1 (none)").arg(samplerLabel(kind));
        for (QLineSeries* series : {overlaidSeries_[k], singleSeries_[k]}) {
            series->setName(name);
            Panel::setPoints(series, steps.x, steps.y);
        }
        single_[k]->setTitle(
            density ? tr("%1 (%2 picks)").arg(samplerLabel(kind)).arg(figure.picks[k]) : name);
        single_[k]->fitHeight(top);
    }
    overlay_->fitHeight(overallTop);
    overlay_->setTitle(
        tr("Distances of the negatives each sampler picks (%1)").arg(source));
    updateGridTitle();
}

void SampledDistancesView::setMarkers(double lambda, double nonzeroLossCutoff)
{
    overlay_->setMarkers(lambda, nonzeroLossCutoff);
    for (Panel* panel : single_)
        panel->setMarkers(lambda, nonzeroLossCutoff);
    markersShown_ = std::isfinite(lambda) || std::isfinite(nonzeroLossCutoff);
    updateGridTitle();
}

void SampledDistancesView::updateGridTitle()
{
    // The small charts have no room to label their markers: the shared title names them.
    QString text = QStringLiteral("<b>%1</b>").arg(overlay_->title().toHtmlEscaped());
    if (markersShown_)
        text += QStringLiteral("<br><small>%1</small>")
                    .arg(tr("dashed line: \u03BB (cutoff), dotted line: non-zero-loss cutoff")
                             .toHtmlEscaped());
    gridTitle_->setText(text);
}

void SampledDistancesView::setOverlaid(bool overlaid)
{
    stack_->setCurrentIndex(overlaid ? 0 : 1);
}

bool SampledDistancesView::overlaid() const
{
    return stack_->currentIndex() == 0;
}

QString SampledDistancesView::title() const
{
    return overlay_->title();
}

QList<const QXYSeries*> SampledDistancesView::samplerSeries() const
{
    return QList<const QXYSeries*>(overlaidSeries_.begin(), overlaidSeries_.end());
}

QList<const QXYSeries*> SampledDistancesView::sideBySideSeries() const
{
    return QList<const QXYSeries*>(singleSeries_.begin(), singleSeries_.end());
}
