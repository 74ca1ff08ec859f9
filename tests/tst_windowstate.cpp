// Tests of the main window's state that must come back or go away: the banner's messages and
// when each clears, a change of n while training, the keyboard after editing a field, the
// controls that mean nothing for a data set, and resetting every parameter.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/ExplorerController.h"
#include "app/control/TrainingController.h"
#include "app/gui/MainWindow.h"
#include "model/figures/ViewId.h"
#include "widgets/ControlPanel.h"
#include "widgets/MessageBanner.h"
#include "widgets/TrainingCurvesView.h"
#include "widgets/ViewGrid.h"
#include "ShowActive.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QMenuBar>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QXYSeries>
#include <QtTest>

namespace {

// The window's menu action whose text is text (MainWindow::tr's source).
QAction* menuAction(MainWindow& window, const QString& text)
{
    for (QAction* action : window.menuBar()->findChildren<QAction*>())
        if (action->text() == text)
            return action;
    return nullptr;
}

// Drags the dimension slider as a hand would: pressed, through every position, released.
void dragDimension(ControlPanel& controls, int from, int to)
{
    QSlider* slider = controls.dimensionSlider();
    slider->setSliderDown(true);
    const int step = from < to ? 25 : -25;
    for (int position = from; step > 0 ? position < to : position > to; position += step) {
        slider->setValue(position);
        QCoreApplication::processEvents();
    }
    slider->setValue(to);
    slider->setSliderDown(false);
}

bool bannerSays(MainWindow& window, const QString& words)
{
    return window.banner()->isVisible() && window.banner()->text().contains(words);
}

} // namespace

class WindowStateTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void dimensionNoteShowsTheFinalNAndGoes();
    void changingNWhilePlayingPlaysOnAndKeepsThePreviousRun();
    void refusalPassesAndErrorsClearWithANewSession();
    void shortcutsWorkAfterEditingAField();
    void nuisanceLevelIsDisabledForTheDigits();
    void resetAllParametersRestoresTheDefaults();

private:
    QTemporaryDir dir_;
};

void WindowStateTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_windowstate"));
}

void WindowStateTest::dimensionNoteShowsTheFinalNAndGoes()
{
    MainWindow window(false);
    window.show();
    dragDimension(*window.controls(), window.controls()->dimensionSlider()->value(), 1000);
    QCOMPARE(window.parameters().dimension, 4096);
    QTRY_VERIFY2(bannerSays(window, QStringLiteral("The views show n = 4096;")), qPrintable(window.banner()->text()));
    window.controls()->dimensionBox()->setValue(3); // typed
    QTRY_VERIFY2(!window.banner()->isVisible(), qPrintable(window.banner()->text()));
}

void WindowStateTest::changingNWhilePlayingPlaysOnAndKeepsThePreviousRun()
{
    MainWindow window(false);
    QVERIFY(showActive(window));
    window.controller()->start();
    QTRY_VERIFY_WITH_TIMEOUT(window.displayedStep() > 150, 30000);
    const QXYSeries* loss = window.curvesView()->series(QStringLiteral("loss"));
    QVERIFY(loss);
    const long stepBefore = window.displayedStep();
    QSignalSpy resets(window.explorer(), &ExplorerController::modelReset);
    ControlPanel& controls = *window.controls();
    dragDimension(controls, controls.dimensionSlider()->value(), controls.dimensionSlider()->value() + 200);
    QTRY_COMPARE(resets.count(), 1); // once for the whole drag
    QVERIFY(window.controller()->isRunning());
    const QXYSeries* previous = window.curvesView()->previousSeries(QStringLiteral("loss (smoothed)"));
    QVERIFY(previous);
    QTRY_VERIFY_WITH_TIMEOUT(previous->count() > 0, 30000); // the new run's first snapshot came
    // The new run plays on, alone: one reset.
    QTRY_VERIFY_WITH_TIMEOUT(loss->count() > 20, 30000);
    QVERIFY(window.controller()->isRunning());
    QCOMPARE(resets.count(), 1);
    // The whole previous run is faded behind: from its first step to at least where it was
    // when the drag began (not a sliver of its last steps, nor an intermediate n's empty run).
    QCOMPARE(previous->at(0).x(), 1.0);
    QVERIFY2(previous->at(previous->count() - 1).x() >= double(stepBefore),
             qPrintable(QStringLiteral("%1 < %2").arg(previous->at(previous->count() - 1).x()).arg(stepBefore)));
    window.controller()->pause();
}

void WindowStateTest::refusalPassesAndErrorsClearWithANewSession()
{
    MainWindow window(false);
    window.show();
    window.views()->focusView(sme::ViewId::TrainingCurves);
    QAction* exportData = menuAction(window, MainWindow::tr("Export view &data (CSV)\u2026"));
    QVERIFY(exportData);
    exportData->trigger(); // refused: the training view has no data yet
    QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("no data yet")));
    QVERIFY(!window.banner()->isVisible());
    // An error banner stays until the state it describes is gone: here, a session opened.
    const QString session = dir_.filePath(QStringLiteral("plain.smx.json"));
    QCOMPARE(window.saveSessionTo(session, false), QString());
    sme::ExplorerParameters broken = window.parameters();
    broken.dataset = dir_.filePath(QStringLiteral("missing.csv")).toStdString();
    window.applyParameters(broken);
    QVERIFY(window.banner()->isVisible());
    QCOMPARE(window.banner()->kind(), MessageBanner::Kind::Error);
    QCOMPARE(window.openSession(session, false), QString());
    QVERIFY2(!window.banner()->isVisible(), qPrintable(window.banner()->text()));
    // And when the parameters change.
    window.applyParameters(broken);
    QVERIFY(window.banner()->isVisible());
    window.controls()->learningRateBox()->setValue(0.002);
    QVERIFY(!window.banner()->isVisible());
}

void WindowStateTest::shortcutsWorkAfterEditingAField()
{
    MainWindow window(false);
    QVERIFY(showActive(window));
    QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), 0L, 20000);
    QDoubleSpinBox* rate = window.controls()->learningRateBox();
    rate->setFocus();
    QTRY_VERIFY(rate->hasFocus());
    rate->selectAll();
    QTest::keyClicks(rate, QStringLiteral("0.002"));
    QTest::keyClick(rate, Qt::Key_Return);
    QCOMPARE(window.parameters().learningRate, 0.002);
    QTRY_VERIFY(!rate->hasFocus()); // the window has the keyboard back
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_N);
    QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), 1L, 20000);
    // N typed into a numeric field, which cannot take it, is the shortcut's, not swallowed.
    rate->setFocus();
    QTRY_VERIFY(rate->hasFocus());
    QTest::keyClick(rate, Qt::Key_N);
    QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), 2L, 20000);
    // Esc leaves a field too; the next Esc is the window's again.
    QTest::keyClick(rate, Qt::Key_Escape);
    QTRY_VERIFY(!rate->hasFocus());
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_R);
    QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), 0L, 20000);
}

void WindowStateTest::nuisanceLevelIsDisabledForTheDigits()
{
    MainWindow window(false);
    auto* nuisance = window.controls()->findChild<QDoubleSpinBox*>(QStringLiteral("synthetic_noise"));
    QVERIFY(nuisance);
    QVERIFY(nuisance->isEnabled());
    sme::ExplorerParameters digits = window.parameters();
    digits.dataset = "digits";
    window.applyParameters(digits);
    QVERIFY(!nuisance->isEnabled());
    QVERIFY(nuisance->toolTip().contains(QStringLiteral("no effect")));
    digits.dataset = "synthetic";
    window.applyParameters(digits);
    QVERIFY(nuisance->isEnabled());
}

void WindowStateTest::resetAllParametersRestoresTheDefaults()
{
    MainWindow window(false);
    sme::ExplorerParameters changed = window.parameters();
    changed.dimension = 7;
    changed.alpha = 0.5;
    changed.sampler = sme::SamplerKind::HardNegative;
    window.applyParameters(changed);
    QAction* reset = window.findChild<QAction*>(QStringLiteral("resetAllParameters"));
    QVERIFY(reset);
    reset->trigger();
    QVERIFY(window.parameters() == sme::ExplorerParameters{});
    QVERIFY(window.controls()->parameters() == sme::ExplorerParameters{});
}

QTEST_MAIN(WindowStateTest)
#include "tst_windowstate.moc"
