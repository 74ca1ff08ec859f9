// Tests of the training thread: commands from the GUI thread, throttled snapshots, clean stops.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/TrainingController.h"
#include "SmallTraining.h"
#include "model/base/Error.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

namespace {

using testing::smallData;
using testing::smallModel;

// The snapshots received so far, in order, and the last step they report.
struct Collector {
    std::vector<std::shared_ptr<const sme::TrainingSnapshot>> snapshots;
    long lastStep() const { return snapshots.empty() ? -1 : snapshots.back()->step; }
};

void collect(TrainingController& controller, Collector& collector)
{
    QObject::connect(&controller, &TrainingController::snapshotReady, &controller,
                     [&collector](std::shared_ptr<const sme::TrainingSnapshot> s) { collector.snapshots.push_back(s); });
}

} // namespace

class TrainingControllerTest : public QObject {
    Q_OBJECT
private slots:
    void configurePublishesStepZero();
    void startAdvancesAndPauseStops();
    void singleStepAndResetWork();
    void snapshotsAreThrottled();
    void stopAfterPausesByItself();
    void captureAtASlowPaceReturnsPromptly();
    void divergenceShowsItsReasonAndPauses();
    void badChangesAreReportedNotFatal();
    void quickSuccessionOfCommandsDoesNotDeadlock();
    void destructionWhileRunningIsClean();
};

void TrainingControllerTest::configurePublishesStepZero()
{
    TrainingController controller;
    Collector c;
    collect(controller, c);
    QVERIFY(!controller.isConfigured());
    controller.configure(smallData(), smallModel());
    QVERIFY(controller.isConfigured());
    QTRY_COMPARE(c.snapshots.size(), std::size_t(1));
    const auto& first = *c.snapshots.front();
    QVERIFY(first.reset);
    QCOMPARE(first.step, 0L);
    QCOMPARE(first.evaluations.size(), std::size_t(1));
    QVERIFY(first.heldOutEmbeddings && first.heldOutLabels);
    QCOMPARE(first.heldOutEmbeddings->rows(), Eigen::Index(first.heldOutLabels->size()));
    QCOMPARE(first.heldOutEmbeddings->cols(), Eigen::Index(8));
    // A refused configuration throws and leaves the model alone.
    sme::TrainerSettings bad = smallModel();
    bad.batchK = 0;
    QVERIFY_THROWS_EXCEPTION(sme::Error, controller.configure(smallData(), bad));
    QVERIFY(controller.isConfigured());
}

void TrainingControllerTest::startAdvancesAndPauseStops()
{
    TrainingController controller;
    Collector c;
    collect(controller, c);
    QSignalSpy running(&controller, &TrainingController::runningChanged);
    controller.configure(smallData(), smallModel());
    controller.start();
    QTRY_VERIFY(c.lastStep() >= 20);
    controller.pause();
    QTRY_COMPARE(running.count(), 2);
    QVERIFY(!controller.isRunning());
    QTRY_VERIFY(!c.snapshots.back()->running);
    const long stopped = c.lastStep();
    QTest::qWait(200);
    QCOMPARE(c.lastStep(), stopped);
    // Every step reached the curves exactly once, in order.
    long expected = 1;
    for (const auto& s : c.snapshots)
        for (const sme::StepPoint& p : s->steps)
            QCOMPARE(p.step, expected++);
    QCOMPARE(expected - 1, stopped);
}

void TrainingControllerTest::singleStepAndResetWork()
{
    TrainingController controller;
    Collector c;
    collect(controller, c);
    controller.configure(smallData(), smallModel());
    QTRY_COMPARE(c.snapshots.size(), std::size_t(1));
    controller.step();
    controller.step();
    controller.step();
    QTRY_COMPARE(c.lastStep(), 3L);
    QVERIFY(!c.snapshots.back()->evaluations.empty()); // a single step shows its effect at once
    controller.reset();
    QTRY_VERIFY(c.snapshots.back()->reset && c.lastStep() == 0);
    controller.requestSamplerComparison();
    QTRY_VERIFY(c.snapshots.back()->samplerComparison.has_value());
}

void TrainingControllerTest::snapshotsAreThrottled()
{
    // As fast as possible for a second: far more steps than snapshots, and no more than about
    // 30 snapshots a second, plus the forced ones: step 0, the last steps on pausing, and the
    // evaluation of where it paused (+1 for the boundary of the interval).
    TrainingController controller;
    Collector c;
    collect(controller, c);
    controller.configure(smallData(), smallModel());
    QTRY_COMPARE(c.snapshots.size(), std::size_t(1));
    QElapsedTimer clock;
    clock.start();
    controller.start();
    QTest::qWait(1000);
    controller.pause();
    const double seconds = clock.elapsed() / 1000.0;
    QTRY_VERIFY(!c.snapshots.back()->running);
    const double allowed = seconds * 1000.0 / TrainingController::snapshotIntervalMs + 4;
    QVERIFY2(double(c.snapshots.size()) <= allowed,
             qPrintable(QString("%1 snapshots in %2 s").arg(c.snapshots.size()).arg(seconds)));
    QVERIFY(c.lastStep() > long(c.snapshots.size()));
}

void TrainingControllerTest::stopAfterPausesByItself()
{
    TrainingController controller;
    Collector c;
    collect(controller, c);
    controller.configure(smallData(), smallModel());
    controller.setStopAfter(25);
    controller.setStepsPerSecond(500);
    controller.start();
    QTRY_VERIFY(!controller.isRunning() && c.lastStep() == 25);
}

void TrainingControllerTest::captureAtASlowPaceReturnsPromptly()
{
    // At 0.5 steps a second the worker waits 2 s between two steps. A capture (Save session
    // asks for one on the GUI thread) must wake that wait: it then costs the wake-up and a
    // copy of this small model's state, milliseconds. Waiting for the next step instead costs
    // the rest of the period: nearly all of it here, since the capture is asked for as soon as
    // step 2's snapshot arrives, which the worker publishes last, just before it waits for
    // step 3 (a paced step's snapshot is never throttled: 2 s > snapshotIntervalMs). Half the
    // period separates the two outcomes by about a second either way.
    constexpr double stepsPerSecond = 0.5;
    const qint64 periodMs = qint64(1000.0 / stepsPerSecond);
    TrainingController controller;
    Collector c;
    collect(controller, c);
    controller.configure(smallData(), smallModel());
    controller.setStepsPerSecond(stepsPerSecond);
    controller.start(); // step 1 at once, step 2 a period later
    QTRY_VERIFY_WITH_TIMEOUT(c.lastStep() >= 2, 10 * periodMs);
    QElapsedTimer clock;
    clock.start();
    const std::optional<sme::SavedRun> run = controller.captureRun();
    const qint64 elapsed = clock.elapsed();
    QVERIFY(run.has_value());
    QCOMPARE(run->history.steps.size(), std::size_t(c.lastStep()));
    QVERIFY2(elapsed < periodMs / 2, qPrintable(QString("the capture took %1 ms").arg(elapsed)));
}

void TrainingControllerTest::divergenceShowsItsReasonAndPauses()
{
    TrainingController controller;
    Collector c;
    collect(controller, c);
    QSignalSpy diverged(&controller, &TrainingController::diverged);
    sme::TrainerSettings settings = smallModel();
    settings.learningRate = 1e3;
    controller.configure(smallData(), settings);
    controller.start();
    QTRY_COMPARE_WITH_TIMEOUT(diverged.count(), 1, 20000);
    QVERIFY(diverged.first().first().toString().contains("learning rate"));
    QTRY_VERIFY(!controller.isRunning());
    // The step counter, the curves and the message agree: the curves end at the step shown, on
    // the scores of the restored weights (not on the runaway weights' last evaluation).
    const long stoppedAt = long(diverged.first().at(1).toLongLong());
    QTRY_COMPARE(c.lastStep(), stoppedAt);
    QCOMPARE(controller.captureRun()->state.steps, stoppedAt);
    const sme::Evaluation* last = nullptr;
    for (const auto& snapshot : c.snapshots)
        if (!snapshot->evaluations.empty())
            last = &snapshot->evaluations.back();
    QVERIFY(last);
    QCOMPARE(last->step, stoppedAt);
    QVERIFY(!last->collapsed());
    // Still usable: a sane rate, a step.
    const long before = c.lastStep();
    controller.setLearningRate(1e-3);
    controller.step();
    QTRY_COMPARE(c.lastStep(), before + 1);
}

void TrainingControllerTest::badChangesAreReportedNotFatal()
{
    TrainingController controller;
    Collector c;
    collect(controller, c);
    QSignalSpy failed(&controller, &TrainingController::failed);
    controller.configure(smallData(), smallModel());
    controller.setLearningRate(-1.0);
    QTRY_COMPARE(failed.count(), 1);
    QVERIFY(failed.first().first().toString().contains("learning rate"));
    controller.step();
    QTRY_COMPARE(c.lastStep(), 1L);
}

void TrainingControllerTest::quickSuccessionOfCommandsDoesNotDeadlock()
{
    TrainingController controller;
    Collector c;
    collect(controller, c);
    controller.configure(smallData(), smallModel());
    for (int i = 0; i < 200; ++i) {
        controller.start();
        controller.setSampler(i % 2 ? sme::SamplerKind::HardNegative : sme::SamplerKind::Uniform);
        controller.pause();
        controller.step();
        if (i % 50 == 0)
            controller.reset();
        controller.setLearningRate(1e-3);
        controller.requestSamplerComparison();
    }
    controller.start();
    QTRY_VERIFY(c.lastStep() > 5);
    controller.pause();
    QTRY_VERIFY(!controller.isRunning());
}

void TrainingControllerTest::destructionWhileRunningIsClean()
{
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer clock;
        clock.start();
        {
            TrainingController controller;
            controller.configure(smallData(), smallModel());
            controller.start();
            QTest::qWait(20 * i);
        } // joins after at most the step (or evaluation) in progress
        QVERIFY(clock.elapsed() < 5000);
    }
    QCoreApplication::processEvents(); // queued snapshots of destroyed controllers are dropped
}

QTEST_GUILESS_MAIN(TrainingControllerTest)
#include "tst_trainingcontroller.moc"
