// Tests of `sampling-explorer ablate --shard` and `ablate merge`, run as a user runs them: a
// grid in three shards merges into the bytes of one run; an incomplete or foreign set is refused.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandRunner.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

using testing::readAll;
using testing::Run;
using testing::runCommand;

namespace {

// The digits: a quarter of the synthetic data's cost; two seeds, so that the deviations are
// numbers to compare too.
const QStringList gridOptions{"--dataset", "digits", "--hidden", "16", "--dim", "8", "--steps", "5", "--seeds", "2"};

} // namespace

class AblateCommandTest : public QObject {
    Q_OBJECT
private slots:
    void threeShardsMergedEqualOneRunByteForByte();
    void mergeRefusesAnIncompleteOrForeignSet_data();
    void mergeRefusesAnIncompleteOrForeignSet();
    void aBadShardIsRefused();

private:
    // The shards 1/3 .. 3/3 of the grid and the whole grid, written once by the executable into
    // dir_: empty, or the standard error of the run that failed.
    QByteArray writeShards();
    QTemporaryDir dir_;
    bool shardsWritten_ = false;
};

QByteArray AblateCommandTest::writeShards()
{
    if (shardsWritten_)
        return {};
    for (int k = 1; k <= 3; ++k) {
        const QString path = dir_.filePath(QStringLiteral("shard%1.csv").arg(k));
        const Run shard = runCommand("ablate", gridOptions + QStringList{"--shard", QStringLiteral("%1/3").arg(k), "-o", path});
        if (shard.exitCode != 0)
            return shard.err;
    }
    const Run full = runCommand("ablate", gridOptions + QStringList{"-o", dir_.filePath("full.csv")});
    if (full.exitCode != 0)
        return full.err;
    shardsWritten_ = true;
    return {};
}

void AblateCommandTest::threeShardsMergedEqualOneRunByteForByte()
{
    QCOMPARE(writeShards(), QByteArray());
    const QDir folder(dir_.path());
    // Each shard holds its cells only, under the same header.
    const QByteArray second = readAll(folder.filePath("shard2.csv"));
    QCOMPARE(second.count('\n'), 1 + 5); // cells 1, 4, 7, 10, 13
    QVERIFY(second.startsWith("sampler,loss,recall_at_1,recall_at_1_sd,nmi,map_at_r,collapsed\nuniform,triplet-squared,"));
    // Given in any order, merged into the grid's order.
    const Run merge = runCommand("ablate", {"merge", folder.filePath("shard3.csv"), folder.filePath("shard1.csv"),
                                            folder.filePath("shard2.csv"), "-o", folder.filePath("merged.csv")});
    QVERIFY2(merge.exitCode == 0, merge.err.constData());
    const QByteArray full = readAll(folder.filePath("full.csv"));
    QCOMPARE(full.count('\n'), 1 + 16);
    QCOMPARE(readAll(folder.filePath("merged.csv")), full);
}

void AblateCommandTest::mergeRefusesAnIncompleteOrForeignSet_data()
{
    QTest::addColumn<QStringList>("files");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("a shard missing") << QStringList{"shard1.csv", "shard3.csv"}
                                     << "5 of 16 cells are in none of these files";
    QTest::newRow("a cell twice") << QStringList{"shard1.csv", "shard2.csv", "shard3.csv", "shard2.csv"}
                                  << "shard2.csv line 2: the cell uniform + triplet-squared is also in";
    QTest::newRow("another header") << QStringList{"shard1.csv", "shard2.csv", "shard3.csv", "other.csv"}
                                    << "other.csv: the header is 'sampler,loss,recall_at_1',";
    QTest::newRow("no file") << QStringList{} << "ablate merge needs the shards' CSV files";
}

void AblateCommandTest::mergeRefusesAnIncompleteOrForeignSet()
{
    QFETCH(QStringList, files);
    QFETCH(QString, mentions);
    QCOMPARE(writeShards(), QByteArray());
    const QDir folder(dir_.path());
    QFile other(folder.filePath("other.csv"));
    QVERIFY(other.open(QIODevice::WriteOnly));
    other.write("sampler,loss,recall_at_1\nuniform,margin,0.5\n");
    other.close();
    QStringList arguments{"merge"};
    for (const QString& file : files)
        arguments << folder.filePath(file);
    const QString output = folder.filePath(QStringLiteral("refused %1.csv").arg(QTest::currentDataTag()));
    const Run merge = runCommand("ablate", arguments + QStringList{"-o", output});
    QCOMPARE(merge.exitCode, 2);
    const QByteArray err = merge.err.trimmed();
    QCOMPARE(err.count('\n'), 0);
    QVERIFY2(err.startsWith("sampling-explorer ablate: "), err.constData());
    QVERIFY2(err.contains(mentions.toUtf8()), err.constData());
    QVERIFY(!QFile::exists(output));
}

void AblateCommandTest::aBadShardIsRefused()
{
    for (const QString& shard : {QStringLiteral("0/3"), QStringLiteral("4/3"), QStringLiteral("3"), QStringLiteral("a/b")}) {
        const Run run = runCommand("ablate", gridOptions + QStringList{"--shard", shard, "-o", "-"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.err.contains("--shard must be K/N with 1 <= K <= N"), run.err.constData());
    }
}

QTEST_GUILESS_MAIN(AblateCommandTest)
#include "tst_ablatecommand.moc"
