// Tests of the training views: the curves (values, runs, decimation) and the embedding map.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Error.h"
#include "model/metrics/Projection.h"
#include "model/base/Random.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/LabelPlacement.h"
#include "widgets/RaceCurvesView.h"
#include "widgets/SamplerLabel.h"
#include "widgets/TrainingCurvesView.h"

#include <QChart>
#include <QElapsedTimer>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QTranslator>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSet>
#include <QAction>
#include <QValueAxis>
#include <QtTest>
#include <array>
#include <cmath>

namespace {

const QStringList stepSeriesNames{"loss", "loss (smoothed)", "active share", "beta", "beta (smoothed)"};
const QStringList evaluationSeriesNames{"Recall@1", "Recall@2", "Recall@4", "Recall@8", "NMI", "MAP@R", "spread"};

std::vector<sme::StepPoint> someSteps(long first, long count)
{
    std::vector<sme::StepPoint> steps;
    for (long s = first; s < first + count; ++s)
        steps.push_back({s, 0.3 + 0.1 * std::sin(double(s)), 0.5 + 0.001 * double(s % 100),
                         1.2 - 0.0001 * double(s)});
    return steps;
}

// The definition of the smoothed curves: weights w (1 - w)^age, normalised over the steps seen
// so far.
void compareWithMovingAverage(const QList<QPointF>& smoothed, const std::vector<sme::StepPoint>& steps,
                              double sme::StepPoint::*value)
{
    QCOMPARE(smoothed.size(), qsizetype(steps.size()));
    const double w = TrainingCurvesView::lossSmoothingWeight;
    double sum = 0.0;
    double weight = 0.0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        sum = (1.0 - w) * sum + w * steps[i].*value;
        weight = (1.0 - w) * weight + w;
        QCOMPARE(smoothed[qsizetype(i)].x(), double(steps[i].step));
        QVERIFY(std::abs(smoothed[qsizetype(i)].y() - sum / weight) < 1e-12);
    }
}

sme::Evaluation someEvaluation(long step, double base)
{
    sme::Evaluation e;
    e.step = step;
    e.recall = {base, base + 0.05, base + 0.1, base + 0.15};
    e.nmi = base / 2;
    e.mapAtR = base / 3;
    e.spread = 1.0 - base;
    return e;
}

// Unit rows in R^n, in classes of 30 points around random centres.
Eigen::MatrixXf clusteredEmbeddings(int n, int classes, std::vector<int>& labels)
{
    sme::Rng rng(4);
    Eigen::MatrixXd centres(classes, n);
    sme::fillStandardNormal(centres, rng);
    Eigen::MatrixXd x(classes * 30, n);
    sme::fillStandardNormal(x, rng);
    labels.clear();
    for (int i = 0; i < x.rows(); ++i) {
        const int c = i % classes;
        x.row(i) = 0.3 * x.row(i) + centres.row(c);
        x.row(i).normalize();
        labels.push_back(10 * (classes - c)); // labels unsorted and not 0..C-1
    }
    return x.cast<float>();
}

int distinctColours(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

} // namespace

class TrainingViewsTest : public QObject {
    Q_OBJECT
private slots:
    void curvesAreTheNumbersGiven();
    void labelGoesWhereTheCurvesLeaveRoom_data();
    void labelGoesWhereTheCurvesLeaveRoom();
    void collapseLabelLeavesTheCurves();
    void raceLegendSaysCollapsedAndStalledInWords();
    void smoothedLossIsTheDebiasedMovingAverage();
    void newRunFadesTheCurrentOne();
    void clearRemovesBothRuns();
    void decimationKeepsTheEndsAndBoundsTheCount();
    void stepAxisMovesOnlyAtRoundNumbers();
    void retrievalIsAViewOfItsOwn();
    void smoothedBetaIsTheDebiasedMovingAverage();
    void previousRunIsLighterAndThinner();
    void axesFitTheData();
    void scoresDifferInHueAndDashes();
    void mapHasOneSeriesPerClass();
    void mapOfTheCircleIsTheEmbeddingsThemselves();
    void manyClassesHideTheLegend();
    void mapKeepsEqualScalesAndASteadyRange();
    void mapRefusesMismatchedLabels();
    void mapColoursAreDistinctUpToTwelveClasses();
    void mapHighlightsAClass();
    void clickOnAPointHighlightsItsClass();
    void mapCallsNamedClassesByName();
    void mapTextsGoThroughTheTranslator();
    void viewsRender();
};

// A label 2 wide and 0.1 high above the line y = 0.5, between 0 and 10, preferably centred at 2.5:
// where it goes among the curves, and which centres it may take.
void TrainingViewsTest::labelGoesWhereTheCurvesLeaveRoom_data()
{
    QTest::addColumn<QList<QList<QPointF>>>("curves");
    QTest::addColumn<double>("low");  // the centre is within [low, high]
    QTest::addColumn<double>("high");
    // Nothing near: where it is preferred (the nearest of the centres tried, 1 + 8 i / 24).
    QTest::newRow("no curves") << QList<QList<QPointF>>{} << 2.3 << 2.7;
    QTest::newRow("curves far above and below")
        << QList<QList<QPointF>>{{{0, 0.9}, {10, 0.9}}, {{0, 0.1}, {10, 0.1}}} << 2.3 << 2.7;
    // Along the label's band up to x = 6, then rising: 0.1 clear of the band [0.5, 0.6] from
    // y = 0.7, at x = 6.1875, so the box [c - 1, c + 1] from c = 7.1875 (the centre tried: 7.33).
    QTest::newRow("flat through the band, then away")
        << QList<QList<QPointF>>{{{0, 0.55}, {6, 0.55}, {6.5, 0.95}, {10, 0.95}}} << 7.18 << 7.5;
    // A segment crosses the band between its points, far from it (0.25 and 0.85): 0.1 clear
    // below x = 1.25 and past x = 3.75, so the box from c = 4.75 (tried: 5). Its ends alone would
    // leave the preferred 2.5.
    QTest::newRow("crossing between its points")
        << QList<QList<QPointF>>{{{0, 0.25}, {5, 0.85}}} << 4.75 << 5.1;
    // Points alone (a series of markers): the one in the band at 2.2 is avoided, the box from
    // c = 3.2 (tried: 3.33, nearer 2.5 than 1.0 on the other side).
    QTest::newRow("a marker in the band") << QList<QList<QPointF>>{{{2.2, 0.55}}} << 3.2 << 3.5;
    // No place is clear: all are as bad, so the preferred one.
    QTest::newRow("a line in the band everywhere") << QList<QList<QPointF>>{{{0, 0.55}, {10, 0.55}}} << 2.3 << 2.7;
}

void TrainingViewsTest::labelGoesWhereTheCurvesLeaveRoom()
{
    QFETCH(QList<QList<QPointF>>, curves);
    QFETCH(double, low);
    QFETCH(double, high);
    const double centre = clearestLabelCentre(curves, 0.5, 0.0, 10.0, QSizeF(2.0, 0.1), 0.1, 2.5);
    QVERIFY2(centre >= low && centre <= high, qPrintable(QString::number(centre)));
    // Always within the range, the whole label.
    QVERIFY(centre >= 1.0 && centre <= 9.0);
    // No room for it: the middle.
    QCOMPARE(clearestLabelCentre(curves, 0.5, 0.0, 1.0, QSizeF(2.0, 0.1), 0.1, 0.25), 0.5);
}

// The retrieval panel's "collapsed below 0.1" is written on its line where no curve passes: a
// run whose scores sit on the line for its first half has it in the second.
void TrainingViewsTest::collapseLabelLeavesTheCurves()
{
    TrainingCurvesView view;
    view.resize(900, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    std::vector<sme::Evaluation> evaluations;
    for (long step = 0; step <= 1000; step += 50) {
        const double score = step <= 500 ? sme::collapsedSpread + 0.01 : 0.9;
        sme::Evaluation e;
        e.step = step;
        e.recall = {score, score, score, score};
        e.nmi = e.mapAtR = e.spread = score;
        evaluations.push_back(e);
    }
    view.addEvaluations(evaluations);
    // Laid out again (the axes' new ranges), the label's size measured in pixels.
    QTRY_VERIFY2(view.collapseLine()->points()[1].x() > 500.0 && view.collapseLine()->points()[1].x() < 1000.0,
                 qPrintable(QString::number(view.collapseLine()->points()[1].x())));
    QCOMPARE(view.collapseLine()->points().size(), qsizetype(3));
    // Clear of the curves, with scores off the line: at a quarter of the way, as before.
    view.clear();
    for (sme::Evaluation& e : evaluations) {
        e.recall = {0.8, 0.85, 0.9, 0.95};
        e.nmi = e.mapAtR = e.spread = 0.7;
    }
    view.addEvaluations(evaluations);
    QVERIFY2(std::abs(view.collapseLine()->points()[1].x() - 250.0) < 30.0,
             qPrintable(QString::number(view.collapseLine()->points()[1].x())));
}

void TrainingViewsTest::curvesAreTheNumbersGiven()
{
    TrainingCurvesView view;
    const auto first = someSteps(1, 7);
    const auto second = someSteps(8, 5);
    view.addSteps(first);
    view.addSteps(second);
    std::vector<sme::StepPoint> all = first;
    all.insert(all.end(), second.begin(), second.end());
    const QList<QPointF> loss = view.series("loss")->points();
    const QList<QPointF> active = view.series("active share")->points();
    const QList<QPointF> beta = view.series("beta")->points();
    QCOMPARE(loss.size(), qsizetype(all.size()));
    QCOMPARE(active.size(), qsizetype(all.size()));
    QCOMPARE(beta.size(), qsizetype(all.size()));
    for (std::size_t i = 0; i < all.size(); ++i) {
        QCOMPARE(loss[qsizetype(i)], QPointF(double(all[i].step), all[i].loss));
        QCOMPARE(active[qsizetype(i)], QPointF(double(all[i].step), all[i].activeFraction));
        QCOMPARE(beta[qsizetype(i)], QPointF(double(all[i].step), all[i].beta));
    }

    const std::vector<sme::Evaluation> evaluations{someEvaluation(0, 0.1), someEvaluation(100, 0.4),
                                                   someEvaluation(200, 0.7)};
    view.addEvaluations({evaluations[0]});
    view.addEvaluations({evaluations[1], evaluations[2]});
    for (int k = 0; k < 7; ++k) {
        const QList<QPointF> points = view.series(evaluationSeriesNames[k])->points();
        QCOMPARE(points.size(), qsizetype(3));
        for (int i = 0; i < 3; ++i) {
            const sme::Evaluation& e = evaluations[std::size_t(i)];
            const std::array<double, 7> values{e.recall[0], e.recall[1], e.recall[2], e.recall[3],
                                               e.nmi, e.mapAtR, e.spread};
            const double expected = values[std::size_t(k)];
            QCOMPARE(points[i], QPointF(double(e.step), expected));
        }
    }
    QVERIFY(view.series("no such curve") == nullptr);
    // The line below which a model has collapsed, across the whole step axis.
    const auto* stepAxis = qobject_cast<QValueAxis*>(view.retrievalChart()->chart()->axes(Qt::Horizontal).front());
    QCOMPARE(view.collapseLine()->points().front(), QPointF(0.0, sme::collapsedSpread));
    QCOMPARE(view.collapseLine()->points().back(), QPointF(stepAxis->max(), sme::collapsedSpread));
    QVERIFY(view.collapseLine()->name().contains(QString::number(sme::collapsedSpread)));
    // The spread's last value in the title, and in words when it is below the line.
    QVERIFY2(view.retrievalChart()->title().endsWith("; spread 0.30 (dashed)"), qPrintable(view.retrievalChart()->title()));
    view.addEvaluations({someEvaluation(300, 0.95)});
    QVERIFY2(view.retrievalChart()->title().endsWith("; spread 0.05 (dashed): collapsed"),
             qPrintable(view.retrievalChart()->title()));
    view.clear();
    QVERIFY(!view.retrievalChart()->title().contains("spread"));
}

void TrainingViewsTest::raceLegendSaysCollapsedAndStalledInWords()
{
    RaceCurvesView view;
    const sme::SamplerKind hard = sme::SamplerKind::HardNegative;
    sme::TrainingSnapshot start;
    start.reset = true;
    start.evaluations = {someEvaluation(0, 0.5)}; // spread 0.5
    view.addSnapshot(hard, start);
    QCOMPARE(view.runLabel(hard), samplerLabel(hard));

    sme::TrainingSnapshot collapsed;
    collapsed.evaluations = {someEvaluation(100, 0.98)}; // spread 0.02
    view.addSnapshot(hard, collapsed);
    QCOMPARE(view.runLabel(hard), samplerLabel(hard) + QStringLiteral(" \u2014 collapsed (spread 0.02)"));
    QCOMPARE(view.series(hard)->name(), view.runLabel(hard));

    sme::TrainingSnapshot stalled;
    stalled.stalledSince = 340;
    view.addSnapshot(hard, stalled);
    QCOMPARE(view.series(hard)->name(),
             samplerLabel(hard) + QStringLiteral(" \u2014 collapsed (spread 0.02), stalled since step 340"));
    // The others are not marked; a restarted run is its sampler's name again.
    QCOMPARE(view.series(sme::SamplerKind::Uniform)->name(), samplerLabel(sme::SamplerKind::Uniform));
    view.addSnapshot(hard, start);
    QCOMPARE(view.series(hard)->name(), samplerLabel(hard));
}

void TrainingViewsTest::smoothedLossIsTheDebiasedMovingAverage()
{
    TrainingCurvesView view;
    const auto steps = someSteps(1, 300);
    view.addSteps(steps);
    const QList<QPointF> smoothed = view.series("loss (smoothed)")->points();
    compareWithMovingAverage(smoothed, steps, &sme::StepPoint::loss);
    QCOMPARE(smoothed.first().y(), steps.front().loss); // no pull towards 0 at the start
}

void TrainingViewsTest::newRunFadesTheCurrentOne()
{
    TrainingCurvesView view;
    view.addSteps(someSteps(1, 20));
    view.addEvaluations({someEvaluation(0, 0.2), someEvaluation(20, 0.5)});
    QMap<QString, QList<QPointF>> before;
    for (const QString& name : stepSeriesNames + evaluationSeriesNames)
        before[name] = view.series(name)->points();

    view.startNewRun();
    for (const QString& name : stepSeriesNames + evaluationSeriesNames) {
        QVERIFY2(view.series(name)->points().isEmpty(), qPrintable(name));
        if (name == "loss" || name == "beta") {
            QVERIFY(view.previousSeries(name) == nullptr); // the smoothed curve stands for it
            continue;
        }
        QCOMPARE(view.previousSeries(name)->points(), before[name]);
    }
    QVERIFY(view.lossChart()->title().contains("previous run"));

    // Starting again with nothing done keeps the previous run.
    view.startNewRun();
    QCOMPARE(view.previousSeries("Recall@1")->points(), before["Recall@1"]);

    // Only one previous run: the next one replaces it.
    view.addEvaluations({someEvaluation(5, 0.9)});
    view.startNewRun();
    QCOMPARE(view.previousSeries("Recall@1")->points(), (QList<QPointF>{{5.0, 0.9}}));
    QVERIFY(view.previousSeries("beta (smoothed)")->points().isEmpty());
    // The moving average starts again with the new run.
    view.addSteps({{1, 2.0, 0.5, 1.2}});
    QCOMPARE(view.series("loss (smoothed)")->points(), (QList<QPointF>{{1.0, 2.0}}));

    // A run that did not train, its evaluation at step 0 alone (settings changed before
    // playing), is dropped, not faded: the previous run stays the one that trained.
    view.startNewRun();
    const QList<QPointF> trainedRun = view.previousSeries("loss (smoothed)")->points();
    QCOMPARE(trainedRun, (QList<QPointF>{{1.0, 2.0}}));
    view.addEvaluations({someEvaluation(0, 0.3)});
    view.startNewRun();
    QVERIFY(view.series("Recall@1")->points().isEmpty());
    QCOMPARE(view.previousSeries("loss (smoothed)")->points(), trainedRun);
    QVERIFY(view.previousSeries("Recall@1")->points().isEmpty());

    // And with no run before it, there is no previous run at all.
    TrainingCurvesView fresh;
    fresh.addEvaluations({someEvaluation(0, 0.3)});
    fresh.startNewRun();
    QVERIFY(fresh.series("Recall@1")->points().isEmpty());
    QVERIFY(fresh.previousSeries("Recall@1")->points().isEmpty());
    QVERIFY2(!fresh.lossChart()->title().contains("previous run"), qPrintable(fresh.lossChart()->title()));
    QVERIFY(!fresh.retrievalChart()->title().contains("previous run"));
}

void TrainingViewsTest::clearRemovesBothRuns()
{
    TrainingCurvesView view;
    view.addSteps(someSteps(1, 10));
    view.startNewRun();
    view.addSteps(someSteps(1, 10));
    view.clear();
    for (const QString& name : stepSeriesNames + evaluationSeriesNames) {
        QVERIFY(view.series(name)->points().isEmpty());
        if (view.previousSeries(name))
            QVERIFY(view.previousSeries(name)->points().isEmpty());
    }
    QVERIFY(!view.lossChart()->title().contains("previous run"));
}

void TrainingViewsTest::decimationKeepsTheEndsAndBoundsTheCount()
{
    TrainingCurvesView view;
    sme::Rng rng(2);
    double highest = -1.0;
    double lowest = 2.0;
    QElapsedTimer timer;
    timer.start();
    long step = 0;
    sme::StepPoint firstStep;
    sme::StepPoint lastStep;
    for (int call = 0; call < 100; ++call) {
        std::vector<sme::StepPoint> steps;
        for (int i = 0; i < 1000; ++i) {
            ++step;
            const double loss = 0.5 * std::exp(-double(step) / 20000.0) + 0.2 * sme::uniformUnit(rng);
            steps.push_back({step, loss, 0.3 * sme::uniformUnit(rng), 1.2});
            highest = std::max(highest, loss);
            lowest = std::min(lowest, loss);
        }
        if (call == 0)
            firstStep = steps.front();
        lastStep = steps.back();
        view.addSteps(steps);
    }
    qDebug() << "100 000 steps in 100 calls:" << timer.elapsed() << "ms";

    for (const QString& name : stepSeriesNames) {
        const QList<QPointF> points = view.series(name)->points();
        QVERIFY2(points.size() <= TrainingCurvesView::maxShownPoints, qPrintable(name));
        QVERIFY2(points.size() > TrainingCurvesView::maxShownPoints / 4, qPrintable(name));
        QCOMPARE(points.first().x(), 1.0);
        QCOMPARE(points.last().x(), 100000.0);
        for (qsizetype i = 1; i < points.size(); ++i)
            QVERIFY(points[i].x() > points[i - 1].x());
    }
    const QList<QPointF> loss = view.series("loss")->points();
    QCOMPARE(loss.first(), QPointF(1.0, firstStep.loss));
    QCOMPARE(loss.last(), QPointF(100000.0, lastStep.loss));
    // The envelope keeps the extremes of the noise.
    double shownHighest = -1.0;
    double shownLowest = 2.0;
    for (const QPointF& p : loss) {
        shownHighest = std::max(shownHighest, p.y());
        shownLowest = std::min(shownLowest, p.y());
    }
    QCOMPARE(shownHighest, highest);
    QCOMPARE(shownLowest, lowest);
}

void TrainingViewsTest::stepAxisMovesOnlyAtRoundNumbers()
{
    TrainingCurvesView view;
    const auto* xAxis = qobject_cast<const QValueAxis*>(
        view.lossChart()->chart()->axes(Qt::Horizontal).constFirst());
    QVERIFY(xAxis);
    QCOMPARE(xAxis->max(), 100.0);
    view.addSteps(someSteps(1, 60));
    QCOMPARE(xAxis->max(), 100.0);
    view.addSteps(someSteps(61, 90)); // to 150
    QCOMPARE(xAxis->max(), 200.0);
    view.addSteps(someSteps(151, 50)); // to 200
    QCOMPARE(xAxis->max(), 200.0);
    view.addSteps(someSteps(201, 1)); // 201
    QCOMPARE(xAxis->max(), 250.0);
}

void TrainingViewsTest::retrievalIsAViewOfItsOwn()
{
    // Two cells of the grid, one place fed: the retrieval chart is not inside the training
    // view, and evaluations given to the training view reach it once taken.
    TrainingCurvesView view;
    std::unique_ptr<ChartPanel> retrieval = view.takeRetrievalView();
    QVERIFY(retrieval);
    QCOMPARE(static_cast<const ChartPanel*>(retrieval.get()), view.retrievalChart());
    QVERIFY(!view.isAncestorOf(retrieval.get()));
    QVERIFY(view.isAncestorOf(view.lossChart()));
    QVERIFY(!view.takeRetrievalView()); // taken once
    view.addEvaluations({someEvaluation(10, 0.4)});
    QCOMPARE(view.series("Recall@1")->points(), (QList<QPointF>{{10.0, 0.4}}));
    QCOMPARE(retrieval->chart()->series().count(view.series("Recall@1")), qsizetype(1));
}

void TrainingViewsTest::smoothedBetaIsTheDebiasedMovingAverage()
{
    TrainingCurvesView view;
    const auto steps = someSteps(1, 200);
    view.addSteps(steps);
    compareWithMovingAverage(view.series("beta (smoothed)")->points(), steps, &sme::StepPoint::beta);
    // The raw beta stays, faint and thin behind it.
    const QPen raw = view.series("beta")->pen();
    const QPen smooth = view.series("beta (smoothed)")->pen();
    QVERIFY(raw.widthF() < smooth.widthF());
    QVERIFY(raw.color().lightness() > smooth.color().lightness());
}

void TrainingViewsTest::previousRunIsLighterAndThinner()
{
    TrainingCurvesView view;
    for (const QString& name : QStringList{"loss (smoothed)", "beta (smoothed)", "Recall@1", "MAP@R"}) {
        const QPen current = view.series(name)->pen();
        const QPen previous = view.previousSeries(name)->pen();
        QVERIFY2(previous.widthF() < current.widthF(), qPrintable(name));
        // Most of the way to white: well lighter than the current curve.
        QVERIFY2(previous.color().lightness() - current.color().lightness() > 80, qPrintable(name));
        QVERIFY2(previous.color().lightness() > 200, qPrintable(name));
    }
}

void TrainingViewsTest::axesFitTheData()
{
    TrainingCurvesView view;
    // Scores between 0.8 and 0.95: the axis holds them with some room, not 0 to 1.
    sme::Evaluation e = someEvaluation(10, 0.8);
    e.nmi = 0.85;
    e.mapAtR = 0.82;
    e.spread = 0.9;
    view.addEvaluations({e});
    const auto* scores = qobject_cast<const QValueAxis*>(view.retrievalChart()->chart()->axes(Qt::Vertical).constFirst());
    QVERIFY(scores->min() > 0.5 && scores->min() <= 0.8 - 0.02);
    QVERIFY(scores->max() >= 0.95 + 0.02 && scores->max() <= 1.0);
    // The "0 to 1" option, in the retrieval chart's context menu.
    QAction* full = nullptr;
    for (QAction* action : view.retrievalChart()->actions())
        if (action->isCheckable())
            full = action;
    QVERIFY(full);
    full->trigger();
    QVERIFY(view.fullScoreRange());
    QCOMPARE(scores->min(), 0.0);
    QCOMPARE(scores->max(), 1.0);
    view.setFullScoreRange(false);
    QVERIFY(!full->isChecked());
    QVERIFY(scores->min() > 0.5);

    // The smoothed beta's axis fits it with room: beta from 1.20 to 1.18 gets no 0-1.5 axis.
    view.addSteps(someSteps(1, 200));
    const QValueAxis* beta = nullptr;
    for (QAbstractAxis* axis : view.lossChart()->chart()->axes(Qt::Vertical))
        if (axis->alignment() == Qt::AlignRight)
            beta = qobject_cast<const QValueAxis*>(axis);
    QVERIFY(beta);
    const QList<QPointF> smoothed = view.series("beta (smoothed)")->points();
    for (const QPointF& p : smoothed)
        QVERIFY(p.y() > beta->min() && p.y() < beta->max());
    QVERIFY(beta->max() - beta->min() <= 0.2 + 1e-9);
}

void TrainingViewsTest::scoresDifferInHueAndDashes()
{
    // Recall@1/2/4/8, NMI and MAP@R: no two share a colour, nor a dash pattern and marker.
    TrainingCurvesView view;
    const QStringList scores{"Recall@1", "Recall@2", "Recall@4", "Recall@8", "NMI", "MAP@R"};
    view.addEvaluations({someEvaluation(10, 0.4), someEvaluation(20, 0.6)});
    QSet<QRgb> colours;
    QSet<int> styles;
    QSet<qint64> markers;
    for (const QString& name : scores) {
        const QXYSeries* series = view.series(name);
        colours.insert(series->pen().color().rgb());
        styles.insert(int(series->pen().style()));
        QVERIFY2(!series->lightMarker().isNull(), qPrintable(name)); // few points: marked
        markers.insert(series->lightMarker().cacheKey());
    }
    QCOMPARE(colours.size(), scores.size());
    QVERIFY(styles.size() >= 5); // solid twice: Recall@1 (wider) and NMI (its own hue and marker)
    QCOMPARE(markers.size(), scores.size());
}

void TrainingViewsTest::mapHasOneSeriesPerClass()
{
    std::vector<int> labels;
    const Eigen::MatrixXf x = clusteredEmbeddings(16, 5, labels);
    EmbeddingMapView view;
    view.setEmbeddings(x, labels);
    QCOMPARE(view.classSeriesCount(), 5);
    QCOMPARE(view.classLabels(), (std::vector<int>{10, 20, 30, 40, 50}));
    const sme::MapProjection map = sme::projectForMap(x.cast<double>());
    QCOMPARE(view.methodText(), QString::fromStdString(map.method));
    QVERIFY(view.methodText().startsWith("PCA, "));
    QVERIFY(view.title().contains(view.methodText()));
    for (int c = 0; c < 5; ++c) {
        const QList<QPointF> points = view.classSeries(c)->points();
        QList<QPointF> expected;
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (labels[i] == view.classLabels()[std::size_t(c)])
                expected.append({map.points(Eigen::Index(i), 0), map.points(Eigen::Index(i), 1)});
        QCOMPARE(points, expected);
        QCOMPARE(view.classSeries(c)->color(), EmbeddingMapView::classColorOf(c, 5));
        QCOMPARE(view.classSeries(c)->markerSize(), EmbeddingMapView::markerSize);
    }
    QVERIFY(view.chart()->legend()->isVisible());

    // The same classes again: the series are kept, only their points change.
    const QScatterSeries* kept = view.classSeries(0);
    view.setEmbeddings(-x, labels);
    QCOMPARE(view.classSeries(0), kept);
    // Other classes: new series.
    std::vector<int> fewer = labels;
    for (int& label : fewer)
        label = label % 20;
    view.setEmbeddings(x, fewer);
    QCOMPARE(view.classSeriesCount(), 2);
}

void TrainingViewsTest::mapOfTheCircleIsTheEmbeddingsThemselves()
{
    std::vector<int> labels;
    const Eigen::MatrixXf x = clusteredEmbeddings(2, 3, labels);
    EmbeddingMapView view;
    view.setEmbeddings(x, labels);
    QCOMPARE(view.methodText(), QString("points on the circle (n = 2)"));
    for (int c = 0; c < 3; ++c) {
        QList<QPointF> expected;
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (labels[i] == view.classLabels()[std::size_t(c)])
                expected.append({double(x(Eigen::Index(i), 0)), double(x(Eigen::Index(i), 1))});
        QCOMPARE(view.classSeries(c)->points(), expected);
    }
}

void TrainingViewsTest::manyClassesHideTheLegend()
{
    std::vector<int> labels;
    const Eigen::MatrixXf x = clusteredEmbeddings(3, 20, labels);
    EmbeddingMapView view;
    view.setEmbeddings(x, labels);
    QCOMPARE(view.classSeriesCount(), 20);
    QVERIFY(!view.chart()->legend()->isVisible());
    QVERIFY2(view.title().contains("20 classes"), qPrintable(view.title()));
    QVERIFY(view.title().contains("sphere seen along (1,1,1) (n = 3)"));
}

void TrainingViewsTest::mapKeepsEqualScalesAndASteadyRange()
{
    std::vector<int> labels;
    const Eigen::MatrixXf x = clusteredEmbeddings(2, 3, labels); // unit circle: extent ~1
    EmbeddingMapView view;
    view.resize(700, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setEmbeddings(x, labels);
    const auto* xAxis = qobject_cast<const QValueAxis*>(view.chart()->axes(Qt::Horizontal).constFirst());
    const auto* yAxis = qobject_cast<const QValueAxis*>(view.chart()->axes(Qt::Vertical).constFirst());
    // Same units per pixel on both axes (a circle stays round), to the 2% the view allows.
    const auto scalesAgree = [&] {
        const QRectF area = view.chart()->plotArea();
        const double xScale = (xAxis->max() - xAxis->min()) / area.width();
        const double yScale = (yAxis->max() - yAxis->min()) / area.height();
        return std::abs(xScale / yScale - 1.0) < 0.03;
    };
    QTRY_VERIFY(scalesAgree());
    // The shorter (vertical) side spans the data with 5% room, rounded: 1.05 -> 1.2.
    QCOMPARE(yAxis->min(), -1.2);
    QCOMPARE(yAxis->max(), 1.2);
    // Shrinking a little keeps the range; below half, it follows; growing, at once.
    view.setEmbeddings(0.7f * x, labels);
    QCOMPARE(yAxis->max(), 1.2);
    view.setEmbeddings(0.4f * x, labels);
    QCOMPARE(yAxis->max(), 0.5); // 1.05 * 0.4 = 0.42 -> 0.5
    view.setEmbeddings(3.0f * x, labels);
    QCOMPARE(yAxis->max(), 4.0); // 3.15 -> 4
    QTRY_VERIFY(scalesAgree());
}

void TrainingViewsTest::mapRefusesMismatchedLabels()
{
    std::vector<int> labels;
    const Eigen::MatrixXf x = clusteredEmbeddings(8, 4, labels);
    EmbeddingMapView view;
    labels.pop_back();
    QVERIFY_THROWS_EXCEPTION(sme::Error, view.setEmbeddings(x, labels));
    QCOMPARE(view.classSeriesCount(), 0);
}

void TrainingViewsTest::mapColoursAreDistinctUpToTwelveClasses()
{
    QSet<QRgb> colours;
    for (int i = 0; i < EmbeddingMapView::maxLegendClasses; ++i)
        colours.insert(EmbeddingMapView::classColorOf(i, EmbeddingMapView::maxLegendClasses).rgb());
    QCOMPARE(colours.size(), EmbeddingMapView::maxLegendClasses);
    // Far apart: no two of them within 60 of each other in RGB (the old ramp's neighbours were).
    const QList<QRgb> list(colours.begin(), colours.end());
    for (qsizetype i = 0; i < list.size(); ++i)
        for (qsizetype j = i + 1; j < list.size(); ++j) {
            const int distance = std::abs(qRed(list[i]) - qRed(list[j])) + std::abs(qGreen(list[i]) - qGreen(list[j]))
                                 + std::abs(qBlue(list[i]) - qBlue(list[j]));
            QVERIFY(distance > 60);
        }
    // Beyond twelve, the golden-angle palette.
    for (int i = 0; i < 50; ++i)
        QCOMPARE(EmbeddingMapView::classColorOf(i, 50), classColor(i));
}

void TrainingViewsTest::mapHighlightsAClass()
{
    std::vector<int> labels;
    const Eigen::MatrixXf x = clusteredEmbeddings(16, 5, labels);
    EmbeddingMapView view;
    view.setEmbeddings(x, labels);
    // A click on the legend entry of class 30 (the third).
    QLegendMarker* marker = view.chart()->legend()->markers(const_cast<QScatterSeries*>(view.classSeries(2))).constFirst();
    emit marker->clicked();
    QCOMPARE(view.highlightedClass(), std::optional(30));
    QCOMPARE(view.classSeries(2)->color(), EmbeddingMapView::classColorOf(2, 5));
    for (int c : {0, 1, 3, 4}) {
        QVERIFY(view.classSeries(c)->color().lightness() > EmbeddingMapView::classColorOf(c, 5).lightness());
        QVERIFY(view.classSeries(c)->isVisible());
    }
    QVERIFY2(view.title().contains("class 30 highlighted"), qPrintable(view.title()));
    // Only the highlighted class, then all again.
    view.setShowOnlyHighlighted(true);
    for (int c = 0; c < 5; ++c)
        QCOMPARE(view.classSeries(c)->isVisible(), c == 2);
    view.setShowOnlyHighlighted(false);
    QVERIFY(view.classSeries(0)->isVisible());
    // The same entry again: no class highlighted.
    emit marker->clicked();
    QCOMPARE(view.highlightedClass(), std::nullopt);
    QCOMPARE(view.classSeries(0)->color(), EmbeddingMapView::classColorOf(0, 5));
    // New embeddings keep the highlight while its class is shown.
    view.highlightClass(40);
    view.setEmbeddings(-x, labels);
    QCOMPARE(view.highlightedClass(), std::optional(40));
    QVERIFY(view.classSeries(0)->color() != EmbeddingMapView::classColorOf(0, 5));
}

void TrainingViewsTest::clickOnAPointHighlightsItsClass()
{
    std::vector<int> labels;
    const Eigen::MatrixXf x = clusteredEmbeddings(2, 3, labels);
    EmbeddingMapView view;
    view.resize(600, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setEmbeddings(x, labels);
    QTRY_VERIFY(!view.chart()->plotArea().isEmpty());
    QTest::qWait(50);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::NoModifier, view.viewportPosition(7));
    QCOMPARE(view.highlightedClass(), std::optional(labels[7]));
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(3, 3)); // empty space
    QCOMPARE(view.highlightedClass(), std::nullopt);
}

void TrainingViewsTest::mapCallsNamedClassesByName()
{
    std::vector<int> labels;
    const Eigen::MatrixXf x = clusteredEmbeddings(16, 5, labels); // classes 10, 20, ..., 50
    EmbeddingMapView view;
    view.setEmbeddings(x, labels, {{10, "Sandal"}, {50, "Ankle boot"}});
    QCOMPARE(view.classSeries(0)->name(), QStringLiteral("Sandal"));
    QCOMPARE(view.classSeries(2)->name(), QStringLiteral("class 30")); // no name: as before
    QCOMPARE(view.classSeries(4)->name(), QStringLiteral("Ankle boot"));
    QCOMPARE(view.classText(30), QStringLiteral("class 30"));
    // The legend says what the series are called.
    QLegendMarker* marker = view.chart()->legend()->markers(const_cast<QScatterSeries*>(view.classSeries(0))).constFirst();
    QCOMPARE(marker->label(), QStringLiteral("Sandal"));
    view.highlightClass(50);
    QVERIFY2(view.title().endsWith(QStringLiteral("; Ankle boot highlighted")), qPrintable(view.title()));
    view.highlightClass(30);
    QVERIFY2(view.title().endsWith(QStringLiteral("; class 30 highlighted")), qPrintable(view.title()));
    // The same classes without names (other data): the series are called by number again.
    view.setEmbeddings(x, labels);
    QCOMPARE(view.classSeries(0)->name(), QStringLiteral("class 10"));
    QCOMPARE(view.highlightedClass(), std::optional(30));
}

void TrainingViewsTest::mapTextsGoThroughTheTranslator()
{
    // "PCA, 63% of variance" and the axes' "principal component 1/2" are the interface's.
    class Marking : public QTranslator {
    public:
        QString translate(const char* context, const char* source, const char*, int) const override
        {
            return QByteArray(context) == "EmbeddingMapView" ? QStringLiteral("\u00AB%1\u00BB").arg(QString::fromUtf8(source))
                                                             : QString();
        }
        bool isEmpty() const override { return false; }
    } marking;
    QVERIFY(QCoreApplication::installTranslator(&marking));
    std::vector<int> labels;
    const Eigen::MatrixXf x = clusteredEmbeddings(16, 5, labels);
    EmbeddingMapView view;
    view.setEmbeddings(x, labels);
    QCoreApplication::removeTranslator(&marking);
    QVERIFY2(view.methodText().startsWith(QStringLiteral("\u00ABPCA, ")), qPrintable(view.methodText()));
    for (QAbstractAxis* axis : view.chart()->axes())
        QVERIFY2(axis->titleText().startsWith(QStringLiteral("\u00ABprincipal component")), qPrintable(axis->titleText()));
}

void TrainingViewsTest::viewsRender()
{
    TrainingCurvesView curves;
    curves.addSteps(someSteps(1, 500));
    curves.addEvaluations({someEvaluation(0, 0.1), someEvaluation(250, 0.5), someEvaluation(500, 0.6)});
    std::vector<int> labels;
    const Eigen::MatrixXf x = clusteredEmbeddings(32, 8, labels);
    EmbeddingMapView map;
    map.setEmbeddings(x, labels);
    for (QWidget* view : {static_cast<QWidget*>(&curves), static_cast<QWidget*>(&map)}) {
        view->resize(600, 400);
        view->show();
        QVERIFY(QTest::qWaitForWindowExposed(view));
        const QImage image = view->grab().toImage();
        const int colours = distinctColours(image);
        QVERIFY2(colours > 50, qPrintable(QString::number(colours)));
    }
}

QTEST_MAIN(TrainingViewsTest)
#include "tst_trainingviews.moc"
