// Tests of the triplet inspector: its batch, its positives, each sampler's negatives as the
// samplers themselves choose them, and clicking on the map (offscreen).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/TrainingController.h"
#include "app/control/TripletInspector.h"
#include "app/gui/MainWindow.h"
#include "app/gui/MapInspection.h"
#include "model/base/Error.h"
#include "model/sampling/IdealisedBatch.h"
#include "model/sampling/Sampler.h"
#include "model/geometry/SpherePoints.h"
#include "model/sampling/TripletInspection.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/TripletInspectorPanel.h"
#include "widgets/ViewGrid.h"

#include <QChart>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QtTest>
#include <algorithm>
#include <map>
#include <numeric>
#include <set>

namespace {

// Displayed points as the map gets them: unit rows in R^n, classes of perClass points with
// labels 7, 10, 13, ... (not 0..C-1), rows of a class not contiguous.
struct Points {
    Eigen::MatrixXd embeddings;
    std::vector<int> labels;
};

Points clusteredPoints(int n, int classes, int perClass, double spread, std::uint64_t seed)
{
    sme::Rng rng(seed);
    const sme::LabelledBatch batch = sme::idealisedBatch({n, classes, perClass, spread}, rng);
    Points points;
    points.embeddings.resize(batch.points.rows(), n);
    const Eigen::Index rows = batch.points.rows();
    for (Eigen::Index i = 0; i < rows; ++i) {
        const Eigen::Index from = (i * 7) % rows; // 7 is prime to the sizes used: a permutation
        points.embeddings.row(i) = batch.points.row(from);
        points.labels.push_back(7 + 3 * batch.labels[std::size_t(from)]);
    }
    return points;
}

sme::InspectionSettings settings(int p, int k, std::uint64_t seed)
{
    sme::InspectionSettings s;
    s.batchClasses = p;
    s.batchK = k;
    s.seed = seed;
    return s;
}

double distance(const Points& points, int a, int b)
{
    return (points.embeddings.row(a) - points.embeddings.row(b)).norm();
}

// A shown map of 20 classes x 8 points with the app's inspector wired to it, as in the window.
struct InspectedMap {
    explicit InspectedMap(std::uint64_t seed)
        : points(clusteredPoints(16, 20, 8, 1.0, seed))
        , embeddings(std::make_shared<const Eigen::MatrixXf>(points.embeddings.cast<float>()))
        , labels(std::make_shared<const std::vector<int>>(points.labels))
        , parameters(parametersWithSeed(seed))
        , inspector([this] { return parameters; })
    {
        connectInspection(inspector, view);
        view.resize(700, 560);
        view.show();
        view.setEmbeddings(*embeddings, *labels);
        inspector.setHeldOut(embeddings, labels);
    }
    static sme::ExplorerParameters parametersWithSeed(std::uint64_t seed)
    {
        sme::ExplorerParameters p;
        p.seed = seed;
        return p;
    }

    Points points;
    std::shared_ptr<const Eigen::MatrixXf> embeddings;
    std::shared_ptr<const std::vector<int>> labels;
    sme::ExplorerParameters parameters;
    EmbeddingMapView view;
    TripletInspector inspector;
};

} // namespace

class InspectorTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void negativesAreTheSamplersOwnChoices_data();
    void negativesAreTheSamplersOwnChoices();
    void negativesKeepEachSamplersRule();
    void positivesAreExactlyTheSameClassPointsOfTheBatch();
    void batchIsPByKAroundTheAnchorAndRepeatable();
    void smallDataMakesTheBatchEveryPoint();
    void badInputIsRefused();
    void clickSelectsTheNearestPointAndListsEverySampler();
    void emptyClickAndEscapeClear();
    void samePickOfSeveralSamplersIsSaidAndSetApart();
    void namedClassesAreCalledByTheirNames();
    void panelCanBeDraggedAside();
    void windowInspectsAClickedPointAndEscapeClearsFirst();
};

void InspectorTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_inspector"));
}

void InspectorTest::negativesAreTheSamplersOwnChoices_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("p");
    QTest::addColumn<int>("k");
    QTest::addColumn<double>("spread");
    QTest::addColumn<std::uint64_t>("seed");
    QTest::newRow("n=16, 12x5") << 16 << 12 << 5 << 1.0 << std::uint64_t(1);
    QTest::newRow("n=128, 12x5") << 128 << 12 << 5 << 2.0 << std::uint64_t(2);
    QTest::newRow("n=3, 4x3") << 3 << 4 << 3 << 0.5 << std::uint64_t(3);
    QTest::newRow("n=32, 8x2") << 32 << 8 << 2 << 1.5 << std::uint64_t(4);
    QTest::newRow("K=1: no positives") << 16 << 6 << 1 << 1.0 << std::uint64_t(5);
}

// The heart of issue 6: what the inspector lists is what sampleTriplets picks for the anchor
// when called directly on the same batch with the same generator.
void InspectorTest::negativesAreTheSamplersOwnChoices()
{
    QFETCH(int, n);
    QFETCH(int, p);
    QFETCH(int, k);
    QFETCH(double, spread);
    QFETCH(std::uint64_t, seed);
    const Points points = clusteredPoints(n, 20, 8, spread, seed);
    const sme::InspectionSettings s = settings(p, k, seed);
    for (int anchor : {0, 1, 37, 80, 159}) {
        const sme::TripletInspection inspection = sme::inspectTriplets(points.embeddings, points.labels, anchor, s);
        QCOMPARE(inspection.anchor, anchor);
        QCOMPARE(inspection.batch, sme::inspectionBatch(points.labels, anchor, s));

        Eigen::MatrixXd batchPoints(Eigen::Index(inspection.batch.size()), n);
        std::vector<int> batchLabels;
        for (std::size_t i = 0; i < inspection.batch.size(); ++i) {
            batchPoints.row(Eigen::Index(i)) = points.embeddings.row(inspection.batch[i]);
            batchLabels.push_back(points.labels[std::size_t(inspection.batch[i])]);
        }
        const Eigen::MatrixXd distances = sme::pairwiseDistances(batchPoints);
        const sme::SamplerSettings samplerSettings{n, s.cutoff, s.nonzeroLossCutoff};
        for (sme::SamplerKind kind : sme::allSamplerKinds) {
            sme::Rng rng = sme::inspectionSamplerRng(s, anchor, kind);
            std::vector<sme::Triplet> direct;
            for (const sme::Triplet& t : sme::sampleTriplets(kind, distances, batchLabels, samplerSettings, rng))
                if (t.anchor == 0)
                    direct.push_back(t);
            const auto& picks = inspection.picks[std::size_t(kind)];
            QVERIFY2(picks.size() == direct.size(),
                     qPrintable(QString("anchor %1, %2: %3 picks, the sampler made %4").arg(anchor)
                                    .arg(sme::samplerName(kind).data()).arg(picks.size()).arg(direct.size())));
            const std::size_t expected = kind == sme::SamplerKind::SemiHard && k == 1 ? 0 : std::size_t(std::max(1, k - 1));
            QCOMPARE(picks.size(), expected); // one per positive (one without positive)
            for (std::size_t i = 0; i < picks.size(); ++i) {
                QCOMPARE(picks[i].negative.row, inspection.batch[std::size_t(direct[i].negative)]);
                QCOMPARE(picks[i].negative.distance, distances(0, direct[i].negative));
                if (direct[i].positive == sme::Triplet::noPositive)
                    QCOMPARE(picks[i].positive.row, -1);
                else
                    QCOMPARE(picks[i].positive.row, inspection.batch[std::size_t(direct[i].positive)]);
            }
        }
    }
}

// Independently of the sampler code: the rules of PAPER.md §3, checked on the listed picks.
void InspectorTest::negativesKeepEachSamplersRule()
{
    const Points points = clusteredPoints(16, 20, 8, 1.5, 9);
    const sme::InspectionSettings s = settings(12, 5, 9);
    for (int anchor : {3, 50, 111}) {
        const sme::TripletInspection inspection = sme::inspectTriplets(points.embeddings, points.labels, anchor, s);
        const int label = points.labels[std::size_t(anchor)];
        std::vector<int> negatives; // of the batch
        for (int row : inspection.batch)
            if (points.labels[std::size_t(row)] != label)
                negatives.push_back(row);
        QCOMPARE(int(negatives.size()), 11 * 5);
        for (sme::SamplerKind kind : sme::allSamplerKinds)
            for (const sme::InspectedPick& pick : inspection.picks[std::size_t(kind)]) {
                // Distances are the n-dimensional ones (a GEMM there, a norm here: 1e-12).
                QVERIFY(std::abs(pick.negative.distance - distance(points, anchor, pick.negative.row)) < 1e-12);
                QVERIFY(std::find(negatives.begin(), negatives.end(), pick.negative.row) != negatives.end());
                const double dan = distance(points, anchor, pick.negative.row);
                const double dap = distance(points, anchor, pick.positive.row);
                QCOMPARE(points.labels[std::size_t(pick.positive.row)], label);
                for (int other : negatives) {
                    const double d = distance(points, anchor, other);
                    if (kind == sme::SamplerKind::HardNegative)
                        QVERIFY(d >= dan - 1e-12);
                    if (kind == sme::SamplerKind::SemiHard && dan > dap)
                        QVERIFY(!(d > dap + 1e-12 && d < dan - 1e-12));
                }
            }
    }
}

void InspectorTest::positivesAreExactlyTheSameClassPointsOfTheBatch()
{
    const Points points = clusteredPoints(16, 20, 8, 1.0, 11);
    for (int k : {1, 3, 5, 8, 12}) {
        const sme::InspectionSettings s = settings(12, k, 11);
        for (int anchor : {0, 42, 99}) {
            const sme::TripletInspection inspection = sme::inspectTriplets(points.embeddings, points.labels, anchor, s);
            std::set<int> expected;
            for (int row : inspection.batch)
                if (row != anchor && points.labels[std::size_t(row)] == points.labels[std::size_t(anchor)])
                    expected.insert(row);
            std::set<int> listed;
            for (const sme::InspectedPoint& p : inspection.positives) {
                listed.insert(p.row);
                QVERIFY(std::abs(p.distance - distance(points, anchor, p.row)) < 1e-12);
            }
            QCOMPARE(listed, expected);
            QCOMPARE(inspection.positives.size(), expected.size()); // none twice
            QCOMPARE(int(listed.size()), std::min(k, 8) - 1);
        }
    }
}

void InspectorTest::batchIsPByKAroundTheAnchorAndRepeatable()
{
    const Points points = clusteredPoints(8, 20, 8, 1.0, 12);
    const sme::InspectionSettings s = settings(12, 5, 12);
    const std::vector<int> batch = sme::inspectionBatch(points.labels, 57, s);
    QCOMPARE(batch.size(), std::size_t(60));
    QCOMPARE(batch.front(), 57);
    std::map<int, int> perClass;
    for (int row : batch)
        ++perClass[points.labels[std::size_t(row)]];
    QCOMPARE(perClass.size(), std::size_t(12));
    for (const auto& [label, count] : perClass)
        QCOMPARE(count, 5);
    QCOMPARE(std::set<int>(batch.begin(), batch.end()).size(), batch.size()); // no row twice
    QCOMPARE(sme::inspectionBatch(points.labels, 57, s), batch); // the same click, the same batch
    QVERIFY(sme::inspectionBatch(points.labels, 57, settings(12, 5, 13)) != batch); // another seed
}

void InspectorTest::smallDataMakesTheBatchEveryPoint()
{
    const Points points = clusteredPoints(8, 4, 3, 1.0, 14);
    const std::vector<int> batch = sme::inspectionBatch(points.labels, 5, settings(12, 5, 1));
    QCOMPARE(batch.front(), 5);
    std::vector<int> sorted = batch;
    std::sort(sorted.begin(), sorted.end());
    std::vector<int> all(12);
    std::iota(all.begin(), all.end(), 0);
    QCOMPARE(sorted, all);
}

void InspectorTest::badInputIsRefused()
{
    const Points points = clusteredPoints(8, 4, 3, 1.0, 15);
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::inspectTriplets(points.embeddings, points.labels, 12, settings(4, 3, 1)));
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::inspectTriplets(points.embeddings, points.labels, -1, settings(4, 3, 1)));
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::inspectTriplets(points.embeddings, points.labels, 0, settings(0, 3, 1)));
    std::vector<int> fewer(points.labels.begin(), points.labels.end() - 1);
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::inspectTriplets(points.embeddings, fewer, 0, settings(4, 3, 1)));
    // One class only: a batch without negatives, so no sampler picks anything.
    const std::vector<int> oneClass(points.labels.size(), 4);
    const sme::TripletInspection lonely = sme::inspectTriplets(points.embeddings, oneClass, 2, settings(4, 3, 1));
    for (const auto& picks : lonely.picks)
        QVERIFY(picks.empty());
}

void InspectorTest::clickSelectsTheNearestPointAndListsEverySampler()
{
    InspectedMap map(21);
    QVERIFY(QTest::qWaitForWindowExposed(&map.view));
    const Points& points = map.points;
    const auto& [embeddings, labels] = std::tie(map.embeddings, map.labels);
    EmbeddingMapView& view = map.view;
    TripletInspector& inspector = map.inspector;
    QSignalSpy clicked(&view, &EmbeddingMapView::pointClicked);

    // Where a class series draws each point, straight from Qt Charts.
    std::vector<std::pair<QPointF, int>> drawn; // viewport position, label
    for (int c = 0; c < view.classSeriesCount(); ++c)
        for (const QPointF& value : view.classSeries(c)->points())
            drawn.emplace_back(view.mapFromScene(view.chart()->mapToPosition(value, const_cast<QScatterSeries*>(view.classSeries(c)))),
                               view.classLabels()[std::size_t(c)]);
    for (int row : {10, 77, 140}) {
        const QPoint target = view.viewportPosition(row) + QPoint(3, -2);
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, target);
        QCOMPARE(clicked.count(), 1);
        const int chosen = clicked.takeFirst().at(0).toInt();
        // The chosen point is at the smallest distance of every drawn point from the click.
        const auto gap = [&](QPointF p) { return std::hypot(p.x() - target.x(), p.y() - target.y()); };
        double nearest = 1e9;
        for (const auto& [position, label] : drawn)
            nearest = std::min(nearest, gap(position));
        QVERIFY(std::abs(gap(view.viewportPosition(chosen)) - nearest) < 1e-6);
        QVERIFY(gap(view.viewportPosition(chosen)) <= EmbeddingMapView::pickRadius);
        QCOMPARE(inspector.anchor(), chosen);
        QVERIFY(view.inspection());
        QCOMPARE(view.inspection()->anchor, chosen);

        // The inspection shown is the model's for that anchor, drawn and listed.
        sme::InspectionSettings s;
        s.seed = 21;
        const sme::TripletInspection expected = sme::inspectTriplets(embeddings->cast<double>(), *labels, chosen, s);
        const TripletInspectorPanel* panel = view.inspectorPanel();
        QVERIFY(panel->isVisible());
        QCOMPARE(view.anchorSeries()->count(), 1);
        QCOMPARE(view.positiveSeries()->count(), int(expected.positives.size()));
        QVERIFY(panel->anchorText().contains(QStringLiteral("class %1").arg(points.labels[std::size_t(chosen)])));
        for (const sme::InspectedPoint& p : expected.positives)
            QVERIFY(panel->anchorText().contains(QString::number(p.distance, 'f', 3)));
        for (sme::SamplerKind kind : sme::allSamplerKinds) {
            const auto& picks = expected.picks[std::size_t(kind)];
            QCOMPARE(picks.size(), std::size_t(4));
            QCOMPARE(view.negativeSeries(kind)->count(), int(picks.size()));
            for (const sme::InspectedPick& pick : picks) {
                const QString entry = QStringLiteral("%1 (class %2)")
                                          .arg(QString::number(pick.negative.distance, 'f', 3))
                                          .arg(points.labels[std::size_t(pick.negative.row)]);
                QVERIFY2(panel->samplerText(kind).contains(entry),
                         qPrintable(panel->samplerText(kind) + " lacks " + entry));
            }
        }
        QVERIFY(view.rect().contains(panel->geometry()));
    }
    if (const QByteArray folder = qgetenv("SME_TEST_IMAGES"); !folder.isEmpty()) {
        QTest::qWait(50); // the chart lays its title out in the event loop
        view.grab().save(QString::fromLocal8Bit(folder) + QStringLiteral("/inspector.png"));
    }
}

// An inspection where hard negative, semi-hard and distance weighted picked the same point
// (row 75), uniform another (row 3).
sme::TripletInspection sharedPickInspection()
{
    sme::TripletInspection inspection;
    inspection.anchor = 10;
    inspection.batch = {10, 11, 3, 75};
    inspection.positives = {{11, 0.4}};
    const auto pick = [](int row, double distance) { return sme::InspectedPick{{11, 0.4}, {row, distance}}; };
    inspection.picks[std::size_t(sme::SamplerKind::Uniform)] = {pick(3, 1.3)};
    for (sme::SamplerKind kind : {sme::SamplerKind::HardNegative, sme::SamplerKind::SemiHard, sme::SamplerKind::DistanceWeighted})
        inspection.picks[std::size_t(kind)] = {pick(75, 0.95)};
    return inspection;
}

void InspectorTest::samePickOfSeveralSamplersIsSaidAndSetApart()
{
    InspectedMap map(23);
    QVERIFY(QTest::qWaitForWindowExposed(&map.view));
    QTRY_VERIFY(!map.view.chart()->plotArea().isEmpty());
    map.view.setInspection(sharedPickInspection());
    const QString shared = map.view.inspectorPanel()->sharedText();
    QVERIFY2(shared.contains(QStringLiteral("hard negative = semi-hard = distance weighted: 0.950, class %1")
                                 .arg(map.labels->at(75))),
             qPrintable(shared));
    QVERIFY(!shared.contains("uniform"));
    // Each of the three drawn apart around the point, a few pixels from it; uniform's on its point.
    EmbeddingMapView& view = map.view;
    const QPointF point = QPointF(view.viewportPosition(75));
    std::vector<QPointF> drawn;
    for (sme::SamplerKind kind : {sme::SamplerKind::HardNegative, sme::SamplerKind::SemiHard, sme::SamplerKind::DistanceWeighted}) {
        auto* series = const_cast<QScatterSeries*>(view.negativeSeries(kind));
        QCOMPARE(series->count(), 1);
        const QPointF at = view.mapFromScene(view.chart()->mapToPosition(series->at(0), series));
        const double away = std::hypot(at.x() - point.x(), at.y() - point.y());
        QVERIFY2(away > 4.0 && away < 12.0, qPrintable(QString::number(away)));
        for (const QPointF& other : drawn)
            QVERIFY(std::hypot(at.x() - other.x(), at.y() - other.y()) > 6.0);
        drawn.push_back(at);
    }
    auto* uniform = const_cast<QScatterSeries*>(view.negativeSeries(sme::SamplerKind::Uniform));
    const QPointF uniformAt = view.mapFromScene(view.chart()->mapToPosition(uniform->at(0), uniform));
    QVERIFY(std::hypot(uniformAt.x() - view.viewportPosition(3).x(), uniformAt.y() - view.viewportPosition(3).y()) < 1.5);
}

void InspectorTest::namedClassesAreCalledByTheirNames()
{
    InspectedMap map(25);
    const int picked = map.labels->at(75);
    const int anchor = map.labels->at(10);
    const int uniform = map.labels->at(3);
    QVERIFY(anchor != picked && uniform != picked);
    // Only the class of row 75 has a name: the others are still "class N".
    map.view.setEmbeddings(*map.embeddings, *map.labels, {{picked, "Sandal"}});
    map.view.setInspection(sharedPickInspection());
    const TripletInspectorPanel* panel = map.view.inspectorPanel();
    QVERIFY2(panel->sharedText().contains(QStringLiteral("distance weighted: 0.950, Sandal")), qPrintable(panel->sharedText()));
    const QString hard = panel->samplerText(sme::SamplerKind::HardNegative);
    QVERIFY2(hard.contains(QStringLiteral("0.950 (Sandal)")), qPrintable(hard));
    const QString uniformText = panel->samplerText(sme::SamplerKind::Uniform);
    QVERIFY2(uniformText.contains(QStringLiteral("1.300 (class %1)").arg(uniform)), qPrintable(uniformText));
    QVERIFY2(panel->anchorText().startsWith(QStringLiteral("Anchor: class %1, batch of 4").arg(anchor)),
             qPrintable(panel->anchorText()));
}

void InspectorTest::panelCanBeDraggedAside()
{
    InspectedMap map(24);
    QVERIFY(QTest::qWaitForWindowExposed(&map.view));
    map.view.setInspection(sharedPickInspection());
    auto* panel = const_cast<TripletInspectorPanel*>(map.view.inspectorPanel());
    QVERIFY(panel->isVisible());
    const QPoint before = panel->pos();
    const QPoint grab(panel->width() / 2, 4);
    QTest::mousePress(panel, Qt::LeftButton, {}, grab);
    QMouseEvent move(QEvent::MouseMove, QPointF(grab + QPoint(-60, -50)), panel->mapToGlobal(QPointF(grab + QPoint(-60, -50))),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(panel, &move);
    QTest::mouseRelease(panel, Qt::LeftButton, {}, grab + QPoint(-60, -50));
    QVERIFY(panel->movedByHand());
    const QPoint moved = panel->pos();
    QVERIFY(moved != before);
    // A new layout of the map leaves it where it was put; the end of the inspection forgets it.
    map.view.resize(720, 580);
    QTest::qWait(50);
    QCOMPARE(panel->pos(), moved);
    map.view.clearInspection();
    QVERIFY(!panel->movedByHand());
}

void InspectorTest::emptyClickAndEscapeClear()
{
    InspectedMap map(22);
    QVERIFY(QTest::qWaitForWindowExposed(&map.view));
    const auto& [embeddings, labels] = std::tie(map.embeddings, map.labels);
    EmbeddingMapView& view = map.view;
    TripletInspector& inspector = map.inspector;
    QSignalSpy cleared(&view, &EmbeddingMapView::inspectionCleared);

    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.viewportPosition(5));
    QCOMPARE(inspector.anchor(), 5);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, QPoint(2, 2)); // outside the plot
    QCOMPARE(cleared.count(), 1);
    QVERIFY(!view.inspection());
    QCOMPARE(inspector.anchor(), -1);
    QVERIFY(!view.inspectorPanel()->isVisible());
    QCOMPARE(view.anchorSeries()->count(), 0);

    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.viewportPosition(9));
    QCOMPARE(inspector.anchor(), 9);
    QTest::keyClick(&view, Qt::Key_Escape);
    QCOMPARE(cleared.count(), 2);
    QVERIFY(!view.inspection());

    // New embeddings of the same points follow the anchor; other points clear it.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, view.viewportPosition(9));
    inspector.setHeldOut(embeddings, labels);
    QCOMPARE(view.inspection()->anchor, 9);
    const Points fewer = clusteredPoints(16, 10, 8, 1.0, 23);
    view.setEmbeddings(fewer.embeddings.cast<float>(), fewer.labels);
    QVERIFY(!view.inspection());
    QCOMPARE(inspector.anchor(), -1);
}

void InspectorTest::windowInspectsAClickedPointAndEscapeClearsFirst()
{
    MainWindow window(false);
    window.show();
    window.activateWindow();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    EmbeddingMapView* map = window.mapView();
    QTRY_VERIFY_WITH_TIMEOUT(map->classSeriesCount() > 0, 20000); // the untrained model's map
    // Trained a little, so the map has been redrawn with new ranges many times: the chart
    // once stopped laying itself out after that (axes changed inside its layout pass).
    window.controller()->setStopAfter(400);
    window.controller()->start();
    QTRY_VERIFY_WITH_TIMEOUT(window.displayedStep() >= 400, 60000);
    QTRY_VERIFY(!window.controller()->isRunning());
    window.views()->focusView(sme::ViewId::EmbeddingMap);
    QTRY_VERIFY(map->width() > 500);
    QTRY_VERIFY(map->chart()->plotArea().width() > 0.8 * map->width()); // the plot follows
    QTest::mouseClick(map->viewport(), Qt::LeftButton, {}, map->viewportPosition(12));
    QVERIFY(map->inspection());
    QVERIFY(map->inspectorPanel()->isVisible());
    QCOMPARE(window.inspector()->anchor(), map->inspection()->anchor);
    if (const QByteArray folder = qgetenv("SME_TEST_IMAGES"); !folder.isEmpty()) {
        QTest::qWait(100);
        window.grab().save(QString::fromLocal8Bit(folder) + QStringLiteral("/inspector-window.png"));
    }
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape); // the inspection first...
    QVERIFY(!map->inspection());
    QCOMPARE(window.views()->focusedView(), std::optional(sme::ViewId::EmbeddingMap));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Escape); // ...then all views again
    QVERIFY(!window.views()->focusedView());
}

QTEST_MAIN(InspectorTest)
#include "tst_inspector.moc"
