// Every text of every view shows in full: no elided text ("…", "⋮"), no text outside its chart
// view, no two texts of a chart over each other; in the main window at four sizes (all views,
// then each enlarged), in the race window, and in exports at their size and at 480 x 360, in
// English and in Chinese.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/RaceController.h"
#include "app/control/TrainingController.h"
#include "app/gui/MainWindow.h"
#include "app/gui/RaceWindow.h"
#include "app/io/Language.h"
#include "app/render/EmbeddingFigures.h"
#include "app/render/FigureExporter.h"
#include "widgets/AxisTicks.h"
#include "widgets/ChartPanel.h"
#include "widgets/ChartViews.h"
#include "widgets/ViewGrid.h"

#include <QChart>
#include <QGraphicsTextItem>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QXYSeries>
#include <QtTest>

#include "DrawnTexts.h"
#include "HandMadeEmbeddingAnalysis.h"

namespace {

using namespace textfit;

const QList<QSize> windowSizes{{1280, 720}, {1366, 768}, {1600, 900}, {1920, 1080}};

// Layouts, queued axis fits and the decorations' coalesced updates have run.
void settle()
{
    for (int i = 0; i < 6; ++i) {
        QCoreApplication::processEvents();
        QTest::qWait(15);
    }
}

QString sizeName(const QSize& size)
{
    return QStringLiteral("%1x%2").arg(size.width()).arg(size.height());
}

// A chart panel whose axes and lines a test adds itself.
class Panel : public ChartPanel {
public:
    using ChartPanel::ChartPanel;
    using ChartPanel::addLine;
    using ChartPanel::addValueAxis;
};

// The texts Qt draws for an axis' tick labels, in the order drawn (the axis titles, "x" and "y",
// left out).
QStringList tickLabels(QChartView& view, Qt::Orientation orientation)
{
    QList<std::pair<qreal, QString>> labels;
    const QRectF plot = view.chart()->plotArea();
    for (QGraphicsItem* item : view.scene()->items())
        if (const auto* text = dynamic_cast<const QGraphicsTextItem*>(item);
            text && item->isVisible() && !text->toPlainText().isEmpty()
            && text->toPlainText() != QLatin1String("x") && text->toPlainText() != QLatin1String("y")) {
            const QRectF at = item->mapRectToItem(view.chart(), item->boundingRect());
            const bool below = at.top() >= plot.bottom() - 1 && at.height() < 30;
            const bool left = at.right() <= plot.left() + 1 && at.width() < 60;
            if (orientation == Qt::Horizontal ? below : left)
                labels.append({orientation == Qt::Horizontal ? at.left() : -at.top(), text->toPlainText()});
        }
    std::sort(labels.begin(), labels.end());
    QStringList texts;
    for (const auto& label : labels)
        texts << label.second;
    return texts;
}

// Each problem on a line of its own (a failure message is cut short), then the verdict.
#define reportAndVerify(problems)                                                                  \
    do {                                                                                           \
        for (const QString& problem : problems)                                                    \
            qWarning().noquote() << problem;                                                       \
        QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("%1 texts do not show in full, first: %2") \
                                                    .arg(problems.size()).arg(problems.value(0)))); \
    } while (false)

// Shown, its figures computed and about 50 steps trained, so every curve has points.
bool showTrained(MainWindow& window)
{
    QSignalSpy shown(&window, &MainWindow::idealisedFiguresShown);
    window.show();
    if (!shown.wait(20000))
        return false;
    window.controller()->setStopAfter(50);
    window.controller()->start();
    return QTest::qWaitFor([&] { return window.displayedStep() >= 50 && !window.controller()->isRunning(); }, 30000);
}

void addLanguageRows()
{
    QTest::addColumn<QString>("language");
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")})
        QTest::newRow(qPrintable(language)) << language;
}

} // namespace

class TextFitTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void roundTicksStartAtZero();
    void titleAndLegendWrapAndReserveTheirRoom();
    void mainWindowShowsEveryTextInFull_data() { addLanguageRows(); }
    void mainWindowShowsEveryTextInFull();
    void raceWindowShowsEveryTextInFull_data() { addLanguageRows(); }
    void raceWindowShowsEveryTextInFull();
    void exportsShowEveryTextInFull_data() { addLanguageRows(); }
    void exportsShowEveryTextInFull();
    void embeddingFiguresShowEveryTextInFull_data() { addLanguageRows(); }
    void embeddingFiguresShowEveryTextInFull();
    void cleanupTestCase();
};

void TextFitTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_textfit"));
}

void TextFitTest::roundTicksStartAtZero()
{
    QCOMPARE(roundTickStep(1.0, 4), 0.5);
    QCOMPARE(roundTickStep(0.6, 6), 0.1);
    QCOMPARE(roundTickStep(7.0, 3), 5.0);
    QCOMPARE(roundTickStep(1000.0, 10), 100.0);
    QCOMPARE(tickDecimals(0.1), 1);
    QCOMPARE(tickDecimals(5.0), 0);
    QCOMPARE(tickDecimals(0.25), 2);
    // -0.3 ... 0.3 by 0.1: the tick Qt reaches as -0.3 + 0.1 + 0.1 + 0.1 prints 0.0, not -5.6e-17.
    Panel panel(QStringLiteral("ticks"));
    QValueAxis* x = panel.addValueAxis(Qt::AlignBottom, QStringLiteral("x"));
    QValueAxis* y = panel.addValueAxis(Qt::AlignLeft, QStringLiteral("y"));
    panel.addLine(QStringLiteral("line"), Qt::blue, 1.0, x, y);
    x->setRange(-0.3, 0.3);
    y->setRange(0.0, 1000.0);
    panel.resize(420, 320);
    panel.show();
    settle();
    QCOMPARE(roundTickStep(x->tickInterval(), 1), 0.1);
    QCOMPARE(tickLabels(panel, Qt::Horizontal),
             QStringList({"-0.3", "-0.2", "-0.1", "0.0", "0.1", "0.2", "0.3"}));
    // Narrower: fewer ticks, still round; taller: more.
    panel.resize(250, 600);
    settle();
    QCOMPARE(roundTickStep(x->tickInterval(), 1), 0.2);
    QCOMPARE(tickLabels(panel, Qt::Horizontal), QStringList({"-0.2", "0.0", "0.2"}));
    QVERIFY2(tickLabels(panel, Qt::Vertical).size() >= 6, qPrintable(tickLabels(panel, Qt::Vertical).join(' ')));
}

void TextFitTest::titleAndLegendWrapAndReserveTheirRoom()
{
    Panel panel(QStringLiteral("A long title that cannot fit on one line of a chart this narrow, "
                               "so it wraps over several lines"));
    QValueAxis* x = panel.addValueAxis(Qt::AlignBottom, QStringLiteral("x"));
    QValueAxis* y = panel.addValueAxis(Qt::AlignLeft, QStringLiteral("y"));
    for (int i = 0; i < 5; ++i)
        panel.addLine(QStringLiteral("Recall@%1 of the held-out set").arg(1 << i), Qt::blue, 1.5, x, y);
    QLineSeries* hidden = panel.addLine(QStringLiteral("hidden"), Qt::red, 1.0, x, y);
    panel.chart()->legend()->markers(hidden).constFirst()->setVisible(false);
    panel.addLine(QString(), Qt::green, 1.0, x, y); // unnamed: not in the legend
    panel.resize(300, 400);
    panel.show();
    settle();
    const ChartDecorations* decorations = panel.decorations();
    QVERIFY(decorations->titleItem());
    QCOMPARE(decorations->titleItem()->toPlainText(), panel.title());
    QVERIFY(decorations->titleItem()->boundingRect().height() > 1.5 * QFontMetricsF(panel.chart()->titleFont()).height());
    const auto labels = decorations->legendLabels();
    QCOMPARE(int(labels.size()), 5);
    QCOMPARE(labels[2]->toPlainText(), QStringLiteral("Recall@4 of the held-out set"));
    // Plot below everything drawn above it, and nothing drawn on another.
    qreal bottom = 0.0;
    for (const QGraphicsTextItem* item : labels)
        bottom = std::max(bottom, item->mapRectToItem(panel.chart(), item->boundingRect()).bottom());
    QVERIFY2(panel.chart()->plotArea().top() >= bottom, qPrintable(QString::number(bottom)));
    QVERIFY2(textProblems(panel).isEmpty(), qPrintable(textProblems(panel).join('\n')));

    // Wider: fewer rows, less room taken; at the bottom: the plot starts near the top.
    const qreal narrowTop = panel.chart()->plotArea().top();
    panel.resize(1200, 400);
    settle();
    QVERIFY(panel.chart()->plotArea().top() < narrowTop);
    panel.setLegendPlacement(ChartPanel::LegendPlacement::Bottom);
    settle();
    QVERIFY(labels[0]->mapRectToItem(panel.chart(), labels[0]->boundingRect()).top() > panel.chart()->plotArea().bottom());
    panel.setLegendPlacement(ChartPanel::LegendPlacement::Hidden);
    panel.setTitleVisible(false);
    settle();
    QVERIFY(!decorations->titleItem());
    QVERIFY(decorations->legendLabels().empty());
    QVERIFY2(panel.chart()->plotArea().top() < 40, qPrintable(QString::number(panel.chart()->plotArea().top())));
}

void TextFitTest::mainWindowShowsEveryTextInFull()
{
    QFETCH(QString, language);
    QCOMPARE(installLanguage(language), language);
    MainWindow window(false);
    window.resize(windowSizes.first());
    QVERIFY(showTrained(window));
    QStringList problems;
    QStringList crampedProblems;
    for (const QSize& size : windowSizes) {
        window.resize(size);
        window.views()->showAllViews();
        settle();
        // The walk sees the charts' texts: titles, legends, ticks and axis titles of six views.
        int texts = 0;
        for (QChartView* view : chartViewsOf(window))
            texts += int(drawnTexts(view).size());
        QVERIFY2(texts > 100, qPrintable(QString::number(texts)));
        // Below 1600 pixels three columns leave the training view's two stacked charts too
        // little height for their title, legend and axes: the layout branch reflows the grid to
        // two columns there and gives the retrieval chart a cell of its own.
        QWidget* training = window.views()->view(sme::ViewId::TrainingCurves);
        const bool cramped = size.width() < 1600;
        for (const QString& problem : textProblems(window, cramped ? training : nullptr))
            problems << QStringLiteral("[%1, %2, all views] %3").arg(sizeName(size), language, problem);
        if (cramped)
            for (const QString& problem : textProblems(*training))
                crampedProblems << QStringLiteral("[%1, %2, all views] %3").arg(sizeName(size), language, problem);
        for (sme::ViewId id : window.views()->viewIds()) {
            window.views()->focusView(id);
            settle();
            for (const QString& problem : textProblems(*window.views()->view(id)))
                problems << QStringLiteral("[%1, %2, %3 enlarged] %4")
                                .arg(sizeName(size), language, QString::fromUtf8(sme::viewName(id)), problem);
        }
    }
    window.views()->showAllViews();
    reportAndVerify(problems);
    reportAndVerify(crampedProblems);
}

void TextFitTest::raceWindowShowsEveryTextInFull()
{
    QFETCH(QString, language);
    QCOMPARE(installLanguage(language), language);
    RaceWindow race(sme::ExplorerParameters{});
    race.resize(windowSizes.first());
    race.show();
    QSignalSpy snapshots(&race, &RaceWindow::snapshotShown);
    race.race()->step();
    QVERIFY(snapshots.wait(30000));
    QStringList problems;
    for (const QSize& size : windowSizes) {
        race.resize(size);
        settle();
        for (const QString& problem : textProblems(race))
            problems << QStringLiteral("[race, %1, %2] %3").arg(sizeName(size), language, problem);
    }
    reportAndVerify(problems);
}

void TextFitTest::exportsShowEveryTextInFull()
{
    QFETCH(QString, language);
    QCOMPARE(installLanguage(language), language);
    MainWindow window(false);
    window.resize(1600, 900);
    QVERIFY(showTrained(window));
    settle();
    QTemporaryDir dir;
    QStringList problems;
    QStringList crampedProblems;
    for (sme::ViewId id : window.views()->viewIds()) {
        QWidget* view = window.views()->view(id);
        const QString name = QString::fromUtf8(sme::viewName(id));
        for (const QSize& size : {QSize(), QSize(480, 360)}) {
            FigureExportOptions options;
            options.size = size;
            const QString sizeText = size.isEmpty() ? QStringLiteral("its size") : sizeName(size);
            if (const QString refused = exportFigure(*view, dir.filePath(name + QStringLiteral(".png")), options);
                !refused.isEmpty())
                problems << QStringLiteral("[export %1 at %2, %3] refused: %4").arg(name, sizeText, language, refused);
            // The training view's two charts stacked in 360 pixels: see cramped in the window.
            QStringList& list = id == sme::ViewId::TrainingCurves && !size.isEmpty() ? crampedProblems : problems;
            const QString laidOut = inspectAsExported(*view, options, [&] { // as drawn
                for (const QString& problem : textProblems(*view))
                    list << QStringLiteral("[export %1 at %2, %3] %4").arg(name, sizeText, language, problem);
            });
            QVERIFY2(laidOut.isEmpty(), qPrintable(laidOut));
        }
    }
    reportAndVerify(problems);
    reportAndVerify(crampedProblems);
}

// The analyse command's figures, of raw embeddings and of ones on the sphere already (the unit
// sphere's line then at the end of the norms' axis, its label within the view).
void TextFitTest::embeddingFiguresShowEveryTextInFull()
{
    QFETCH(QString, language);
    QCOMPARE(installLanguage(language), language);
    sme::EmbeddingAnalysis normalised = testing::handMadeEmbeddingAnalysis();
    normalised.norms = sme::Histogram(0.0, 1.01, 101);
    normalised.norms.add(1.0, double(normalised.points));
    normalised.meanNorm = 1.0;
    normalised.alreadyNormalised = true;
    QStringList problems;
    for (const sme::EmbeddingAnalysis& analysis : {testing::handMadeEmbeddingAnalysis(), normalised})
        for (EmbeddingFigure figure : allEmbeddingFigures) {
            const std::unique_ptr<QWidget> view = embeddingFigureView(figure, analysis, {});
            const QString name = embeddingFigureName(figure);
            for (const QSize& size : {QSize(800, 560), QSize(480, 360)}) {
                FigureExportOptions options;
                options.size = size;
                const QString laidOut = inspectAsExported(*view, options, [&] {
                    for (const QString& problem : textProblems(*view))
                        problems << QStringLiteral("[%1 at %2, %3] %4").arg(name, sizeName(size), language, problem);
                });
                QVERIFY2(laidOut.isEmpty(), qPrintable(laidOut));
            }
        }
    reportAndVerify(problems);
}

void TextFitTest::cleanupTestCase()
{
    installLanguage(QStringLiteral("en"));
}

QTEST_MAIN(TextFitTest)
#include "tst_textfit.moc"
