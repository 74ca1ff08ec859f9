// Tests of `sampling-explorer data`, run as a user runs it: the real executable, a child process.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandRunner.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

using testing::readAll;
using testing::Run;

Run run(const QStringList& arguments)
{
    return testing::runCommand(QStringLiteral("data"), arguments);
}

} // namespace

class DataCommandTest : public QObject {
    Q_OBJECT
private slots:
    void writesTheDocumentedHeader_data();
    void writesTheDocumentedHeader();
    void dashWritesToStandardOutput();
    void perClassOneLeavesSemiHardEmpty();
    void badArgumentsGiveOneClearLine_data();
    void badArgumentsGiveOneClearLine();
    void failedWriteLeavesNoFileAndKeepsTheOld();
    void helpNamesTheHeldDistance();

private:
    QTemporaryDir dir_;
};

void DataCommandTest::writesTheDocumentedHeader_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<int>("rows");
    QTest::newRow("density") << QStringList{"density", "--dim", "64", "--samples", "200"}
                             << QByteArray("d,exact,gaussian_limit,monte_carlo") << 200;
    QTest::newRow("gradient-variance")
        << QStringList{"gradient-variance", "--dim", "32", "--noise", "0.05", "--trials", "200"}
        << QByteArray("d,variance") << 101;
    QTest::newRow("sampled-distances")
        << QStringList{"sampled-distances", "--dim", "16", "--classes", "8", "--per-class", "4",
                       "--spread", "0.4", "--batches", "3", "--seed", "5"}
        << QByteArray("d,uniform,hard,semi_hard,distance_weighted") << 100;
    QTest::newRow("losses") << QStringList{"losses", "--alpha", "0.3", "--beta", "1.1"}
                            << QByteArray("d,contrastive_pos,contrastive_neg,triplet_squared_pos,"
                                          "triplet_squared_neg,triplet_pos,triplet_neg,margin_pos,"
                                          "margin_neg")
                            << 201;
}

void DataCommandTest::writesTheDocumentedHeader()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, header);
    QFETCH(int, rows);
    const QString path = dir_.filePath(arguments.first() + ".csv");
    const Run result = run(arguments + QStringList{"-o", path});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.err.isEmpty());
    const QList<QByteArray> lines = readAll(path).trimmed().split('\n');
    QCOMPARE(lines.first(), header);
    QCOMPARE(lines.size(), rows + 1);
    const int columns = int(header.count(',')) + 1;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> cells = lines[i].split(',');
        QCOMPARE(cells.size(), columns);
        for (const QByteArray& cell : cells) {
            bool ok = false;
            const double value = cell.toDouble(&ok);
            QVERIFY2(ok && std::isfinite(value), lines[i].constData());
        }
    }
}

void DataCommandTest::dashWritesToStandardOutput()
{
    const Run result = run({"losses", "--points", "3", "-o", "-"});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.startsWith("d,contrastive_pos,"));
    QCOMPARE(result.out.count('\n'), 4);
    // d = 0: contrastive negative alpha^2 = 0.04; margin negative alpha + beta = 1.4.
    QVERIFY(result.out.split('\n')[1].startsWith("0,0,0.04"));
}

void DataCommandTest::perClassOneLeavesSemiHardEmpty()
{
    const Run result = run({"sampled-distances", "--dim", "8", "--classes", "40", "--per-class",
                            "1", "--batches", "2", "--bins", "10", "-o", "-"});
    QCOMPARE(result.exitCode, 0);
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 11);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> cells = lines[i].split(',');
        QCOMPARE(cells.size(), 5);
        QVERIFY(cells[3].isEmpty());
        QVERIFY(!cells[1].isEmpty() && !cells[4].isEmpty());
    }
}

void DataCommandTest::badArgumentsGiveOneClearLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    const QString out = "-o";
    QTest::newRow("unknown name") << QStringList{"histogram", out, "-"} << "unknown name 'histogram'";
    QTest::newRow("no name") << QStringList{out, "-"} << "exactly one NAME";
    QTest::newRow("n too small") << QStringList{"density", "--dim", "1", out, "-"} << "between 2 and 4096";
    QTest::newRow("n too large") << QStringList{"density", "--dim", "4097", out, "-"} << "between 2 and 4096";
    QTest::newRow("n not a number") << QStringList{"density", "--dim", "abc", out, "-"} << "--dim expects a whole number";
    QTest::newRow("negative sigma") << QStringList{"gradient-variance", "--noise", "-1", out, "-"} << "sigma";
    QTest::newRow("NaN sigma") << QStringList{"gradient-variance", "--noise", "nan", out, "-"} << "--noise expects a finite number";
    QTest::newRow("option of another name") << QStringList{"density", "--noise", "0.1", out, "-"} << "does not apply to 'density'";
    QTest::newRow("unknown option") << QStringList{"density", "--frobnicate", out, "-"} << "frobnicate";
    QTest::newRow("no output") << QStringList{"density"} << "missing -o";
    QTest::newRow("absurd samples") << QStringList{"density", "--samples", "100000000", out, "-"} << "sample size";
    QTest::newRow("negative alpha") << QStringList{"losses", "--alpha", "-1", out, "-"} << "alpha";
    QTest::newRow("zero classes") << QStringList{"sampled-distances", "--classes", "0", out, "-"} << "classes";
    QTest::newRow("bad seed") << QStringList{"density", "--seed", "-3", out, "-"} << "--seed";
}

void DataCommandTest::badArgumentsGiveOneClearLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const Run result = run(arguments);
    QVERIFY(result.exitCode != 0);
    QVERIFY(result.out.isEmpty());
    const QByteArray err = result.err.trimmed();
    QCOMPARE(err.count('\n'), 0); // one line
    QVERIFY2(err.contains(mentions.toUtf8()), err.constData());
    QVERIFY(err.startsWith("sampling-explorer data: "));
}

void DataCommandTest::failedWriteLeavesNoFileAndKeepsTheOld()
{
    // A folder that does not exist, and a path that is a folder (root ignores permissions,
    // so these are the unwritable targets every user, root included, gets).
    const QString missing = dir_.filePath("no/such/folder/out.csv");
    Run result = run({"losses", "-o", missing});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("cannot write"), result.err.constData());
    QVERIFY(!QFile::exists(missing));

    result = run({"losses", "-o", dir_.path()});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains("is a directory"), result.err.constData());

    // A refused run leaves an existing file exactly as it was.
    const QString existing = dir_.filePath("kept.csv");
    QFile file(existing);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("old content\n");
    file.close();
    result = run({"density", "--dim", "0", "-o", existing});
    QCOMPARE(result.exitCode, 2);
    QCOMPARE(readAll(existing), QByteArray("old content\n"));
    // No temporary file is left beside it.
    QCOMPARE(QDir(dir_.path()).entryList({"kept.csv*"}, QDir::Files | QDir::Hidden).size(), 1);
}

void DataCommandTest::helpNamesTheHeldDistance()
{
    const Run result = run({"--help"});
    QCOMPARE(result.exitCode, 0);
    QVERIFY(result.out.contains("--hold"));
    QVERIFY(result.out.contains("d,uniform,hard,semi_hard,distance_weighted"));
}

QTEST_GUILESS_MAIN(DataCommandTest)
#include "tst_datacommand.moc"
