// Tests of the readers of a user's embeddings (the Projector's TSV, CSV, NumPy .npy, each also
// gzip-compressed), their messages about bad input, and the Projector's files written back.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "BadFiles.h"
#include "model/base/Error.h"
#include "model/data/EmbeddingFile.h"
#include "model/data/EmbeddingText.h"
#include "model/data/NpyFormat.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>
#include <bit>
#include <cstring>
#include <random>

namespace {

using badfiles::errorOf;

// A .npy file as numpy writes it: magic, version, header length (2 bytes in version 1, else 4,
// little-endian), the dict padded with spaces to a newline so the data starts at a multiple of
// 64, then values (in file order) as descr says.
QByteArray npy(const QByteArray& dict, const QList<double>& values, const QByteArray& descr, int version = 1)
{
    const int lengthBytes = version == 1 ? 2 : 4;
    QByteArray header = dict;
    while ((10 + (lengthBytes - 2) + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    QByteArray bytes("\x93NUMPY", 6);
    bytes.append(char(version)).append(char(0));
    for (int b = 0; b < lengthBytes; ++b)
        bytes.append(char((header.size() >> (8 * b)) & 0xFF));
    bytes += header;
    const bool big = descr.startsWith('>');
    for (const double value : values) {
        QByteArray item;
        if (descr.endsWith("f4")) {
            const auto word = std::bit_cast<quint32>(float(value));
            for (int b = 0; b < 4; ++b)
                item.append(char((word >> (8 * b)) & 0xFF));
        } else {
            const auto word = std::bit_cast<quint64>(value);
            for (int b = 0; b < 8; ++b)
                item.append(char((word >> (8 * b)) & 0xFF));
        }
        if (big)
            std::reverse(item.begin(), item.end());
        bytes += item;
    }
    return bytes;
}

QByteArray npyDict(const QByteArray& descr, bool fortran, const QByteArray& shape)
{
    return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
}

// The points every layout test stores: 4 x 3, each value exact in float and distinct.
const QList<double> pointsRowByRow = {1.0, -2.5, 0.25, 3.0, 0.5, -1.0, -0.125, 8.0, 2.0, 6.5, -3.0, 0.75};
QList<double> columnByColumn(const QList<double>& rowMajor, int rows, int columns)
{
    QList<double> values;
    for (int c = 0; c < columns; ++c)
        for (int r = 0; r < rows; ++r)
            values.append(rowMajor[r * columns + c]);
    return values;
}

using badfiles::valuesOf;

QList<int> labelsOf(const sme::Dataset& data)
{
    return QList<int>(data.labels.begin(), data.labels.end());
}

QMap<int, QString> namesOf(const sme::Dataset& data)
{
    QMap<int, QString> names;
    for (const auto& [label, name] : data.classNames)
        names.insert(label, QString::fromStdString(name));
    return names;
}

const QByteArray fourPointsTsv = "1\t-2.5\t0.25\n3\t0.5\t-1\n-0.125\t8\t2\n6.5\t-3\t0.75\n";

} // namespace

class EmbeddingFilesTest : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    int fileSet_ = 0;
    // A fresh folder per case, so a metadata file of one case is never beside another's vectors.
    QString freshFolder()
    {
        const QString folder = dir_.filePath(QString::number(++fileSet_));
        QDir().mkpath(folder);
        return folder;
    }
    std::string write(const QString& folder, const QString& name, const QByteArray& content)
    {
        const QString path = folder + "/" + name;
        if (!badfiles::write(path, content))
            qFatal("cannot write %s", qPrintable(path));
        return path.toStdString();
    }

private slots:
    void projectorTsvReadsWithItsMetadataBeside();
    void metadataHeaderPicksTheLabelColumnByName();
    void metadataColumnNamedLabelIsTheDefault();
    void csvWithHeaderTakesTheNamedOrLastColumn();
    void csvWithoutHeaderTakesTheLastColumn();
    void csvWithALabelsFileHasOnlyValueColumns();
    void stringLabelsAreNumberedInSortedOrder();
    void integerLabelsStayTheirNumbers();
    void windowsLineEndsByteOrderMarkAndFinalBlankLines();
    void npyKnownBytesRead();
    void npyReadsEveryLayout_data();
    void npyReadsEveryLayout();
    void npyFloat64IsRoundedToFloat();
    void npyWrittenByNumpyReads();
    void gzipVariantsReadAsTheirOriginal_data();
    void gzipVariantsReadAsTheirOriginal();
    void formatComesFromContentBeforeName();
    void badInputIsRefusedNamingFileAndPlace_data();
    void badInputIsRefusedNamingFileAndPlace();
    void badNpyIsRefusedNamingWhatIsWrong_data();
    void badNpyIsRefusedNamingWhatIsWrong();
    void missingMetadataSaysWhereItLookedAndHowToGiveIt();
    void writersRoundTripBitForBit();
    void metadataPathIsBesideTheVectors_data();
    void metadataPathIsBesideTheVectors();
    void progressReachesOneAndCancelStops();
};

void EmbeddingFilesTest::projectorTsvReadsWithItsMetadataBeside()
{
    const QString folder = freshFolder();
    const std::string path = write(folder, "emb.tsv", fourPointsTsv);
    write(folder, "emb-metadata.tsv", "3\n5\n3\n5\n");
    const sme::Dataset data = sme::readEmbeddings(path);
    QCOMPARE(data.name, std::string("emb.tsv"));
    QCOMPARE(data.features.rows(), 4);
    QCOMPARE(data.features.cols(), 3);
    QCOMPARE(valuesOf(data.features), pointsRowByRow);
    QCOMPARE(labelsOf(data), (QList<int>{3, 5, 3, 5}));
    QVERIFY(data.classNames.empty());
}

void EmbeddingFilesTest::metadataHeaderPicksTheLabelColumnByName()
{
    const QString folder = freshFolder();
    const std::string path = write(folder, "emb.tsv", fourPointsTsv);
    const std::string labels = write(folder, "meta.tsv", "name\tkind\nrex\tdog\ntom\tcat\nfido\tdog\nfelix\tcat\n");
    const sme::Dataset data = sme::readEmbeddings(path, {labels, "kind"});
    QCOMPARE(labelsOf(data), (QList<int>{1, 0, 1, 0}));
    QCOMPARE(namesOf(data), (QMap<int, QString>{{0, "cat"}, {1, "dog"}}));
    const sme::Dataset byName = sme::readEmbeddings(path, {labels, "name"});
    QCOMPARE(byName.classCount(), 4);
}

void EmbeddingFilesTest::metadataColumnNamedLabelIsTheDefault()
{
    const QString folder = freshFolder();
    const std::string path = write(folder, "emb.tsv", fourPointsTsv);
    write(folder, "emb-metadata.tsv", "id\tLabel\n1\t7\n2\t9\n3\t7\n4\t9\n");
    QCOMPARE(labelsOf(sme::readEmbeddings(path)), (QList<int>{7, 9, 7, 9}));
}

void EmbeddingFilesTest::csvWithHeaderTakesTheNamedOrLastColumn()
{
    const QString folder = freshFolder();
    const std::string path = write(folder, "emb.csv", "kind,a,b,c\ndog,1,-2.5,0.25\ncat,3,0.5,-1\ndog,-0.125,8,2\ncat,6.5,-3,0.75\n");
    const sme::Dataset data = sme::readEmbeddings(path, {"", "kind"});
    QCOMPARE(valuesOf(data.features), pointsRowByRow);
    QCOMPARE(labelsOf(data), (QList<int>{1, 0, 1, 0}));
    QCOMPARE(namesOf(data), (QMap<int, QString>{{0, "cat"}, {1, "dog"}}));
    const std::string last = write(folder, "last.csv", "\"a\",\"b\",\"c\",\"kind\"\n1,-2.5,0.25,\"dog\"\n3,0.5,-1,cat\n-0.125,8,2,dog\n6.5,-3,0.75,cat\n");
    const sme::Dataset lastColumn = sme::readEmbeddings(last);
    QCOMPARE(valuesOf(lastColumn.features), pointsRowByRow);
    QCOMPARE(namesOf(lastColumn), (QMap<int, QString>{{0, "cat"}, {1, "dog"}}));
    // A header of numbers over integer labels: "0,1,2,label".
    const std::string numbered = write(folder, "numbered.csv", "0,1,2,label\n1,-2.5,0.25,0\n3,0.5,-1,1\n-0.125,8,2,0\n6.5,-3,0.75,1\n");
    QCOMPARE(valuesOf(sme::readEmbeddings(numbered).features), pointsRowByRow);
}

void EmbeddingFilesTest::csvWithoutHeaderTakesTheLastColumn()
{
    const QString folder = freshFolder();
    const std::string path = write(folder, "emb.csv", "1,-2.5,0.25,4\n3,0.5,-1,2\n-0.125,8,2,4\n6.5,-3,0.75,2\n");
    const sme::Dataset data = sme::readEmbeddings(path);
    QCOMPARE(valuesOf(data.features), pointsRowByRow);
    QCOMPARE(labelsOf(data), (QList<int>{4, 2, 4, 2}));
}

void EmbeddingFilesTest::csvWithALabelsFileHasOnlyValueColumns()
{
    const QString folder = freshFolder();
    const std::string path = write(folder, "emb.csv", "1,-2.5,0.25\n3,0.5,-1\n-0.125,8,2\n6.5,-3,0.75\n");
    const std::string labels = write(folder, "labels.tsv", "a\nb\na\nb\n");
    const sme::Dataset data = sme::readEmbeddings(path, {labels, ""});
    QCOMPARE(valuesOf(data.features), pointsRowByRow);
    QCOMPARE(labelsOf(data), (QList<int>{0, 1, 0, 1}));
}

void EmbeddingFilesTest::stringLabelsAreNumberedInSortedOrder()
{
    // Byte order: upper case before lower case, "10" before "9" once one label is not a number.
    const std::vector<std::string_view> texts = {"zebra", "Ant", "9", "10", "zebra", "ant"};
    const sme::LabelClasses classes = sme::classesOfLabels(texts);
    QCOMPARE(QList<int>(classes.labels.begin(), classes.labels.end()), (QList<int>{4, 2, 1, 0, 4, 3}));
    QCOMPARE(classes.classNames.at(0), std::string("10"));
    QCOMPARE(classes.classNames.at(4), std::string("zebra"));
    QCOMPARE(classes.classNames.size(), std::size_t(5));
}

void EmbeddingFilesTest::integerLabelsStayTheirNumbers()
{
    const std::vector<std::string_view> texts = {"7", "-2", "+3", "7.0", "1.000000000000000000e+01"};
    const sme::LabelClasses classes = sme::classesOfLabels(texts);
    QCOMPARE(QList<int>(classes.labels.begin(), classes.labels.end()), (QList<int>{7, -2, 3, 7, 10}));
    QVERIFY(classes.classNames.empty());
    // 7.5 is no integer: every label is then text.
    const std::vector<std::string_view> fractional = {"7", "7.5"};
    QCOMPARE(sme::classesOfLabels(fractional).classNames.size(), std::size_t(2));
}

void EmbeddingFilesTest::windowsLineEndsByteOrderMarkAndFinalBlankLines()
{
    const QString folder = freshFolder();
    QByteArray windows = "\xEF\xBB\xBF" + fourPointsTsv;
    windows.replace("\n", "\r\n");
    const std::string path = write(folder, "emb.tsv", windows + "\r\n \r\n");
    write(folder, "emb-metadata.tsv", " cat \r\ndog\r\ncat\r\ndog\r\n\r\n");
    const sme::Dataset data = sme::readEmbeddings(path);
    QCOMPARE(valuesOf(data.features), pointsRowByRow);
    QCOMPARE(namesOf(data), (QMap<int, QString>{{0, "cat"}, {1, "dog"}}));
}

void EmbeddingFilesTest::npyKnownBytesRead()
{
    // numpy.save of np.array([[1, 2], [0.5, -1]], dtype='<f4'): 128 bytes, each byte known.
    QByteArray bytes("\x93NUMPY\x01\x00\x76\x00", 10);
    QByteArray header = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }";
    header += QByteArray(0x76 - header.size() - 1, ' ') + '\n';
    bytes += header;
    bytes += QByteArray("\x00\x00\x80\x3f" "\x00\x00\x00\x40" "\x00\x00\x00\x3f" "\x00\x00\x80\xbf", 16);
    QCOMPARE(bytes.size(), 144);
    const QString folder = freshFolder();
    const std::string path = write(folder, "emb.npy", bytes);
    write(folder, "emb-metadata.tsv", "a\nb\n");
    QCOMPARE(valuesOf(sme::readEmbeddings(path).features), (QList<double>{1, 2, 0.5, -1}));
}

void EmbeddingFilesTest::npyReadsEveryLayout_data()
{
    QTest::addColumn<QByteArray>("descr");
    QTest::addColumn<bool>("fortran");
    QTest::addColumn<int>("version");
    for (const char* descr : {"<f4", ">f4", "=f4", "<f8", ">f8", "=f8"})
        for (const bool fortran : {false, true})
            for (const int version : {1, 2, 3})
                QTest::addRow("%s %s v%d", descr, fortran ? "Fortran" : "C", version)
                    << QByteArray(descr) << fortran << version;
}

void EmbeddingFilesTest::npyReadsEveryLayout()
{
    QFETCH(QByteArray, descr);
    QFETCH(bool, fortran);
    QFETCH(int, version);
    QByteArray order = descr;
    if (order.startsWith('='))
        order[0] = std::endian::native == std::endian::little ? '<' : '>';
    const QList<double> stored = fortran ? columnByColumn(pointsRowByRow, 4, 3) : pointsRowByRow;
    const QString folder = freshFolder();
    const std::string path = write(folder, "emb.npy", npy(npyDict(descr, fortran, "(4, 3)"), stored, order, version));
    write(folder, "emb-metadata.tsv", "0\n1\n0\n1\n");
    const sme::Dataset data = sme::readEmbeddings(path);
    QCOMPARE(valuesOf(data.features), pointsRowByRow);
    QCOMPARE(labelsOf(data), (QList<int>{0, 1, 0, 1}));
}

void EmbeddingFilesTest::npyFloat64IsRoundedToFloat()
{
    const QList<double> values = {0.1, 1.0 / 3.0, 1e-40, -2.0};
    const QByteArray bytes = npy(npyDict("<f8", false, "(2, 2)"), values, "<f8");
    const Eigen::MatrixXf points
        = sme::parseNpy({reinterpret_cast<const unsigned char*>(bytes.constData()), std::size_t(bytes.size())}, "emb.npy");
    QCOMPARE(valuesOf(points), (QList<double>{float(0.1), float(1.0 / 3.0), float(1e-40), -2.0}));
}

void EmbeddingFilesTest::npyWrittenByNumpyReads()
{
    const QString folder = freshFolder();
    // Big-endian float32 in Fortran order, float64 in C order, and format version 3.0.
    QProcess python;
    python.start("/usr/bin/python3",
                 {"-c",
                  "import numpy, sys\n"
                  "a = numpy.array([[1, -2.5, 0.25], [3, 0.5, -1], [-0.125, 8, 2], [6.5, -3, 0.75]])\n"
                  "numpy.save(sys.argv[1] + '/big-fortran.npy', numpy.asfortranarray(a.astype('>f4')))\n"
                  "numpy.save(sys.argv[1] + '/double.npy', a)\n"
                  "with open(sys.argv[1] + '/version3.npy', 'wb') as f:\n"
                  "    numpy.lib.format.write_array(f, a.astype('<f4'), version=(3, 0))\n",
                  folder});
    if (!python.waitForFinished(60000) || python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0)
        QSKIP("no /usr/bin/python3 with numpy here");
    for (const QString name : {"big-fortran", "double", "version3"}) {
        write(folder, name + "-metadata.tsv", "a\nb\na\nb\n");
        QCOMPARE(valuesOf(sme::readEmbeddings((folder + "/" + name + ".npy").toStdString()).features), pointsRowByRow);
    }
}

void EmbeddingFilesTest::gzipVariantsReadAsTheirOriginal_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("tsv.gz") << "emb.tsv.gz" << fourPointsTsv;
    QTest::newRow("csv.gz") << "emb.csv.gz" << QByteArray("x,y,z\n1,-2.5,0.25\n3,0.5,-1\n-0.125,8,2\n6.5,-3,0.75\n");
    QTest::newRow("npy.gz") << "emb.npy.gz" << npy(npyDict("<f4", false, "(4, 3)"), pointsRowByRow, "<f4");
}

void EmbeddingFilesTest::gzipVariantsReadAsTheirOriginal()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, content);
    const QString folder = freshFolder();
    const std::string path = write(folder, name, badfiles::gzipped(content));
    // The metadata beside: emb-metadata.tsv.gz, compressed too (for the CSV: all columns values).
    const std::string labels = write(folder, "emb-metadata.tsv.gz", badfiles::gzipped("cat\ndog\ncat\ndog\n"));
    const sme::Dataset data = sme::readEmbeddings(path, {name.contains(".csv") ? labels : "", ""});
    QCOMPARE(valuesOf(data.features), pointsRowByRow);
    QCOMPARE(namesOf(data), (QMap<int, QString>{{0, "cat"}, {1, "dog"}}));
}

void EmbeddingFilesTest::formatComesFromContentBeforeName()
{
    const QString folder = freshFolder();
    const std::string path = write(folder, "points.bin", npy(npyDict("<f4", false, "(4, 3)"), pointsRowByRow, "<f4"));
    write(folder, "points-metadata.tsv", "1\n2\n1\n2\n");
    QCOMPARE(valuesOf(sme::readEmbeddings(path).features), pointsRowByRow);
    // No known extension: a tab on the first line makes it the Projector's TSV.
    const std::string text = write(folder, "points", fourPointsTsv);
    QCOMPARE(valuesOf(sme::readEmbeddings(text).features), pointsRowByRow);
}

void EmbeddingFilesTest::badInputIsRefusedNamingFileAndPlace_data()
{
    QTest::addColumn<QString>("vectorsName");
    QTest::addColumn<QByteArray>("vectors");
    QTest::addColumn<QString>("labelsName"); // written beside; given as labelsPath unless emb-metadata.tsv
    QTest::addColumn<QByteArray>("labels");
    QTest::addColumn<QString>("labelColumn");
    QTest::addColumn<QString>("message");
    const QByteArray fourLabels = "a\nb\na\nb\n";
    QByteArray ragged;
    for (int line = 1; line <= 8; ++line)
        ragged += line == 7 ? "1\t2\t3\n" : "1\t2\t3\t4\n";
    QTest::newRow("ragged") << "emb.tsv" << ragged << "emb-metadata.tsv" << QByteArray("1\n2\n1\n2\n1\n2\n1\n2\n") << ""
                            << "emb.tsv: line 7 has 3 values, line 1 has 4";
    QTest::newRow("longer row") << "emb.tsv" << QByteArray("1\t2\n3\t4\t5\n") << "emb-metadata.tsv" << QByteArray("a\nb\n")
                                << "" << "emb.tsv: line 2 has 3 values, line 1 has 2";
    QTest::newRow("not a number") << "emb.tsv" << QByteArray("1\t2\t3\n4\t5\tabc\n") << "emb-metadata.tsv" << fourLabels
                                  << "" << "emb.tsv: line 2, value 3 'abc' is not a number";
    QTest::newRow("empty value") << "emb.tsv" << QByteArray("1\t2\t3\n4\t\t6\n") << "emb-metadata.tsv" << fourLabels << ""
                                 << "emb.tsv: line 2, value 2 is empty";
    QTest::newRow("NaN") << "emb.tsv" << QByteArray("1\t2\n3\t4\n5\tnan\n") << "emb-metadata.tsv" << fourLabels << ""
                         << "emb.tsv: line 3, value 2 is NaN";
    QTest::newRow("Inf") << "emb.tsv" << QByteArray("1\t2\n3\t4\n5\t-inf\n") << "emb-metadata.tsv" << fourLabels << ""
                         << "emb.tsv: line 3, value 2 is infinite ('-inf')";
    QTest::newRow("too large") << "emb.tsv" << QByteArray("1\t2\n1e39\t4\n") << "emb-metadata.tsv" << fourLabels << ""
                               << "emb.tsv: line 2, value 1 '1e39' is too large for a float";
    QTest::newRow("header in a TSV") << "emb.tsv" << QByteArray("x\ty\n1\t2\n") << "emb-metadata.tsv" << fourLabels << ""
                                     << "emb.tsv: line 1, value 1 'x' is not a number (the Projector's vectors file has "
                                        "no header row: labels go in its metadata file)";
    QTest::newRow("empty line inside") << "emb.tsv" << QByteArray("1\t2\n3\t4\n\n5\t6\n") << "emb-metadata.tsv" << fourLabels
                                       << "" << "emb.tsv: line 3 is empty (one point per line; only blank lines at the end are skipped)";
    QTest::newRow("labels of another length") << "emb.tsv" << fourPointsTsv << "labels.tsv" << QByteArray("a\nb\na\n") << ""
                                              << "labels.tsv has 3 labels for 4 points";
    QTest::newRow("one class") << "emb.tsv" << fourPointsTsv << "emb-metadata.tsv" << QByteArray("cat\ncat\ncat\ncat\n") << ""
                               << "emb-metadata.tsv: all 4 points are of one class 'cat': retrieval needs at least two";
    QTest::newRow("one integer class") << "emb.csv" << QByteArray("1,2,5\n3,4,5\n") << "" << QByteArray() << ""
                                       << "emb.csv: all 2 points are of one class '5': retrieval needs at least two";
    QTest::newRow("zero vector") << "emb.tsv" << QByteArray("1\t2\n3\t4\n0\t-0\n5\t6\n") << "emb-metadata.tsv" << fourLabels
                                 << "" << "emb.tsv: row 3 is the zero vector: it has no direction on the sphere";
    QTest::newRow("dimension 1") << "emb.tsv" << QByteArray("1\n2\n3\n4\n") << "emb-metadata.tsv" << fourLabels << ""
                                 << "emb.tsv: dimension 1 (values per point): a point needs at least two to have a direction on a sphere";
    QTest::newRow("empty file") << "emb.tsv" << QByteArray() << "emb-metadata.tsv" << fourLabels << "" << "emb.tsv: empty file";
    QTest::newRow("only blank lines") << "emb.tsv" << QByteArray("\n \r\n") << "emb-metadata.tsv" << fourLabels << ""
                                      << "emb.tsv: empty file";
    QTest::newRow("empty npy") << "emb.npy" << QByteArray() << "emb-metadata.tsv" << fourLabels << "" << "emb.npy: empty file";
    QTest::newRow("empty metadata") << "emb.tsv" << fourPointsTsv << "emb-metadata.tsv" << QByteArray() << ""
                                    << "emb-metadata.tsv: empty file";
    QTest::newRow("empty label") << "emb.tsv" << fourPointsTsv << "emb-metadata.tsv" << QByteArray("a\n\nb\na\n") << ""
                                 << "emb-metadata.tsv: line 2: empty label";
    QTest::newRow("unknown metadata column") << "emb.tsv" << fourPointsTsv << "meta.tsv"
                                             << QByteArray("label\tsplit\na\tx\nb\tx\na\ty\nb\ty\n") << "kind"
                                             << "meta.tsv: no column 'kind'; its columns: 'label', 'split'";
    QTest::newRow("no label column named") << "emb.tsv" << fourPointsTsv << "meta.tsv"
                                           << QByteArray("name\tsplit\na\tx\nb\tx\na\ty\nb\ty\n") << ""
                                           << "meta.tsv: 2 columns ('name', 'split') and none named 'label': name the "
                                              "column of the labels (--label-column NAME)";
    QTest::newRow("metadata line of another length") << "emb.tsv" << fourPointsTsv << "meta.tsv"
                                                     << QByteArray("label\tsplit\na\tx\nb\na\ty\nb\ty\n") << ""
                                                     << "meta.tsv: line 3 has 1 field, the header has 2";
    QTest::newRow("column of a one-column file") << "emb.tsv" << fourPointsTsv << "emb-metadata.tsv" << fourLabels << "kind"
                                                 << "emb-metadata.tsv: one column, so no header row (the Projector's rule) "
                                                    "and no column 'kind': leave the label column out";
    QTest::newRow("unknown CSV column") << "emb.csv" << QByteArray("x,y,label\n1,2,a\n3,4,b\n") << "" << QByteArray() << "kind"
                                        << "emb.csv: no column 'kind'; its columns: 'x', 'y', 'label'";
    QTest::newRow("CSV column without header") << "emb.csv" << QByteArray("1,2,0\n3,4,1\n") << "" << QByteArray() << "kind"
                                               << "emb.csv: no header row (its first line is numbers), so no column 'kind' "
                                                  "to take the labels from";
    QTest::newRow("CSV ragged") << "emb.csv" << QByteArray("1,2,a\n3,4,b\n5,6,a\n7,b\n") << "" << QByteArray() << ""
                                << "emb.csv: line 4 has 2 columns, line 1 has 3";
    QTest::newRow("CSV not a number") << "emb.csv" << QByteArray("x,y,label\n1,2,a\n3,q,b\n") << "" << QByteArray() << ""
                                      << "emb.csv: line 3, column 2 'q' is not a number";
    QTest::newRow("CSV empty label") << "emb.csv" << QByteArray("1,2,a\n3,4,\n") << "" << QByteArray() << ""
                                     << "emb.csv: line 2, column 3: empty label";
    QTest::newRow("CSV only a header") << "emb.csv" << QByteArray("x,y,label\n") << "" << QByteArray() << ""
                                       << "emb.csv: no data rows after the header";
    QTest::newRow("compressed twice") << "emb.tsv.gz" << badfiles::gzipped(badfiles::gzipped(fourPointsTsv))
                                      << "emb-metadata.tsv" << fourLabels << ""
                                      << "emb.tsv.gz: gzip-compressed data where text was expected (compressed twice?)";
}

void EmbeddingFilesTest::badInputIsRefusedNamingFileAndPlace()
{
    QFETCH(QString, vectorsName);
    QFETCH(QByteArray, vectors);
    QFETCH(QString, labelsName);
    QFETCH(QByteArray, labels);
    QFETCH(QString, labelColumn);
    QFETCH(QString, message);
    const QString folder = freshFolder();
    const std::string path = write(folder, vectorsName, vectors);
    sme::EmbeddingFileOptions options;
    options.labelColumn = labelColumn.toStdString();
    if (!labelsName.isEmpty()) {
        const std::string labelsPath = write(folder, labelsName, labels);
        if (labelsName != "emb-metadata.tsv")
            options.labelsPath = labelsPath;
    }
    QCOMPARE(errorOf([&] { sme::readEmbeddings(path, options); }), message);
}

void EmbeddingFilesTest::badNpyIsRefusedNamingWhatIsWrong_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("message");
    const QByteArray good = npy(npyDict("<f4", false, "(4, 3)"), pointsRowByRow, "<f4");
    QTest::newRow("bad magic") << QByteArray("\x93NUMPZ\x01\x00", 8) + good.mid(8)
                               << "emb.npy: not a NumPy .npy file: it does not start with \\x93NUMPY";
    QTest::newRow("text named .npy") << QByteArray("1\t2\n") << "emb.npy: not a NumPy .npy file: it does not start with \\x93NUMPY";
    QTest::newRow("cut in the magic") << good.left(5) << "emb.npy: truncated: 5 bytes, cut off in the magic string or the version";
    QTest::newRow("cut in the length") << good.left(9) << "emb.npy: truncated: cut off in the header length";
    QTest::newRow("cut in the header") << good.left(60) << "emb.npy: truncated: the header should have 118 bytes, the file ends after 50";
    QByteArray version4 = good;
    version4[6] = 4;
    QTest::newRow("version 4.0") << version4 << "emb.npy: .npy format version 4.0: only versions 1.0, 2.0 and 3.0 are read";
    QTest::newRow("header not a dict") << npy("['descr', '<f4']", pointsRowByRow, "<f4")
                                       << "emb.npy: the header is not a Python dict (it should read {'descr': '<f4', "
                                          "'fortran_order': False, 'shape': (N, D), }) but starts with '['descr', '<f4']    '";
    QTest::newRow("unknown key") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 3), 'order': 'C'}", pointsRowByRow, "<f4")
                                 << "emb.npy: the header has an unknown key 'order' (a .npy header has 'descr', 'fortran_order' and 'shape')";
    QTest::newRow("missing key") << npy("{'descr': '<f4', 'shape': (4, 3)}", pointsRowByRow, "<f4")
                                 << "emb.npy: the header has no 'fortran_order'";
    QTest::newRow("key twice") << npy("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (4, 3)}", pointsRowByRow, "<f4")
                               << "emb.npy: the header has 'descr' twice";
    QTest::newRow("syntax") << npy("{'descr' '<f4'}", pointsRowByRow, "<f4") << "emb.npy: header, character 10: expected ':' after a key";
    QTest::newRow("text after the dict") << npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 3)} x", pointsRowByRow, "<f4")
                                         << "emb.npy: header, character 59: text after the dict";
    QTest::newRow("fortran_order not a boolean") << npy("{'descr': '<f4', 'fortran_order': 0, 'shape': (4, 3)}", pointsRowByRow, "<f4")
                                                 << "emb.npy: 'fortran_order' is 0, not True or False";
    QTest::newRow("int64") << npy(npyDict("<i8", false, "(4, 3)"), {}, "<i8")
                           << "emb.npy: dtype '<i8' (64-bit integers): only float32 and float64 are read";
    QTest::newRow("uint8") << npy(npyDict("|u1", false, "(4, 3)"), {}, "|u1")
                           << "emb.npy: dtype '|u1' (8-bit unsigned integers): only float32 and float64 are read";
    QTest::newRow("float16") << npy(npyDict("<f2", false, "(4, 3)"), {}, "<f2")
                             << "emb.npy: dtype '<f2' (16-bit floats): only float32 and float64 are read";
    QTest::newRow("complex") << npy(npyDict("<c8", false, "(4, 3)"), {}, "<c8")
                             << "emb.npy: dtype '<c8' (64-bit complex numbers): only float32 and float64 are read";
    QTest::newRow("strings") << npy(npyDict("<U5", false, "(4, 3)"), {}, "<U5")
                             << "emb.npy: dtype '<U5' (Unicode strings): only float32 and float64 are read";
    QTest::newRow("no byte order") << npy(npyDict("|f4", false, "(4, 3)"), {}, "|f4")
                                   << "emb.npy: dtype '|f4' (32-bit floats): only float32 and float64 are read";
    QTest::newRow("structured") << npy("{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (4, 3)}", {}, "<f4")
                                << "emb.npy: dtype [('x', '<f4')] (a structured type, fields of their own): only float32 and float64 are read";
    QTest::newRow("shape 3-D") << npy(npyDict("<f4", false, "(2, 2, 3)"), pointsRowByRow, "<f4")
                               << "emb.npy: shape (2, 2, 3) is 3-D: need 2-D, a point per row (points, dimensions)";
    QTest::newRow("shape 1-D") << npy(npyDict("<f4", false, "(12,)"), pointsRowByRow, "<f4")
                               << "emb.npy: shape (12,) is 1-D: need 2-D, a point per row (points, dimensions)";
    QTest::newRow("shape not a tuple") << npy(npyDict("<f4", false, "[4, 3]"), pointsRowByRow, "<f4")
                                       << "emb.npy: 'shape' is [4, 3], not a tuple";
    QTest::newRow("negative size") << npy(npyDict("<f4", false, "(4, -3)"), pointsRowByRow, "<f4")
                                   << "emb.npy: 'shape' (4, -3) holds -3, not a size";
    QTest::newRow("no points") << npy(npyDict("<f4", false, "(0, 3)"), {}, "<f4") << "emb.npy: shape (0, 3): no points";
    QTest::newRow("data too short") << good.left(good.size() - 4)
                                    << "emb.npy: data too short: shape (4, 3) of float32 needs 48 bytes after the header, the file has 44";
    QTest::newRow("data too long") << good + QByteArray(4, '\0') << "emb.npy: 4 bytes after the data of shape (4, 3) of float32";
    QTest::newRow("too many values") << npy(npyDict("<f4", false, "(100000000, 100)"), {}, "<f4")
                                     << "emb.npy: shape (100000000, 100) holds more than 2147483647 values: too large to load";
    QList<double> withNaN = pointsRowByRow;
    withNaN[5] = std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("NaN, C order") << npy(npyDict("<f4", false, "(4, 3)"), withNaN, "<f4") << "emb.npy: row 2, value 3 is NaN";
    QTest::newRow("NaN, Fortran order") << npy(npyDict(">f8", true, "(4, 3)"), withNaN, ">f8") << "emb.npy: row 2, value 2 is NaN";
    QList<double> withInf = pointsRowByRow;
    withInf[11] = -std::numeric_limits<double>::infinity();
    QTest::newRow("Inf") << npy(npyDict("<f4", false, "(4, 3)"), withInf, "<f4") << "emb.npy: row 4, value 3 is infinite";
    QList<double> huge = pointsRowByRow;
    huge[1] = 1e300;
    QTest::newRow("beyond float") << npy(npyDict("<f8", false, "(4, 3)"), huge, "<f8")
                                  << "emb.npy: row 1, value 2 (1e+300) is too large for a float";
    QTest::newRow("dimension 1") << npy(npyDict("<f4", false, "(4, 1)"), {1, 2, 3, 4}, "<f4")
                                 << "emb.npy: dimension 1 (values per point): a point needs at least two to have a direction on a sphere";
}

void EmbeddingFilesTest::badNpyIsRefusedNamingWhatIsWrong()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, message);
    const QString folder = freshFolder();
    const std::string path = write(folder, "emb.npy", bytes);
    write(folder, "emb-metadata.tsv", "a\nb\na\nb\n");
    QCOMPARE(errorOf([&] { sme::readEmbeddings(path); }), message);
}

void EmbeddingFilesTest::missingMetadataSaysWhereItLookedAndHowToGiveIt()
{
    const QString folder = freshFolder();
    const std::string path = write(folder, "emb.tsv.gz", badfiles::gzipped(fourPointsTsv));
    QCOMPARE(errorOf([&] { sme::readEmbeddings(path); }),
             "emb.tsv.gz: no labels: looked for " + folder + "/emb-metadata.tsv (or .gz) beside it; give the labels file "
             "with --labels FILE (the Projector's metadata TSV, one label per line)");
    // A labels file given but not there: its path and why.
    QCOMPARE(errorOf([&] { sme::readEmbeddings(path, {(folder + "/nothing.tsv").toStdString(), ""}); }),
             folder + "/nothing.tsv: cannot open: No such file or directory");
    // A .npy whose header is wrong is named for that first: labels would not make it readable.
    const std::string integers = write(folder, "integers.npy", badfiles::npyFile("<i8", "(4, 2)", QByteArray(64, '\0')));
    QCOMPARE(errorOf([&] { sme::readEmbeddings(integers); }),
             QString("integers.npy: dtype '<i8' (64-bit integers): only float32 and float64 are read"));
}

void EmbeddingFilesTest::writersRoundTripBitForBit()
{
    // Values of every kind: shortest-text edge cases, subnormals, extremes, negative zero.
    std::mt19937 random(16);
    std::uniform_int_distribution<std::uint32_t> bits;
    Eigen::MatrixXf points(200, 7);
    for (Eigen::Index k = 0; k < points.size(); ++k) {
        float value = std::bit_cast<float>(bits(random));
        if (!std::isfinite(value))
            value = float(k) / 7.0f;
        points.data()[k] = value;
    }
    const float specials[] = {0.1f, -0.0f, 1e-45f, std::numeric_limits<float>::max(), std::numeric_limits<float>::lowest(),
                              std::numeric_limits<float>::min(), 16777217.0f, 3.4028235e38f, 1.0f / 3.0f};
    for (std::size_t i = 0; i < std::size(specials); ++i)
        points(Eigen::Index(i), 0) = specials[i];
    std::vector<int> labels;
    for (int i = 0; i < points.rows(); ++i)
        labels.push_back(i % 3);
    const std::map<int, std::string> names = {{0, "ant"}, {1, "bee"}, {2, "cat\twith a tab"}};

    const QString folder = freshFolder();
    const std::string path = write(folder, "emb.tsv", QByteArray::fromStdString(sme::projectorVectorsTsv(points)));
    badfiles::write(QString::fromStdString(sme::projectorMetadataPath(path)),
                    QByteArray::fromStdString(sme::projectorMetadataTsv(labels, names)));
    const sme::Dataset data = sme::readEmbeddings(path);
    QCOMPARE(data.features.rows(), points.rows());
    QCOMPARE(data.features.cols(), points.cols());
    QVERIFY(std::memcmp(data.features.data(), points.data(), std::size_t(points.size()) * sizeof(float)) == 0);
    QCOMPARE(data.labels, labels);
    QCOMPARE(data.classNames.at(2), std::string("cat with a tab"));

    // Integer labels without names: written as numbers, read back as the same numbers.
    const std::vector<int> numbers = {7, -1, 7, 12};
    QCOMPARE(QByteArray::fromStdString(sme::projectorMetadataTsv(numbers, {})), QByteArray("7\n-1\n7\n12\n"));
    QCOMPARE(QByteArray::fromStdString(sme::projectorVectorsTsv(Eigen::MatrixXf::Constant(1, 2, 0.1f))), QByteArray("0.1\t0.1\n"));
}

void EmbeddingFilesTest::metadataPathIsBesideTheVectors_data()
{
    QTest::addColumn<QString>("vectors");
    QTest::addColumn<QString>("metadata");
    QTest::newRow("tsv") << "x/emb.tsv" << "x/emb-metadata.tsv";
    QTest::newRow("tsv.gz") << "x/emb.tsv.gz" << "x/emb-metadata.tsv";
    QTest::newRow("npy") << "x/emb.npy" << "x/emb-metadata.tsv";
    QTest::newRow("npy.gz") << "/data/run 3/emb.npy.gz" << "/data/run 3/emb-metadata.tsv";
    QTest::newRow("no folder") << "emb.tsv" << "emb-metadata.tsv";
    QTest::newRow("two dots") << "x/emb.v2.tsv" << "x/emb.v2-metadata.tsv";
    QTest::newRow("no extension") << "x/emb" << "x/emb-metadata.tsv";
}

void EmbeddingFilesTest::metadataPathIsBesideTheVectors()
{
    QFETCH(QString, vectors);
    QFETCH(QString, metadata);
    QCOMPARE(QString::fromStdString(sme::projectorMetadataPath(vectors.toStdString())), metadata);
}

void EmbeddingFilesTest::progressReachesOneAndCancelStops()
{
    const QString folder = freshFolder();
    QByteArray text;
    for (int i = 0; i < 20000; ++i)
        text += QByteArray::number(i % 5 + 1) + "\t" + QByteArray::number(i % 7 - 3) + "\n";
    const std::string path = write(folder, "emb.tsv", text);
    QByteArray labels;
    for (int i = 0; i < 20000; ++i)
        labels += QByteArray::number(i % 4) + "\n";
    write(folder, "emb-metadata.tsv", labels);
    QList<double> reported;
    const sme::Dataset data = sme::readEmbeddings(path, {}, [&](double done) {
        reported.append(done);
        return true;
    });
    QCOMPARE(data.features.rows(), 20000);
    QVERIFY(reported.size() > 3);
    QVERIFY(std::is_sorted(reported.begin(), reported.end()));
    QCOMPARE(reported.last(), 1.0);
    int calls = 0;
    QVERIFY_THROWS_EXCEPTION(sme::Cancelled, sme::readEmbeddings(path, {}, [&](double) { return ++calls < 3; }));
}

QTEST_APPLESS_MAIN(EmbeddingFilesTest)
#include "tst_embeddingfiles.moc"
