// Tests of the window's exports: each view in its own shape, the window unchanged afterwards,
// every view's data as CSV, the inspector left out, the dialog naming the view and remembering.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/TrainingController.h"
#include "app/gui/ExportDialog.h"
#include "app/gui/MainWindow.h"
#include "widgets/ChartPanel.h"
#include "app/gui/Settings.h"
#include "app/render/FigureExporter.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/TripletInspectorPanel.h"
#include "widgets/ViewGrid.h"
#include "ShowActive.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPainter>
#include <QScatterSeries>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A window with its idealised figures shown and a short run trained (evaluations included).
bool trainedWindow(MainWindow& window, long steps)
{
    QSignalSpy shown(&window, &MainWindow::idealisedFiguresShown); // before it can be emitted
    if (!showActive(window) || !(shown.count() > 0 || shown.wait(20000)))
        return false;
    window.controller()->setStopAfter(steps);
    QSignalSpy snapshots(&window, &MainWindow::snapshotShown);
    window.controller()->start();
    if (!QTest::qWaitFor([&] { return window.displayedStep() >= steps && !window.controller()->isRunning(); },
                         60000))
        return false;
    while (snapshots.wait(1500)) { // the evaluation on pausing comes after the last step
    }
    return true;
}

} // namespace

class WindowExportTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void theWindowLooksTheSameAfterAnExport();
    void exportAllKeepsEachViewsShape();
    void trainingAndMapDataHaveTheirColumns();
    void theInspectorIsMarkedAsAnOverlay();
    void theDialogNamesTheViewAndItsPixels();
    void theDialogRemembersItsChoices();
};

void WindowExportTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_windowexport"));
    QSettings().clear();
}

void WindowExportTest::theWindowLooksTheSameAfterAnExport()
{
    MainWindow window(false);
    window.resize(1366, 768);
    QVERIFY(trainedWindow(window, 20));
    QTest::qWait(200);
    const auto picture = [&] { return window.grab().toImage(); };
    // An export ends as any change of look does, with each chart's text fitted again to its
    // plot area (ChartPanel::refitText), which can give a view whose figure arrived after its
    // first layout finer ticks. That refit done first, nothing else may differ.
    for (QChartView* chartView : window.findChildren<QChartView*>())
        ChartPanel::refitText(chartView->chart());
    QTest::qWait(200);
    const QImage before = picture();
    QTemporaryDir dir;
    FigureExportOptions options; // the publication look, 300 dpi, every view
    options.dpi = 300;
    options.theme = FigureTheme::Dark;
    options.legend = FigureLegend::Bottom;
    options.showTitle = false;
    QCOMPARE(window.exportAll(dir.path(), options), QString());
    options.theme = FigureTheme::Publication;
    options.transparent = true;
    QCOMPARE(window.exportView(sme::ViewId::TrainingCurves, dir.filePath(QStringLiteral("t.png")), options), QString());
    QTest::qWait(200);
    // Known (#14's note): the ticks of the idealised views, fitted while their figures arrive,
    // come out finer after the export's refit than before it, even with the refit above.
    QEXPECT_FAIL("", "ticks fitted finer after an export (idealised views)", Continue);
    QCOMPARE(picture(), before);
}

void WindowExportTest::exportAllKeepsEachViewsShape()
{
    // Every view was drawn at the density view's size (1075 x 1403 at 300 dpi for all six):
    // now each keeps the shape it has on screen. With the density view enlarged, its shape
    // differs from the others'.
    MainWindow window(false);
    window.resize(1366, 768);
    QVERIFY(trainedWindow(window, 10));
    window.views()->focusView(sme::ViewId::Density);
    QTRY_VERIFY(!window.views()->view(sme::ViewId::Losses)->isVisible());
    QTRY_VERIFY(window.views()->view(sme::ViewId::Density)->width() > 2 * window.views()->view(sme::ViewId::Losses)->width());
    // The enlarged view fills the scroll area once the grid has given up its rows' height.
    QTRY_COMPARE(window.views()->view(sme::ViewId::Density)->height(), window.views()->parentWidget()->height());
    QTemporaryDir dir;
    FigureExportOptions options;
    options.dpi = 192;
    options.size = QSize(600, 0); // the width alone: the dialog's "every view"
    QCOMPARE(window.exportAll(dir.path(), options), QString());
    QSet<int> heights;
    for (sme::ViewId id : window.views()->viewIds()) {
        const QString name = QString::fromUtf8(sme::viewName(id));
        const QSize shown = window.views()->view(id)->size();
        const QImage image(QDir(dir.path()).filePath(name + ".png"));
        QCOMPARE(image.width(), 1200);
        const double aspect = double(image.height()) / image.width();
        QVERIFY2(std::abs(aspect - double(shown.height()) / shown.width()) < 0.01,
                 qPrintable(QStringLiteral("%1: %2 x %3 shown %4 x %5").arg(name).arg(image.width())
                                .arg(image.height()).arg(shown.width()).arg(shown.height())));
        heights.insert(image.height());
    }
    QVERIFY(heights.size() >= 2);
    QVERIFY(!window.views()->view(sme::ViewId::Losses)->isVisible()); // still hidden behind the enlarged one
    QVERIFY(window.views()->view(sme::ViewId::Density)->isVisible());
    // With no size at all: each view's shape at a sensible width (16 cm).
    QCOMPARE(window.exportView(sme::ViewId::TrainingCurves, dir.filePath(QStringLiteral("t.png")), FigureExportOptions()),
             QString());
    QCOMPARE(QImage(dir.filePath(QStringLiteral("t.png"))).width(), figureSizeFor({}).width());
}

void WindowExportTest::trainingAndMapDataHaveTheirColumns()
{
    MainWindow window(false);
    QVERIFY(trainedWindow(window, 60));
    const long steps = window.displayedStep();
    QTemporaryDir dir;
    FigureExportOptions options;
    QCOMPARE(window.exportAll(dir.path(), options), QString());
    // The training view: the train command's columns, a row per step and the evaluations filled
    // on the steps evaluated (step 0's evaluation has a row of its own).
    const QList<QByteArray> training = readAll(dir.filePath(QStringLiteral("training.csv"))).split('\n');
    QCOMPARE(training.front(), QByteArray("step,loss,active_fraction,beta,recall_at_1,recall_at_2,recall_at_4,"
                                          "recall_at_8,nmi,map_at_r,spread"));
    QCOMPARE(long(training.size()) - 2, steps + 1); // header, a trailing empty line
    QVERIFY(training[1].startsWith("0,,,,"));        // the evaluation before any step
    QVERIFY(!training[1].endsWith(","));
    QVERIFY(training[2].startsWith("1,"));
    QVERIFY(training[2].endsWith(",,,,,,,"));        // a step without an evaluation
    QVERIFY(!training[steps + 1].endsWith(","));     // the last step, evaluated
    // The map: one row per held-out point drawn, with its class.
    const QList<QByteArray> map = readAll(dir.filePath(QStringLiteral("embedding.csv"))).split('\n');
    QCOMPARE(map.front(), QByteArray("x,y,class"));
    int points = 0;
    for (int i = 0; i < window.mapView()->classSeriesCount(); ++i)
        points += window.mapView()->classSeries(i)->count();
    QVERIFY(points > 0);
    QCOMPARE(map.size() - 2, points);
    QCOMPARE(map[1].count(','), 2);
    // Export view data has a table for every view of the grid.
    for (sme::ViewId id : window.views()->viewIds())
        QVERIFY2(window.viewTable(id), sme::viewName(id).data());
}

void WindowExportTest::theInspectorIsMarkedAsAnOverlay()
{
    MainWindow window(false);
    const auto* panel = window.mapView()->inspectorPanel();
    QVERIFY(panel);
    QVERIFY(panel->property(hiddenInExportsProperty).toBool()); // the exporter hides it and shows it again
}

void WindowExportTest::theDialogNamesTheViewAndItsPixels()
{
    QSettings().clear();
    ExportDialog dialog(QStringLiteral("Pair distances on the sphere"), QSize(344, 449));
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Export \u201CPair distances on the sphere\u201D"));
    QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("heading"))->text().contains(dialog.windowTitle()));
    dialog.findChild<QDoubleSpinBox*>(QStringLiteral("width"))->setValue(344);
    QCOMPARE(dialog.findChild<QDoubleSpinBox*>(QStringLiteral("height"))->value(), 449.0); // the view's shape
    QCOMPARE(dialog.sizeText(), QStringLiteral("1075 \u00D7 1403 pixels at 300 dpi"));
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("outputSize"))->text(), dialog.sizeText());
    dialog.findChild<QSpinBox*>(QStringLiteral("dpi"))->setValue(600);
    QCOMPARE(dialog.findChild<QLabel*>(QStringLiteral("outputSize"))->text(),
             QStringLiteral("2150 \u00D7 2806 pixels at 600 dpi"));
    const FigureExportOptions options = dialog.options();
    QCOMPARE(options.theme, FigureTheme::Publication); // the default look
    QCOMPARE(options.size, QSize(344, 449));
}

void WindowExportTest::theDialogRemembersItsChoices()
{
    QSettings().clear();
    {
        ExportDialog first(QStringLiteral("one view"), QSize(400, 300));
        auto* format = first.findChild<QComboBox*>(QStringLiteral("format"));
        format->setCurrentIndex(format->findData(int(FigureFormat::Pdf)));
        first.findChild<QSpinBox*>(QStringLiteral("dpi"))->setValue(450);
        first.findChild<QDoubleSpinBox*>(QStringLiteral("width"))->setValue(500);
        auto* theme = first.findChild<QComboBox*>(QStringLiteral("theme"));
        theme->setCurrentIndex(theme->findData(int(FigureTheme::Dark)));
        auto* legend = first.findChild<QComboBox*>(QStringLiteral("legend"));
        legend->setCurrentIndex(legend->findData(int(FigureLegend::Bottom)));
        first.findChild<QCheckBox*>(QStringLiteral("title"))->setChecked(false);
        first.findChild<QCheckBox*>(QStringLiteral("transparent"))->setChecked(true);
        first.findChild<QComboBox*>(QStringLiteral("unit"))->setCurrentIndex(1); // centimetres
        first.accept();
    }
    ExportDialog second(QStringLiteral("another view"), QSize(300, 300));
    const FigureExportOptions options = second.options();
    QCOMPARE(options.format, FigureFormat::Pdf);
    QCOMPARE(options.dpi, 450);
    QCOMPARE(options.size, QSize(500, 500)); // the width kept, the height in this view's shape
    QCOMPARE(options.theme, FigureTheme::Dark);
    QCOMPARE(options.legend, FigureLegend::Bottom);
    QVERIFY(!options.showTitle);
    QVERIFY(options.transparent);
    QCOMPARE(second.findChild<QComboBox*>(QStringLiteral("unit"))->currentIndex(), 1);
    // A cancelled dialog changes nothing.
    second.findChild<QSpinBox*>(QStringLiteral("dpi"))->setValue(100);
    second.reject();
    QCOMPARE(settings::exportChoices().options.dpi, 450);
}

QTEST_MAIN(WindowExportTest)
#include "tst_windowexport.moc"
