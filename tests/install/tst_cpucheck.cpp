// The CPU check of the executable (app/CpuCheck.cpp): a CPU without the build's baseline gets a
// message and exit status 1 before anything else runs, never an illegal instruction. The test
// takes features away through SME_TEST_CPU_LACKS, so it runs on any machine.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QProcess>
#include <QProcessEnvironment>
#include <QtTest>

namespace {

struct Run {
    int exitCode = -1; // -1: it crashed (an illegal instruction) or hung
    QByteArray out;
    QByteArray err;
};

// sampling-explorer --version, on a CPU that lacks the features listed (comma-separated).
Run runLacking(const QString& lacking)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen")); // --version, today
    if (!lacking.isEmpty())
        environment.insert(QStringLiteral("SME_TEST_CPU_LACKS"), lacking);
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SME_EXECUTABLE), {QStringLiteral("--version")});
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

const QString baseline = QStringLiteral(SME_CPU_BASELINE);
constexpr bool baselineApplies = SME_BASELINE_APPLIES; // Release and RelWithDebInfo only

// Every feature the check knows: any baseline needs at least one of them.
const QString everyFeature = QStringLiteral(
    "SSE3,SSSE3,SSE4.1,SSE4.2,POPCNT,AVX,AVX2,FMA,BMI1,BMI2,F16C,LZCNT,MOVBE,XSAVE,AVX512F,AVX512BW,"
    "AVX512CD,AVX512DQ,AVX512VL,AVX512VNNI,AVX512VBMI,AVX512IFMA,AVX512BF16");

} // namespace

class TestCpuCheck : public QObject {
    Q_OBJECT
private slots:
    void runsOnTheCpuItWasBuiltOn()
    {
        const Run run = runLacking(QString());
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.startsWith("sampling-explorer "), run.out.constData());
    }

    void refusesACpuWithoutTheBaselineBeforeAnythingElse()
    {
        if (!baselineApplies)
            QSKIP("no CPU baseline in this build type");
        const Run run = runLacking(everyFeature);
        QCOMPARE(run.exitCode, 1);
        QVERIFY(run.out.isEmpty()); // --version never ran
        const QString message = QString::fromUtf8(run.err);
        // The first and only thing said: no Qt message, no static initialiser's output before it.
        QVERIFY2(message.startsWith(QStringLiteral("sampling-explorer: this build of sampling-explorer needs an %1 CPU (")
                                        .arg(baseline)),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral(" lacks SSE3")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("rebuild it with -DSME_CPU_BASELINE=native on this machine")),
                 qPrintable(message));
        QCOMPARE(message.count(QLatin1Char('\n')), 2);
    }

    void namesWhatIsMissingAndTheLevelThatFits()
    {
        if (!baselineApplies || (baseline != QLatin1String("x86-64-v3") && baseline != QLatin1String("x86-64-v4")))
            QSKIP("for the x86-64-v3 and x86-64-v4 baselines");
        const bool v4 = baseline == QLatin1String("x86-64-v4");
        const Run run = runLacking(v4 ? QStringLiteral("AVX512F,AVX512VL") : QStringLiteral("AVX2,FMA"));
        QCOMPARE(run.exitCode, 1);
        const QString message = QString::fromUtf8(run.err);
        QVERIFY2(message.contains(v4 ? QStringLiteral(" lacks AVX512F, AVX512VL;") : QStringLiteral(" lacks AVX2, FMA;")),
                 qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("rebuild it with -DSME_CPU_BASELINE=%1, which this CPU has, or native")
                                      .arg(v4 ? QStringLiteral("x86-64-v3") : QStringLiteral("x86-64-v2"))),
                 qPrintable(message));
    }

    void ignoresFeaturesTheBuildDoesNotUse()
    {
        if (!baselineApplies || baseline == QLatin1String("native"))
            QSKIP("native may use any feature");
        const Run run = runLacking(QStringLiteral("AVX512BF16,AVX512VNNI"));
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(!run.err.contains("needs an"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCpuCheck)
#include "tst_cpucheck.moc"
