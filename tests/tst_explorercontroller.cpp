// Tests of the explorer's controller without a window: what each change of parameters asks of
// the model and the figures, refused parameters, and sessions.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/ExplorerController.h"
#include "app/control/TrainingController.h"
#include "app/io/SessionFile.h"
#include "model/base/Table.h"
#include "SameBits.h"
#include "SmallTraining.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>
#include <functional>
#include <map>

namespace {

using testing::quickExplorer;

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

// What a controller reports from the moment this is made.
struct Reports {
    explicit Reports(ExplorerController& explorer)
        : replaced(&explorer, &ExplorerController::parametersReplaced)
        , reset(&explorer, &ExplorerController::modelReset)
        , dimension(&explorer, &ExplorerController::dimensionChanged)
        , loading(&explorer, &ExplorerController::loading)
        , computing(&explorer, &ExplorerController::computingFiguresChanged)
        , figures(&explorer, &ExplorerController::figuresReady)
        , errors(&explorer, &ExplorerController::error)
    {
    }
    QString firstError() const { return errors.isEmpty() ? QString() : errors.at(0).at(0).toString(); }

    QSignalSpy replaced;
    QSignalSpy reset;
    QSignalSpy dimension;
    QSignalSpy loading;
    QSignalSpy computing;
    QSignalSpy figures;
    QSignalSpy errors;
};

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
    void viewsBeyondTheLargestModelDimensionKeepTheModelAtItsLargest();
    void everyChangeOfNSaysWhatTheModelTrainsAt();
    void aDragResetsTheModelOnceWhenItSettles();
    void aChangeThatResetsThePlayingModelPlaysOn();
    void burstOfChangesComputesTheFiguresOnceForTheLatest();
    void computingFiguresLastsUntilTheFiguresAreHandedOn();
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
    setUpQuietly(explorer, quickExplorer());
    trainSteps(explorer, 2);
    Reports reports(explorer);

    sme::ExplorerParameters next = quickExplorer();
    changes().at(change)(next);
    explorer.changeParameters(next);

    QCOMPARE(explorer.parameters(), next);
    QCOMPARE(reports.replaced.count(), 0); // the controls already show it
    if (reason.isEmpty()) {
        QCOMPARE(reports.reset.count(), 0);
        QCOMPARE(stepsDone(explorer), 2L); // the run goes on
    } else {
        QCOMPARE(reports.reset.count(), 1);
        QCOMPARE(reports.reset.at(0).at(0).toString(), reason);
        QCOMPARE(stepsDone(explorer), 0L);
    }
    QCOMPARE(explorer.computingFigures(), figures);
    if (figures)
        QVERIFY(reports.figures.wait(20000));
    else
        QVERIFY(!reports.figures.wait(300));
    QVERIFY2(reports.errors.isEmpty(), qPrintable(reports.firstError()));
}

void ExplorerControllerTest::liveChangeReachesTheRunningModel()
{
    // Two runs alike for three steps; then one changes its learning rate: the next step differs.
    ExplorerController kept;
    ExplorerController changed;
    setUpQuietly(kept, quickExplorer());
    setUpQuietly(changed, quickExplorer());
    trainSteps(kept, 3);
    trainSteps(changed, 3);
    QVERIFY(sameBits(kept.training()->captureRun()->state.parameters,
                     changed.training()->captureRun()->state.parameters));
    sme::ExplorerParameters faster = quickExplorer();
    faster.learningRate = 10 * quickExplorer().learningRate;
    changed.changeParameters(faster);
    trainSteps(kept, 1);
    trainSteps(changed, 1);
    QCOMPARE(stepsDone(changed), 4L);
    QVERIFY(!sameBits(kept.training()->captureRun()->state.parameters,
                      changed.training()->captureRun()->state.parameters));
}

void ExplorerControllerTest::viewsBeyondTheLargestModelDimensionKeepTheModelAtItsLargest()
{
    ExplorerController explorer;
    setUpQuietly(explorer, quickExplorer());
    Reports reports(explorer);
    sme::ExplorerParameters wide = quickExplorer();
    wide.dimension = sme::largestModelDimension + 100;
    explorer.changeParameters(wide);
    QCOMPARE(reports.reset.count(), 1);
    QCOMPARE(reports.dimension.count(), 1);
    QCOMPARE(reports.dimension.at(0).at(0).toInt(), wide.dimension);
    QCOMPARE(reports.dimension.at(0).at(1).toInt(), sme::largestModelDimension);
    trainSteps(explorer, 1);
    // Wider still: new figures, but the model, already at its largest, trains on.
    wide.dimension += 100;
    explorer.changeParameters(wide);
    QCOMPARE(reports.reset.count(), 1);
    QCOMPARE(stepsDone(explorer), 1L);
    QVERIFY(explorer.computingFigures());
    QVERIFY(reports.figures.wait(60000));
    QVERIFY2(reports.errors.isEmpty(), qPrintable(reports.firstError()));
}

void ExplorerControllerTest::everyChangeOfNSaysWhatTheModelTrainsAt()
{
    ExplorerController explorer;
    setUpQuietly(explorer, quickExplorer());
    Reports reports(explorer);
    sme::ExplorerParameters p = quickExplorer();
    // Beyond the largest, further beyond (no new model: it is at its largest already), back.
    for (int n : {1200, 4096, 3}) {
        p.dimension = n;
        explorer.changeParameters(p);
        QCOMPARE(reports.dimension.count(), 1);
        QCOMPARE(reports.dimension.at(0).at(0).toInt(), n);
        QCOMPARE(reports.dimension.at(0).at(1).toInt(), std::min(n, sme::largestModelDimension));
        reports.dimension.clear();
    }
    p.learningRate = 0.002; // not n: nothing to say
    explorer.changeParameters(p);
    QCOMPARE(reports.dimension.count(), 0);
}

// A slider dragged through many values: the figures follow, the model waits for the last.
void ExplorerControllerTest::aDragResetsTheModelOnceWhenItSettles()
{
    ExplorerController explorer;
    setUpQuietly(explorer, quickExplorer());
    Reports reports(explorer);
    sme::ExplorerParameters p = quickExplorer();
    for (int n : {20, 40, 80, 160}) {
        p.dimension = n;
        explorer.changeParametersLater(p);
        QCOMPARE(explorer.parameters().dimension, n); // the views show it at once
        QVERIFY(explorer.computingFigures());
    }
    QCOMPARE(reports.reset.count(), 0);
    QVERIFY(explorer.modelChangePending());
    explorer.changeParameters(p); // released where it was
    QCOMPARE(reports.reset.count(), 1);
    QVERIFY(!explorer.modelChangePending());
    // Held still: the model follows once the value has settled.
    p.dimension = 300;
    explorer.changeParametersLater(p);
    QCOMPARE(reports.reset.count(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(reports.reset.count(), 2, 5000);
    // Dragged away and back: nothing to rebuild.
    for (int n : {500, 300}) {
        p.dimension = n;
        explorer.changeParametersLater(p);
    }
    explorer.changeParameters(p);
    QCOMPARE(reports.reset.count(), 2);
}

void ExplorerControllerTest::aChangeThatResetsThePlayingModelPlaysOn()
{
    ExplorerController explorer;
    setUpQuietly(explorer, quickExplorer());
    Reports reports(explorer);
    explorer.training()->start();
    QTRY_VERIFY_WITH_TIMEOUT(stepsDone(explorer) > 5, 20000);
    sme::ExplorerParameters p = quickExplorer();
    p.dimension = 32;
    explorer.changeParameters(p);
    QCOMPARE(reports.reset.count(), 1);
    QVERIFY(explorer.training()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(stepsDone(explorer) > 5, 20000); // the new model's steps
    explorer.training()->pause();
    // Paused, it stays paused.
    p.dimension = 16;
    explorer.changeParameters(p);
    QCOMPARE(reports.reset.count(), 2);
    QVERIFY(!explorer.training()->isRunning());
}

void ExplorerControllerTest::burstOfChangesComputesTheFiguresOnceForTheLatest()
{
    ExplorerController explorer;
    setUpQuietly(explorer, quickExplorer());
    Reports reports(explorer);
    sme::ExplorerParameters next = quickExplorer();
    for (double noise : {0.02, 0.05, 0.08, 0.12}) { // one per keystroke, as the controls send them
        next.gradientNoise = noise;
        explorer.changeParameters(next);
    }
    QVERIFY(explorer.computingFigures());
    QVERIFY(reports.figures.wait(20000));
    QTRY_VERIFY(!explorer.computingFigures());
    QTest::qWait(200);
    QVERIFY2(reports.errors.isEmpty(), qPrintable(reports.firstError()));
    QCOMPARE(reports.figures.count(), 1);
    QCOMPARE(reports.computing.last().at(0).toBool(), false);
    const auto figures = reports.figures.at(0).at(0).value<std::shared_ptr<const sme::IdealisedFigures>>();
    QCOMPARE(sme::toCsv(sme::toTable(figures->gradientVariance)),
             sme::toCsv(sme::toTable(sme::computeIdealisedFigures(next).gradientVariance)));
}

void ExplorerControllerTest::computingFiguresLastsUntilTheFiguresAreHandedOn()
{
    // Whoever sees computingFigures() false must find the figures delivered (the windows' tests
    // and a preset wait on it). The computation ends on a pool thread, but its result is handed
    // on by an event of this thread: as long as no event is processed here, it is still being
    // computed, however long ago the work itself ended.
    ExplorerController explorer;
    setUpQuietly(explorer, quickExplorer());
    Reports reports(explorer);
    explorer.computeFigures();
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 3000) { // far longer than the quick figures take (tens of ms)
        QVERIFY(explorer.computingFigures());
        QThread::msleep(5);
    }
    QCOMPARE(reports.figures.count(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(!explorer.computingFigures(), 20000);
    QCOMPARE(reports.figures.count(), 1);
    QCOMPARE(reports.computing.last().at(0).toBool(), false);
}

void ExplorerControllerTest::outOfRangeParametersAreRefusedWhole()
{
    ExplorerController explorer;
    setUpQuietly(explorer, quickExplorer());
    trainSteps(explorer, 2);
    Reports reports(explorer);
    sme::ExplorerParameters bad = quickExplorer();
    bad.seed = 5;      // good, but not applied alone
    bad.alpha = 7.0;   // out of range
    bad.dimension = 0; // out of range
    explorer.applyParameters(bad);
    QCOMPARE(reports.errors.count(), 1);
    const QString message = reports.firstError();
    QVERIFY2(message.startsWith(QStringLiteral("Parameters refused: ")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("alpha")) && message.contains(QStringLiteral("dimension")),
             qPrintable(message));
    QCOMPARE(explorer.parameters(), quickExplorer());
    QCOMPARE(reports.replaced.count(), 0);
    QCOMPARE(reports.reset.count(), 0);
    QVERIFY(!explorer.computingFigures());
    QCOMPARE(stepsDone(explorer), 2L);
}

void ExplorerControllerTest::modelThatCannotBeBuiltChangesNothing()
{
    ExplorerController explorer;
    setUpQuietly(explorer, quickExplorer());
    Reports reports(explorer);
    sme::ExplorerParameters next = quickExplorer();
    next.dataset = dir_.filePath(QStringLiteral("missing.csv")).toStdString();
    explorer.applyParameters(next);
    QCOMPARE(reports.errors.count(), 1);
    const QString message = reports.firstError();
    // The data set's fault, as the person chose a file.
    QVERIFY2(message.startsWith(QStringLiteral("Cannot open the data set, so nothing changed: ")), qPrintable(message));
    QVERIFY(message.contains(QStringLiteral("missing.csv")));
    QCOMPARE(explorer.parameters(), quickExplorer());
    // Shown, then undone: the controls end on the parameters in use.
    QCOMPARE(reports.replaced.count(), 2);
    QCOMPARE(reports.replaced.at(0).at(0).value<sme::ExplorerParameters>(), next);
    QCOMPARE(reports.replaced.at(1).at(0).value<sme::ExplorerParameters>(), quickExplorer());
    QCOMPARE(reports.loading.count(), 2); // the wait cursor is put back
    QCOMPARE(reports.loading.at(1).at(0).toBool(), false);
    QVERIFY(!explorer.computingFigures());
}

void ExplorerControllerTest::sessionSavedThenOpenedRestoresParametersAndModel()
{
    const QString path = dir_.filePath(QStringLiteral("round.smx.json"));
    sme::ExplorerParameters saved = quickExplorer();
    saved.seed = 31;
    saved.sampler = sme::SamplerKind::SemiHard;
    ExplorerController first;
    setUpQuietly(first, saved);
    trainSteps(first, 5);
    QCOMPARE(first.saveSession(path, true), QString());
    QVERIFY(QFile::exists(runFilePath(path)));

    ExplorerController second;
    setUpQuietly(second, quickExplorer());
    Reports reports(second);
    QCOMPARE(second.openSession(path), QString());
    QCOMPARE(second.parameters(), saved);
    QCOMPARE(reports.replaced.count(), 1);
    QCOMPARE(reports.replaced.at(0).at(0).value<sme::ExplorerParameters>(), saved);
    QCOMPARE(stepsDone(second), 5L);
    QVERIFY(sameBits(second.training()->captureRun()->state.parameters,
                     first.training()->captureRun()->state.parameters));

    // Without the model: the parameters alone, a model at step 0.
    const QString light = dir_.filePath(QStringLiteral("light.smx.json"));
    QCOMPARE(first.saveSession(light, false), QString());
    QVERIFY(!QFile::exists(runFilePath(light)));
    ExplorerController third;
    setUpQuietly(third, quickExplorer());
    QCOMPARE(third.openSession(light), QString());
    QCOMPARE(third.parameters(), saved);
    QCOMPARE(stepsDone(third), 0L);
}

void ExplorerControllerTest::refusedSessionChangesNothing()
{
    const QString path = dir_.filePath(QStringLiteral("kept.smx.json"));
    {
        ExplorerController first;
        sme::ExplorerParameters other = quickExplorer();
        other.dimension = 8;
        setUpQuietly(first, other);
        trainSteps(first, 1);
        QCOMPARE(first.saveSession(path, true), QString());
    }
    // A session whose model has other layers than its kept weights: read, but not restored.
    QFile session(path);
    QVERIFY(session.open(QIODevice::ReadOnly));
    QJsonObject json = QJsonDocument::fromJson(session.readAll()).object();
    session.close();
    QJsonObject parameters = json[QStringLiteral("parameters")].toObject();
    parameters[QStringLiteral("hidden")] = QJsonArray{16};
    json[QStringLiteral("parameters")] = parameters;
    const QString otherLayers = dir_.filePath(QStringLiteral("other-layers.smx.json"));
    QVERIFY(QFile::copy(runFilePath(path), runFilePath(otherLayers)));
    json[QStringLiteral("run")] = [&] {
        QJsonObject run = json[QStringLiteral("run")].toObject();
        run[QStringLiteral("file")] = QFileInfo(runFilePath(otherLayers)).fileName();
        return run;
    }();
    QFile edited(otherLayers);
    QVERIFY(edited.open(QIODevice::WriteOnly));
    edited.write(QJsonDocument(json).toJson());
    edited.close();
    QFile run(runFilePath(path));
    QVERIFY(run.open(QIODevice::ReadWrite));
    run.resize(run.size() / 2);
    run.close();

    ExplorerController explorer;
    setUpQuietly(explorer, quickExplorer());
    trainSteps(explorer, 2);
    Reports reports(explorer);
    QVERIFY(explorer.openSession(path).contains(QStringLiteral("not the one saved")));
    QVERIFY(!explorer.openSession(dir_.filePath(QStringLiteral("none.smx.json"))).isEmpty());
    const QString unrestorable = explorer.openSession(otherLayers);
    QVERIFY2(unrestorable.startsWith(QStringLiteral("other-layers.smx.json: its trained model cannot be restored: ")),
             qPrintable(unrestorable));
    QCOMPARE(explorer.parameters(), quickExplorer());
    QCOMPARE(reports.replaced.count(), 0);
    QCOMPARE(reports.reset.count(), 0);
    QCOMPARE(reports.loading.count(), 2); // the wait cursor while restoring, put back
    QCOMPARE(stepsDone(explorer), 2L);
}

QTEST_GUILESS_MAIN(ExplorerControllerTest)
#include "tst_explorercontroller.moc"
