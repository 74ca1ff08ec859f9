// No layout loops: the main window and the race window, on every built-in data set, at every
// common screen size, in every language, go idle once their training is paused.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/RaceController.h"
#include "app/control/TrainingController.h"
#include "app/gui/MainWindow.h"
#include "app/gui/RaceWindow.h"
#include "app/io/Language.h"
#include "widgets/EmbeddingMapView.h"

#include <QChart>
#include <QChartView>
#include <QSignalSpy>
#include <QtTest>
#include <memory>

namespace {

// Counts the paints and layout requests of every chart's viewport and the plot-area changes
// of every chart under the windows given.
class ChartActivity : public QObject {
public:
    explicit ChartActivity(const QList<QWidget*>& windows)
    {
        for (QWidget* window : windows)
            for (QChartView* view : window->findChildren<QChartView*>()) {
                view->viewport()->installEventFilter(this);
                view->installEventFilter(this);
                connect(view->chart(), &QChart::plotAreaChanged, this, [this] { ++plotAreaChanges; });
                ++charts;
            }
    }
    int charts = 0;
    int paints = 0;
    int layoutRequests = 0;
    int plotAreaChanges = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        paints += event->type() == QEvent::Paint;
        layoutRequests += event->type() == QEvent::LayoutRequest;
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

class LayoutLoopsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void windowsGoIdleWhenPaused_data();
    void windowsGoIdleWhenPaused();
};

void LayoutLoopsTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_layoutloops"));
}

void LayoutLoopsTest::windowsGoIdleWhenPaused_data()
{
    QTest::addColumn<QString>("dataset");
    QTest::addColumn<QString>("language");
    for (const char* dataset : {"synthetic", "digits"})
        for (const char* language : {"en", "zh_CN"})
            QTest::addRow("%s %s", dataset, language) << dataset << language;
}

void LayoutLoopsTest::windowsGoIdleWhenPaused()
{
    QFETCH(QString, dataset);
    QFETCH(QString, language);
    QCOMPARE(installLanguage(language), language);
    MainWindow window(false);
    QSignalSpy shown(&window, &MainWindow::idealisedFiguresShown);
    window.show();
    sme::ExplorerParameters parameters = window.parameters();
    parameters.dataset = dataset.toStdString();
    window.applyParameters(parameters);
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() > 0 && !window.computingFigures(), 30000);
    for (int step = 0; step < 3; ++step)
        window.controller()->step();
    QTRY_VERIFY_WITH_TIMEOUT(window.displayedStep() >= 3, 30000);
    // Both windows side by side in time (the race is its own window): one idle second serves both.
    std::unique_ptr<RaceWindow> race(window.openRace());
    race->setAttribute(Qt::WA_DeleteOnClose, false);
    QTRY_VERIFY_WITH_TIMEOUT(race->map(sme::SamplerKind::Uniform)->classSeriesCount() > 0, 30000);
    race->race()->step();
    QTRY_VERIFY_WITH_TIMEOUT(race->race()->slowestSteps() >= 1, 30000);
    QVERIFY(!window.controller()->isRunning() && !race->race()->isRunning());
    for (const QSize size : {QSize(1280, 720), QSize(1366, 768), QSize(1600, 900), QSize(1920, 1080)}) {
        window.resize(size);
        race->resize(size);
        QTest::qWait(400); // the relayout the new size asks for, and its repaint
        // Idle: a second in which a repaint or two may trail the resize (a late queued axis
        // update), where a loop repaints every chart at every turn of the event loop, hundreds
        // in a second, and never stops. A slow build (the sanitizers on loaded cores) may still
        // be settling - each outside cause allows a bounded number of follow-up fits - so the
        // quiet second may come a few seconds later; a loop gives none in fifteen.
        QString where;
        bool quiet = false;
        for (int second = 0; second < 15 && !quiet; ++second) {
            const ChartActivity activity({&window, race.get()});
            QVERIFY(activity.charts >= 10);
            QTest::qWait(1000);
            where = QStringLiteral("%1 x %2: %3 paints, %4 layout requests, %5 plot-area changes in %6 charts")
                        .arg(size.width()).arg(size.height()).arg(activity.paints)
                        .arg(activity.layoutRequests).arg(activity.plotAreaChanges).arg(activity.charts);
            quiet = activity.plotAreaChanges <= 2 && activity.paints <= activity.charts
                    && activity.layoutRequests <= activity.charts;
        }
        QVERIFY2(quiet, qPrintable(QStringLiteral("never idle for a second in 15; the last: ") + where));
    }
}

QTEST_MAIN(LayoutLoopsTest)
#include "tst_layoutloops.moc"
