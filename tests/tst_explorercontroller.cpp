// Tests of the explorer's controller without a window: what each change of parameters asks of
// the model and the figures, refused parameters, and sessions.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/ExplorerController.h"
#include "app/control/TrainingController.h"
#include "app/io/SessionFile.h"
#include "model/base/Table.h"
#include "SameBits.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <functional>
#include <map>

namespace {

// A quick model and quick figures: small layers on the synthetic data, few Monte Carlo points.
sme::ExplorerParameters quick()
{
    sme::ExplorerParameters p;
    p.dimension = 16;
    p.monteCarloPoints = 200;
    p.hidden = {32};
    p.batchClasses = 4;
    p.batchK = 3;
    return p;
}

// The run's step count, read by the worker between two steps (so every step asked is done).
long stepsDone(ExplorerController& explorer)
{
    return explorer.training()->captureRun()->state.steps;
}

// Steps the paused model count times and waits for them.
void trainSteps(ExplorerController& explorer, int count)
{
    const long target = stepsDone(explorer) + count;
    for (int i = 0; i < count; ++i)
        explorer.training()->step();
    QTRY_COMPARE_WITH_TIMEOUT(stepsDone(explorer), target, 20000);
}

// A set-up controller whose first figures are done, so that what follows is a change's alone.
void setUpQuietly(ExplorerController& explorer, const sme::ExplorerParameters& parameters)
{
    QSignalSpy figures(&explorer, &ExplorerController::figuresReady);
    explorer.setUp(parameters);
    QVERIFY(figures.wait(20000));
    QVERIFY(!explorer.computingFigures());
}

using Change = std::function<void(sme::ExplorerParameters&)>;

const std::map<QString, Change>& changes()
{
    static const std::map<QString, Change> all{
        {"dimension", [](sme::ExplorerParameters& p) { p.dimension = 32; }},
        {"data set", [](sme::ExplorerParameters& p) { p.dataset = "digits"; }},
        {"hidden layers", [](sme::ExplorerParameters& p) { p.hidden = {16, 16}; }},
        {"seed", [](sme::ExplorerParameters& p) { p.seed = 9; }},
        {"batch shape", [](sme::ExplorerParameters& p) { p.batchK = 4; }},
        {"learned beta", [](sme::ExplorerParameters& p) { p.learnClassBeta = !p.learnClassBeta; }},
        {"cutoff", [](sme::ExplorerParameters& p) { p.cutoff = 0.7; }},
        {"gradient noise", [](sme::ExplorerParameters& p) { p.gradientNoise = 0.05; }},
        {"alpha", [](sme::ExplorerParameters& p) { p.alpha = 0.4; }},
        {"learning rate", [](sme::ExplorerParameters& p) { p.learningRate = 0.003; }},
        {"sampler", [](sme::ExplorerParameters& p) { p.sampler = sme::SamplerKind::HardNegative; }},
        {"speed", [](sme::ExplorerParameters& p) { p.stepsPerSecond = 20.0; }},
    };
    return all;
}

} // namespace

class ExplorerControllerTest : public QObject {
    Q_OBJECT
private slots:
    void eachChangeResetsTheModelOrNotAndRecomputesTheFiguresOrNot_data();
    void eachChangeResetsTheModelOrNotAndRecomputesTheFiguresOrNot();
    void liveChangeReachesTheRunningModel();
    void burstOfChangesComputesTheFiguresOnceForTheLatest();
    void outOfRangeParametersAreRefusedWhole();
    void modelThatCannotBeBuiltChangesNothing();
    void sessionSavedThenOpenedRestoresParametersAndModel();
    void refusedSessionChangesNothing();

private:
    QTemporaryDir dir_;
};

void ExplorerControllerTest::eachChangeResetsTheModelOrNotAndRecomputesTheFiguresOrNot_data()
{
    QTest::addColumn<QString>("change");
    QTest::addColumn<QString>("reason"); // of the model's reset; empty: no reset
    QTest::addColumn<bool>("figures");  // the idealised figures depend on it
    QTest::newRow("dimension") << "dimension" << "the embedding dimension changed" << true;
    QTest::newRow("data set") << "data set" << "the data set changed" << false;
    QTest::newRow("hidden layers") << "hidden layers" << "the hidden layers changed" << false;
    QTest::newRow("seed") << "seed" << "the seed changed" << true;
    QTest::newRow("batch shape") << "batch shape" << "the batch shape changed" << true;
    QTest::newRow("learned beta") << "learned beta" << QString::fromUtf8("the learned parts of \u03B2 changed") << false;
    QTest::newRow("cutoff") << "cutoff" << "the sampling cutoffs changed" << true;
    QTest::newRow("gradient noise: figures only") << "gradient noise" << QString() << true;
    QTest::newRow("alpha: live, and figures") << "alpha" << QString() << true;
    QTest::newRow("learning rate: live") << "learning rate" << QString() << false;
    QTest::newRow("sampler: live") << "sampler" << QString() << false;
    QTest::newRow("speed: live") << "speed" << QString() << false;
}

void ExplorerControllerTest::eachChangeResetsTheModelOrNotAndRecomputesTheFiguresOrNot()
{
    QFETCH(QString, change);
    QFETCH(QString, reason);
    QFETCH(bool, figures);
    ExplorerController explorer;
    setUpQuietly(explorer, quick());
    trainSteps(explorer, 2);
    QSignalSpy reset(&explorer, &ExplorerController::modelReset);
    QSignalSpy changed(&explorer, &ExplorerController::parametersChanged);
    QSignalSpy replaced(&explorer, &ExplorerController::parametersReplaced);
    QSignalSpy shown(&explorer, &ExplorerController::figuresReady);
    QSignalSpy errors(&explorer, &ExplorerController::error);

    sme::ExplorerParameters next = quick();
    changes().at(change)(next);
    explorer.changeParameters(next);

    QCOMPARE(explorer.parameters(), next);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).value<sme::ExplorerParameters>(), next);
    QCOMPARE(replaced.count(), 0); // the controls already show it
    QCOMPARE(errors.count(), 0);
    if (reason.isEmpty()) {
        QCOMPARE(reset.count(), 0);
        QCOMPARE(stepsDone(explorer), 2L); // the run goes on
    } else {
        QCOMPARE(reset.count(), 1);
        QCOMPARE(reset.at(0).at(0).toString(), reason);
        QCOMPARE(stepsDone(explorer), 0L);
    }
    QCOMPARE(explorer.computingFigures(), figures);
    if (figures)
        QVERIFY(shown.wait(20000));
    else
        QVERIFY(!shown.wait(300));
    QCOMPARE(errors.count(), 0);
}

void ExplorerControllerTest::liveChangeReachesTheRunningModel()
{
    // Two runs alike for three steps; then one changes its learning rate: the next step differs.
    ExplorerController kept;
    ExplorerController changed;
    setUpQuietly(kept, quick());
    setUpQuietly(changed, quick());
    trainSteps(kept, 3);
    trainSteps(changed, 3);
    QVERIFY(sameBits(kept.training()->captureRun()->state.parameters,
                     changed.training()->captureRun()->state.parameters));
    sme::ExplorerParameters faster = quick();
    faster.learningRate = 10 * quick().learningRate;
    changed.changeParameters(faster);
    trainSteps(kept, 1);
    trainSteps(changed, 1);
    QCOMPARE(stepsDone(changed), 4L);
    QVERIFY(!sameBits(kept.training()->captureRun()->state.parameters,
                      changed.training()->captureRun()->state.parameters));
}

void ExplorerControllerTest::burstOfChangesComputesTheFiguresOnceForTheLatest()
{
    ExplorerController explorer;
    setUpQuietly(explorer, quick());
    QSignalSpy shown(&explorer, &ExplorerController::figuresReady);
    QSignalSpy computing(&explorer, &ExplorerController::computingFiguresChanged);
    QSignalSpy errors(&explorer, &ExplorerController::error);
    sme::ExplorerParameters next = quick();
    for (double noise : {0.02, 0.05, 0.08, 0.12}) { // one per keystroke, as the controls send them
        next.gradientNoise = noise;
        explorer.changeParameters(next);
    }
    QVERIFY(explorer.computingFigures());
    QVERIFY(shown.wait(20000));
    // computingFigures turns false as the work ends, a moment before its result is delivered.
    QTRY_VERIFY(!explorer.computingFigures());
    QTest::qWait(200);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.value(0).value(0).toString()));
    QCOMPARE(shown.count(), 1);
    QCOMPARE(computing.last().at(0).toBool(), false);
    const auto figures = shown.at(0).at(0).value<std::shared_ptr<const sme::IdealisedFigures>>();
    QCOMPARE(sme::toCsv(sme::toTable(figures->gradientVariance)),
             sme::toCsv(sme::toTable(sme::computeIdealisedFigures(next).gradientVariance)));
}

void ExplorerControllerTest::outOfRangeParametersAreRefusedWhole()
{
    ExplorerController explorer;
    setUpQuietly(explorer, quick());
    trainSteps(explorer, 2);
    QSignalSpy errors(&explorer, &ExplorerController::error);
    QSignalSpy replaced(&explorer, &ExplorerController::parametersReplaced);
    QSignalSpy reset(&explorer, &ExplorerController::modelReset);
    sme::ExplorerParameters bad = quick();
    bad.seed = 5;      // good, but not applied alone
    bad.alpha = 7.0;   // out of range
    bad.dimension = 0; // out of range
    explorer.applyParameters(bad);
    QCOMPARE(errors.count(), 1);
    const QString message = errors.at(0).at(0).toString();
    QVERIFY2(message.startsWith(QStringLiteral("Parameters refused: ")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("alpha")) && message.contains(QStringLiteral("dimension")),
             qPrintable(message));
    QCOMPARE(explorer.parameters(), quick());
    QCOMPARE(replaced.count(), 0);
    QCOMPARE(reset.count(), 0);
    QVERIFY(!explorer.computingFigures());
    QCOMPARE(stepsDone(explorer), 2L);
}

void ExplorerControllerTest::modelThatCannotBeBuiltChangesNothing()
{
    ExplorerController explorer;
    setUpQuietly(explorer, quick());
    QSignalSpy errors(&explorer, &ExplorerController::error);
    QSignalSpy replaced(&explorer, &ExplorerController::parametersReplaced);
    QSignalSpy loading(&explorer, &ExplorerController::loading);
    sme::ExplorerParameters next = quick();
    next.dataset = dir_.filePath(QStringLiteral("missing.csv")).toStdString();
    explorer.applyParameters(next);
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.at(0).at(0).toString().startsWith(QStringLiteral("Cannot set up the model: ")),
             qPrintable(errors.at(0).at(0).toString()));
    QVERIFY(errors.at(0).at(0).toString().contains(QStringLiteral("missing.csv")));
    QCOMPARE(explorer.parameters(), quick());
    // Shown, then undone: the controls end on the parameters in use.
    QCOMPARE(replaced.count(), 2);
    QCOMPARE(replaced.at(0).at(0).value<sme::ExplorerParameters>(), next);
    QCOMPARE(replaced.at(1).at(0).value<sme::ExplorerParameters>(), quick());
    QCOMPARE(loading.count(), 2); // the wait cursor is put back
    QCOMPARE(loading.at(1).at(0).toBool(), false);
    QVERIFY(!explorer.computingFigures());
}

void ExplorerControllerTest::sessionSavedThenOpenedRestoresParametersAndModel()
{
    const QString path = dir_.filePath(QStringLiteral("round.smx.json"));
    sme::ExplorerParameters saved = quick();
    saved.seed = 31;
    saved.sampler = sme::SamplerKind::SemiHard;
    ExplorerController first;
    setUpQuietly(first, saved);
    trainSteps(first, 5);
    QCOMPARE(first.saveSession(path, true), QString());
    QVERIFY(QFile::exists(runFilePath(path)));

    ExplorerController second;
    setUpQuietly(second, quick());
    QSignalSpy replaced(&second, &ExplorerController::parametersReplaced);
    QCOMPARE(second.openSession(path), QString());
    QCOMPARE(second.parameters(), saved);
    QCOMPARE(replaced.count(), 1);
    QCOMPARE(replaced.at(0).at(0).value<sme::ExplorerParameters>(), saved);
    QCOMPARE(stepsDone(second), 5L);
    QVERIFY(sameBits(second.training()->captureRun()->state.parameters,
                     first.training()->captureRun()->state.parameters));

    // Without the model: the parameters alone, a model at step 0.
    const QString light = dir_.filePath(QStringLiteral("light.smx.json"));
    QCOMPARE(first.saveSession(light, false), QString());
    QVERIFY(!QFile::exists(runFilePath(light)));
    ExplorerController third;
    setUpQuietly(third, quick());
    QCOMPARE(third.openSession(light), QString());
    QCOMPARE(third.parameters(), saved);
    QCOMPARE(stepsDone(third), 0L);
}

void ExplorerControllerTest::refusedSessionChangesNothing()
{
    const QString path = dir_.filePath(QStringLiteral("kept.smx.json"));
    {
        ExplorerController first;
        sme::ExplorerParameters other = quick();
        other.dimension = 8;
        setUpQuietly(first, other);
        trainSteps(first, 1);
        QCOMPARE(first.saveSession(path, true), QString());
    }
    QFile run(runFilePath(path));
    QVERIFY(run.open(QIODevice::ReadWrite));
    run.resize(run.size() / 2);
    run.close();
    ExplorerController explorer;
    setUpQuietly(explorer, quick());
    trainSteps(explorer, 2);
    QSignalSpy replaced(&explorer, &ExplorerController::parametersReplaced);
    QVERIFY(!explorer.openSession(path).isEmpty());
    QVERIFY(!explorer.openSession(dir_.filePath(QStringLiteral("none.smx.json"))).isEmpty());
    QCOMPARE(explorer.parameters(), quick());
    QCOMPARE(replaced.count(), 0);
    QCOMPARE(stepsDone(explorer), 2L);
}

QTEST_GUILESS_MAIN(ExplorerControllerTest)
#include "tst_explorercontroller.moc"
