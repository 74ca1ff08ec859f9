// Tests of the main window, offscreen: views follow the controls, training runs live, renders.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/render/FigureExporter.h"
#include "app/gui/MainWindow.h"
#include "app/control/TrainingController.h"
#include "model/geometry/SphereGeometry.h"
#include "widgets/ControlPanel.h"
#include "widgets/DensityChartView.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/GradientVarianceView.h"
#include "widgets/LossFunctionsView.h"
#include "widgets/MessageBanner.h"
#include "widgets/SampledDistancesView.h"
#include "widgets/TrainingCurvesView.h"
#include "widgets/ViewGrid.h"
#include "ShowActive.h"
#include "SmallTraining.h"
#include "model/training/TrainingPipeline.h"

#include <QLineSeries>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>
#include <set>

namespace {

// How long to wait for training work the test set off (a step, the evaluation after it, a
// pause that waits for the step in progress): seconds under the sanitizers on two loaded
// cores, where QTRY's 5 s default was once 5.75 s short. A wait, not a timed assertion.
constexpr int trainingWaitMs = 30'000;

// Distinct colours in a region: a blank or single-colour area has one or two.
int distinctColours(const QImage& image, const QRect& region)
{
    std::set<QRgb> colours;
    for (int y = region.top(); y <= region.bottom(); y += 2)
        for (int x = region.left(); x <= region.right(); x += 2)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

} // namespace

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void changingDimensionUpdatesTheDensityView();
    void playAdvancesPauseStopsResetReturnsToZero();
    void divergingSettingShowsItsMessageAndStaysUsable();
    void collapsedAndStalledRunsAreSaidUntilTheyClear();
    void digitsSayWhyTrainingDoesNotHelpThem();
    void badDataFileIsRefusedAndTheDataStays();
    void wholeWindowRendersEveryView_data();
    void wholeWindowRendersEveryView();
    void gridHoldsEachViewUnderItsIdentity();
    void enlargingAViewAndBack();
    void exportAllWritesEveryViewAndItsData();
};

void MainWindowTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
}

void MainWindowTest::changingDimensionUpdatesTheDensityView()
{
    MainWindow window(false);
    window.show();
    QSignalSpy shown(&window, &MainWindow::idealisedFiguresShown);
    QVERIFY(shown.wait(20000));
    for (int n : {3, 32, 1024}) {
        shown.clear();
        window.controls()->dimensionBox()->setValue(n); // as a user typing n
        QVERIFY(shown.wait(20000));
        QTRY_VERIFY(!window.computingFigures());
        const sme::SphereDistanceLaw law(n);
        const QList<QPointF> exact = window.densityView()->exactSeries()->points();
        QVERIFY(exact.size() > 100);
        for (const QPointF& p : exact)
            QVERIFY2(std::abs(p.y() - law.density(p.x())) <= 1e-12 * std::max(1.0, law.density(p.x())),
                     qPrintable(QString("n=%1 d=%2").arg(n).arg(p.x())));
        for (const QPointF& p : window.densityView()->gaussianSeries()->points())
            QVERIFY(std::abs(p.y() - law.gaussianLimitDensity(p.x())) <= 1e-12 * std::max(1.0, p.y()));
        QCOMPARE(window.parameters().dimension, n);
    }
}

void MainWindowTest::playAdvancesPauseStopsResetReturnsToZero()
{
    MainWindow window(false);
    QVERIFY(showActive(window));
    QCOMPARE(window.displayedStep(), 0L);
    QTest::keyClick(&window, Qt::Key_Space); // play
    QTRY_VERIFY_WITH_TIMEOUT(window.displayedStep() > 30, 20000);
    const QXYSeries* loss = window.curvesView()->series(QStringLiteral("loss"));
    QVERIFY(loss);
    QTRY_VERIFY_WITH_TIMEOUT(loss->count() > 10, trainingWaitMs);
    QTest::keyClick(&window, Qt::Key_Space); // pause
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), trainingWaitMs);
    // The step in progress (and an evaluation after it, slow on a loaded machine) may still end
    // after the pause: the worker's own count, read between steps, is where it stopped.
    const long paused = window.controller()->captureRun()->state.steps;
    QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), paused, 20000);
    QTest::qWait(300);
    const int points = loss->count();
    QTest::qWait(300);
    QCOMPARE(window.displayedStep(), paused);
    QCOMPARE(loss->count(), points);
    QTest::keyClick(&window, Qt::Key_N); // one step
    QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), paused + 1, trainingWaitMs);
    QTest::keyClick(&window, Qt::Key_R); // reset
    QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), 0L, trainingWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(window.curvesView()->series(QStringLiteral("loss"))->count(), 0, trainingWaitMs);
    const QXYSeries* previous = window.curvesView()->previousSeries(QStringLiteral("loss (smoothed)"));
    QVERIFY(previous);
    QVERIFY(previous->count() > 0); // the run before the reset, faded behind
}

void MainWindowTest::divergingSettingShowsItsMessageAndStaysUsable()
{
    MainWindow window(false);
    QVERIFY(showActive(window));
    window.controls()->learningRateBox()->setValue(1000.0);
    QCOMPARE(window.parameters().learningRate, 1000.0);
    window.controller()->start();
    // (The banner may first say that the model collapsed: at such a rate it does, on its way.)
    QTRY_VERIFY_WITH_TIMEOUT(window.banner()->isVisible()
                                 && window.banner()->text().startsWith(QStringLiteral("Training diverged and paused at step")),
                             30000);
    QVERIFY(window.banner()->text().contains(QStringLiteral("lower the learning rate")));
    QVERIFY(window.banner()->text().contains(QStringLiteral("restored the weights of step")));
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), trainingWaitMs);
    // Usable: a sane learning rate, a step, and the step counter moves on.
    window.controls()->learningRateBox()->setValue(0.001);
    const long before = window.displayedStep();
    QTest::keyClick(&window, Qt::Key_N);
    QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), before + 1, trainingWaitMs);
}

void MainWindowTest::digitsSayWhyTrainingDoesNotHelpThem()
{
    MainWindow window(false);
    QVERIFY(showActive(window));
    QVERIFY(!window.banner()->text().contains(QLatin1String("Handwritten digits")));
    sme::ExplorerParameters digits = window.parameters();
    digits.dataset = "digits";
    window.applyParameters(digits);
    QTRY_VERIFY(window.banner()->isVisible() && window.banner()->text().contains(QLatin1String("near step 3400")));
    window.banner()->hide();
    sme::ExplorerParameters seed = window.parameters();
    seed.seed = 2; // another reset on the digits: said once is enough
    window.applyParameters(seed);
    QVERIFY(!window.banner()->isVisible());
}

void MainWindowTest::collapsedAndStalledRunsAreSaidUntilTheyClear()
{
    MainWindow window(false);
    QVERIFY(showActive(window));
    const auto says = [&window](const char* words) {
        return window.banner()->isVisible() && window.banner()->text().contains(QLatin1String(words));
    };
    // A collapsed model: every held-out point at one place from step 0.
    window.controller()->adopt(std::make_unique<sme::Trainer>(testing::collapsedData(), testing::smallModel()), {});
    QTRY_VERIFY_WITH_TIMEOUT(says("The model has collapsed (since step 0)"), 20000);
    QVERIFY(says("every held-out point maps to nearly one place"));

    // A new run that has not collapsed: the message goes.
    window.controller()->adopt(std::make_unique<sme::Trainer>(testing::stallingData(), testing::stallingModel()), {});
    QTRY_VERIFY_WITH_TIMEOUT(!says("collapsed"), 20000);
    // It has no active triplet from its first step: said once it has gone that way long enough,
    // and not before.
    window.controller()->setStopAfter(sme::TrainingPipeline::stalledAfterSteps - 1);
    window.controller()->start();
    QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), sme::TrainingPipeline::stalledAfterSteps - 1, 30000);
    QVERIFY(!says("stalled"));
    window.controller()->setStopAfter(0);
    window.controller()->start();
    QTRY_VERIFY_WITH_TIMEOUT(says("Training has stalled (since step 1)"), 30000);
    QVERIFY(says("there is no gradient"));

    // Back to step 0: not stalled any more, the message goes.
    window.controller()->reset();
    QTRY_VERIFY_WITH_TIMEOUT(!says("stalled"), 20000);
    QVERIFY(!window.controller()->isRunning());
}

void MainWindowTest::badDataFileIsRefusedAndTheDataStays()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("broken.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("1,2,0\n3,abc,1\n");
    file.close();
    MainWindow window(false);
    QVERIFY(showActive(window));
    sme::ExplorerParameters next = window.parameters();
    next.dataset = path.toStdString();
    window.applyParameters(next);
    QVERIFY(window.banner()->isVisible());
    QVERIFY2(window.banner()->text().contains(QStringLiteral("broken.csv")), qPrintable(window.banner()->text()));
    QVERIFY(window.banner()->text().contains(QStringLiteral("not a number")));
    QCOMPARE(window.parameters().dataset, std::string("synthetic"));
    QCOMPARE(window.controls()->parameters().dataset, std::string("synthetic"));
    QTest::keyClick(&window, Qt::Key_N); // still trains on the data it had
    QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), 1L, 30000); // 7 s seen under AddressSanitizer
}

void MainWindowTest::wholeWindowRendersEveryView_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1920x1080") << QSize(1920, 1080);
    QTest::newRow("1600x950") << QSize(1600, 950);
    QTest::newRow("1280x800") << QSize(1280, 800);
}

void MainWindowTest::wholeWindowRendersEveryView()
{
    QFETCH(QSize, size);
    MainWindow window(false);
    window.resize(size);
    window.show();
    QSignalSpy shown(&window, &MainWindow::idealisedFiguresShown);
    QVERIFY(shown.wait(20000));
    window.controller()->setStopAfter(60);
    window.controller()->start();
    QTRY_VERIFY_WITH_TIMEOUT(window.displayedStep() >= 60, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.controller()->isRunning(), trainingWaitMs);
    QImage image = window.grab().toImage();
    QCOMPARE(image.size(), size * image.devicePixelRatio());
    if (const QByteArray folder = qgetenv("SME_TEST_IMAGES"); !folder.isEmpty())
        image.save(QString::fromLocal8Bit(folder) + QStringLiteral("/window-%1x%2.png").arg(size.width()).arg(size.height()));
    // On a low window the grid scrolls: each view is scrolled into sight before it is looked at.
    auto* scroll = qobject_cast<QScrollArea*>(window.views()->parentWidget()->parentWidget());
    QVERIFY(scroll);
    for (sme::ViewId id : window.views()->viewIds()) {
        const QString name = QString::fromUtf8(sme::viewName(id));
        QWidget* view = window.views()->view(id);
        // (ensureWidgetVisible would aim at a chart view's input-method rectangle instead.)
        scroll->ensureVisible(view->x() + view->width() / 2, view->y() + view->height() / 2, view->width() / 2,
                              view->height() / 2);
        QTest::qWait(200); // a chart first seen lays itself out on its next turn of the event loop
        image = window.grab().toImage();
        if (const QByteArray folder = qgetenv("SME_TEST_IMAGES"); !folder.isEmpty())
            image.save(QString::fromLocal8Bit(folder) + QStringLiteral("/window-%1x%2-%3.png").arg(size.width()).arg(size.height()).arg(name));
        QVERIFY(view->isVisible());
        QVERIFY2(view->width() >= 240 && view->height() >= 180,
                 qPrintable(QString("view %1 is only %2 x %3").arg(name).arg(view->width()).arg(view->height())));
        const QRect region(view->mapTo(&window, QPoint(0, 0)), view->size());
        const int colours = distinctColours(image, region);
        QVERIFY2(colours > 40, qPrintable(QString("view %1 (%2) has %3 colours")
                                              .arg(name, view->metaObject()->className()).arg(colours)));
    }
}

void MainWindowTest::gridHoldsEachViewUnderItsIdentity()
{
    MainWindow window(false);
    QVERIFY(showActive(window));
    ViewGrid* grid = window.views();
    QCOMPARE(grid->viewIds(), QList<sme::ViewId>(sme::gridViews.begin(), sme::gridViews.end()));
    QCOMPARE(grid->view(sme::ViewId::Density), window.densityView());
    QCOMPARE(grid->view(sme::ViewId::GradientVariance), window.gradientView());
    QCOMPARE(grid->view(sme::ViewId::SampledDistances), window.sampledView());
    QCOMPARE(grid->view(sme::ViewId::Losses), window.lossView());
    QCOMPARE(grid->view(sme::ViewId::TrainingCurves), window.curvesView());
    QCOMPARE(grid->view(sme::ViewId::EmbeddingMap), window.mapView());
    QVERIFY(!grid->view(sme::ViewId::SamplerRace)); // a window of its own
    // The view an export acts on: the one with the keyboard focus, else the enlarged one, else the first.
    window.lossView()->setFocus();
    QCOMPARE(window.currentView(), sme::ViewId::Losses);
    window.controls()->setFocus();
    QCOMPARE(window.currentView(), sme::ViewId::Density);
    grid->focusView(sme::ViewId::EmbeddingMap);
    QCOMPARE(window.currentView(), sme::ViewId::EmbeddingMap);
    QCOMPARE(window.exportView(sme::ViewId::SamplerRace, QStringLiteral("race.png"), {}), QStringLiteral("no such view"));
}

void MainWindowTest::enlargingAViewAndBack()
{
    MainWindow window(false);
    QVERIFY(showActive(window));
    window.views()->focusView(sme::ViewId::SampledDistances);
    QVERIFY(window.views()->view(sme::ViewId::SampledDistances)->isVisible());
    QVERIFY(!window.views()->view(sme::ViewId::Density)->isVisible());
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(!window.views()->focusedView());
    QVERIFY(window.views()->view(sme::ViewId::Density)->isVisible());
}

void MainWindowTest::exportAllWritesEveryViewAndItsData()
{
    MainWindow window(false);
    QSignalSpy shown(&window, &MainWindow::idealisedFiguresShown); // before it can be emitted
    QVERIFY(showActive(window));
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() > 0, 20000);
    const QSize before = window.views()->view(sme::ViewId::Density)->size();
    QTemporaryDir dir;
    FigureExportOptions options;
    options.dpi = 192;
    options.size = QSize(40, 30);
    QVERIFY(window.exportAll(dir.path(), options).contains(QStringLiteral("needs at least")));
    options.size = QSize(500, 400);
    QCOMPARE(window.exportAll(dir.path(), options), QString());
    for (const QString& name : {"density", "gradient-variance", "sampled-distances", "losses", "training", "embedding"}) {
        const QImage image(QDir(dir.path()).filePath(name + ".png"));
        QCOMPARE(image.size(), QSize(1000, 800)); // 500 x 400 at 96 dpi, drawn at 192 dpi
    }
    // Each view's own table beside it (the idealised ones: the data command's columns).
    const std::pair<QString, QByteArray> tables[] = {{"density", "d,exact,gaussian_limit,monte_carlo\n"},
                                                     {"gradient-variance", "d,variance\n"},
                                                     {"sampled-distances", "d,uniform,hard,semi_hard,distance_weighted\n"},
                                                     {"losses", "d,contrastive_pos,contrastive_neg,"}};
    for (const auto& [name, header] : tables) {
        QFile csv(QDir(dir.path()).filePath(name + ".csv"));
        QVERIFY2(csv.open(QIODevice::ReadOnly), qPrintable(name));
        QVERIFY2(csv.readAll().startsWith(header), qPrintable(name));
    }
    // The map's table from the start; the training curves' once a step has been taken.
    QVERIFY(QFile::exists(QDir(dir.path()).filePath(QStringLiteral("embedding.csv")))); // (columns: tst_windowexport)
    QVERIFY(!QFile::exists(QDir(dir.path()).filePath(QStringLiteral("training.csv"))));
    window.controller()->step();
    QTRY_VERIFY_WITH_TIMEOUT(window.displayedStep() >= 1, 20000);
    QCOMPARE(window.exportAll(dir.path(), options), QString());
    QVERIFY(QFile::exists(QDir(dir.path()).filePath(QStringLiteral("training.csv"))));
    QTRY_COMPARE(window.views()->view(sme::ViewId::Density)->size(), before); // the window's layout is back
    // A folder that cannot be made: a clear message, nothing else changes.
    QFile blocker(dir.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QVERIFY(!window.exportAll(dir.filePath(QStringLiteral("file/sub")), options).isEmpty());
}

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
