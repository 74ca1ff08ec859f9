// `sampling-explorer analyse` and `train --save-embeddings`, run as a user runs them (the real
// executable in a child process), and the views of an analysis, filled from one built by hand.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandRunner.h"
#include "HandMadeEmbeddingAnalysis.h"

#include "app/render/EmbeddingFigures.h"
#include "widgets/EmbeddingDistancesView.h"
#include "widgets/NormsView.h"
#include "widgets/SampledDistancesView.h"

#include <QDir>
#include <QImage>
#include <QLineSeries>
#include <QTemporaryDir>
#include <QProcess>
#include <QtTest>
#include <cmath>

namespace {

const QByteArray summaryHeader = "points,dimension,classes,recall_at_1,recall_at_2,recall_at_4,recall_at_8,nmi,"
                                 "map_at_r,mean_norm,mean_distance,positive_mean_distance,negative_mean_distance,"
                                 "tv_to_sphere_law\n";

// The program's own lines on standard error (Qt's platform notes left out).
QList<QByteArray> ownLines(const QByteArray& err)
{
    QList<QByteArray> lines;
    for (const QByteArray& line : err.trimmed().split('\n'))
        if (line.startsWith("sampling-explorer ") || line.startsWith("analyse: ") || line.startsWith("train: "))
            lines << line;
    return lines;
}

// The error lines ("sampling-explorer COMMAND: ...").
QList<QByteArray> errorLines(const QByteArray& err)
{
    QList<QByteArray> lines;
    for (const QByteArray& line : ownLines(err))
        if (line.startsWith("sampling-explorer "))
            lines << line;
    return lines;
}

// Four classes of 15 points in 8 dimensions, each class around its own direction, the label in
// the last column: a CSV as a user writes one.
QByteArray smallEmbeddingsCsv()
{
    QByteArray csv;
    for (int point = 0; point < 60; ++point) {
        const int label = point % 4;
        for (int d = 0; d < 8; ++d)
            csv += QByteArray::number((d % 4 == label ? 2.0 : 0.0) + 0.3 * std::sin(1.7 * point + 2.3 * d), 'g', 6) + ',';
        csv += QByteArray::number(label) + '\n';
    }
    return csv;
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

class AnalyseCommandTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void missingEmbeddingsOrOutputIsRefused();
    void embeddingsComeFromStandardInput();
    void badFormatIsRefused();
    void figureOptionsNeedFigures();
    void unwritableOutputFailsBeforeReading();
    void batchSizeOutOfRangeIsRefusedBeforeReading_data();
    void batchSizeOutOfRangeIsRefusedBeforeReading();
    void rowHasTheColumnsOfTheIssue();
    void figuresWritesEveryFileInEachFormat_data();
    void figuresWritesEveryFileInEachFormat();
    void badEmbeddingsFileGivesOneLineNamingIt();
    void saveEmbeddingsRefusesABadPathBeforeTheRun();
    void trainedEmbeddingsAnalyseRoundTrip();
    void pairDistancesViewShowsAllOrByClass();
    void normsViewSaysTheAnalysisNormalises();
    void sampledDistancesViewGivesEachSamplersShare();

private:
    QTemporaryDir dir_;
    QString csv_;
};

void AnalyseCommandTest::initTestCase()
{
    QVERIFY(dir_.isValid());
    csv_ = dir_.filePath(QStringLiteral("small.csv"));
    QVERIFY(writeFile(csv_, smallEmbeddingsCsv()));
}

void AnalyseCommandTest::missingEmbeddingsOrOutputIsRefused()
{
    const QString out = dir_.filePath(QStringLiteral("missing.csv"));
    testing::Run run = testing::runCommand("analyse", {"-o", out});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(errorLines(run.err).size(), 1);
    QVERIFY2(errorLines(run.err).first().contains("missing --embeddings FILE"), run.err.constData());
    QVERIFY(!QFile::exists(out));
    run = testing::runCommand("analyse", {"--embeddings", csv_});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("missing -o FILE"), run.err.constData());
}

void AnalyseCommandTest::embeddingsComeFromStandardInput()
{
    // A pipe from the user's own script: the same row as from the file, gzip or not; a TSV
    // there has no file beside it, so its labels come from --labels, and without them the
    // message says so.
    const testing::Run fromFile = testing::runCommand("analyse", {"--embeddings", csv_, "-o", "-"});
    QCOMPARE(fromFile.exitCode, 0);
    const QByteArray csv = smallEmbeddingsCsv();
    testing::Setup piped;
    piped.input = csv;
    const testing::Run fromPipe = testing::runCommand("analyse", {"--embeddings", "-", "-o", "-"}, piped);
    QCOMPARE(fromPipe.exitCode, 0);
    QCOMPARE(fromPipe.out, fromFile.out);
    QVERIFY2(fromPipe.err.contains("analyse: standard input: 60 points of 8 dimensions in 4 classes"),
             fromPipe.err.constData());

    QProcess gzip;
    gzip.start(QStringLiteral("gzip"), {"-c", csv_});
    QVERIFY(gzip.waitForFinished(30000));
    piped.input = gzip.readAllStandardOutput();
    QVERIFY(piped.input.startsWith("\x1f\x8b"));
    QCOMPARE(testing::runCommand("analyse", {"--embeddings", "-", "-o", "-"}, piped).out, fromFile.out);

    QByteArray tsv;
    QByteArray labels;
    for (const QByteArray& line : csv.trimmed().split('\n')) {
        const qsizetype last = line.lastIndexOf(',');
        tsv += line.left(last).replace(',', '\t') + '\n';
        labels += line.mid(last + 1) + '\n';
    }
    const QString labelsPath = dir_.filePath(QStringLiteral("piped-labels.tsv"));
    QVERIFY(writeFile(labelsPath, labels));
    piped.input = tsv;
    QCOMPARE(testing::runCommand("analyse", {"--embeddings", "-", "--labels", labelsPath, "-o", "-"}, piped).out,
             fromFile.out);
    const testing::Run unlabelled = testing::runCommand("analyse", {"--embeddings", "-", "-o", "-"}, piped);
    QCOMPARE(unlabelled.exitCode, 2);
    QCOMPARE(errorLines(unlabelled.err),
             QList<QByteArray>{"sampling-explorer analyse: standard input: no labels: give them with --labels FILE "
                               "(a CSV may hold them in a column)"});
    QVERIFY(unlabelled.out.isEmpty());

    piped.input.clear();
    const testing::Run empty = testing::runCommand("analyse", {"--embeddings", "-", "-o", "-"}, piped);
    QCOMPARE(empty.exitCode, 2);
    QCOMPARE(errorLines(empty.err),
             QList<QByteArray>{"sampling-explorer analyse: standard input: empty (nothing came before its end)"});
}

void AnalyseCommandTest::badFormatIsRefused()
{
    const testing::Run run = testing::runCommand(
        "analyse", {"--embeddings", csv_, "-o", dir_.filePath("f.csv"), "--figures", dir_.filePath("gif"), "--format", "gif"});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(errorLines(run.err).size(), 1);
    QVERIFY2(run.err.contains("unknown format 'gif' (expected png, svg or pdf)"), run.err.constData());
    QVERIFY(!QFile::exists(dir_.filePath("f.csv")));
}

void AnalyseCommandTest::figureOptionsNeedFigures()
{
    const testing::Run run = testing::runCommand("analyse", {"--embeddings", csv_, "-o", dir_.filePath("g.csv"), "--format", "svg"});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("--format applies only with --figures DIR"), run.err.constData());
}

void AnalyseCommandTest::unwritableOutputFailsBeforeReading()
{
    // The embeddings do not exist either: the output's problem is found first, before any reading.
    const testing::Run run = testing::runCommand(
        "analyse", {"--embeddings", dir_.filePath("absent.tsv"), "-o", dir_.filePath("no/such/folder/out.csv")});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(errorLines(run.err).size(), 1);
    QVERIFY2(errorLines(run.err).first().contains("no/such/folder"), run.err.constData());
    QVERIFY2(!run.err.contains("absent.tsv"), run.err.constData());
}

void AnalyseCommandTest::batchSizeOutOfRangeIsRefusedBeforeReading_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::newRow("P = 1") << QStringList{"--batch-classes", "1"};
    QTest::newRow("K = 1") << QStringList{"--batch-k", "1"};
    QTest::newRow("P = 0") << QStringList{"--batch-classes", "0", "--batch-k", "4"};
    QTest::newRow("K = -3") << QStringList{"--batch-k", "-3"};
}

void AnalyseCommandTest::batchSizeOutOfRangeIsRefusedBeforeReading()
{
    QFETCH(QStringList, options);
    // A file that does not exist: the settings are refused before it is looked for.
    const QString out = dir_.filePath(QStringLiteral("batch.csv"));
    const testing::Run run = testing::runCommand(
        "analyse", QStringList{"--embeddings", dir_.filePath("absent.tsv"), "-o", out} + options);
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(errorLines(run.err).size(), 1);
    QVERIFY2(!run.err.contains("absent.tsv"), run.err.constData());
    QVERIFY(!QFile::exists(out));
}

void AnalyseCommandTest::rowHasTheColumnsOfTheIssue()
{
    const testing::Run run = testing::runCommand("analyse", {"--embeddings", csv_, "-o", "-", "--batch-classes", "4",
                                                             "--batch-k", "5"});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.out.startsWith(summaryHeader), run.out.constData());
    const QList<QByteArray> values = run.out.trimmed().split('\n').last().split(',');
    QCOMPARE(values.size(), 14);
    QCOMPARE(values[0], QByteArray("60"));
    QCOMPARE(values[1], QByteArray("8"));
    QCOMPARE(values[2], QByteArray("4"));
    QVERIFY2(ownLines(run.err).join('\n').contains("small.csv: 60 points of 8 dimensions in 4 classes"), run.err.constData());
}

void AnalyseCommandTest::figuresWritesEveryFileInEachFormat_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("opening");
    QTest::newRow("png") << QStringLiteral("png") << QByteArray("\x89PNG");
    QTest::newRow("svg") << QStringLiteral("svg") << QByteArray("<?xml");
    QTest::newRow("pdf") << QStringLiteral("pdf") << QByteArray("%PDF");
}

void AnalyseCommandTest::figuresWritesEveryFileInEachFormat()
{
    QFETCH(QString, format);
    QFETCH(QByteArray, opening);
    const QString folder = dir_.filePath(QStringLiteral("figures-") + format + QStringLiteral("/inner"));
    const testing::Run run = testing::runCommand("analyse", {"--embeddings", csv_, "-o", dir_.filePath("fig.csv"),
                                                             "--batch-classes", "4", "--figures", folder, "--format", format});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QStringList names{"pair-distances", "pair-distances-by-class", "norms", "sampled-distances"};
    QStringList expected;
    for (const QString& name : names)
        expected << name + "." + format << name + ".csv";
    QStringList written = QDir(folder).entryList(QDir::Files);
    written.sort();
    expected.sort();
    QCOMPARE(written, expected);
    for (const QString& name : names) {
        QVERIFY2(testing::readAll(QDir(folder).filePath(name + "." + format)).startsWith(opening), qPrintable(name));
        QVERIFY2(!testing::readAll(QDir(folder).filePath(name + ".csv")).isEmpty(), qPrintable(name));
    }
    if (format == QLatin1String("png"))
        QCOMPARE(QImage(QDir(folder).filePath("norms.png")).size(), QSize(800, 560));
    QVERIFY(testing::readAll(QDir(folder).filePath("pair-distances.csv")).startsWith("d,"));
}

void AnalyseCommandTest::badEmbeddingsFileGivesOneLineNamingIt()
{
    const QString ragged = dir_.filePath(QStringLiteral("ragged.csv"));
    QVERIFY(writeFile(ragged, "0.1,0.2,0.3,0\n0.4,0.5,1\n0.2,0.1,0.9,1\n"));
    const QString out = dir_.filePath(QStringLiteral("ragged-out.csv"));
    const testing::Run run = testing::runCommand("analyse", {"--embeddings", ragged, "-o", out});
    QCOMPARE(run.exitCode, 2);
    QCOMPARE(errorLines(run.err).size(), 1);
    QVERIFY2(errorLines(run.err).first().startsWith("sampling-explorer analyse: "), run.err.constData());
    QVERIFY2(errorLines(run.err).first().contains("ragged.csv"), run.err.constData());
    QVERIFY(!QFile::exists(out));
}

void AnalyseCommandTest::saveEmbeddingsRefusesABadPathBeforeTheRun()
{
    const QString rows = dir_.filePath(QStringLiteral("rows.csv"));
    for (const QString& path : {dir_.filePath("no/such/folder/emb.tsv"), QStringLiteral("-")}) {
        const testing::Run run = testing::runCommand("train", {"-o", rows, "--steps", "100000", "--save-embeddings", path});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(errorLines(run.err).size(), 1);
        QVERIFY2(!run.err.contains("step "), run.err.constData()); // no run started
        QVERIFY(!QFile::exists(rows));
    }
}

void AnalyseCommandTest::trainedEmbeddingsAnalyseRoundTrip()
{
    const QString vectors = dir_.filePath(QStringLiteral("run/emb.tsv"));
    QVERIFY(QDir().mkpath(dir_.filePath("run")));
    const testing::Run train = testing::runCommand(
        "train", {"-o", dir_.filePath("run/rows.csv"), "--steps", "30", "--eval-every", "30", "--dim", "16",
                  "--save-embeddings", vectors});
    QVERIFY2(train.exitCode == 0, train.err.constData());
    const QList<QByteArray> rows = testing::readAll(vectors).trimmed().split('\n');
    const QList<QByteArray> labels = testing::readAll(dir_.filePath("run/emb-metadata.tsv")).trimmed().split('\n');
    QVERIFY(rows.size() > 20);
    QCOMPARE(labels.size(), rows.size());
    QCOMPARE(rows.first().split('\t').size(), 16);

    const testing::Run analyse = testing::runCommand("analyse", {"--embeddings", vectors, "-o", "-"});
    QVERIFY2(analyse.exitCode == 0, analyse.err.constData());
    QVERIFY(analyse.out.startsWith(summaryHeader));
    const QList<QByteArray> values = analyse.out.trimmed().split('\n').last().split(',');
    QCOMPARE(values[0].toLong(), long(rows.size()));
    QCOMPARE(values[1], QByteArray("16"));
    // The model normalises its embeddings: their mean norm is 1.
    QVERIFY2(std::abs(values[9].toDouble() - 1.0) < 1e-3, values[9].constData());
}

void AnalyseCommandTest::pairDistancesViewShowsAllOrByClass()
{
    const sme::EmbeddingAnalysis analysis = testing::handMadeEmbeddingAnalysis();
    const sme::EmbeddingAnalysisSettings settings;
    const std::unique_ptr<QWidget> all = embeddingFigureView(EmbeddingFigure::PairDistances, analysis, settings);
    auto* view = qobject_cast<EmbeddingDistancesView*>(all.get());
    QVERIFY(view);
    QVERIFY(!view->splitByClass());
    QVERIFY(view->allPairsSeries()->isVisible());
    QVERIFY(!view->samePairsSeries()->isVisible() && !view->differentPairsSeries()->isVisible());
    QCOMPARE(view->allPairsSeries()->count(), 200); // 100 bins as steps
    // q(d) for n = 64 over the same bins, peaking near sqrt 2.
    QCOMPARE(view->exactSeries()->count(), 100);
    QVERIFY(std::abs(view->exactSeries()->at(70).x() - 1.41) < 0.01);
    QVERIFY2(view->title().contains("n = 64") && view->title().contains("0.610") && view->title().contains("L2-normalised"),
             qPrintable(view->title()));

    const std::unique_ptr<QWidget> split = embeddingFigureView(EmbeddingFigure::PairDistancesByClass, analysis, settings);
    view = qobject_cast<EmbeddingDistancesView*>(split.get());
    QVERIFY(view && view->splitByClass());
    QVERIFY(!view->allPairsSeries()->isVisible());
    QVERIFY(view->samePairsSeries()->isVisible() && view->differentPairsSeries()->isVisible());
    QVERIFY2(view->samePairsSeries()->name().contains("0.930"), qPrintable(view->samePairsSeries()->name()));
    QVERIFY2(view->differentPairsSeries()->name().contains("0.550"), qPrintable(view->differentPairsSeries()->name()));
}

void AnalyseCommandTest::normsViewSaysTheAnalysisNormalises()
{
    sme::EmbeddingAnalysis analysis = testing::handMadeEmbeddingAnalysis();
    std::unique_ptr<QWidget> widget = embeddingFigureView(EmbeddingFigure::Norms, analysis, {});
    auto* view = qobject_cast<NormsView*>(widget.get());
    QVERIFY(view);
    QVERIFY2(view->title().contains("mean 3.000") && view->title().contains("L2-normalised"), qPrintable(view->title()));
    QCOMPARE(view->histogramSeries()->count(), 120);
    QCOMPARE(view->unitNormSeries()->count(), 2); // the unit sphere's line at norm 1
    QCOMPARE(view->unitNormSeries()->at(0).x(), 1.0);

    analysis.norms = sme::Histogram(0.999, 1.001, 10);
    analysis.norms.add(1.0, 5000.0);
    analysis.meanNorm = 1.0;
    analysis.alreadyNormalised = true;
    widget = embeddingFigureView(EmbeddingFigure::Norms, analysis, {});
    view = qobject_cast<NormsView*>(widget.get());
    QVERIFY2(view->title().contains("on the unit sphere already"), qPrintable(view->title()));
}

void AnalyseCommandTest::sampledDistancesViewGivesEachSamplersShare()
{
    sme::EmbeddingAnalysis analysis = testing::handMadeEmbeddingAnalysis();
    analysis.samplers[std::size_t(sme::SamplerKind::SemiHard)].picks = 0; // picked nothing
    sme::EmbeddingAnalysisSettings settings;
    settings.batchClasses = 4;
    settings.batchK = 6;
    const std::unique_ptr<QWidget> widget = embeddingFigureView(EmbeddingFigure::SampledDistances, analysis, settings);
    auto* view = qobject_cast<SampledDistancesView*>(widget.get());
    QVERIFY(view);
    for (const char* share : {"uniform 12.5%", "hard negative 100.0%", "semi-hard 75.0%", "distance weighted 40.0%",
                              "4 \u00D7 6", "n = 64"})
        QVERIFY2(view->title().contains(QString::fromUtf8(share)), qPrintable(view->title()));
    QCOMPARE(view->samplerSeries()[int(sme::SamplerKind::Uniform)]->count(), 200);
    QCOMPARE(view->samplerSeries()[int(sme::SamplerKind::SemiHard)]->count(), 0);

    // P larger than the classes with K points: the batches hold those, and the title says why.
    for (sme::SamplerPicks& picks : analysis.samplers)
        picks.batchClasses = 3;
    const std::unique_ptr<QWidget> capped = embeddingFigureView(EmbeddingFigure::SampledDistances, analysis, settings);
    const QString title = qobject_cast<SampledDistancesView*>(capped.get())->title();
    QVERIFY2(title.contains(QString::fromUtf8("3 \u00D7 6 (P = 4 asked for, but only 3 classes have K = 6 points")),
             qPrintable(title));
}

QTEST_MAIN(AnalyseCommandTest)
#include "tst_analysecommand.moc"
