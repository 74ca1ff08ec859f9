// Tests of sessions: a round trip restores every parameter; a bad file is refused, changing nothing.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"
#include "app/io/ParameterJson.h"
#include "app/io/SessionFile.h"
#include "app/cli/FigureCommand.h"
#include "app/control/TrainingController.h"
#include "widgets/ControlPanel.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include "SameBits.h"

#include <QtTest>

namespace {

sme::ExplorerParameters unusual()
{
    sme::ExplorerParameters p;
    p.dimension = 64;
    p.gradientNoise = 0.05;
    p.sampler = sme::SamplerKind::HardNegative;
    p.loss = sme::LossKind::TripletSquared;
    p.alpha = 0.3;
    p.beta0 = 1.1;
    p.learnImageBeta = true;
    p.dataset = "digits";
    p.batchClasses = 5;
    p.batchK = 4;
    p.hidden = {128};
    p.learningRate = 0.002;
    p.seed = 77;
    p.stopAfter = 900;
    return p;
}

// A quick model: small layers on the synthetic data.
sme::ExplorerParameters quickModel()
{
    sme::ExplorerParameters p;
    p.dimension = 16;
    p.hidden = {32};
    p.batchClasses = 4;
    p.batchK = 3;
    return p;
}

void write(const QString& path, const QByteArray& content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

} // namespace

class SessionTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void roundTripRestoresEveryParameter();
    void badFilesAreRefusedWithAMessage_data();
    void badFilesAreRefusedWithAMessage();
    void refusedSessionLeavesTheWindowUntouched();
    void windowSavesAndReopensItsSession();
    void windowKeepsItsViewState();
    void viewStateIsCheckedAndOptional();
    void unwritableTargetLeavesNoFile();
    void windowKeepsItsTrainedModel();
    void sessionWithAForeignOrDamagedRunFileIsRefused();

private:
    QTemporaryDir dir_;
};

void SessionTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_session"));
}

void SessionTest::roundTripRestoresEveryParameter()
{
    const QString path = dir_.filePath(QStringLiteral("round.smx.json"));
    QCOMPARE(saveSession(path, unusual()), QString());
    const SessionLoad load = loadSession(path);
    QVERIFY2(load.parameters.has_value(), qPrintable(load.error));
    QCOMPARE(*load.parameters, unusual());
}

void SessionTest::badFilesAreRefusedWithAMessage_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("mentions");
    const QString good = dir_.filePath(QStringLiteral("good.json"));
    saveSession(good, unusual());
    QFile file(good);
    file.open(QIODevice::ReadOnly);
    const QByteArray whole = file.readAll();
    QJsonObject newer = QJsonDocument::fromJson(whole).object();
    newer["version"] = sessionFormatVersion + 1;
    QJsonObject damaged = QJsonDocument::fromJson(whole).object();
    QJsonObject parameters = damaged["parameters"].toObject();
    parameters["dimension"] = 99999;
    damaged["parameters"] = parameters;
    QTest::newRow("truncated") << whole.left(whole.size() / 2) << "damaged or truncated";
    QTest::newRow("empty") << QByteArray() << "damaged or truncated";
    QTest::newRow("not JSON") << QByteArray("\x89PNG\r\n") << "damaged or truncated";
    QTest::newRow("other JSON") << QByteArray("{\"hello\": 1}") << "not a Sampling Matters Explorer session";
    QTest::newRow("future version") << QJsonDocument(newer).toJson() << "newer version";
    QTest::newRow("bad field") << QJsonDocument(damaged).toJson() << "dimension";
}

void SessionTest::badFilesAreRefusedWithAMessage()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, mentions);
    const QString path = dir_.filePath(QStringLiteral("bad.smx.json"));
    write(path, content);
    const SessionLoad load = loadSession(path);
    QVERIFY(!load.parameters);
    QVERIFY2(load.error.contains(mentions), qPrintable(load.error));
    QVERIFY(load.error.startsWith(QStringLiteral("bad.smx.json: ")));
    QVERIFY(!loadSession(dir_.filePath(QStringLiteral("missing.json"))).error.isEmpty());
}

void SessionTest::refusedSessionLeavesTheWindowUntouched()
{
    MainWindow window(false);
    window.show();
    const sme::ExplorerParameters before = window.parameters();
    const QString good = dir_.filePath(QStringLiteral("window.json"));
    QCOMPARE(saveSession(good, unusual()), QString());
    QFile file(good);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray whole = file.readAll();
    const QString truncated = dir_.filePath(QStringLiteral("truncated.json"));
    write(truncated, whole.left(whole.size() - 20));
    QVERIFY(window.openSession(truncated).contains(QStringLiteral("truncated")));
    QCOMPARE(window.parameters(), before);
    QCOMPARE(window.controls()->parameters(), before); // the controls too
}

void SessionTest::windowSavesAndReopensItsSession()
{
    const QString path = dir_.filePath(QStringLiteral("saved.smx.json"));
    {
        MainWindow window(false);
        window.show();
        window.applyParameters(unusual());
        QCOMPARE(window.saveSessionTo(path), QString());
    }
    MainWindow window(false);
    window.show();
    QCOMPARE(window.openSession(path), QString());
    QCOMPARE(window.parameters(), unusual());
}

void SessionTest::windowKeepsItsViewState()
{
    const QString path = dir_.filePath(QStringLiteral("view.smx.json"));
    const SessionViewState shown{sme::ViewId::SampledDistances, true, false, true};
    {
        MainWindow window(false);
        window.show();
        window.setViewState(shown);
        QCOMPARE(window.viewState(), shown);
        QCOMPARE(window.saveSessionTo(path, false), QString());
    }
    MainWindow window(false);
    window.show();
    QCOMPARE(window.viewState(), SessionViewState{});
    QCOMPARE(window.openSession(path, false), QString());
    QCOMPARE(window.viewState(), shown);
    // A session saved before views were kept opens with the views as they are.
    const QString old = dir_.filePath(QStringLiteral("old.smx.json"));
    QCOMPARE(saveSession(old, unusual()), QString());
    QCOMPARE(window.openSession(old, false), QString());
    QCOMPARE(window.viewState(), shown);
}

void SessionTest::viewStateIsCheckedAndOptional()
{
    const QString path = dir_.filePath(QStringLiteral("checked.json"));
    const SessionViewState all{std::nullopt, true, true, false};
    QCOMPARE(saveSession(path, unusual(), nullptr, &all), QString());
    SessionLoad load = loadSession(path);
    QVERIFY2(load.view.has_value(), qPrintable(load.error));
    QCOMPARE(*load.view, all);
    QCOMPARE(saveSession(path, unusual()), QString());
    QVERIFY(loadSession(path).parameters && !loadSession(path).view);
    const auto refusedWith = [&](const QJsonObject& view) {
        QFile file(path);
        file.open(QIODevice::ReadOnly);
        QJsonObject session = QJsonDocument::fromJson(file.readAll()).object();
        file.close();
        session["view"] = view;
        write(path, QJsonDocument(session).toJson());
        return loadSession(path).error;
    };
    QVERIFY(refusedWith(QJsonObject{{"enlarged", "race"}}).contains(QStringLiteral("names no view")));
    QVERIFY(refusedWith(QJsonObject{{"log_density", 1}}).contains(QStringLiteral("log_density")));
    QVERIFY(refusedWith(QJsonObject{{"enlarged", "losses"}}).isEmpty());
}

void SessionTest::unwritableTargetLeavesNoFile()
{
    const QString path = dir_.filePath(QStringLiteral("no/folder/session.json"));
    QVERIFY(!saveSession(path, unusual()).isEmpty());
    QVERIFY(!QFile::exists(path));
    QVERIFY(saveSession(dir_.path(), unusual()).contains(QStringLiteral("directory")));
}

void SessionTest::windowKeepsItsTrainedModel()
{
    // Train 12 steps, save with the model, open in a new window: the weights, the optimiser and
    // the curves come back exactly, and one more step in each window gives the same weights.
    const QString path = dir_.filePath(QStringLiteral("trained.smx.json"));
    MainWindow first(false);
    first.show();
    first.applyParameters(quickModel());
    for (int i = 0; i < 12; ++i)
        first.controller()->step();
    QTRY_COMPARE_WITH_TIMEOUT(first.displayedStep(), 12L, 60000); // slow under AddressSanitizer on loaded cores
    QCOMPARE(first.saveSessionTo(path), QString());
    QVERIFY(QFile::exists(runFilePath(path)));
    QCOMPARE(runFilePath(path), dir_.filePath(QStringLiteral("trained.smx.run")));

    MainWindow second(false);
    second.show();
    QCOMPARE(second.openSession(path), QString());
    QCOMPARE(second.parameters(), quickModel());
    QTRY_COMPARE_WITH_TIMEOUT(second.displayedStep(), 12L, 20000);
    const std::optional<sme::SavedRun> a = first.controller()->captureRun();
    const std::optional<sme::SavedRun> b = second.controller()->captureRun();
    QVERIFY(a && b);
    QCOMPARE(b->state.steps, 12L);
    QVERIFY(sameBits(b->state.parameters, a->state.parameters));
    QVERIFY(sameBits(b->state.adam.secondMoments, a->state.adam.secondMoments));
    QCOMPARE(b->history.steps.size(), std::size_t(12));
    for (std::size_t i = 0; i < 12; ++i)
        QCOMPARE(b->history.steps[i].loss, a->history.steps[i].loss);
    QCOMPARE(b->history.evaluations.size(), a->history.evaluations.size());

    first.controller()->step();
    second.controller()->step();
    QTRY_COMPARE_WITH_TIMEOUT(first.displayedStep(), 13L, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(second.displayedStep(), 13L, 20000);
    QVERIFY(sameBits(second.controller()->captureRun()->state.parameters,
                     first.controller()->captureRun()->state.parameters));

    // The figure command draws the training figures from the kept run without training again;
    // options that make another model are refused, since the kept weights cannot fit it.
    const QString png = dir_.filePath(QStringLiteral("kept-training.png"));
    const QStringList figure{QStringLiteral("sampling-explorer"), QStringLiteral("figure"),
                             QStringLiteral("embedding"), QStringLiteral("--session"), path};
    QCOMPARE(runFigureCommand(figure + QStringList{QStringLiteral("-o"), png}), 0);
    QVERIFY(QFileInfo(png).size() > 1000);
    QCOMPARE(runFigureCommand(figure + QStringList{QStringLiteral("--dim"), QStringLiteral("32"),
                                                   QStringLiteral("-o"), png}), 2);
}

void SessionTest::sessionWithAForeignOrDamagedRunFileIsRefused()
{
    const QString path = dir_.filePath(QStringLiteral("kept.smx.json"));
    {
        MainWindow window(false);
        window.show();
        window.applyParameters(quickModel());
        window.controller()->step();
        QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), 1L, 20000);
        QCOMPARE(window.saveSessionTo(path), QString());
    }
    QVERIFY(loadSession(path).run.has_value());
    QFile runFile(runFilePath(path));
    QVERIFY(runFile.open(QIODevice::ReadOnly));
    const QByteArray bytes = runFile.readAll();
    runFile.close();

    MainWindow window(false);
    window.show();
    const sme::ExplorerParameters before = window.parameters();
    QByteArray damaged = bytes;
    damaged[damaged.size() / 2] = char(damaged[damaged.size() / 2] ^ 0x01);
    write(runFilePath(path), damaged);
    QVERIFY2(window.openSession(path).contains(QStringLiteral("kept.smx.run")), qPrintable(window.openSession(path)));
    write(runFilePath(path), bytes.left(bytes.size() / 2));
    QVERIFY(window.openSession(path).contains(QStringLiteral("not the one saved")));
    QVERIFY(QFile::remove(runFilePath(path)));
    QVERIFY(window.openSession(path).contains(QStringLiteral("cannot be opened")));
    QCOMPARE(window.parameters(), before);
    QCOMPARE(window.controls()->parameters(), before);
    write(runFilePath(path), bytes); // put back: the session opens again
    QCOMPARE(window.openSession(path), QString());
}

QTEST_MAIN(SessionTest)
#include "tst_session.moc"
