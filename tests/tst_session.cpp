// Tests of sessions: a round trip restores every parameter; a bad file is refused, changing nothing.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/MainWindow.h"
#include "app/ParameterJson.h"
#include "app/SessionFile.h"
#include "widgets/ControlPanel.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
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
    void unwritableTargetLeavesNoFile();

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

void SessionTest::unwritableTargetLeavesNoFile()
{
    const QString path = dir_.filePath(QStringLiteral("no/folder/session.json"));
    QVERIFY(!saveSession(path, unusual()).isEmpty());
    QVERIFY(!QFile::exists(path));
    QVERIFY(saveSession(dir_.path(), unusual()).contains(QStringLiteral("directory")));
}

QTEST_MAIN(SessionTest)
#include "tst_session.moc"
