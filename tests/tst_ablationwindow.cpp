// Tests of the ablation grid in the window: the controller's cells as they finish, its cancel
// (after which it runs again), the heat map's words for collapsed cells, and the window's
// exports through the same table formats and the one figure exporter.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandRunner.h"
#include "HandMadeAblation.h"
#include "SmallTraining.h"
#include "app/control/AblationController.h"
#include "app/gui/AblationWindow.h"
#include "model/training/Ablation.h"
#include "widgets/AblationHeatMap.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>
#include <set>

// The headless comparison forks: ThreadSanitizer's runtime (clang 14) aborts in a fork from a
// threaded process.
#if defined(__SANITIZE_THREAD__)
#define SME_UNDER_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SME_UNDER_THREAD_SANITIZER 1
#endif
#endif

using testing::smallData;
using testing::smallModel;

namespace {

constexpr int waitMs = 60000;

QByteArray fileContent(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class AblationWindowTest : public QObject {
    Q_OBJECT
private slots:
    void controllerHandsOverCellsAsTheyFinish();
    void cancelStopsEarlyAndTheControllerRunsAgain();
    void heatMapSaysCollapsedInWords();
    void windowRunsTheGridAndExportsItsTable();
};

void AblationWindowTest::controllerHandsOverCellsAsTheyFinish()
{
    AblationController controller;
    QSignalSpy cells(&controller, &AblationController::cellFinished);
    QSignalSpy progress(&controller, &AblationController::progressChanged);
    QSignalSpy finished(&controller, &AblationController::finished);
    // The cells seen by the time each one arrives: they arrive one by one, not all at the end.
    std::vector<std::size_t> cellsSoFar;
    connect(&controller, &AblationController::cellFinished, this,
            [&] { cellsSoFar.push_back(controller.result().cells.size()); });
    QVERIFY(controller.start(smallData(), smallModel(), 3, 2));
    QVERIFY(controller.isRunning());
    QVERIFY(!controller.start(smallData(), smallModel(), 3, 2)); // one grid at a time
    QVERIFY(finished.wait(waitMs));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!controller.isRunning());
    QCOMPARE(cells.size(), int(sme::ablationCellCount));
    std::set<int> indices;
    for (const QList<QVariant>& cell : cells)
        indices.insert(cell.first().toInt());
    QCOMPARE(indices.size(), sme::ablationCellCount);
    for (std::size_t i = 0; i < cellsSoFar.size(); ++i)
        QCOMPARE(cellsSoFar[i], i + 1);
    QCOMPARE(progress.size(), int(2 * sme::ablationCellCount));
    QCOMPARE(progress.last().first().toInt(), int(2 * sme::ablationCellCount));
    // Afterwards the result in the grid's order, as runAblation gives it.
    const sme::AblationResult expected = sme::runAblation(smallData(), smallModel(), 3, 2);
    QCOMPARE(sme::toCsv(sme::toAblationTable(controller.result())), sme::toCsv(sme::toAblationTable(expected)));
}

void AblationWindowTest::cancelStopsEarlyAndTheControllerRunsAgain()
{
    AblationController controller;
    QSignalSpy cells(&controller, &AblationController::cellFinished);
    QSignalSpy finished(&controller, &AblationController::finished);
    connect(&controller, &AblationController::cellFinished, &controller, &AblationController::cancel);
    QVERIFY(controller.start(smallData(), smallModel(), 60, 2));
    QVERIFY(finished.wait(waitMs));
    QCOMPARE(finished.first().first().toBool(), true); // cancelled
    QVERIFY(controller.result().cancelled);
    QVERIFY2(controller.result().cells.size() < 4, qPrintable(QString::number(controller.result().cells.size())));
    QCOMPARE(std::size_t(cells.size()), controller.result().cells.size());

    disconnect(&controller, &AblationController::cellFinished, &controller, &AblationController::cancel);
    finished.clear();
    QVERIFY(controller.start(smallData(), smallModel(), 2, 1));
    QVERIFY(finished.wait(waitMs));
    QCOMPARE(finished.first().first().toBool(), false);
    QCOMPARE(controller.result().cells.size(), sme::ablationCellCount);
}

void AblationWindowTest::heatMapSaysCollapsedInWords()
{
    AblationHeatMap map;
    map.setResult(testing::handMadeAblation()); // hard + triplet-squared: 2 of 3 seeds collapsed
    QCOMPARE(map.cellText(sme::SamplerKind::HardNegative, sme::LossKind::TripletSquared),
             QStringLiteral("0.079 \u00b1 0.011\ncollapsed (2 of 3)"));
    QVERIFY(!map.cellText(sme::SamplerKind::Uniform, sme::LossKind::Margin).contains(QLatin1String("collapsed")));
    QVERIFY(map.isFilled(sme::SamplerKind::Uniform, sme::LossKind::Margin));
    QVERIFY(!map.isFilled(sme::SamplerKind::Uniform, sme::LossKind::Triplet));
    QVERIFY(map.cellText(sme::SamplerKind::Uniform, sme::LossKind::Triplet).isEmpty());
    map.resize(map.sizeHint());
    QVERIFY(!map.grab().isNull()); // paints the hatch without trouble
    map.clear();
    QVERIFY(!map.isFilled(sme::SamplerKind::HardNegative, sme::LossKind::TripletSquared));
}

void AblationWindowTest::windowRunsTheGridAndExportsItsTable()
{
    AblationWindow window(testing::quickExplorer());
    QCOMPARE(window.stepsBox()->value(), int(AblationController::defaultSteps));
    QCOMPARE(window.seedsBox()->value(), AblationController::defaultSeeds);
    window.stepsBox()->setValue(2);
    window.seedsBox()->setValue(1);
    QSignalSpy finished(window.controller(), &AblationController::finished);
    QVERIFY(window.startGrid());
    QVERIFY(!window.startButton()->isEnabled());
    QVERIFY(window.cancelButton()->isEnabled());
    QVERIFY(finished.wait(waitMs));
    QVERIFY(window.startButton()->isEnabled());
    QVERIFY(!window.cancelButton()->isEnabled());
    QVERIFY(window.heatMap()->isFilled(sme::SamplerKind::Uniform, sme::LossKind::Contrastive));
    QVERIFY(window.heatMap()->isFilled(sme::SamplerKind::DistanceWeighted, sme::LossKind::Margin));

    QTemporaryDir dir;
    const sme::Table table = sme::toAblationTable(window.controller()->result());
    // The same numbers as the command line's grid on the same parameters, run as a user would.
    // Not under ThreadSanitizer (see SME_UNDER_THREAD_SANITIZER).
#ifndef SME_UNDER_THREAD_SANITIZER
    const testing::Run headless = testing::runCommand(
        QStringLiteral("ablate"), {"--dim", "16", "--hidden", "32", "--batch-classes", "4", "--batch-k", "3",
                                   "--steps", "2", "--seeds", "1", "-o", "-"});
    QVERIFY2(headless.exitCode == 0, headless.err.constData());
    QCOMPARE(headless.out, QByteArray::fromStdString(sme::toCsv(table)));
#endif
    QCOMPARE(window.exportTable(dir.filePath("grid.csv")), QString());
    QCOMPARE(fileContent(dir.filePath("grid.csv")), QByteArray::fromStdString(sme::toCsv(table)));
    QCOMPARE(window.exportTable(dir.filePath("grid.md")), QString());
    QCOMPARE(fileContent(dir.filePath("grid.md")), QByteArray::fromStdString(sme::ablationMarkdown(table)));
    QCOMPARE(window.exportTable(dir.filePath("grid.tex")), QString());
    QCOMPARE(fileContent(dir.filePath("grid.tex")), QByteArray::fromStdString(sme::ablationLatex(table)));
    QVERIFY(window.exportTable(dir.filePath("grid.txt")).contains(QLatin1String(".csv, .md or .tex")));
    FigureExportOptions svg;
    svg.format = FigureFormat::Svg;
    QCOMPARE(window.exportHeatMap(dir.filePath("grid.svg"), svg), QString());
    QVERIFY(fileContent(dir.filePath("grid.svg")).contains("0.")); // the cells' text as text
    QCOMPARE(window.exportHeatMap(dir.filePath("grid.png"), FigureExportOptions{}), QString());
    QVERIFY(fileContent(dir.filePath("grid.png")).startsWith("\x89PNG"));
}

QTEST_MAIN(AblationWindowTest)
#include "tst_ablationwindow.moc"
