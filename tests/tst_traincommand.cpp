// Tests of `sampling-explorer train` and `ablate`, run as a user runs them: the real executable.
// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDir>
#include "BadFiles.h"
#include "CommandRunner.h"

#include <QFile>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QRegularExpression>
#include <QtTest>
#include <cmath>
#include <optional>
#include <vector>

namespace {

using testing::readAll;
using testing::Run;

// command is "train" or "ablate".
Run run(const QString& command, const QStringList& arguments)
{
    return testing::runCommand(command, arguments);
}

void writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    QCOMPARE(file.write(content), content.size());
}

// The lines of a CSV text, each split into its cells; the header is row 0.
QList<QList<QByteArray>> cellsOf(const QByteArray& csv)
{
    QList<QList<QByteArray>> rows;
    for (const QByteArray& line : csv.trimmed().split('\n'))
        rows.append(line.split(','));
    return rows;
}

// The number in a cell; NaN when it holds none.
double numberIn(const QByteArray& cell)
{
    bool ok = false;
    const double value = cell.toDouble(&ok);
    return ok ? value : std::nan("");
}

void appendBigEndian(QByteArray& bytes, quint32 value)
{
    for (int b = 3; b >= 0; --b)
        bytes.append(char((value >> (8 * b)) & 0xFF));
}

// An unsigned-byte IDX file: 0x00 0x00 0x08, the number of sizes, the sizes, then the bytes.
QByteArray idx(const std::vector<quint32>& sizes, const QByteArray& elements = {})
{
    QByteArray bytes;
    bytes.append(char(0)).append(char(0)).append(char(0x08)).append(char(sizes.size()));
    for (const quint32 size : sizes)
        appendBigEndian(bytes, size);
    return bytes + elements;
}

// A small model that trains in a fraction of a second.
const QStringList small{"--hidden", "32", "--dim", "16", "--steps", "40", "--eval-every", "20"};

const QByteArray trainHeader =
    "step,loss,active_fraction,beta,recall_at_1,recall_at_2,recall_at_4,recall_at_8,nmi,map_at_r,spread";
const QByteArray ablateHeader = "sampler,loss,recall_at_1,recall_at_1_sd,nmi,map_at_r,collapsed";
// 16 cells x 2 seeds x 5 steps: every run is short, the cost is in the evaluations.
const QStringList ablateOptions{"--hidden", "16", "--dim", "8", "--steps", "5", "--seeds", "2"};

} // namespace

class TrainCommandTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();

    void writesOneRowPerEvaluationAndTheLastStep_data();
    void writesOneRowPerEvaluationAndTheLastStep();
    void dashWritesCsvToStandardOutputAndProgressToStandardError();
    void sameOptionsAndSeedGiveIdenticalCsv();
    void anotherSeedGivesAnotherRun_data();
    void anotherSeedGivesAnotherRun();
    void digitsHeldOutAreRetrievedWellBeforeTraining();
    void presetRunsTheParametersItNames();
    void labelNoiseChangesTrainingNotTheHeldOutTruth();
    void collapsedModelScoresChanceAndIsNamed();
    void validSmallFileTrains_data();
    void validSmallFileTrains();
    void malformedDataFileIsRefusedNamingFileAndProblem_data();
    void malformedDataFileIsRefusedNamingFileAndProblem();
    void badOptionIsRefusedWithOneLine_data();
    void badOptionIsRefusedWithOneLine();
    void divergenceExitsThreeAndKeepsTheRowsBeforeIt();
    void stalledRunSaysSoOnceOnStandardError();
    void unwritableOutputExitsOneAndCreatesNothing_data();
    void unwritableOutputExitsOneAndCreatesNothing();

    void ablateWritesEverySamplerAndLossOnce();
    void ablateMarkdownPrintsTheTableOnStandardOutput();
    void ablateIsDeterministicDespiteThreads();
    void ablatePresetRunsItsDataWithEachLossAtItsAlpha();
    void ablateBadOptionIsRefused_data();
    void ablateBadOptionIsRefused();

private:
    // The CSV of `train` with the small options and seed 1, run once and kept.
    QByteArray baselineCsv();
    // `ablate` with ablateOptions and -o FILE, run once and kept (the longest run here), and
    // the CSV it wrote.
    struct AblateResult {
        Run run;
        QByteArray csv;
    };
    const AblateResult& ablateRun();

    QTemporaryDir dir_;
    QByteArray baseline_;
    std::optional<AblateResult> ablate_;
};

void TrainCommandTest::initTestCase()
{
    QVERIFY(dir_.isValid());
    QDir root(dir_.path());

    // Valid: 6 classes x 8 rows of 5 features, labels in the last column, under a header; each
    // class a centre with a fixed scatter around it.
    QByteArray csv = "f1,f2,f3,f4,f5,label\n";
    for (int c = 0; c < 6; ++c)
        for (int i = 0; i < 8; ++i) {
            for (int j = 0; j < 5; ++j) {
                const double centre = (c * 5 + j) * 37 % 11 / 5.0;
                csv += QByteArray::number(centre + 0.3 * std::sin(1.0 + i * 5 + j * 3 + c * 17)) + ',';
            }
            csv += QByteArray::number(c) + '\n';
        }
    writeFile(root.filePath("valid.csv"), csv);
    // Valid IDX: 6 classes x 8 images of 2 x 2 pixels, each class around its own grey level.
    QVERIFY(root.mkpath("valid-idx"));
    QByteArray pixels, labels;
    for (int c = 0; c < 6; ++c)
        for (int i = 0; i < 8; ++i) {
            for (int j = 0; j < 4; ++j)
                pixels += char(c * 40 + (i * 5 + j * 3) % 8);
            labels += char(c);
        }
    writeFile(root.filePath("valid-idx/train-images-idx3-ubyte"), idx({48, 2, 2}, pixels));
    writeFile(root.filePath("valid-idx/train-labels-idx1-ubyte"), idx({48}, labels));
    // The same, gzip-compressed, as MNIST-like sets and CSV files are distributed.
    writeFile(root.filePath("valid.csv.gz"), badfiles::gzipped(csv));
    QVERIFY(root.mkpath("valid-idx-gz"));
    writeFile(root.filePath("valid-idx-gz/train-images-idx3-ubyte.gz"), badfiles::gzipped(idx({48, 2, 2}, pixels)));
    writeFile(root.filePath("valid-idx-gz/train-labels-idx1-ubyte.gz"), badfiles::gzipped(idx({48}, labels)));

    // Malformed CSV files.
    writeFile(root.filePath("empty.csv"), "");
    writeFile(root.filePath("not-a-number.csv"), "1,2,0\n3,abc,1\n5,6,2\n");
    writeFile(root.filePath("one-class.csv"), "1,2,7\n3,4,7\n5,6,7\n");
    writeFile(root.filePath("ragged.csv"), "1,2,0\n3,4,1\n5,1\n");
    writeFile(root.filePath("nan.csv"), "1,2,0\nnan,4,1\n5,6,2\n");

    // Malformed IDX files, each in its own folder under the MNIST names, a labels file beside.
    const QByteArray fourLabels = idx({4}, QByteArray("\0\1\2\3", 4));
    const QByteArray sixteenPixels(16, char(9));
    const struct {
        const char* folder;
        QByteArray images;
        QByteArray labels;
    } idxCases[] = {
        {"wrong-magic", QByteArray(1, char(1)) + idx({4, 2, 2}, sixteenPixels).mid(1), fourLabels},
        {"truncated", idx({4, 2, 2}, sixteenPixels.left(10)), fourLabels},
        {"label-mismatch", idx({4, 2, 2}, sixteenPixels), idx({3}, QByteArray("\0\1\2", 3))},
        {"huge", idx({60000, 100000, 100000}), fourLabels},
    };
    for (const auto& c : idxCases) {
        QVERIFY(root.mkpath(c.folder));
        writeFile(root.filePath(QString(c.folder) + "/train-images-idx3-ubyte"), c.images);
        writeFile(root.filePath(QString(c.folder) + "/train-labels-idx1-ubyte"), c.labels);
    }
    QVERIFY(root.mkpath("gz"));
    writeFile(root.filePath("gz/train-images-idx3-ubyte.gz"), QByteArray("\x1f\x8b\x08\x00", 4));
    writeFile(root.filePath("gz/train-labels-idx1-ubyte.gz"), QByteArray("\x1f\x8b\x08\x00", 4));

    writeFile(root.filePath("notes.txt"), "1,2,0\n3,4,1\n");
}

QByteArray TrainCommandTest::baselineCsv()
{
    if (baseline_.isEmpty()) {
        const Run result = run("train", small + QStringList{"-o", "-"});
        if (result.exitCode == 0)
            baseline_ = result.out;
    }
    return baseline_;
}

const TrainCommandTest::AblateResult& TrainCommandTest::ablateRun()
{
    if (!ablate_) {
        const QString path = dir_.filePath("ablate.csv");
        const Run result = run("ablate", ablateOptions + QStringList{"-o", path});
        ablate_ = AblateResult{result, readAll(path)};
    }
    return *ablate_;
}

void TrainCommandTest::writesOneRowPerEvaluationAndTheLastStep_data()
{
    QTest::addColumn<int>("steps");
    QTest::addColumn<int>("evalEvery");
    QTest::addColumn<QList<int>>("rowSteps");
    QTest::newRow("on the grid") << 40 << 20 << QList<int>{0, 20, 40};
    QTest::newRow("last step off the grid") << 45 << 20 << QList<int>{0, 20, 40, 45};
    QTest::newRow("every step") << 3 << 1 << QList<int>{0, 1, 2, 3};
    QTest::newRow("evaluation beyond the end") << 10 << 100 << QList<int>{0, 10};
    QTest::newRow("no training") << 0 << 20 << QList<int>{0};
}

void TrainCommandTest::writesOneRowPerEvaluationAndTheLastStep()
{
    QFETCH(int, steps);
    QFETCH(int, evalEvery);
    QFETCH(QList<int>, rowSteps);
    const QString path = dir_.filePath(QStringLiteral("rows-%1-%2.csv").arg(steps).arg(evalEvery));
    const Run result = run("train", {"--hidden", "32", "--dim", "16", "--steps", QString::number(steps),
                                     "--eval-every", QString::number(evalEvery), "-o", path});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.out.isEmpty());

    const QList<QList<QByteArray>> rows = cellsOf(readAll(path));
    QCOMPARE(rows.first().join(','), trainHeader);
    QCOMPARE(rows.size(), rowSteps.size() + 1);
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QList<QByteArray>& cells = rows[r];
        const QByteArray line = cells.join(',');
        QCOMPARE(cells.size(), 11);
        QCOMPARE(cells[0], QByteArray::number(rowSteps[r - 1]));
        // The spread of unit vectors: an RMS distance over sqrt 2, at most 2 / sqrt 2.
        QVERIFY2(numberIn(cells[10]) > 0.0 && numberIn(cells[10]) <= std::sqrt(2.0), line.constData());
        if (r == 1) {
            // Step 0 is before training: no loss, no active fraction, beta at its start, beta0.
            QVERIFY2(cells[1].isEmpty() && cells[2].isEmpty(), line.constData());
            QCOMPARE(numberIn(cells[3]), 1.2);
        } else {
            QVERIFY2(numberIn(cells[1]) >= 0.0, line.constData());
            QVERIFY2(numberIn(cells[2]) >= 0.0 && numberIn(cells[2]) <= 1.0, line.constData());
        }
        for (qsizetype c = r == 1 ? 3 : 1; c < cells.size(); ++c)
            QVERIFY2(std::isfinite(numberIn(cells[c])), line.constData());
        // Recall@K is a fraction, and a larger K can only find more.
        QVERIFY2(numberIn(cells[4]) >= 0.0 && numberIn(cells[7]) <= 1.0, line.constData());
        for (int c = 4; c < 7; ++c)
            QVERIFY2(numberIn(cells[c]) <= numberIn(cells[c + 1]), line.constData());
        for (int c : {8, 9}) // NMI and MAP@R are fractions too
            QVERIFY2(numberIn(cells[c]) >= 0.0 && numberIn(cells[c]) <= 1.0, line.constData());
    }
}

void TrainCommandTest::dashWritesCsvToStandardOutputAndProgressToStandardError()
{
    const Run result = run("train", small + QStringList{"-o", "-"});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.out.startsWith(trainHeader + '\n'));
    QCOMPARE(result.out.count('\n'), 4); // header and steps 0, 20, 40
    QVERIFY(!result.out.contains("train:"));

    // The split first (tst_heldoutcommands checks it), then the progress.
    QList<QByteArray> progress = result.err.trimmed().split('\n');
    QVERIFY(progress.takeFirst().startsWith("train: synthetic data: training on classes "));
    QVERIFY(!progress.isEmpty());
    for (const QByteArray& line : progress)
        QVERIFY2(line.startsWith("train: step "), line.constData());
    QCOMPARE(progress.last(), QByteArray("train: step 40/40"));

    // The same run to a file writes the same bytes.
    const QString path = dir_.filePath("dash.csv");
    const Run toFile = run("train", small + QStringList{"-o", path});
    QCOMPARE(toFile.exitCode, 0);
    QVERIFY(toFile.out.isEmpty());
    QCOMPARE(readAll(path), result.out);
}

void TrainCommandTest::sameOptionsAndSeedGiveIdenticalCsv()
{
    const QByteArray first = baselineCsv();
    QVERIFY(!first.isEmpty());
    const Run second = run("train", small + QStringList{"-o", "-"});
    QCOMPARE(second.exitCode, 0);
    QCOMPARE(second.out, first);
}

void TrainCommandTest::presetRunsTheParametersItNames()
{
    // hard-negatives-collapse names the loss, n and the nuisance level; the rest are the
    // window's defaults (alpha 0.2 for every loss, as the window has it). The options given
    // override the preset's (here the steps and the network's size).
    const Run preset = run("train", QStringList{"--preset", "hard-negatives-collapse"} + small + QStringList{"-o", "-"});
    const Run spelled = run("train", QStringList{"--loss", "triplet-squared", "--data-noise", "3", "--alpha", "0.2",
                                                 "--sampler", "distance-weighted"}
                                         + small + QStringList{"-o", "-"});
    QCOMPARE(preset.exitCode, 0);
    QCOMPARE(spelled.exitCode, 0);
    QCOMPARE(preset.out, spelled.out);
}

void TrainCommandTest::labelNoiseChangesTrainingNotTheHeldOutTruth()
{
    // Wrong training labels: the same step 0 (same weights, held-out labels untouched), then
    // other batches and other steps.
    const QByteArray baseline = baselineCsv();
    const Run result = run("train", small + QStringList{"--label-noise", "0.2", "-o", "-"});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QCOMPARE(cellsOf(result.out)[1], cellsOf(baseline)[1]);
    QVERIFY(cellsOf(result.out)[2] != cellsOf(baseline)[2]);
}

void TrainCommandTest::collapsedModelScoresChanceAndIsNamed()
{
    // Every feature equal: every embedding is the same point, whatever the model. 6 classes
    // of 20, 3 held out: a query's 59 others are all tied, 19 of its class, so Recall@1 is
    // 19/59 (chance; it was 1 when ties went to the query), NMI 0 and the spread 0.
    QByteArray text;
    for (int label = 0; label < 6; ++label)
        for (int i = 0; i < 20; ++i)
            text += "1,1,1,1,1," + QByteArray::number(label) + "\n";
    const QString path = dir_.filePath(QStringLiteral("all-equal.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(text) == text.size());
    file.close();
    const Run result = run("train", {"--dataset", path, "--hidden", "8", "--dim", "4", "--batch-classes", "3",
                                     "--steps", "10", "--eval-every", "5", "-o", "-"});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QList<QList<QByteArray>> rows = cellsOf(result.out);
    QCOMPARE(rows.size(), 4);
    for (qsizetype r = 1; r < rows.size(); ++r) {
        QVERIFY2(std::abs(numberIn(rows[r][4]) - 19.0 / 59.0) < 1e-12, rows[r].join(',').constData());
        QCOMPARE(numberIn(rows[r][8]), 0.0);  // nmi
        QCOMPARE(numberIn(rows[r][10]), 0.0); // spread
    }
    QVERIFY2(result.err.contains("the model collapsed at step 0 and ended collapsed"), result.err.constData());
}

void TrainCommandTest::anotherSeedGivesAnotherRun_data()
{
    QTest::addColumn<QStringList>("change");
    QTest::newRow("weights and batches") << QStringList{"--seed", "2"};
    QTest::newRow("synthetic data") << QStringList{"--data-seed", "2"};
    QTest::newRow("synthetic nuisance level") << QStringList{"--data-noise", "0.5"};
    QTest::newRow("a lesson's parameters") << QStringList{"--preset", "hard-negatives-collapse"};
}

void TrainCommandTest::anotherSeedGivesAnotherRun()
{
    QFETCH(QStringList, change);
    const QByteArray baseline = baselineCsv();
    QVERIFY(!baseline.isEmpty());
    const Run result = run("train", small + change + QStringList{"-o", "-"});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.out.startsWith(trainHeader + '\n'));
    QCOMPARE(result.out.count('\n'), baseline.count('\n'));
    // Already the untrained network of step 0 sees other weights or other data.
    QVERIFY(cellsOf(result.out)[1] != cellsOf(baseline)[1]);
    QVERIFY(result.out != baseline);
}

void TrainCommandTest::digitsHeldOutAreRetrievedWellBeforeTraining()
{
    // A random linear map of the 64 standardised pixels to 64 dimensions keeps their distances
    // up to a modest distortion (a narrow ReLU network would not: hidden 32, n = 16 gives
    // 0.85-0.88), and raw pixel distances already separate the digits: nearest-neighbour
    // Recall@1 on optdigits is about 0.97, for every seed of the map.
    const Run result = run("train", {"--dataset", "digits", "--hidden", "none", "--dim", "64",
                                     "--steps", "20", "--eval-every", "20", "-o", "-"});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QList<QList<QByteArray>> rows = cellsOf(result.out);
    QCOMPARE(rows.size(), 3); // header, steps 0 and 20
    const double recallAtStart = numberIn(rows[1][4]);
    QVERIFY2(recallAtStart > 0.9, rows[1].join(',').constData());
    // Held out are the digits 5-9 of the 1797: 182 + 181 + 179 + 174 + 180 = 896 examples, so
    // Recall@1 is a whole number of 896ths.
    const double hits = recallAtStart * 896.0;
    QVERIFY2(std::abs(hits - std::round(hits)) < 1e-9, rows[1].join(',').constData());
    QVERIFY(std::isfinite(numberIn(rows[2][4])));
}

void TrainCommandTest::validSmallFileTrains_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("csv with a header") << "valid.csv";
    QTest::newRow("idx images and labels") << "valid-idx/train-images-idx3-ubyte";
    QTest::newRow("gzip csv") << "valid.csv.gz";
    QTest::newRow("gzip idx images and labels") << "valid-idx-gz/train-images-idx3-ubyte.gz";
}

void TrainCommandTest::validSmallFileTrains()
{
    QFETCH(QString, file);
    const Run result = run("train", {"--dataset", dir_.filePath(file), "--hidden", "8", "--dim", "4",
                                     "--batch-classes", "3", "--batch-k", "4", "--steps", "10",
                                     "--eval-every", "5", "-o", "-"});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QList<QList<QByteArray>> rows = cellsOf(result.out);
    QCOMPARE(rows.size(), 4); // header, steps 0, 5, 10
    for (qsizetype r = 1; r < rows.size(); ++r)
        QVERIFY2(numberIn(rows[r][4]) >= 0.0 && numberIn(rows[r][7]) <= 1.0,
                 rows[r].join(',').constData());
    // Held out are the last 3 classes of 8 examples: Recall@1 is a whole number of 24ths.
    const double hits = numberIn(rows[1][4]) * 24.0;
    QVERIFY2(std::abs(hits - std::round(hits)) < 1e-9, rows[1].join(',').constData());
}

void TrainCommandTest::malformedDataFileIsRefusedNamingFileAndProblem_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("empty csv") << "empty.csv" << "empty.csv: empty file";
    QTest::newRow("non-numeric cell")
        << "not-a-number.csv" << "not-a-number.csv: line 2, column 2: 'abc' is not a number";
    QTest::newRow("one class only")
        << "one-class.csv" << "one-class.csv: only one class (7): retrieval needs at least two";
    QTest::newRow("rows of different lengths")
        << "ragged.csv" << "ragged.csv: line 3 has 2 columns, expected 3 as on line 1";
    QTest::newRow("NaN cell") << "nan.csv" << "nan.csv: line 2, column 1: non-finite value 'nan'";
    QTest::newRow("idx wrong magic") << "wrong-magic/train-images-idx3-ubyte"
                                     << "train-images-idx3-ubyte: wrong magic number";
    QTest::newRow("idx truncated images")
        << "truncated/train-images-idx3-ubyte"
        << "train-images-idx3-ubyte: truncated: the header declares 4 x 2 x 2 bytes but the file "
           "has 10 after the 16-byte header";
    QTest::newRow("idx label count mismatch") << "label-mismatch/train-images-idx3-ubyte"
                                              << "train-labels-idx1-ubyte: 3 labels for 4 images";
    QTest::newRow("idx huge declared size")
        << "huge/train-images-idx3-ubyte"
        << "train-images-idx3-ubyte: the header declares 60000 x 100000 x 100000 values, more "
           "than the 2147483647 this program can hold";
    QTest::newRow("idx gzip truncated")
        << "gz/train-images-idx3-ubyte.gz"
        << "train-images-idx3-ubyte.gz: truncated gzip file";
    QTest::newRow("idx labels given as the data")
        << "label-mismatch/train-labels-idx1-ubyte"
        << "train-labels-idx1-ubyte: a labels file: open its images, train-images-idx3-ubyte, instead";
    QTest::newRow("no such file") << "no-such-data.csv" << "no-such-data.csv: no such file";
    QTest::newRow("neither csv nor idx")
        << "notes.txt" << "notes.txt: not a .csv (or .csv.gz) file, and no IDX labels file beside it";
}

void TrainCommandTest::malformedDataFileIsRefusedNamingFileAndProblem()
{
    QFETCH(QString, file);
    QFETCH(QString, mentions);
    const QString output = dir_.filePath("refused.csv");
    const Run result = run("train", small + QStringList{"--dataset", dir_.filePath(file), "-o", output});
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    const QByteArray err = result.err.trimmed();
    QCOMPARE(err.count('\n'), 0); // one line
    QVERIFY2(err.startsWith("sampling-explorer train: "), err.constData());
    QVERIFY2(err.contains(mentions.toUtf8()), err.constData());
    QVERIFY(!QFile::exists(output));
}

void TrainCommandTest::badOptionIsRefusedWithOneLine_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    const QStringList toStdout{"-o", "-"};
    QTest::newRow("unknown sampler") << QStringList{"--sampler", "random"} + toStdout
                                     << "unknown sampler 'random'";
    QTest::newRow("unknown loss") << QStringList{"--loss", "hinge"} + toStdout << "unknown loss 'hinge'";
    QTest::newRow("unknown preset") << QStringList{"--preset", "nope"} + toStdout
                                    << "no preset 'nope' (the presets are distances-concentrate, ";
    QTest::newRow("label noise over 0.9") << QStringList{"--label-noise", "0.95"} + toStdout
                                          << "the label noise is a share between 0 and 0.9, not 0.95";
    QTest::newRow("dim 1") << QStringList{"--dim", "1"} + toStdout
                           << "the embedding dimension must be between 2 and 1024, got 1";
    QTest::newRow("dim 1025") << QStringList{"--dim", "1025"} + toStdout
                              << "the embedding dimension must be between 2 and 1024, got 1025";
    QTest::newRow("lr 0") << QStringList{"--lr", "0"} + toStdout
                          << "the learning rate must be a finite number > 0";
    QTest::newRow("lr -1") << QStringList{"--lr", "-1"} + toStdout
                           << "the learning rate must be a finite number > 0";
    QTest::newRow("lr nan") << QStringList{"--lr", "nan"} + toStdout
                            << "--lr expects a finite number, got 'nan'";
    QTest::newRow("steps -1") << QStringList{"--steps", "-1"} + toStdout << "--steps must be >= 0";
    QTest::newRow("eval-every 0") << QStringList{"--eval-every", "0"} + toStdout
                                  << "--eval-every must be >= 1";
    QTest::newRow("batch-k 0") << QStringList{"--batch-k", "0"} + toStdout
                               << "examples per class (K), got 0";
    QTest::newRow("hidden 0") << QStringList{"--hidden", "0"} + toStdout
                              << "a hidden layer must have between 1 and 4096 units, got 0";
    QTest::newRow("hidden abc") << QStringList{"--hidden", "abc"} + toStdout
                                << "--hidden expects whole numbers separated by commas, or none, got 'abc'";
    QTest::newRow("missing -o") << QStringList{} << "missing -o FILE";
    QTest::newRow("unknown option") << QStringList{"--frobnicate"} + toStdout << "'frobnicate'";
    QTest::newRow("stray argument") << QStringList{"extra"} + toStdout << "unexpected argument 'extra'";
    // --noise is the gradient noise sigma (data, figure); the data's nuisance level has its own name.
    QTest::newRow("noise") << QStringList{"--noise", "0.5"} + toStdout << "use --data-noise";
    QTest::newRow("data-noise of digits") << QStringList{"--dataset", "digits", "--data-noise", "0.5"} + toStdout
                                          << "--data-noise applies only to the synthetic data set";
    QTest::newRow("data-noise nan") << QStringList{"--data-noise", "nan"} + toStdout
                                    << "--data-noise expects a finite number, got 'nan'";
}

void TrainCommandTest::badOptionIsRefusedWithOneLine()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    // After the small options: the last value given for an option is the one that counts.
    const Run result = run("train", small + arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    const QByteArray err = result.err.trimmed();
    QCOMPARE(err.count('\n'), 0); // one line, and no training started
    QVERIFY2(err.startsWith("sampling-explorer train: "), err.constData());
    QVERIFY2(err.contains(mentions.toUtf8()), err.constData());
}

void TrainCommandTest::divergenceExitsThreeAndKeepsTheRowsBeforeIt()
{
    // Adam moves every weight by about lr per step: at lr 1000 the weights pass the runaway
    // bound of 1e4 within some tens of steps, long before the 400 asked for.
    QTemporaryDir folder(dir_.filePath("diverged-XXXXXX"));
    QVERIFY(folder.isValid());
    const QString path = folder.filePath("run.csv");
    const Run result = run("train", {"--hidden", "32", "--dim", "16", "--lr", "1000", "--steps", "400",
                                     "--eval-every", "5", "-o", path});
    QCOMPARE(result.exitCode, 3);
    const QByteArray lastLine = result.err.trimmed().split('\n').last();
    QVERIFY2(lastLine.startsWith("sampling-explorer train: "), result.err.constData());
    QVERIFY2(lastLine.contains("diverged"), result.err.constData());

    const QList<QList<QByteArray>> rows = cellsOf(readAll(path));
    QCOMPARE(rows.first().join(','), trainHeader);
    QVERIFY(rows.size() >= 2);
    QCOMPARE(rows[1][0], QByteArray("0"));
    for (qsizetype r = 1; r < rows.size(); ++r) {
        // Only the evaluations before the divergence: on the grid of 5, short of the end.
        const double step = numberIn(rows[r][0]);
        QCOMPARE(step, 5.0 * double(r - 1));
        QVERIFY(step < 400.0);
        for (qsizetype c = 3; c < rows[r].size(); ++c)
            QVERIFY2(std::isfinite(numberIn(rows[r][c])), rows[r].join(',').constData());
    }
    // Written atomically: the file and nothing else (no temporary left beside it).
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{"run.csv"});
}

void TrainCommandTest::stalledRunSaysSoOnceOnStandardError()
{
    // On the digits' five training classes a margin of 0 is soon met by every sampled pair: the
    // run stalls (200 steps without an active pair mark it). The step depends on the rounding
    // of the build (928 for GCC -march=native, 1024 for x86-64-v3, 988 in the sanitizer build),
    // so the test reads it from what the program says and checks the rows against it.
    const QStringList stalling{"--dataset", "digits", "--loss", "margin", "--alpha", "0", "--lr", "0.003",
                               "--eval-every", "100", "-o", "-"};
    const Run stalled = run("train", stalling + QStringList{"--steps", "2000"});
    QVERIFY2(stalled.exitCode == 0, stalled.err.constData());
    const QList<QList<QByteArray>> rows = cellsOf(stalled.out);
    QCOMPARE(rows.size(), 22); // header, steps 0 to 2000
    QCOMPARE(stalled.err.count("stalled at step"), 1); // once, not at every evaluation
    const QRegularExpressionMatch said = QRegularExpression(
        QStringLiteral("sampling-explorer train: the model stalled at step (\\d+) and was still stalled at the end"))
        .match(QString::fromUtf8(stalled.err));
    QVERIFY2(said.hasMatch(), stalled.err.constData());
    const int stallStep = said.captured(1).toInt();
    QVERIFY2(stallStep > 300 && stallStep <= 1700, stalled.err.constData());
    // Every evaluation whose 100 steps all come after the stall saw not one active pair.
    int inactiveRows = 0;
    for (qsizetype r = 1; r < rows.size(); ++r)
        if (numberIn(rows[r][0]) - 100.0 >= stallStep) {
            QVERIFY2(numberIn(rows[r][2]) == 0.0, rows[r].join(',').constData());
            ++inactiveRows;
        }
    QVERIFY(inactiveRows >= 2);
    for (const char* said : {"the loss is zero, there is no gradient", "--alpha", "contrastive"})
        QVERIFY2(stalled.err.contains(said), said);

    // The same run before it stalls says nothing of a stall.
    const Run learning = run("train", stalling + QStringList{"--steps", "300"});
    QVERIFY2(learning.exitCode == 0, learning.err.constData());
    QVERIFY2(!learning.err.contains("stalled"), learning.err.constData());
}

void TrainCommandTest::unwritableOutputExitsOneAndCreatesNothing_data()
{
    // Root ignores permissions, so these are the unwritable targets every user gets.
    QTest::addColumn<QString>("output");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("missing folder") << "no/such/folder/out.csv" << "cannot write";
    QTest::newRow("a directory") << "" << "is a directory";
}

void TrainCommandTest::unwritableOutputExitsOneAndCreatesNothing()
{
    QFETCH(QString, output);
    QFETCH(QString, mentions);
    QTemporaryDir folder(dir_.filePath("unwritable-XXXXXX"));
    QVERIFY(folder.isValid());
    const QString path = output.isEmpty() ? folder.path() : folder.filePath(output);
    const Run result = run("train", {"--hidden", "32", "--dim", "16", "--steps", "0", "-o", path});
    QCOMPARE(result.exitCode, 1);
    const QByteArray err = result.err.trimmed();
    QCOMPARE(err.count('\n'), 0);
    QVERIFY2(err.startsWith("sampling-explorer train: "), err.constData());
    QVERIFY2(err.contains(mentions.toUtf8()), err.constData());
    QVERIFY(err.contains(QFile::encodeName(path)));
    QVERIFY(QDir(folder.path()).isEmpty(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot));
}

void TrainCommandTest::ablateWritesEverySamplerAndLossOnce()
{
    const Run& result = ablateRun().run;
    QVERIFY2(result.exitCode == 0, result.err.constData());
    QVERIFY(result.out.isEmpty()); // the table goes to the file only
    QList<QByteArray> progress = result.err.trimmed().split('\n');
    QVERIFY(progress.takeFirst().startsWith("ablate: synthetic data: training on classes ")); // the split
    QCOMPARE(progress.size(), 32); // then one line per run, on standard error
    QVERIFY(progress.contains("ablate: 32/32 runs done"));

    const QList<QList<QByteArray>> rows = cellsOf(ablateRun().csv);
    QCOMPARE(rows.first().join(','), ablateHeader);
    QCOMPARE(rows.size(), 1 + 16);
    const QSet<QByteArray> samplers{"uniform", "hard", "semi-hard", "distance-weighted"};
    const QSet<QByteArray> losses{"contrastive", "triplet-squared", "triplet", "margin"};
    QSet<QByteArray> seen;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QList<QByteArray>& cells = rows[r];
        const QByteArray line = cells.join(',');
        QCOMPARE(cells.size(), 7);
        QVERIFY2(samplers.contains(cells[0]) && losses.contains(cells[1]), line.constData());
        seen.insert(cells[0] + '+' + cells[1]);
        for (int c = 2; c < 7; ++c)
            QVERIFY2(std::isfinite(numberIn(cells[c])), line.constData());
        for (int c : {2, 4, 5}) // Recall@1, NMI and MAP@R: fractions
            QVERIFY2(numberIn(cells[c]) >= 0.0 && numberIn(cells[c]) <= 1.0, line.constData());
        QVERIFY2(numberIn(cells[3]) >= 0.0, line.constData()); // a standard deviation
        QVERIFY2(numberIn(cells[6]) >= 0 && numberIn(cells[6]) <= 2, line.constData()); // collapsed seeds
    }
    QCOMPARE(seen.size(), 16); // each of the 16 combinations exactly once
}

void TrainCommandTest::ablateMarkdownPrintsTheTableOnStandardOutput()
{
    // The digits: half the held-out examples of the synthetic data, a quarter of the cost.
    const Run result = run("ablate", {"--dataset", "digits", "--hidden", "16", "--dim", "8",
                                      "--steps", "5", "--markdown"});
    QVERIFY2(result.exitCode == 0, result.err.constData());
    const QList<QByteArray> lines = result.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2 + 16);
    QCOMPARE(lines[0], QByteArray("| sampler | loss | recall_at_1 | recall_at_1_sd | nmi | map_at_r | collapsed |"));
    QVERIFY2(lines[1].startsWith("| --- | --- | ---: |"), lines[1].constData());
    QSet<QByteArray> seen;
    for (qsizetype i = 2; i < lines.size(); ++i) {
        QVERIFY2(lines[i].startsWith("| ") && lines[i].endsWith(" |"), lines[i].constData());
        const QList<QByteArray> cells = lines[i].mid(2, lines[i].size() - 4).split('|');
        QCOMPARE(cells.size(), 7);
        seen.insert(cells[0].trimmed() + '+' + cells[1].trimmed());
        for (int c = 2; c < 7; ++c)
            QVERIFY2(std::isfinite(numberIn(cells[c].trimmed())), lines[i].constData());
    }
    QCOMPARE(seen.size(), 16);
}

void TrainCommandTest::ablateIsDeterministicDespiteThreads()
{
    // Runs finish in whatever order the threads take them; the table must not show it. The
    // second run writes to standard output: the same bytes as the file of the first.
    const AblateResult& first = ablateRun();
    QVERIFY2(first.run.exitCode == 0, first.run.err.constData());
    QVERIFY(first.csv.startsWith(ablateHeader + '\n'));
    const Run second = run("ablate", ablateOptions + QStringList{"-o", "-"});
    QCOMPARE(second.exitCode, 0);
    QCOMPARE(second.out, first.csv);
}

void TrainCommandTest::ablatePresetRunsItsDataWithEachLossAtItsAlpha()
{
    // sampling-matters names nuisance 3 (its loss and its alpha 0.2 do not apply to a grid of
    // every loss, each at its own default margin, as the window's grid): the same grid spelled out.
    const QStringList small{"--hidden", "16", "--dim", "8", "--steps", "5", "--seeds", "1", "-o", "-"};
    const Run preset = run("ablate", QStringList{"--preset", "sampling-matters"} + small);
    const Run spelled = run("ablate", QStringList{"--data-noise", "3"} + small);
    QVERIFY2(preset.exitCode == 0, preset.err.constData());
    QCOMPARE(spelled.exitCode, 0);
    QCOMPARE(preset.out, spelled.out);
}

void TrainCommandTest::ablateBadOptionIsRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("a sampler") << QStringList{"--sampler", "hard", "-o", "-"}
                               << "ablate trains every sampler and loss: drop --sampler and --loss";
    QTest::newRow("a loss") << QStringList{"--loss", "margin", "-o", "-"} << "drop --sampler and --loss";
    QTest::newRow("no output") << QStringList{} << "missing -o FILE or --markdown";
    QTest::newRow("seeds 0") << QStringList{"--seeds", "0", "-o", "-"} << "--seeds between 1 and 1000";
    QTest::newRow("noise") << QStringList{"--noise", "1", "-o", "-"} << "use --data-noise";
    QTest::newRow("stray argument") << QStringList{"extra", "-o", "-"} << "unexpected argument 'extra'";
}

void TrainCommandTest::ablateBadOptionIsRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, mentions);
    const Run result = run("ablate", QStringList{"--hidden", "16", "--dim", "8", "--steps", "5"} + arguments);
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.out.isEmpty());
    const QByteArray err = result.err.trimmed();
    QCOMPARE(err.count('\n'), 0); // one line, and no run started
    QVERIFY2(err.startsWith("sampling-explorer ablate: "), err.constData());
    QVERIFY2(err.contains(mentions.toUtf8()), err.constData());
}

QTEST_GUILESS_MAIN(TrainCommandTest)
#include "tst_traincommand.moc"
