// Tests of the idealised-figure views: they show the model's numbers, switch scales, mark
// lambda and the cutoff, turn drags into beta and alpha, and render something visible.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/figures/FigureData.h"
#include "widgets/DensityChartView.h"
#include "widgets/DistanceAxisZoom.h"
#include "widgets/GradientVarianceView.h"
#include "widgets/HistogramSteps.h"
#include "widgets/LossFunctionsView.h"
#include "widgets/SampledDistancesView.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QImage>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QSet>
#include <QSignalSpy>
#include <QValueAxis>
#include <QtTest>
#include <cmath>
#include <functional>
#include <memory>

namespace {

// Every point of series equals (x[i], y[i]) for the i with a positive y (all i unless
// positiveOnly), in order.
void compareSeries(const QXYSeries* series, const std::vector<double>& x,
                   const std::vector<double>& y, bool positiveOnly = false)
{
    const QList<QPointF> points = series->points();
    qsizetype at = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (positiveOnly && !(y[i] > 0.0))
            continue;
        QVERIFY2(at < points.size(), qPrintable(series->name()));
        QCOMPARE(points[at].x(), x[i]);
        QCOMPARE(points[at].y(), y[i]);
        ++at;
    }
    QCOMPARE(points.size(), at);
}

// The vertical line series is at distance x and spans [bottom, top].
void compareVerticalLine(const QXYSeries* series, double x, double bottom, double top)
{
    const QList<QPointF> points = series->points();
    QCOMPARE(points.size(), qsizetype(2));
    QCOMPARE(points[0].x(), x);
    QCOMPARE(points[1].x(), x);
    QCOMPARE(points[0].y(), bottom);
    QCOMPARE(points[1].y(), top);
}

QAbstractAxis* verticalAxis(const QChartView& view)
{
    const QList<QAbstractAxis*> axes = view.chart()->axes(Qt::Vertical);
    return axes.size() == 1 ? axes.front() : nullptr;
}

void showForTest(QWidget& widget)
{
    widget.resize(600, 400);
    widget.show();
    QVERIFY(QTest::qWaitForWindowExposed(&widget));
    QCoreApplication::processEvents();
}

// A point in the viewport of view at the data coordinates of series.
QPoint viewportPoint(const QChartView& view, const QPointF& value, QXYSeries* series)
{
    const QPointF inChart = view.chart()->mapToPosition(value, series);
    return view.mapFromScene(view.chart()->mapToScene(inChart));
}

sme::DensityFigure densityFigure(int dimension)
{
    sme::DensitySettings settings;
    settings.dimension = dimension;
    settings.samples = 300;
    settings.bins = 100;
    return sme::densityFigure(settings);
}

sme::GradientVarianceCurve varianceCurve(double sigma)
{
    sme::GradientNoiseSettings settings;
    settings.dimension = 32;
    settings.noise = sigma;
    settings.trials = 200;
    settings.gridPoints = 51;
    return sme::gradientVarianceFigure(settings, 7);
}

sme::SampledDistancesFigure sampledFigure()
{
    sme::SampledDistancesSettings settings;
    settings.batch.dimension = 32;
    settings.batches = 4;
    settings.bins = 40;
    return sme::sampledDistancesFigure(settings);
}

sme::LossCurves losses()
{
    return sme::lossCurves(0.2, 1.2, 1.2, 201);
}

} // namespace

class IdealisedViewsTest : public QObject {
    Q_OBJECT
private slots:
    void densitySeriesAreTheFiguresColumns_data();
    void densitySeriesAreTheFiguresColumns();
    void densityLogScaleDropsNonPositivePointsAndSwitchesAxis();
    void densityMarkersStandAtLambdaAndCutoff();
    void gradientVarianceHasOneSeriesPerCurve();
    void gradientVarianceLeavesZerosOut();
    void sampledDistancesShowEverySamplerInBothLayouts();
    void sampledDistancesWithoutPicksGiveAnEmptySeries();
    void sampledDistancesMarkersInEveryChart();
    void densityOpensFittedAtLargeN();
    void wheelZoomsAroundTheCursorAndDragPans();
    void chosenRangeKeptUntilNChangesALot();
    void sampledDistancesShareOneZoom();
    void monteCarloHistogramDrawnOverTheCurves();
    void gradientReferenceKeepsItsShadePerSigma();
    void coincidingLossesStayVisible();
    void lossSeriesAreTheCurves();
    void lossLinesStandAtBetaAndTheMargin();
    void draggingBetaLineEmitsNewBeta();
    void draggingMarginLineEmitsNewAlpha();
    void pressingAwayFromTheLinesEmitsNothing();
    void everyViewRendersVisibly_data();
    void everyViewRendersVisibly();
};

void IdealisedViewsTest::densitySeriesAreTheFiguresColumns_data()
{
    QTest::addColumn<int>("dimension");
    QTest::newRow("n = 8") << 8;
    QTest::newRow("n = 1024") << 1024;
}

void IdealisedViewsTest::densitySeriesAreTheFiguresColumns()
{
    QFETCH(int, dimension);
    const sme::DensityFigure figure = densityFigure(dimension);
    DensityChartView view;
    view.setFigure(figure, dimension);
    compareSeries(view.exactSeries(), figure.distance, figure.exact);
    compareSeries(view.gaussianSeries(), figure.distance, figure.gaussianLimit);
    const HistogramSteps steps = histogramSteps(figure.distance, figure.monteCarlo);
    compareSeries(view.histogramSeries(), steps.x, steps.y);
    // Steps: two points per bin, the bin's edges 0.02 apart, flat across it.
    QCOMPARE(view.histogramSeries()->count(), qsizetype(2 * figure.monteCarlo.size()));
    QCOMPARE(steps.x.front(), 0.0);
    QCOMPARE(steps.x.back(), 2.0);
    QVERIFY(view.title().contains(QStringLiteral("n = %1").arg(dimension)));
    QVERIFY(view.title().contains(QString::number(figure.totalVariation, 'f', 4)));
}

void IdealisedViewsTest::densityLogScaleDropsNonPositivePointsAndSwitchesAxis()
{
    // At n = 1024 most of [0, 2] has q(d) = 0 in double and the histogram is mostly empty.
    const sme::DensityFigure figure = densityFigure(1024);
    DensityChartView view;
    view.setFigure(figure, 1024);
    QVERIFY(!view.logScale());
    QCOMPARE(verticalAxis(view)->type(), QAbstractAxis::AxisTypeValue);
    QCOMPARE(static_cast<QValueAxis*>(verticalAxis(view))->min(), 0.0);

    view.setLogScale(true);
    QVERIFY(view.logScale());
    QCOMPARE(verticalAxis(view)->type(), QAbstractAxis::AxisTypeLogValue);
    compareSeries(view.exactSeries(), figure.distance, figure.exact, true);
    QVERIFY(view.exactSeries()->count() < qsizetype(figure.exact.size()));
    for (const QLineSeries* series :
         {view.exactSeries(), view.gaussianSeries(), view.histogramSeries()})
        for (const QPointF& point : series->points())
            QVERIFY(point.y() > 0.0);
    // The lower bound keeps the far tails (down to 1e-300) from flattening the peak.
    const auto* logAxis = static_cast<QLogValueAxis*>(verticalAxis(view));
    const double peak = *std::max_element(figure.exact.begin(), figure.exact.end());
    QVERIFY(logAxis->min() >= 1e-7 * peak);
    QVERIFY(logAxis->max() >= peak);

    view.setLogScale(false);
    QCOMPARE(verticalAxis(view)->type(), QAbstractAxis::AxisTypeValue);
    compareSeries(view.exactSeries(), figure.distance, figure.exact);
    // Every series follows the axis it is shown on.
    for (QAbstractSeries* series : view.chart()->series())
        QCOMPARE(series->attachedAxes().size(), qsizetype(2));
}

void IdealisedViewsTest::densityMarkersStandAtLambdaAndCutoff()
{
    DensityChartView view;
    view.setFigure(densityFigure(128), 128);
    QVERIFY(view.lambdaSeries()->points().isEmpty());
    QVERIFY(view.nonzeroLossCutoffSeries()->points().isEmpty());
    view.setMarkers(0.5, 1.4);
    QCOMPARE(view.lambdaSeries()->name(), QStringLiteral("\u03BB (cutoff)"));
    QCOMPARE(view.nonzeroLossCutoffSeries()->name(), QStringLiteral("non-zero-loss cutoff"));
    auto* linear = static_cast<QValueAxis*>(verticalAxis(view));
    compareVerticalLine(view.lambdaSeries(), 0.5, linear->min(), linear->max());
    compareVerticalLine(view.nonzeroLossCutoffSeries(), 1.4, linear->min(), linear->max());

    view.setLogScale(true);
    auto* logAxis = static_cast<QLogValueAxis*>(verticalAxis(view));
    compareVerticalLine(view.lambdaSeries(), 0.5, logAxis->min(), logAxis->max());
    compareVerticalLine(view.nonzeroLossCutoffSeries(), 1.4, logAxis->min(), logAxis->max());
}

void IdealisedViewsTest::gradientVarianceHasOneSeriesPerCurve()
{
    const sme::GradientVarianceCurve current = varianceCurve(0.1);
    std::vector<std::pair<double, sme::GradientVarianceCurve>> references;
    for (double sigma : {0.01, 0.03, 0.3})
        references.emplace_back(sigma, varianceCurve(sigma));
    GradientVarianceView view;
    view.setCurves(current, 0.1, 32, references);
    QCOMPARE(view.referenceCount(), 3);
    QCOMPARE(view.chart()->series().size(), qsizetype(1 + 3));
    compareSeries(view.currentSeries(), current.distance, current.variance, true);
    for (int i = 0; i < 3; ++i) {
        const QLineSeries* series = view.referenceSeries()[i];
        compareSeries(series, references[std::size_t(i)].second.distance,
                      references[std::size_t(i)].second.variance, true);
        QVERIFY(series->name().contains(QString::number(references[std::size_t(i)].first)));
    }
    // The current curve is drawn last, on top, and bolder.
    QCOMPARE(view.chart()->series().back(), view.currentSeries());
    QVERIFY(view.currentSeries()->pen().widthF() > view.referenceSeries()[0]->pen().widthF());
    QCOMPARE(verticalAxis(view)->type(), QAbstractAxis::AxisTypeLogValue);

    references.resize(1);
    view.setCurves(current, 0.1, 32, references);
    QCOMPARE(view.referenceCount(), 1);
    QCOMPARE(view.chart()->series().size(), qsizetype(1 + 1));
}

void IdealisedViewsTest::gradientVarianceLeavesZerosOut()
{
    // sigma = 0: the direction is exact (variance 0) except at d = 0, reported as 1.
    const sme::GradientVarianceCurve exact = varianceCurve(0.0);
    GradientVarianceView view;
    view.setCurves(varianceCurve(0.1), 0.1, 32, {{0.0, exact}});
    const QList<QPointF> points = view.referenceSeries()[0]->points();
    QCOMPARE(points.size(), qsizetype(1));
    QCOMPARE(points[0], QPointF(0.0, 1.0));
    const auto* axis = static_cast<QLogValueAxis*>(verticalAxis(view));
    QVERIFY(axis->min() > 0.0);
    QCOMPARE(axis->max(), 1.5);
}

void IdealisedViewsTest::sampledDistancesShowEverySamplerInBothLayouts()
{
    const sme::SampledDistancesFigure figure = sampledFigure();
    SampledDistancesView view;
    view.setFigure(figure, QStringLiteral("idealised batches, n = 32"));
    QVERIFY(view.title().contains(QStringLiteral("idealised batches, n = 32")));
    QVERIFY(view.overlaid());
    QCOMPARE(view.samplerSeries().size(), qsizetype(4));
    QCOMPARE(view.sideBySideSeries().size(), qsizetype(4));
    for (std::size_t k = 0; k < 4; ++k) {
        QVERIFY(figure.density[k].has_value());
        const HistogramSteps steps = histogramSteps(figure.distance, *figure.density[k]);
        compareSeries(view.samplerSeries()[qsizetype(k)], steps.x, steps.y);
        compareSeries(view.sideBySideSeries()[qsizetype(k)], steps.x, steps.y);
        QCOMPARE(view.samplerSeries()[qsizetype(k)]->pen().color(), samplerColor(int(k)));
    }
    view.setOverlaid(false);
    QVERIFY(!view.overlaid());
    view.setOverlaid(true);
    QVERIFY(view.overlaid());
}

void IdealisedViewsTest::sampledDistancesWithoutPicksGiveAnEmptySeries()
{
    std::array<std::vector<double>, 4> picks{
        std::vector<double>{1.3, 1.4, 1.5}, std::vector<double>{0.4, 0.6}, std::vector<double>{},
        std::vector<double>{0.7, 1.0, 1.2}};
    const sme::SampledDistancesFigure figure = sme::sampledDistancesFromPicks(picks, 20);
    SampledDistancesView view;
    view.setFigure(figure, QStringLiteral("live model, step 1200"));
    const auto semiHard = qsizetype(sme::SamplerKind::SemiHard);
    QVERIFY(view.samplerSeries()[semiHard]->points().isEmpty());
    QVERIFY(view.sideBySideSeries()[semiHard]->points().isEmpty());
    QVERIFY(view.samplerSeries()[semiHard]->name().contains(QStringLiteral("(none)")));
    QVERIFY(!view.samplerSeries()[0]->name().contains(QStringLiteral("(none)")));
    QCOMPARE(view.samplerSeries()[0]->count(), qsizetype(2 * 20));
}

void IdealisedViewsTest::sampledDistancesMarkersInEveryChart()
{
    SampledDistancesView view;
    view.setFigure(sampledFigure(), QStringLiteral("idealised batches"));
    view.setMarkers(0.5, 1.4);
    // Every chart (the overlaid one and the four small ones) holds a line at each marker.
    const QList<QChartView*> charts = view.findChildren<QChartView*>();
    QCOMPARE(charts.size(), qsizetype(5));
    for (const QChartView* chart : charts) {
        QList<double> markers;
        for (QAbstractSeries* series : chart->chart()->series()) {
            const QList<QPointF> points = static_cast<QXYSeries*>(series)->points();
            if (points.size() == 2 && points[0].x() == points[1].x())
                markers << points[0].x();
        }
        QCOMPARE(markers, QList<double>({0.5, 1.4}));
    }
}

QValueAxis* distanceAxis(const QChartView& view)
{
    return qobject_cast<QValueAxis*>(view.chart()->axes(Qt::Horizontal).constFirst());
}

void IdealisedViewsTest::densityOpensFittedAtLargeN()
{
    // n = 1024: the mass lies within a few hundredths of sqrt 2; the fitted range holds the
    // peak and leaves out most of the empty axis. n = 32 opens on the whole of 0 to 2.
    DensityChartView view;
    view.setFigure(densityFigure(1024), 1024);
    const QValueAxis* x = distanceAxis(view);
    const double peak = std::sqrt(2.0);
    QVERIFY2(x->min() < peak - 0.05 && x->max() > peak + 0.05, qPrintable(QString("%1 %2").arg(x->min()).arg(x->max())));
    QVERIFY2(x->max() - x->min() < 0.5, qPrintable(QString("%1 %2").arg(x->min()).arg(x->max())));
    QCOMPARE(view.zoom()->range(), view.zoom()->fittedRange());
    QVERIFY(!view.zoom()->chosenByHand());

    view.setFigure(densityFigure(32), 32);
    QCOMPARE(x->min(), 0.0);
    QCOMPARE(x->max(), 2.0);
    // "Fit to data" at n = 32 still holds nearly all of q(d)'s mass.
    view.zoom()->fitToData();
    QVERIFY(x->min() < 0.9 && x->max() > 1.8);
    view.zoom()->showFullRange();
    QCOMPARE(x->max(), 2.0);
}

void IdealisedViewsTest::wheelZoomsAroundTheCursorAndDragPans()
{
    DensityChartView view;
    view.setFigure(densityFigure(32), 32);
    showForTest(view);
    QValueAxis* x = distanceAxis(view);
    const QPoint at = viewportPoint(view, QPointF(1.5, 0.5), const_cast<QLineSeries*>(view.exactSeries()));
    QWheelEvent wheel(at, view.viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &wheel);
    QVERIFY(x->max() - x->min() < 1.9); // zoomed in
    QVERIFY(x->min() > 0.0 && x->max() < 2.0);
    // The distance under the cursor stays where it was.
    const double share = (1.5 - x->min()) / (x->max() - x->min());
    QVERIFY2(std::abs(share - 0.75) < 0.02, qPrintable(QString::number(share)));
    QVERIFY(view.zoom()->chosenByHand());

    const double before = x->min();
    QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::NoModifier, at);
    QMouseEvent move(QEvent::MouseMove, QPointF(at - QPoint(40, 0)), view.viewport()->mapToGlobal(QPointF(at - QPoint(40, 0))),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view.viewport(), &move);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::NoModifier, at - QPoint(40, 0));
    QVERIFY(x->min() > before); // dragged left: larger distances come into view
}

void IdealisedViewsTest::chosenRangeKeptUntilNChangesALot()
{
    DensityChartView view;
    view.setFigure(densityFigure(512), 512);
    view.zoom()->zoomAround(std::sqrt(2.0), 0.8);
    const auto chosen = view.zoom()->range();
    view.setFigure(densityFigure(768), 768); // the same peak, a little narrower: kept
    QCOMPARE(view.zoom()->range(), chosen);
    view.setFigure(densityFigure(4096), 4096); // a needle in that range: fitted afresh
    QCOMPARE(view.zoom()->range(), view.zoom()->fittedRange());
    QVERIFY(!view.zoom()->chosenByHand());
}

void IdealisedViewsTest::sampledDistancesShareOneZoom()
{
    SampledDistancesView view;
    view.setFigure(sampledFigure(), QStringLiteral("n = 32"));
    view.zoom()->zoomAround(1.0, 0.5);
    const auto range = view.zoom()->range();
    for (const QXYSeries* series : view.samplerSeries() + view.sideBySideSeries()) {
        const auto* x = qobject_cast<const QValueAxis*>(const_cast<QXYSeries*>(series)->attachedAxes().constFirst());
        QVERIFY(x && x->orientation() == Qt::Horizontal);
        QCOMPARE(std::pair(x->min(), x->max()), range);
    }
}

void IdealisedViewsTest::monteCarloHistogramDrawnOverTheCurves()
{
    // At n = 128 the histogram follows q(d) closely: drawn first, the curves hid it.
    DensityChartView view;
    const QList<QAbstractSeries*> series = view.chart()->series();
    const qsizetype histogram = series.indexOf(const_cast<QLineSeries*>(view.histogramSeries()));
    QVERIFY(histogram > series.indexOf(const_cast<QLineSeries*>(view.exactSeries())));
    QVERIFY(histogram > series.indexOf(const_cast<QLineSeries*>(view.gaussianSeries())));
    QVERIFY(view.histogramSeries()->pen().widthF() < view.exactSeries()->pen().widthF());
}

void IdealisedViewsTest::gradientReferenceKeepsItsShadePerSigma()
{
    // sigma = 0.03's curve keeps its shade whether the current sigma is 0.01 or 0.1.
    GradientVarianceView view;
    const auto colourOf = [&view](double current, const std::vector<double>& sigmas, double sigma) {
        std::vector<std::pair<double, sme::GradientVarianceCurve>> references;
        for (double s : sigmas)
            references.emplace_back(s, varianceCurve(s));
        view.setCurves(varianceCurve(current), current, 32, references);
        for (const QLineSeries* series : view.referenceSeries())
            if (series->name().contains(QString::number(sigma)))
                return series->pen().color();
        return QColor();
    };
    const QColor withSmallCurrent = colourOf(0.01, {0.03, 0.1, 0.3}, 0.03);
    const QColor withMiddleCurrent = colourOf(0.1, {0.01, 0.03, 0.3}, 0.03);
    QVERIFY(withSmallCurrent.isValid());
    QCOMPARE(withSmallCurrent, withMiddleCurrent);
    QVERIFY(GradientVarianceView::referenceFading(0.01) > GradientVarianceView::referenceFading(0.3));
}

void IdealisedViewsTest::coincidingLossesStayVisible()
{
    // Triplet and margin coincide with the defaults: their pens differ in width and pattern,
    // the wider underneath; the contrastive negative (0 beyond alpha) runs above the axis line.
    LossFunctionsView view;
    view.setCurves(losses());
    const QList<const QXYSeries*> series = view.lossSeries(); // positive, negative per loss
    const auto pen = [&series](sme::LossKind kind, bool negative) {
        return series[2 * int(kind) + (negative ? 1 : 0)]->pen();
    };
    for (bool negative : {false, true}) {
        const QPen triplet = pen(sme::LossKind::Triplet, negative);
        const QPen margin = pen(sme::LossKind::Margin, negative);
        QVERIFY(triplet.widthF() >= 2.0 * margin.widthF());
        QVERIFY(triplet.style() != margin.style());
        QVERIFY(triplet.color().lightness() > margin.color().lightness());
        QVERIFY(view.chart()->series().indexOf(const_cast<QXYSeries*>(series[2 * int(sme::LossKind::Triplet) + negative]))
                < view.chart()->series().indexOf(const_cast<QXYSeries*>(series[2 * int(sme::LossKind::Margin) + negative])));
    }
    QVERIFY(pen(sme::LossKind::Margin, false).style() != pen(sme::LossKind::Margin, true).style());
    const auto* y = qobject_cast<const QValueAxis*>(view.chart()->axes(Qt::Vertical).constFirst());
    QVERIFY(y->min() < 0.0); // zeros drawn above the axis line
    QVERIFY(y->min() > -0.1 * y->max());
}

void IdealisedViewsTest::lossSeriesAreTheCurves()
{
    const sme::LossCurves curves = losses();
    LossFunctionsView view;
    view.setCurves(curves);
    const QList<const QXYSeries*> series = view.lossSeries();
    QCOMPARE(series.size(), qsizetype(8));
    for (std::size_t k = 0; k < 4; ++k) {
        compareSeries(series[qsizetype(2 * k)], curves.distance, curves.positive[k]);
        compareSeries(series[qsizetype(2 * k + 1)], curves.distance, curves.negative[k]);
        // Solid and dashed; the margin loss, drawn over the triplet, dash-dot and dotted.
        const bool margin = k == std::size_t(sme::LossKind::Margin);
        QCOMPARE(series[qsizetype(2 * k)]->pen().style(), margin ? Qt::DashDotLine : Qt::SolidLine);
        QCOMPARE(series[qsizetype(2 * k + 1)]->pen().style(), margin ? Qt::DotLine : Qt::DashLine);
        QCOMPARE(series[qsizetype(2 * k)]->pen().color(), lossColor(int(k)));
    }
}

void IdealisedViewsTest::lossLinesStandAtBetaAndTheMargin()
{
    LossFunctionsView view;
    view.setCurves(sme::lossCurves(0.3, 1.1, 1.1, 101));
    QCOMPARE(view.beta(), 1.1);
    QCOMPARE(view.alpha(), 0.3);
    const auto* axis = static_cast<QValueAxis*>(verticalAxis(view));
    compareVerticalLine(view.betaSeries(), 1.1, 0.0, axis->max());
    compareVerticalLine(view.marginLowerSeries(), 1.1 - 0.3, 0.0, axis->max());
    compareVerticalLine(view.marginUpperSeries(), 1.1 + 0.3, 0.0, axis->max());
    QCOMPARE(view.betaSeries()->name(), QStringLiteral("\u03B2 = 1.10"));
    QCOMPARE(view.marginUpperSeries()->pen().style(), Qt::DotLine);
}

void IdealisedViewsTest::draggingBetaLineEmitsNewBeta()
{
    LossFunctionsView view;
    view.setCurves(losses());
    showForTest(view);
    QSignalSpy betaSpy(&view, &LossFunctionsView::betaDragged);
    QSignalSpy alphaSpy(&view, &LossFunctionsView::alphaDragged);
    auto* series = const_cast<QLineSeries*>(view.betaSeries());
    const QPoint press = viewportPoint(view, QPointF(1.2, 0.5), series);
    const QPoint target = viewportPoint(view, QPointF(0.8, 0.5), series);
    QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::NoModifier, press);
    QTest::mouseMove(view.viewport(), (press + target) / 2);
    QTest::mouseMove(view.viewport(), target);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::NoModifier, target);
    QCOMPARE(betaSpy.size(), 2); // continuously, once per move
    QCOMPARE(alphaSpy.size(), 0);
    // mapToPosition rounds to whole pixels: at most half a pixel off, in distance units.
    const double halfPixel = 0.5 * 2.0 / view.chart()->plotArea().width();
    QVERIFY(std::abs(betaSpy.back().front().toDouble() - 0.8) <= halfPixel);
    // The view leaves its lines to the owner, who recomputes the curves.
    QCOMPARE(view.beta(), 1.2);

    // Dragged past the end of the axis: clamped to [0, 2].
    const QPoint outside = view.mapFromScene(view.chart()->mapToScene(
        view.chart()->plotArea().right() + 30.0, view.chart()->plotArea().center().y()));
    QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::NoModifier, press);
    QTest::mouseMove(view.viewport(), outside);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::NoModifier, outside);
    QCOMPARE(betaSpy.back().front().toDouble(), 2.0);
}

void IdealisedViewsTest::draggingMarginLineEmitsNewAlpha()
{
    LossFunctionsView view;
    view.setCurves(losses()); // alpha 0.2, beta 1.2: the margin line at 1.4
    showForTest(view);
    QSignalSpy betaSpy(&view, &LossFunctionsView::betaDragged);
    QSignalSpy alphaSpy(&view, &LossFunctionsView::alphaDragged);
    auto* series = const_cast<QLineSeries*>(view.marginUpperSeries());
    const QPoint press = viewportPoint(view, QPointF(1.4, 0.5), series) + QPoint(3, 0);
    const QPoint target = viewportPoint(view, QPointF(1.7, 0.5), series);
    QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::NoModifier, press);
    QTest::mouseMove(view.viewport(), target);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::NoModifier, target);
    QCOMPARE(betaSpy.size(), 0);
    QCOMPARE(alphaSpy.size(), 1);
    const double halfPixel = 0.5 * 2.0 / view.chart()->plotArea().width();
    QVERIFY(std::abs(alphaSpy.back().front().toDouble() - 0.5) <= halfPixel);
}

void IdealisedViewsTest::pressingAwayFromTheLinesEmitsNothing()
{
    LossFunctionsView view;
    view.setCurves(losses());
    showForTest(view);
    QSignalSpy betaSpy(&view, &LossFunctionsView::betaDragged);
    QSignalSpy alphaSpy(&view, &LossFunctionsView::alphaDragged);
    auto* series = const_cast<QLineSeries*>(view.betaSeries());
    const QPoint press = viewportPoint(view, QPointF(0.3, 0.5), series);
    QTest::mousePress(view.viewport(), Qt::LeftButton, Qt::NoModifier, press);
    QTest::mouseMove(view.viewport(), viewportPoint(view, QPointF(1.0, 0.5), series));
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, Qt::NoModifier, press);
    QCOMPARE(betaSpy.size(), 0);
    QCOMPARE(alphaSpy.size(), 0);
}

void IdealisedViewsTest::everyViewRendersVisibly_data()
{
    using Factory = std::function<QWidget*()>;
    QTest::addColumn<Factory>("make");
    QTest::addColumn<QString>("file");
    QTest::newRow("density") << Factory([] {
        auto* view = new DensityChartView;
        view->setFigure(densityFigure(128), 128);
        view->setMarkers(0.5, 1.4);
        return view;
    }) << QStringLiteral("view-density.png");
    QTest::newRow("density, log scale") << Factory([] {
        auto* view = new DensityChartView;
        view->setFigure(densityFigure(128), 128);
        view->setMarkers(0.5, 1.4);
        view->setLogScale(true);
        return view;
    }) << QStringLiteral("view-density-log.png");
    QTest::newRow("gradient variance") << Factory([] {
        auto* view = new GradientVarianceView;
        std::vector<std::pair<double, sme::GradientVarianceCurve>> references;
        for (double sigma : {0.01, 0.03, 0.3})
            references.emplace_back(sigma, varianceCurve(sigma));
        view->setCurves(varianceCurve(0.1), 0.1, 32, references);
        return view;
    }) << QStringLiteral("view-gradient-variance.png");
    QTest::newRow("sampled distances, overlaid") << Factory([] {
        auto* view = new SampledDistancesView;
        view->setFigure(sampledFigure(), QStringLiteral("idealised batches, n = 32"));
        view->setMarkers(0.5, 1.4);
        return view;
    }) << QStringLiteral("view-sampled-overlaid.png");
    QTest::newRow("sampled distances, side by side") << Factory([] {
        auto* view = new SampledDistancesView;
        view->setFigure(sampledFigure(), QStringLiteral("idealised batches, n = 32"));
        view->setMarkers(0.5, 1.4);
        view->setOverlaid(false);
        return view;
    }) << QStringLiteral("view-sampled-side-by-side.png");
    QTest::newRow("sampled distances, one sampler without picks") << Factory([] {
        auto* view = new SampledDistancesView;
        std::array<std::vector<double>, 4> picks{std::vector<double>{1.3, 1.4, 1.45, 1.5},
                                                 std::vector<double>{0.4, 0.6},
                                                 std::vector<double>{},
                                                 std::vector<double>{0.7, 1.0, 1.2}};
        view->setFigure(sme::sampledDistancesFromPicks(picks, 20),
                        QStringLiteral("live model, step 1200"));
        return view;
    }) << QStringLiteral("view-sampled-live.png");
    QTest::newRow("loss functions") << Factory([] {
        auto* view = new LossFunctionsView;
        view->setCurves(losses());
        return view;
    }) << QStringLiteral("view-losses.png");
}

void IdealisedViewsTest::everyViewRendersVisibly()
{
    using Factory = std::function<QWidget*()>;
    QFETCH(Factory, make);
    QFETCH(QString, file);
    const std::unique_ptr<QWidget> view(make());
    showForTest(*view);
    const QImage image = view->grab().toImage();
    QSet<QRgb> colors;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            colors.insert(image.pixel(x, y));
    QVERIFY2(colors.size() > 50, qPrintable(QString::number(colors.size())));
    // A legend label Qt elides in a narrow view can still be read in full, as its tooltip.
    QList<QChartView*> charts = view->findChildren<QChartView*>();
    if (auto* chartView = qobject_cast<QChartView*>(view.get()))
        charts << chartView;
    QVERIFY(!charts.isEmpty());
    for (const QChartView* chartView : charts)
        QVERIFY(chartView->chart()->legend()->showToolTips());
    // For a person to look at: SME_VIEW_IMAGES=/tmp writes each view there.
    const QString directory = qEnvironmentVariable("SME_VIEW_IMAGES");
    if (!directory.isEmpty())
        QVERIFY(image.save(directory + QLatin1Char('/') + file));
}

QTEST_MAIN(IdealisedViewsTest)
#include "tst_idealisedviews.moc"
