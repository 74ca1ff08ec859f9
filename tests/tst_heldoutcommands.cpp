// Tests of what the training commands say about the held-out points and score on them, run as a
// user runs them: --eval-sample, the final evaluation of every held-out point, the split named on
// standard error, and Fashion-MNIST from $SME_FASHION_MNIST_DIR (a small stand-in made here).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandRunner.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <vector>

namespace {

using testing::readAll;
using testing::Run;
using testing::runCommand;

void writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(file.write(content), content.size());
}

// An unsigned-byte IDX file: 0x00 0x00 0x08, the number of sizes, the sizes (big-endian), the bytes.
QByteArray idx(const std::vector<quint32>& sizes, const QByteArray& elements)
{
    QByteArray bytes;
    bytes.append(char(0)).append(char(0)).append(char(0x08)).append(char(sizes.size()));
    for (const quint32 size : sizes)
        for (int b = 3; b >= 0; --b)
            bytes.append(char((size >> (8 * b)) & 0xFF));
    return bytes + elements;
}

// A small model on the synthetic data (2,000 held-out points) that trains in a moment.
const QStringList small{"--hidden", "32", "--dim", "16", "--steps", "40", "--eval-every", "20"};

// The CSV's lines after the header.
QList<QByteArray> rowsOf(const QByteArray& csv)
{
    return csv.trimmed().split('\n').mid(1);
}

// Sets an environment variable for the commands run while it lives, and restores it after.
class ScopedEnvironment {
public:
    ScopedEnvironment(const char* name, const QByteArray& value)
        : name_(name), had_(qEnvironmentVariableIsSet(name)), old_(qgetenv(name))
    {
        qputenv(name, value);
    }
    ~ScopedEnvironment()
    {
        if (had_)
            qputenv(name_, old_);
        else
            qunsetenv(name_);
    }

private:
    const char* name_;
    bool had_;
    QByteArray old_;
};

} // namespace

class HeldOutCommandsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();

    void evalSampleAcceptsACountOrAll();
    void badEvalSampleIsRefusedWithOneLine_data();
    void badEvalSampleIsRefusedWithOneLine();
    void helpSaysWhatTheSampleIs();
    void lastRowOfASampledRunScoresEveryHeldOutPoint();
    void unsampledRunSaysNothingAboutASample();
    void everyTrainingCommandNamesTheHeldOutClasses_data();
    void everyTrainingCommandNamesTheHeldOutClasses();
    void fashionMnistTrainsFromItsDirectoryWithClassNames();
    void fashionMnistFiguresTrainOnIt();
    void missingFashionMnistSaysHowToInstallIt();

private:
    QTemporaryDir dir_;
    QString fashion_; // a stand-in for Fashion-MNIST: 10 classes x 6 images of 4 x 4
};

void HeldOutCommandsTest::initTestCase()
{
    QVERIFY(dir_.isValid());
    fashion_ = dir_.filePath("fashion");
    QVERIFY(QDir().mkpath(fashion_));
    QByteArray pixels, labels;
    for (int image = 0; image < 60; ++image) {
        const int label = image % 10; // interleaved, as the real files are
        for (int pixel = 0; pixel < 16; ++pixel)
            pixels += char(label * 20 + (image * 7 + pixel * 3) % 11);
        labels += char(label);
    }
    writeFile(fashion_ + "/train-images-idx3-ubyte", idx({60, 4, 4}, pixels));
    writeFile(fashion_ + "/train-labels-idx1-ubyte", idx({60}, labels));
}

void HeldOutCommandsTest::evalSampleAcceptsACountOrAll()
{
    for (const char* value : {"300", "all", " 7 "}) {
        const Run run = runCommand("train", small + QStringList{"--steps", "0", "--eval-sample", value, "-o", "-"});
        QVERIFY2(run.exitCode == 0, value + QByteArray(": ") + run.err);
        QCOMPARE(rowsOf(run.out).size(), 1);
    }
}

void HeldOutCommandsTest::badEvalSampleIsRefusedWithOneLine_data()
{
    QTest::addColumn<QString>("value");
    QTest::newRow("zero") << "0"; // all is spelled all
    QTest::newRow("negative") << "-5";
    QTest::newRow("word") << "some";
    QTest::newRow("fraction") << "2.5";
    QTest::newRow("empty") << "";
    QTest::newRow("beyond an int") << "99999999999";
}

void HeldOutCommandsTest::badEvalSampleIsRefusedWithOneLine()
{
    QFETCH(QString, value);
    QFile::remove(dir_.filePath("never.csv"));
    for (const char* command : {"train", "race", "ablate"}) {
        const Run run = runCommand(command, {"--eval-sample", value, "--steps", "0", "-o", dir_.filePath("never.csv")});
        QCOMPARE(run.exitCode, 2);
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        QVERIFY2(run.err.contains("--eval-sample expects a number of held-out points") && run.err.contains("or all"),
                 run.err.constData());
        QVERIFY(!QFile::exists(dir_.filePath("never.csv")));
    }
}

void HeldOutCommandsTest::helpSaysWhatTheSampleIs()
{
    for (const char* command : {"train", "race", "ablate"}) {
        const Run run = runCommand(command, {"--help"});
        QCOMPARE(run.exitCode, 0);
        const QByteArray help = run.out.simplified();
        QVERIFY2(help.contains("--eval-sample <N|all>"), command);
        QVERIFY2(help.contains("fixed class-stratified sample"), command);
        QVERIFY2(help.contains("the same points at every evaluation"), command);
    }
    QVERIFY(runCommand("train", {"--help"}).out.simplified().contains("the last row scores every held-out point"));
    QVERIFY(runCommand("race", {"--help"}).out.simplified().contains("each sampler's last row scores every held-out point"));
    QVERIFY(runCommand("ablate", {"--help"}).out.simplified().contains("not of every one"));
}

void HeldOutCommandsTest::lastRowOfASampledRunScoresEveryHeldOutPoint()
{
    // The sample does not change the training (its draws are its own), so the two runs have
    // the same model at every step: the rows before the last score 300 points against 2,000
    // and differ; the last scores all 2,000 in both.
    const Run sampled = runCommand("train", small + QStringList{"--eval-sample", "300", "-o", "-"});
    const Run all = runCommand("train", small + QStringList{"--eval-sample", "all", "-o", "-"});
    QVERIFY2(sampled.exitCode == 0, sampled.err.constData());
    QVERIFY2(all.exitCode == 0, all.err.constData());
    const QList<QByteArray> sampledRows = rowsOf(sampled.out);
    const QList<QByteArray> allRows = rowsOf(all.out);
    QCOMPARE(sampledRows.size(), 3); // steps 0, 20, 40
    QCOMPARE(allRows.size(), 3);
    QCOMPARE(sampledRows.last(), allRows.last());
    for (int row = 0; row < 2; ++row)
        QVERIFY2(sampledRows[row] != allRows[row], sampledRows[row].constData());

    QVERIFY2(sampled.err.contains("train: evaluations every 20 steps on a class-stratified sample of 300 of the "
                                  "2,000 held-out points; the last row on all of them\n"),
             sampled.err.constData());
    QVERIFY2(sampled.err.contains("train: evaluating all 2,000 held-out points ... 0%\n"), sampled.err.constData());
    QVERIFY2(sampled.err.contains("train: evaluating all 2,000 held-out points ... 100%\n"), sampled.err.constData());
    // The full evaluation comes after the steps.
    QVERIFY(sampled.err.indexOf("evaluating all") > sampled.err.indexOf("step 40/40"));
}

void HeldOutCommandsTest::unsampledRunSaysNothingAboutASample()
{
    // The default sample (2,000) holds every held-out point of the synthetic data.
    const Run run = runCommand("train", small + QStringList{"-o", "-"});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(!run.err.contains("sample") && !run.err.contains("evaluating all"), run.err.constData());
}

void HeldOutCommandsTest::everyTrainingCommandNamesTheHeldOutClasses_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("line");
    const QStringList quick{"--hidden", "16", "--dim", "8", "--steps", "0"};
    QTest::newRow("train synthetic") << "train" << quick << "train: synthetic data: training on classes 0-49 (2,000 points), "
                                                            "held out 50-99 (2,000 points)";
    QTest::newRow("race synthetic") << "race" << quick << "race: synthetic data: training on classes 0-49 (2,000 points), "
                                                          "held out 50-99 (2,000 points)";
    QTest::newRow("ablate digits") << "ablate" << quick + QStringList{"--dataset", "digits"}
                                   << "ablate: digits: training on classes 0-4 (901 images), held out 5-9 (896 images)";
}

void HeldOutCommandsTest::everyTrainingCommandNamesTheHeldOutClasses()
{
    QFETCH(QString, command);
    QFETCH(QStringList, arguments);
    QFETCH(QString, line);
    const Run run = runCommand(command, arguments + QStringList{"-o", dir_.filePath(command + ".csv")});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.startsWith(line.toUtf8() + '\n'), run.err.constData());
}

void HeldOutCommandsTest::fashionMnistTrainsFromItsDirectoryWithClassNames()
{
    const ScopedEnvironment location("SME_FASHION_MNIST_DIR", fashion_.toUtf8());
    const Run run = runCommand("train", {"--dataset", "fashion-mnist", "--hidden", "16", "--dim", "8", "--steps", "10",
                                         "--eval-every", "5", "--eval-sample", "10", "-o", "-"});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(rowsOf(run.out).size(), 3);
    QVERIFY2(run.err.startsWith("train: Fashion-MNIST: training on classes 0-4 (T-shirt/top, Trouser, Pullover, "
                                "Dress, Coat; 30 images), held out 5-9 (Sandal, Shirt, Sneaker, Bag, Ankle boot; "
                                "30 images)\n"),
             run.err.constData());
    QVERIFY2(run.err.contains("on a class-stratified sample of 10 of the 30 held-out points"), run.err.constData());
    QVERIFY2(run.err.contains("train: evaluating all 30 held-out points"), run.err.constData());
    QVERIFY2(!run.err.contains("loading"), run.err.constData()); // a quick load says nothing
}

void HeldOutCommandsTest::fashionMnistFiguresTrainOnIt()
{
    const ScopedEnvironment location("SME_FASHION_MNIST_DIR", fashion_.toUtf8());
    for (const char* view : {"training", "embedding"}) {
        const QString path = dir_.filePath(QString("fashion-%1.svg").arg(view));
        const Run run = runCommand("figure", {view, "--dataset", "fashion-mnist", "--dim", "8", "--steps", "10",
                                              "--eval-every", "5", "-o", path});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(readAll(path).contains("<svg"), view);
    }
    // The map's legend calls the held-out classes by their names.
    const QByteArray map = readAll(dir_.filePath("fashion-embedding.svg"));
    for (const char* name : {"Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"})
        QVERIFY2(map.contains(name), name);
    QVERIFY(!map.contains("class 5"));
}

void HeldOutCommandsTest::missingFashionMnistSaysHowToInstallIt()
{
    const QString empty = dir_.filePath("no-fashion");
    QVERIFY(QDir().mkpath(empty));
    const ScopedEnvironment location("SME_FASHION_MNIST_DIR", empty.toUtf8());
    for (const char* command : {"train", "race", "ablate", "figure"}) {
        const QStringList arguments = QString(command) == "figure"
            ? QStringList{"training", "--dataset", "fashion-mnist", "-o", dir_.filePath("never.svg")}
            : QStringList{"--dataset", "fashion-mnist", "-o", dir_.filePath("never.csv")};
        const Run run = runCommand(command, arguments);
        QCOMPARE(run.exitCode, 2);
        const QByteArray last = run.err.trimmed().split('\n').last(); // after Qt's own notes, if any
        QVERIFY2(last.startsWith("sampling-explorer " + QByteArray(command) + ": Fashion-MNIST is not installed")
                     && last.contains(empty.toUtf8()) && last.contains("apt install dataset-fashion-mnist"),
                 run.err.constData());
    }
}

QTEST_GUILESS_MAIN(HeldOutCommandsTest)
#include "tst_heldoutcommands.moc"
