// Tests of the data-set loaders (IDX, CSV), validation, the split by class and standardisation.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "BadFiles.h"
#include "model/base/Error.h"
#include "model/data/CsvDataset.h"
#include "model/data/Dataset.h"
#include "model/data/Gzip.h"
#include "model/data/IdxFormat.h"
#include "model/geometry/SpherePoints.h"
#include "model/sampling/Sampler.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace {

void appendBigEndian(QByteArray& bytes, quint64 value, int byteCount)
{
    for (int b = byteCount - 1; b >= 0; --b)
        bytes.append(char((value >> (8 * b)) & 0xFF));
}

// An IDX file: 0x00 0x00, type, the number of sizes, the sizes, then elements encoded as type.
QByteArray idx(unsigned char type, const std::vector<quint32>& sizes, const std::vector<double>& elements = {})
{
    QByteArray bytes;
    bytes.append(char(0)).append(char(0)).append(char(type)).append(char(sizes.size()));
    for (const quint32 size : sizes)
        appendBigEndian(bytes, size, 4);
    for (const double value : elements)
        switch (type) {
        case 0x08: case 0x09: bytes.append(char(qint8(qint64(value)))); break;
        case 0x0B: appendBigEndian(bytes, quint16(qint16(value)), 2); break;
        case 0x0C: appendBigEndian(bytes, quint32(qint32(value)), 4); break;
        case 0x0D: appendBigEndian(bytes, std::bit_cast<quint32>(float(value)), 4); break;
        default: appendBigEndian(bytes, std::bit_cast<quint64>(value), 8); break;
        }
    return bytes;
}

std::span<const unsigned char> bytesOf(const QByteArray& bytes)
{
    return {reinterpret_cast<const unsigned char*>(bytes.constData()), std::size_t(bytes.size())};
}

using badfiles::errorOf;

using badfiles::valuesOf;

// Expected float features: each value rounded to float as the loaders store it.
QList<double> asFloats(const QList<double>& values)
{
    QList<double> result;
    for (const double value : values)
        result.append(float(value));
    return result;
}

// How many labels are 0, 1, ..., 9; a label outside them is not counted (so the counts fall
// short of an expectation that sums to every row).
QList<int> countsOfTenClasses(const std::vector<int>& labels)
{
    QList<int> counts(10, 0);
    for (const int label : labels)
        if (label >= 0 && label <= 9)
            ++counts[label];
    return counts;
}

QList<int> labelsOf(const sme::Dataset& data)
{
    return QList<int>(data.labels.begin(), data.labels.end());
}

sme::Dataset dataset(Eigen::Index rows, Eigen::Index columns, const QList<double>& values,
                     const QList<int>& labels, const std::string& name = "toy")
{
    sme::Dataset data;
    data.features.resize(rows, columns);
    for (Eigen::Index k = 0; k < Eigen::Index(values.size()); ++k)
        data.features(k / columns, k % columns) = float(values[k]);
    data.labels.assign(labels.begin(), labels.end());
    data.name = name;
    return data;
}

void writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(content), content.size());
}

const std::vector<double> twelve{0, 1, 2, 3, 10, 20, 30, 40, 200, 201, 254, 255};
const QByteArray goodImages = idx(0x08, {3, 2, 2}, twelve);
const QByteArray goodLabels = idx(0x08, {3}, {5, 3, 5});

} // namespace

class DataLoadersTest : public QObject {
    Q_OBJECT
private slots:
    void idxParsesEveryElementType_data();
    void idxParsesEveryElementType();
    void idxRefusesMalformedInput_data();
    void idxRefusesMalformedInput();
    void idxLabelsPathFollowsMnistNames_data();
    void idxLabelsPathFollowsMnistNames();
    void loadIdxReadsFilesAndNamesThem();
    void gzipIdxPairLoadsLikeItsOriginal();
    void gzipCsvLoadsLikeItsOriginal();
    void gzipRefusesBadStreams_data();
    void gzipRefusesBadStreams();
    void loadersReportProgressAndCancel();
    void fashionMnistTrainingSetLoads();
    void loadersNameUnreadableFiles_data();
    void loadersNameUnreadableFiles();
    void csvParsesValidText_data();
    void csvParsesValidText();
    void csvRefusesMalformedText_data();
    void csvRefusesMalformedText();
    void loadCsvDatasetReadsAFile();
    void validateRefusesBadData_data();
    void validateRefusesBadData();
    void splitByClassSendsFirstClassesToTraining_data();
    void splitByClassSendsFirstClassesToTraining();
    void splitByClassKeepsEachPartsClassNames();
    void splitByClassRefusesTooFewClasses_data();
    void splitByClassRefusesTooFewClasses();
    void standardiseUsesTrainingStatisticsOnly();
    void standardiseOnlyCentresAConstantFeature();
    void standardiseRefusesMismatchedParts();
    void digitsFileParses();
    void labelNoiseMakesTheShareWrong();
    void labelNoiseRefusesABadShare();
    void hardNegativesPickMislabeledPointsFirst();
};

void DataLoadersTest::idxParsesEveryElementType_data()
{
    QTest::addColumn<QByteArray>("images");
    QTest::addColumn<QByteArray>("labels");
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("columns");
    QTest::addColumn<QList<double>>("features");
    QTest::addColumn<QList<int>>("expectedLabels");

    const QList<double> t(twelve.begin(), twelve.end());
    QTest::newRow("ubyte 3 x 2 x 2") << goodImages << goodLabels << 3 << 4 << t << QList<int>{5, 3, 5};
    QTest::newRow("ubyte 3 x 4") << idx(0x08, {3, 4}, twelve) << goodLabels << 3 << 4 << t << QList<int>{5, 3, 5};
    QTest::newRow("ubyte 2 x 3 x 1 x 2") << idx(0x08, {2, 3, 1, 2}, twelve) << idx(0x08, {2}, {0, 9})
                                         << 2 << 6 << t << QList<int>{0, 9};
    const std::vector<double> bytes{-128, -1, 0, 127};
    QTest::newRow("signed byte") << idx(0x09, {2, 2}, bytes) << idx(0x09, {2}, {-3, 4}) << 2 << 2
                                 << QList<double>(bytes.begin(), bytes.end()) << QList<int>{-3, 4};
    const std::vector<double> shorts{-32768, 258, 32767, -2};
    QTest::newRow("short") << idx(0x0B, {2, 1, 2}, shorts) << idx(0x0B, {2}, {-300, 300}) << 2 << 2
                           << QList<double>(shorts.begin(), shorts.end()) << QList<int>{-300, 300};
    const std::vector<double> ints{-2147483648.0, 70000, 2147483647, 16777217};
    QTest::newRow("int") << idx(0x0C, {2, 2}, ints) << idx(0x0C, {2}, {-2147483648.0, 2147483647}) << 2 << 2
                         << asFloats(QList<double>(ints.begin(), ints.end()))
                         << QList<int>{std::numeric_limits<int>::min(), std::numeric_limits<int>::max()};
    const std::vector<double> floats{1.5, -0.25, 3.4e38, 1e-45};
    QTest::newRow("float") << idx(0x0D, {2, 2}, floats) << idx(0x0D, {2}, {2, -1}) << 2 << 2
                           << asFloats(QList<double>(floats.begin(), floats.end())) << QList<int>{2, -1};
    // More rows than a block of the parser (256), for each integer width.
    std::vector<double> many(700 * 3);
    std::vector<double> manyLabels(700);
    for (std::size_t k = 0; k < many.size(); ++k)
        many[k] = double(k * 37 % 251);
    for (std::size_t i = 0; i < manyLabels.size(); ++i)
        manyLabels[i] = double(i % 4);
    const QList<double> manyValues(many.begin(), many.end());
    const QList<int> manyClasses = [&] {
        QList<int> classes;
        for (const double label : manyLabels)
            classes.append(int(label));
        return classes;
    }();
    for (const unsigned char type : {0x08, 0x0B, 0x0C, 0x0D})
        QTest::addRow("type 0x%02X, 700 x 3", type) << idx(type, {700, 3}, many) << idx(0x08, {700}, manyLabels)
                                                    << 700 << 3 << manyValues << manyClasses;
    const std::vector<double> doubles{0.1, -1e30, 1e-300, 3};
    QTest::newRow("double") << idx(0x0E, {2, 2}, doubles) << idx(0x0E, {2}, {1e9, 0}) << 2 << 2
                            << asFloats(QList<double>(doubles.begin(), doubles.end())) << QList<int>{1000000000, 0};
}

void DataLoadersTest::idxParsesEveryElementType()
{
    QFETCH(QByteArray, images);
    QFETCH(QByteArray, labels);
    QFETCH(int, rows);
    QFETCH(int, columns);
    QFETCH(QList<double>, features);
    QFETCH(QList<int>, expectedLabels);
    const sme::Dataset data = sme::parseIdx(bytesOf(images), bytesOf(labels), "images.idx", "labels.idx");
    QCOMPARE(data.features.rows(), rows);
    QCOMPARE(data.features.cols(), columns);
    QCOMPARE(valuesOf(data.features), features);
    QCOMPARE(labelsOf(data), expectedLabels);
    QCOMPARE(data.name, std::string("images.idx"));
}

void DataLoadersTest::idxRefusesMalformedInput_data()
{
    QTest::addColumn<QByteArray>("images");
    QTest::addColumn<QByteArray>("labels");
    QTest::addColumn<QString>("message");

    QByteArray badMagic = goodImages;
    badMagic[1] = 0x08;
    QByteArray gzip("\x1f\x8b\x08\x00\x00\x00\x00\x00", 8);
    QByteArray mnistHeader = idx(0x08, {60000, 28, 28});
    mnistHeader.append(1234, '\0');

    QTest::newRow("empty images") << QByteArray() << goodLabels << "images.idx: empty file";
    QTest::newRow("empty labels") << goodImages << QByteArray() << "labels.idx: empty file";
    QTest::newRow("three bytes") << QByteArray("\0\0\x08", 3) << goodLabels
                                 << "images.idx: truncated: 3 bytes, too short for an IDX header";
    QTest::newRow("wrong magic") << badMagic << goodLabels
                                 << "images.idx: wrong magic number (expected 0x00 0x00 at the start)";
    QTest::newRow("a text file") << QByteArray("P5 28 28 255\n") << goodLabels
                                 << "images.idx: wrong magic number (expected 0x00 0x00 at the start)";
    QTest::newRow("gzip-compressed twice") << gzip << goodLabels
                                           << "images.idx: gzip-compressed data where IDX data was expected (compressed twice?)";
    QTest::newRow("unknown type") << idx(0x0A, {3, 2, 2}, twelve) << goodLabels
                                  << "images.idx: unknown element type 0x0A (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E)";
    QTest::newRow("images of 1 dimension") << idx(0x08, {3}, {1, 2, 3}) << goodLabels
                                           << "images.idx: an images file needs at least 2 dimensions (count x image), this one declares 1";
    QTest::newRow("images of 0 dimensions") << idx(0x08, {}) << goodLabels
                                            << "images.idx: an images file needs at least 2 dimensions (count x image), this one declares 0";
    QTest::newRow("labels of 2 dimensions") << goodImages << idx(0x08, {3, 1}, {1, 2, 3})
                                            << "labels.idx: a labels file needs exactly 1 dimension, this one declares 2";
    QTest::newRow("header cut in the sizes") << goodImages.left(10) << goodLabels
                                             << "images.idx: truncated: the header declares 3 dimensions but the file ends after 10 bytes";
    QTest::newRow("data cut short") << goodImages.chopped(2) << goodLabels
                                    << "images.idx: truncated: the header declares 3 x 2 x 2 bytes but the file has 10 after the 16-byte header";
    QTest::newRow("MNIST header, little data") << mnistHeader << goodLabels
                                               << "images.idx: truncated: the header declares 60000 x 28 x 28 bytes but the file has 1234 after the 16-byte header";
    QTest::newRow("float data cut short") << idx(0x0D, {3, 2, 2}, twelve).chopped(1) << goodLabels
                                          << "images.idx: truncated: the header declares 3 x 2 x 2 values of 4 bytes (48 bytes) but the file has 47 after the 16-byte header";
    QTest::newRow("bytes after the data") << goodImages + "xy" << goodLabels
                                          << "images.idx: the header declares 3 x 2 x 2 bytes but the file has 14 after the 16-byte header: 2 bytes too many";
    QTest::newRow("labels cut short") << goodImages << goodLabels.chopped(1)
                                      << "labels.idx: truncated: the header declares 3 bytes but the file has 2 after the 8-byte header";
    QTest::newRow("a size of 0") << idx(0x08, {0, 28, 28}) << goodLabels
                                 << "images.idx: the header declares 0 x 28 x 28: a size of 0 leaves nothing to read";
    QTest::newRow("2^31 x 2^31") << idx(0x08, {1u << 31, 1u << 31}) << goodLabels
                                 << "images.idx: the header declares 2147483648 x 2147483648 values, more than the 2147483647 this program can hold";
    QTest::newRow("four sizes of 2^32 - 1") << idx(0x08, {4294967295u, 4294967295u, 4294967295u, 4294967295u}) << goodLabels
                                            << "images.idx: the header declares 4294967295 x 4294967295 x 4294967295 x 4294967295 values, more than the 2147483647 this program can hold";
    QTest::newRow("one value over the limit") << idx(0x08, {2, 1u << 30}) << goodLabels
                                              << "images.idx: the header declares 2 x 1073741824 values, more than the 2147483647 this program can hold";
    // At the limit the sizes are fine but the bytes are absent: refused before allocating 8 GiB.
    QTest::newRow("2^31 - 1 declared, none present") << idx(0x08, {1, 2147483647u}) << goodLabels
                                                     << "images.idx: truncated: the header declares 1 x 2147483647 bytes but the file has 0 after the 12-byte header";
    QTest::newRow("absurd label count") << goodImages << idx(0x08, {4000000000u})
                                        << "labels.idx: the header declares 4000000000 values, more than the 2147483647 this program can hold";
    QTest::newRow("labels declared, absent") << goodImages << idx(0x08, {2000000000u})
                                             << "labels.idx: truncated: the header declares 2000000000 bytes but the file has 0 after the 8-byte header";
    QTest::newRow("10 labels for 12 images") << idx(0x08, {12, 1, 1}, twelve) << idx(0x08, {10}, {0, 1, 0, 1, 0, 1, 0, 1, 0, 1})
                                             << "labels.idx: 10 labels for 12 images";
    QTest::newRow("NaN pixel") << idx(0x0D, {3, 2, 2}, {0, 0, 0, 0, 0, 0, std::nan(""), 0, 0, 0, 0, 0}) << goodLabels
                               << "images.idx: non-finite value at image 2, value 3";
    QTest::newRow("infinite pixel") << idx(0x0E, {3, 2, 2}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -INFINITY}) << goodLabels
                                    << "images.idx: non-finite value at image 3, value 4";
    QTest::newRow("pixel too large for a float") << idx(0x0E, {3, 2, 2}, {1e300, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) << goodLabels
                                                 << "images.idx: image 1, value 1 (1e+300) is too large for a float";
    // Past the first blocks of rows the parser decodes at once: the image and value still exact.
    std::vector<double> floats600(600 * 3, 0.5);
    floats600[516 * 3 + 1] = std::nan("");
    std::vector<double> doubles600(600 * 3, 0.5);
    doubles600[299 * 3 + 2] = -1e40;
    std::vector<double> labels600(600);
    for (std::size_t i = 0; i < labels600.size(); ++i)
        labels600[i] = double(i % 3);
    QTest::newRow("NaN in image 517 of 600") << idx(0x0D, {600, 3}, floats600) << idx(0x08, {600}, labels600)
                                             << "images.idx: non-finite value at image 517, value 2";
    QTest::newRow("double too large in image 300 of 600") << idx(0x0E, {600, 3}, doubles600) << idx(0x08, {600}, labels600)
                                                          << "images.idx: image 300, value 3 (-1e+40) is too large for a float";
    QTest::newRow("label 2.5") << goodImages << idx(0x0D, {3}, {1, 2.5, 1})
                               << "labels.idx: label 2 is 2.5, not an integer";
    QTest::newRow("label beyond int") << goodImages << idx(0x0E, {3}, {1, 2, 3e9})
                                      << "labels.idx: label 3 is 3e+09, outside the int range";
    QTest::newRow("NaN label") << goodImages << idx(0x0E, {3}, {std::nan(""), 2, 1})
                               << "labels.idx: label 1 is not finite";
    QTest::newRow("one class") << goodImages << idx(0x08, {3}, {7, 7, 7})
                               << "images.idx: only one class (7): retrieval needs at least two";
}

void DataLoadersTest::idxRefusesMalformedInput()
{
    QFETCH(QByteArray, images);
    QFETCH(QByteArray, labels);
    QFETCH(QString, message);
    QCOMPARE(errorOf([&] { sme::parseIdx(bytesOf(images), bytesOf(labels), "images.idx", "labels.idx"); }),
             message);
}

void DataLoadersTest::idxLabelsPathFollowsMnistNames_data()
{
    QTest::addColumn<QString>("imagesName");
    QTest::addColumn<QString>("existingFile"); // created beside the images file
    QTest::addColumn<QString>("expected");     // "" for none

    QTest::newRow("MNIST training") << "train-images-idx3-ubyte" << "train-labels-idx1-ubyte" << "train-labels-idx1-ubyte";
    QTest::newRow("MNIST test") << "t10k-images-idx3-ubyte" << "t10k-labels-idx1-ubyte" << "t10k-labels-idx1-ubyte";
    QTest::newRow("dotted names") << "train-images.idx3-ubyte" << "train-labels.idx1-ubyte" << "train-labels.idx1-ubyte";
    QTest::newRow("labels file absent") << "train-images-idx3-ubyte" << "t10k-labels-idx1-ubyte" << "";
    QTest::newRow("another naming") << "images.idx" << "labels.idx" << "";
    QTest::newRow("gzip, gzip labels") << "train-images-idx3-ubyte.gz" << "train-labels-idx1-ubyte.gz" << "train-labels-idx1-ubyte.gz";
    QTest::newRow("gzip, plain labels") << "train-images-idx3-ubyte.gz" << "train-labels-idx1-ubyte" << "train-labels-idx1-ubyte";
    QTest::newRow("plain, gzip labels") << "train-images-idx3-ubyte" << "train-labels-idx1-ubyte.gz" << "train-labels-idx1-ubyte.gz";
    QTest::newRow("upper-case GZ") << "train-images-idx3-ubyte.GZ" << "train-labels-idx1-ubyte" << "train-labels-idx1-ubyte";
}

void DataLoadersTest::idxLabelsPathFollowsMnistNames()
{
    QFETCH(QString, imagesName);
    QFETCH(QString, existingFile);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath(imagesName), goodImages);
    writeFile(dir.filePath(existingFile), goodLabels);
    const std::string found = sme::idxLabelsPathFor(dir.filePath(imagesName).toStdString());
    QCOMPARE(QString::fromStdString(found), expected.isEmpty() ? QString() : dir.filePath(expected));
}

void DataLoadersTest::loadIdxReadsFilesAndNamesThem()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString images = dir.filePath("train-images-idx3-ubyte");
    writeFile(images, goodImages);
    writeFile(dir.filePath("train-labels-idx1-ubyte"), goodLabels);
    const std::string labels = sme::idxLabelsPathFor(images.toStdString());
    const sme::Dataset data = sme::loadIdx(images.toStdString(), labels);
    QCOMPARE(data.name, std::string("train-images-idx3-ubyte"));
    QCOMPARE(valuesOf(data.features), QList<double>(twelve.begin(), twelve.end()));
    QCOMPARE(labelsOf(data), (QList<int>{5, 3, 5}));

    // Messages about the content name the file, not the whole path.
    writeFile(dir.filePath("short-labels"), goodLabels.chopped(1));
    QCOMPARE(errorOf([&] { sme::loadIdx(images.toStdString(), dir.filePath("short-labels").toStdString()); }),
             "short-labels: truncated: the header declares 3 bytes but the file has 2 after the 8-byte header");
}

void DataLoadersTest::gzipIdxPairLoadsLikeItsOriginal()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray images = badfiles::idxImages(1000);
    const QByteArray labels = badfiles::idxLabels(1000, 7);
    writeFile(dir.filePath("train-images-idx3-ubyte"), images);
    writeFile(dir.filePath("train-labels-idx1-ubyte"), labels);
    QDir(dir.path()).mkdir("gz");
    writeFile(dir.filePath("gz/train-images-idx3-ubyte.gz"), badfiles::gzipped(images));
    // Two members, as `gzip -c a b` writes them: one file.
    writeFile(dir.filePath("gz/train-labels-idx1-ubyte.gz"),
              badfiles::gzipped(labels.left(300)) + badfiles::gzipped(labels.mid(300)));
    const std::string gzipImages = dir.filePath("gz/train-images-idx3-ubyte.gz").toStdString();
    const std::string gzipLabels = sme::idxLabelsPathFor(gzipImages);
    QCOMPARE(QString::fromStdString(gzipLabels), dir.filePath("gz/train-labels-idx1-ubyte.gz"));

    const sme::Dataset original = sme::loadIdx(dir.filePath("train-images-idx3-ubyte").toStdString(),
                                               dir.filePath("train-labels-idx1-ubyte").toStdString());
    const sme::Dataset inflated = sme::loadIdx(gzipImages, gzipLabels);
    QCOMPARE(inflated.features.rows(), 1000);
    QVERIFY(inflated.features == original.features);
    QVERIFY(inflated.labels == original.labels);
    QCOMPARE(inflated.name, std::string("train-images-idx3-ubyte.gz"));
    // Compressed is told by the content, not the name.
    writeFile(dir.filePath("packed-images"), badfiles::gzipped(images));
    QVERIFY(sme::loadIdx(dir.filePath("packed-images").toStdString(), gzipLabels).features == original.features);
}

void DataLoadersTest::gzipCsvLoadsLikeItsOriginal()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray text = badfiles::csvRows(2000, 9);
    writeFile(dir.filePath("rows.csv"), text);
    writeFile(dir.filePath("rows.csv.gz"), badfiles::gzipped(text));
    const sme::Dataset original = sme::loadCsvDataset(dir.filePath("rows.csv").toStdString());
    const sme::Dataset inflated = sme::loadCsvDataset(dir.filePath("rows.csv.gz").toStdString());
    QCOMPARE(inflated.features.rows(), 2000);
    QVERIFY(inflated.features == original.features);
    QVERIFY(inflated.labels == original.labels);
    QCOMPARE(inflated.name, std::string("rows.csv.gz"));
}

void DataLoadersTest::gzipRefusesBadStreams_data()
{
    QTest::addColumn<QByteArray>("file"); // written as data.gz
    QTest::addColumn<qlonglong>("limit"); // of the inflated size
    QTest::addColumn<QString>("message"); // after "data.gz: "

    const QByteArray text = badfiles::csvRows(300, 5);
    const QByteArray good = badfiles::gzipped(text);
    QByteArray badChecksum = good;
    badChecksum[badChecksum.size() - 8] = char(badChecksum[badChecksum.size() - 8] ^ 1);
    QByteArray badSize = good;
    badSize[badSize.size() - 1] = char(badSize[badSize.size() - 1] ^ 1);
    QByteArray badMethod = good;
    badMethod[2] = 7;
    const qlonglong limit = 1 << 20;
    QTest::newRow("checksum wrong") << badChecksum << limit << "damaged gzip data: incorrect data check";
    QTest::newRow("size wrong") << badSize << limit << "damaged gzip data: incorrect length check";
    QTest::newRow("unknown method") << badMethod << limit << "damaged gzip data: unknown compression method";
    QTest::newRow("cut in the data") << good.left(good.size() / 2) << limit
                                     << QString("truncated gzip file: it ends after %1 bytes, before the end of its compressed stream").arg(good.size() / 2);
    QTest::newRow("cut in the trailer") << good.chopped(3) << limit
                                        << QString("truncated gzip file: it ends after %1 bytes, before the end of its compressed stream").arg(good.size() - 3);
    QTest::newRow("header only") << QByteArray("\x1f\x8b\x08\0\0\0\0\0", 8) << limit
                                 << "truncated gzip file: it ends after 8 bytes, before the end of its compressed stream";
    QTest::newRow("trailing garbage") << good + "xyz" << limit << "3 bytes after the end of the gzip data, not gzip";
    QTest::newRow("a trailing zero") << good + QByteArray(1, '\0') << limit << "1 byte after the end of the gzip data, not gzip";
    // 4 MiB of zeros in some kilobytes: refused at the limit, never held whole.
    QTest::newRow("bomb") << badfiles::gzipped(QByteArray(4 << 20, '\0')) << limit
                          << "more than 1 MiB once decompressed: too large to load";
    QTest::newRow("one byte over") << good << qlonglong(text.size() - 1)
                                   << QString("more than %1 bytes once decompressed: too large to load").arg(text.size() - 1);
    QTest::newRow("exactly at the limit") << good << qlonglong(text.size()) << "<no error>";
    QTest::newRow("bomb in a second member") << good + badfiles::gzipped(QByteArray(4 << 20, 'a')) << limit
                                             << "more than 1 MiB once decompressed: too large to load";
}

void DataLoadersTest::gzipRefusesBadStreams()
{
    QFETCH(QByteArray, file);
    QFETCH(qlonglong, limit);
    QFETCH(QString, message);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string path = dir.filePath("data.gz").toStdString();
    writeFile(dir.filePath("data.gz"), file);
    const QString expected = message == "<no error>" ? message : "data.gz: " + message;
    QCOMPARE(errorOf([&] { sme::readDataFile(path, {}, limit); }), expected);
    // The loaders, at their own limit, give the same message about the file.
    if (limit == 1 << 20 && !message.startsWith("more than"))
        QCOMPARE(errorOf([&] { sme::loadCsvDataset(path); }), expected);
}

void DataLoadersTest::loadersReportProgressAndCancel()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Incompressible-ish pixels, over 1 MiB compressed: inflated in several chunks.
    QByteArray images = badfiles::idxHeader(0x08, {6000, 28, 28});
    std::uint32_t state = 1;
    for (int k = 0; k < 6000 * 28 * 28; ++k) {
        state = state * 1664525u + 1013904223u;
        images.append(char(state >> 24));
    }
    writeFile(dir.filePath("train-images-idx3-ubyte.gz"), badfiles::gzipped(images));
    writeFile(dir.filePath("train-labels-idx1-ubyte.gz"), badfiles::gzipped(badfiles::idxLabels(6000, 10)));
    writeFile(dir.filePath("rows.csv.gz"), badfiles::gzipped(badfiles::csvRows(20000, 9)));
    const std::string imagesPath = dir.filePath("train-images-idx3-ubyte.gz").toStdString();
    const std::string labelsPath = dir.filePath("train-labels-idx1-ubyte.gz").toStdString();
    const std::string csvPath = dir.filePath("rows.csv.gz").toStdString();
    const auto load = [&](bool csv, const sme::Progress& progress) {
        if (csv)
            sme::loadCsvDataset(csvPath, progress);
        else
            sme::loadIdx(imagesPath, labelsPath, progress);
    };
    for (const bool csv : {false, true}) {
        QList<double> reported;
        load(csv, [&](double done) {
            reported.append(done);
            return true;
        });
        QVERIFY2(reported.size() >= 5, qPrintable(QString::number(reported.size())));
        QCOMPARE(reported.front(), 0.0);
        QCOMPARE(reported.back(), 1.0);
        QVERIFY(std::is_sorted(reported.begin(), reported.end()));
        // Inflating goes in steps (a share of the input each), not 0 then 1: a cancel is heard midway.
        QVERIFY(std::any_of(reported.begin(), reported.end(), [](double done) { return done > 0.05 && done < 0.75; }));
        // A cancel at the third report stops the load there.
        int calls = 0;
        bool cancelled = false;
        try {
            load(csv, [&](double) { return ++calls < 3; });
        } catch (const sme::Cancelled&) {
            cancelled = true;
        }
        QVERIFY(cancelled);
        QCOMPARE(calls, 3);
    }
}

void DataLoadersTest::fashionMnistTrainingSetLoads()
{
    const QString folder = QStringLiteral("/usr/share/datasets/fashion-mnist");
    const QString images = folder + "/train-images-idx3-ubyte.gz";
    if (!QFile::exists(images))
        QSKIP("Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
    const std::string labels = sme::idxLabelsPathFor(images.toStdString());
    QCOMPARE(QString::fromStdString(labels), folder + "/train-labels-idx1-ubyte.gz");
    const sme::Dataset data = sme::loadIdx(images.toStdString(), labels);
    QCOMPARE(data.features.rows(), 60000);
    QCOMPARE(data.features.cols(), 784);
    QCOMPARE(data.features.minCoeff(), 0.0f);
    QCOMPARE(data.features.maxCoeff(), 255.0f);
    QVERIFY((data.features.array() == data.features.array().round()).all());
    QCOMPARE(countsOfTenClasses(data.labels), QList<int>(10, 6000));
}

void DataLoadersTest::loadersNameUnreadableFiles_data()
{
    QTest::addColumn<QString>("name"); // inside a temporary directory
    QTest::addColumn<QString>("reason");
    QTest::newRow("missing file") << "missing.csv" << "cannot open: No such file or directory";
    QTest::newRow("a directory") << "folder" << "cannot read: Is a directory";
}

void DataLoadersTest::loadersNameUnreadableFiles()
{
    QFETCH(QString, name);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir("folder"));
    writeFile(dir.filePath("labels"), goodLabels);
    const std::string path = dir.filePath(name).toStdString();
    const QString expected = QString::fromStdString(path) + ": " + reason;
    QCOMPARE(errorOf([&] { sme::loadCsvDataset(path); }), expected);
    QCOMPARE(errorOf([&] { sme::loadIdx(path, dir.filePath("labels").toStdString()); }), expected);
}

void DataLoadersTest::csvParsesValidText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("columns");
    QTest::addColumn<QList<double>>("features");
    QTest::addColumn<QList<int>>("labels");

    const QList<double> fourValues{1, 2, 3, 4};
    QTest::newRow("plain") << QByteArray("1,2,0\n3,4,1\n") << 2 << fourValues << QList<int>{0, 1};
    QTest::newRow("header") << QByteArray("x,y,label\n1,2,0\n3,4,1\n") << 2 << fourValues << QList<int>{0, 1};
    QTest::newRow("header with numeric cells") << QByteArray("1,2,class\n1,2,0\n3,4,1\n") << 2 << fourValues << QList<int>{0, 1};
    QTest::newRow("header with an empty cell") << QByteArray(",y,label\n1,2,0\n3,4,1\n") << 2 << fourValues << QList<int>{0, 1};
    QTest::newRow("CRLF") << QByteArray("1,2,0\r\n3,4,1\r\n") << 2 << fourValues << QList<int>{0, 1};
    QTest::newRow("CRLF and header") << QByteArray("x,y,label\r\n1,2,0\r\n3,4,1\r\n") << 2 << fourValues << QList<int>{0, 1};
    QTest::newRow("blank lines, no final line end") << QByteArray("\n1,2,0\n\n \t\r\n3,4,1") << 2 << fourValues << QList<int>{0, 1};
    QTest::newRow("spaces around cells") << QByteArray(" 1 , 2 ,\t0\n3,4 , 1 \n") << 2 << fourValues << QList<int>{0, 1};
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBFx,y,label\n1,2,0\n3,4,1\n") << 2 << fourValues << QList<int>{0, 1};
    QTest::newRow("signs, decimals, exponents") << QByteArray("-1.5,+2e-3,0\n.5,1E2,1\n") << 2
                                                << asFloats({-1.5, 2e-3, 0.5, 100}) << QList<int>{0, 1};
    QTest::newRow("labels written as reals") << QByteArray("1,3.0\n2,-7\n3,+4\n4,1e2\n") << 1
                                             << QList<double>{1, 2, 3, 4} << QList<int>{3, -7, 4, 100};
    QTest::newRow("extreme int labels") << QByteArray("1,2147483647\n2,-2147483648\n") << 1
                                        << QList<double>{1, 2} << QList<int>{2147483647, -2147483647 - 1};
}

void DataLoadersTest::csvParsesValidText()
{
    QFETCH(QByteArray, text);
    QFETCH(int, columns);
    QFETCH(QList<double>, features);
    QFETCH(QList<int>, labels);
    const sme::Dataset data = sme::parseCsvDataset(text.toStdString(), "digits.csv");
    QCOMPARE(data.features.rows(), labels.size());
    QCOMPARE(data.features.cols(), columns);
    QCOMPARE(valuesOf(data.features), features);
    QCOMPARE(labelsOf(data), labels);
    QCOMPARE(data.name, std::string("digits.csv"));
}

void DataLoadersTest::csvRefusesMalformedText_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");

    QByteArray seventeen = "a,b,c,label\n";
    for (int line = 2; line <= 16; ++line)
        seventeen += QByteArray::number(line) + ",0,0," + QByteArray::number(line % 2) + "\n";
    seventeen += "1,2,abc,0\n";

    QTest::newRow("empty") << QByteArray() << "digits.csv: empty file";
    QTest::newRow("blank lines only") << QByteArray("\n \r\n\t\n") << "digits.csv: empty file";
    QTest::newRow("header only") << QByteArray("x,y,label\r\n") << "digits.csv: no data rows after the header";
    QTest::newRow("not a number on line 17") << seventeen << "digits.csv: line 17, column 3: 'abc' is not a number";
    QTest::newRow("lines counted across blanks") << QByteArray("x,y,l\r\n1,2,0\r\n\r\n3,q,1\r\n")
                                                 << "digits.csv: line 4, column 2: 'q' is not a number";
    QTest::newRow("a long cell is cut") << QByteArray("1,2,0\n" + QByteArray(50, 'z') + ",2,1\n")
                                        << "digits.csv: line 2, column 1: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz...' is not a number";
    QTest::newRow("number then junk") << QByteArray("1,2,0\n3,4x,1\n") << "digits.csv: line 2, column 2: '4x' is not a number";
    QTest::newRow("empty cell") << QByteArray("1,2,0\n3,,1\n") << "digits.csv: line 2, column 2: empty cell";
    QTest::newRow("empty label") << QByteArray("1,2,0\n3,4,\n") << "digits.csv: line 2, column 3: empty cell (the label)";
    QTest::newRow("shorter row") << QByteArray("1,2,0\n3,1\n") << "digits.csv: line 2 has 2 columns, expected 3 as on line 1";
    QTest::newRow("longer row") << QByteArray("1,2,0\n\n3,4,5,1\n") << "digits.csv: line 3 has 4 columns, expected 3 as on line 1";
    QTest::newRow("header shorter than rows") << QByteArray("x,label\n1,2,0\n") << "digits.csv: line 1: the header has 2 columns but line 2 has 3";
    QTest::newRow("one column") << QByteArray("1\n2\n") << "digits.csv: line 1: 1 column; need at least one feature and the label in the last column";
    QTest::newRow("NaN") << QByteArray("1,2,0\n3,nan,1\n") << "digits.csv: line 2, column 2: non-finite value 'nan'";
    QTest::newRow("infinity") << QByteArray("1,2,0\n-Infinity,4,1\n") << "digits.csv: line 2, column 1: non-finite value '-Infinity'";
    QTest::newRow("NaN in the first row") << QByteArray("NaN,2,0\n3,4,1\n") << "digits.csv: line 1, column 1: non-finite value 'NaN'";
    QTest::newRow("beyond double") << QByteArray("1,2,0\n3,1e999,1\n") << "digits.csv: line 2, column 2: '1e999' is too large for a float";
    QTest::newRow("beyond float") << QByteArray("1,2,0\n3,-1e39,1\n") << "digits.csv: line 2, column 2: '-1e39' is too large for a float";
    QTest::newRow("label 2.5") << QByteArray("1,2,0\n3,4,2.5\n") << "digits.csv: line 2, column 3: label '2.5' is not an integer";
    QTest::newRow("label 3000000000") << QByteArray("1,2,0\n3,4,3000000000\n") << "digits.csv: line 2, column 3: label '3000000000' is outside the int range";
    QTest::newRow("label -2147483649") << QByteArray("1,2,0\n3,4,-2147483649\n") << "digits.csv: line 2, column 3: label '-2147483649' is outside the int range";
    QTest::newRow("label 1e10") << QByteArray("1,2,0\n3,4,1e10\n") << "digits.csv: line 2, column 3: label '1e10' is outside the int range";
    QTest::newRow("label 1e999") << QByteArray("1,2,0\n3,4,1e999\n") << "digits.csv: line 2, column 3: label '1e999' is outside the int range";
    QTest::newRow("label not a number") << QByteArray("1,2,0\n3,4,x\n") << "digits.csv: line 2, column 3: label 'x' is not a number";
    QTest::newRow("label NaN") << QByteArray("1,2,0\n3,4,nan\n") << "digits.csv: line 2, column 3: label 'nan' is not finite";
    QTest::newRow("one class") << QByteArray("x,label\n1,7\n3,7\n") << "digits.csv: only one class (7): retrieval needs at least two";
    QTest::newRow("gzip-compressed twice") << QByteArray("\x1f\x8b\x08\x00\x00\x00", 6)
                                           << "digits.csv: gzip-compressed data where text was expected (compressed twice?)";
}

void DataLoadersTest::csvRefusesMalformedText()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    QCOMPARE(errorOf([&] { sme::parseCsvDataset(text.toStdString(), "digits.csv"); }), message);
}

void DataLoadersTest::loadCsvDatasetReadsAFile()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath("small.csv"), "x,label\r\n0.5,2\r\n1.5,9\r\n");
    const sme::Dataset data = sme::loadCsvDataset(dir.filePath("small.csv").toStdString());
    QCOMPARE(data.name, std::string("small.csv"));
    QCOMPARE(valuesOf(data.features), (QList<double>{0.5, 1.5}));
    QCOMPARE(labelsOf(data), (QList<int>{2, 9}));

    writeFile(dir.filePath("bad.csv"), "1,0\n2,x\n");
    QCOMPARE(errorOf([&] { sme::loadCsvDataset(dir.filePath("bad.csv").toStdString()); }),
             "bad.csv: line 2, column 2: label 'x' is not a number");
}

void DataLoadersTest::validateRefusesBadData_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("columns");
    QTest::addColumn<QList<double>>("values");
    QTest::addColumn<QList<int>>("labels");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("classes");

    QTest::newRow("valid") << 3 << 1 << QList<double>{1, 2, 3} << QList<int>{5, -1, 5} << "toy" << "<no error>" << 2;
    QTest::newRow("no rows") << 0 << 2 << QList<double>{} << QList<int>{} << "toy" << "toy: no data rows" << 0;
    QTest::newRow("no features") << 2 << 0 << QList<double>{} << QList<int>{0, 1} << "toy" << "toy: no feature columns" << 2;
    QTest::newRow("more rows than labels") << 3 << 1 << QList<double>{1, 2, 3} << QList<int>{0, 1} << "toy"
                                           << "toy: 3 rows of features but 2 labels" << 2;
    QTest::newRow("NaN") << 2 << 2 << QList<double>{1, 2, std::nan(""), 4} << QList<int>{0, 1} << "toy"
                         << "toy: non-finite value at row 2, column 1" << 2;
    QTest::newRow("infinity") << 2 << 2 << QList<double>{1, INFINITY, 3, 4} << QList<int>{0, 1} << "toy"
                              << "toy: non-finite value at row 1, column 2" << 2;
    QTest::newRow("one class") << 2 << 1 << QList<double>{1, 2} << QList<int>{4, 4} << "toy"
                               << "toy: only one class (4): retrieval needs at least two" << 1;
    QTest::newRow("unnamed") << 2 << 1 << QList<double>{1, 2} << QList<int>{4, 4} << ""
                             << "data set: only one class (4): retrieval needs at least two" << 1;
}

void DataLoadersTest::validateRefusesBadData()
{
    QFETCH(int, rows);
    QFETCH(int, columns);
    QFETCH(QList<double>, values);
    QFETCH(QList<int>, labels);
    QFETCH(QString, name);
    QFETCH(QString, message);
    QFETCH(int, classes);
    const sme::Dataset data = dataset(rows, columns, values, labels, name.toStdString());
    QCOMPARE(errorOf([&] { data.validate(); }), message);
    QCOMPARE(data.classCount(), classes);
}

void DataLoadersTest::splitByClassSendsFirstClassesToTraining_data()
{
    QTest::addColumn<QList<int>>("labels");
    QTest::addColumn<double>("share");
    QTest::addColumn<QList<int>>("training");
    QTest::addColumn<QList<int>>("heldOut");

    QTest::newRow("ten classes, half") << QList<int>{9, 0, 5, 4, 1, 3, 7, 2, 8, 6, 0, 9} << 0.5
                                       << QList<int>{0, 4, 1, 3, 2, 0} << QList<int>{9, 5, 7, 8, 6, 9};
    QTest::newRow("any ints, sorted by value") << QList<int>{30, -5, 10, 20, -5, 30} << 0.5
                                               << QList<int>{-5, 10, -5} << QList<int>{30, 20, 30};
    QTest::newRow("five classes, half rounds up") << QList<int>{4, 3, 2, 1, 0} << 0.5
                                                  << QList<int>{2, 1, 0} << QList<int>{4, 3};
    QTest::newRow("0.7 of ten is seven") << QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9} << 0.7
                                         << QList<int>{0, 1, 2, 3, 4, 5, 6} << QList<int>{7, 8, 9};
    QTest::newRow("0.2 of ten is two") << QList<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9} << 0.2
                                       << QList<int>{0, 1} << QList<int>{2, 3, 4, 5, 6, 7, 8, 9};
}

void DataLoadersTest::splitByClassSendsFirstClassesToTraining()
{
    QFETCH(QList<int>, labels);
    QFETCH(double, share);
    QFETCH(QList<int>, training);
    QFETCH(QList<int>, heldOut);
    // Row i holds (i, -i): the features must follow their rows.
    QList<double> values;
    for (int i = 0; i < labels.size(); ++i)
        values << i << -i;
    const sme::DataSplit split = sme::splitByClass(dataset(labels.size(), 2, values, labels), share);
    QCOMPARE(labelsOf(split.training), training);
    QCOMPARE(labelsOf(split.heldOut), heldOut);
    QCOMPARE(split.training.name, std::string("toy (training)"));
    QCOMPARE(split.heldOut.name, std::string("toy (held out)"));
    for (const sme::Dataset* part : {&split.training, &split.heldOut}) {
        QCOMPARE(part->features.cols(), 2);
        int previous = -1;
        for (Eigen::Index r = 0; r < part->features.rows(); ++r) {
            const int row = int(part->features(r, 0));
            QVERIFY(row > previous); // order kept
            QCOMPARE(part->labels[std::size_t(r)], labels[row]);
            QCOMPARE(part->features(r, 1), -float(row));
            previous = row;
        }
    }
}

void DataLoadersTest::splitByClassKeepsEachPartsClassNames()
{
    sme::Dataset data = dataset(6, 1, {0, 1, 2, 3, 4, 5}, {0, 1, 2, 3, 4, 5});
    data.classNames = {{0, "T-shirt/top"}, {1, "Trouser"}, {2, "Pullover"}, {4, "Coat"}, {5, "Sandal"}};
    const sme::DataSplit split = sme::splitByClass(data, 0.5);
    using Names = std::map<int, std::string>;
    QCOMPARE(split.training.classNames, (Names{{0, "T-shirt/top"}, {1, "Trouser"}, {2, "Pullover"}}));
    QCOMPARE(split.heldOut.classNames, (Names{{4, "Coat"}, {5, "Sandal"}})); // 3 has no name
    // Data without names splits into parts without names.
    QVERIFY(sme::splitByClass(dataset(4, 1, {0, 1, 2, 3}, {0, 1, 2, 3})).heldOut.classNames.empty());
}

void DataLoadersTest::splitByClassRefusesTooFewClasses_data()
{
    QTest::addColumn<QList<int>>("labels");
    QTest::addColumn<double>("share");
    QTest::addColumn<QString>("message");

    const QList<int> ten{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    QTest::newRow("three classes") << QList<int>{0, 1, 2, 1} << 0.5
                                   << "toy: a training share of 0.5 splits 3 classes into 2 for training and 1 held out; each part needs at least two classes";
    QTest::newRow("one training class") << ten << 0.1
                                        << "toy: a training share of 0.1 splits 10 classes into 1 for training and 9 held out; each part needs at least two classes";
    QTest::newRow("one held-out class") << ten << 0.85
                                        << "toy: a training share of 0.85 splits 10 classes into 9 for training and 1 held out; each part needs at least two classes";
    QTest::newRow("share 0") << ten << 0.0 << "toy: the training share must lie strictly between 0 and 1, not 0";
    QTest::newRow("share 1") << ten << 1.0 << "toy: the training share must lie strictly between 0 and 1, not 1";
    QTest::newRow("share NaN") << ten << std::nan("") << "toy: the training share must lie strictly between 0 and 1, not nan";
    QTest::newRow("one class") << QList<int>{3, 3} << 0.5 << "toy: only one class (3): retrieval needs at least two";
}

void DataLoadersTest::splitByClassRefusesTooFewClasses()
{
    QFETCH(QList<int>, labels);
    QFETCH(double, share);
    QFETCH(QString, message);
    const sme::Dataset data = dataset(labels.size(), 1, QList<double>(labels.size(), 1.0), labels);
    QCOMPARE(errorOf([&] { sme::splitByClass(data, share); }), message);
}

void DataLoadersTest::standardiseUsesTrainingStatisticsOnly()
{
    // Training columns: {0, 4, 0, 4} (mean 2, sd 2), {7, 13, 7, 13} (mean 10, sd 3),
    // {1, 2, 3, 4} (mean 2.5, population sd sqrt(1.25)). Held-out rows far from them, so any
    // use of held-out values in the statistics would move every number below.
    sme::DataSplit split;
    split.training = dataset(4, 3, {0, 7, 1, 4, 13, 2, 0, 7, 3, 4, 13, 4}, {0, 0, 1, 1});
    split.heldOut = dataset(2, 3, {6, 16, 5, 1000, -1000, 0}, {2, 3});
    sme::standardise(split);
    const double s = std::sqrt(1.25);
    QCOMPARE(valuesOf(split.training.features),
             asFloats({-1, -1, -1.5 / s, 1, 1, -0.5 / s, -1, -1, 0.5 / s, 1, 1, 1.5 / s}));
    QCOMPARE(valuesOf(split.heldOut.features),
             asFloats({2, 2, 2.5 / s, 499, -1010.0 / 3.0, -2.5 / s}));
    // Per feature, training mean 0 and sd 1 up to float rounding of values of size ~1 (2^-24 each).
    const Eigen::MatrixXd x = split.training.features.cast<double>();
    const Eigen::RowVectorXd mean = x.colwise().mean();
    const Eigen::RowVectorXd sd = (x.rowwise() - mean).array().square().colwise().mean().sqrt();
    QVERIFY(mean.cwiseAbs().maxCoeff() < 1e-7);
    QVERIFY((sd.array() - 1.0).abs().maxCoeff() < 1e-7);
}

void DataLoadersTest::standardiseOnlyCentresAConstantFeature()
{
    // 0.1f a thousand times: its computed mean need not be 0.1f exactly, yet it must map to 0.
    sme::DataSplit split;
    QList<double> values;
    QList<int> labels;
    for (int i = 0; i < 1000; ++i) {
        values << 0.1f << i % 2;
        labels << i % 2;
    }
    split.training = dataset(1000, 2, values, labels);
    split.heldOut = dataset(2, 2, {0.1f, 0, 0.35f, 1}, {2, 3});
    sme::standardise(split);
    QVERIFY(split.training.features.col(0).isZero(0.0));
    QVERIFY(split.training.features.allFinite());
    QCOMPARE(split.heldOut.features(0, 0), 0.0f);
    QCOMPARE(split.heldOut.features(1, 0), float(double(0.35f) - double(0.1f)));
    QCOMPARE(split.heldOut.features(1, 1), 1.0f);
}

void DataLoadersTest::standardiseRefusesMismatchedParts()
{
    sme::DataSplit empty;
    QCOMPARE(errorOf([&] { sme::standardise(empty); }), "standardise: the training part has no rows");
    sme::DataSplit mismatched;
    mismatched.training = dataset(2, 2, {1, 2, 3, 4}, {0, 1});
    mismatched.heldOut = dataset(1, 3, {1, 2, 3}, {2});
    QCOMPARE(errorOf([&] { sme::standardise(mismatched); }),
             "standardise: the training part has 2 features but the held-out part has 3");
}

void DataLoadersTest::digitsFileParses()
{
    const sme::Dataset digits = sme::loadCsvDataset(SME_DIGITS_CSV);
    QCOMPARE(digits.name, std::string("optdigits-8x8.csv"));
    QCOMPARE(digits.features.rows(), 1797);
    QCOMPARE(digits.features.cols(), 64);
    QCOMPARE(digits.features.minCoeff(), 0.0f);
    QCOMPARE(digits.features.maxCoeff(), 16.0f);
    QVERIFY((digits.features.array() == digits.features.array().round()).all());
    // Counts from the file (awk), and its first rows: 0 0 5 13 9 1 0 0 ..., labels 0, 1, 2, ...
    QCOMPARE(countsOfTenClasses(digits.labels), (QList<int>{178, 182, 177, 183, 181, 182, 181, 179, 174, 180}));
    QCOMPARE(valuesOf(digits.features.topLeftCorner(1, 8)), (QList<double>{0, 0, 5, 13, 9, 1, 0, 0}));
    QCOMPARE(double(digits.features.sum()), 561718.0);
    QCOMPARE(digits.labels.back(), 8);

    sme::DataSplit split = sme::splitByClass(digits);
    QCOMPARE(split.training.classCount(), 5);
    QCOMPARE(split.training.features.rows(), 178 + 182 + 177 + 183 + 181);
    QCOMPARE(split.heldOut.features.rows(), 182 + 181 + 179 + 174 + 180);
    sme::standardise(split); // pixel 1 is 0 everywhere: must stay finite
    QVERIFY(split.training.features.allFinite() && split.heldOut.features.allFinite());
}

void DataLoadersTest::labelNoiseMakesTheShareWrong()
{
    const sme::DataSplit clean = sme::splitByClass(sme::loadCsvDataset(SME_DIGITS_CSV));
    sme::Dataset noisy = clean.training;
    const std::vector<std::size_t> changed = sme::addLabelNoise(noisy, 0.2, 5);
    QCOMPARE(changed.size(), std::size_t(std::lround(0.2 * 901))); // 901 training rows
    std::vector<bool> isChanged(noisy.labels.size(), false);
    for (std::size_t row : changed)
        isChanged[row] = true;
    for (std::size_t row = 0; row < noisy.labels.size(); ++row) {
        const int was = clean.training.labels[row];
        const int now = noisy.labels[row];
        if (isChanged[row]) // wrong, and one of the training classes 0-4
            QVERIFY(now != was && now >= 0 && now <= 4);
        else
            QCOMPARE(now, was);
    }
    QCOMPARE(noisy.classCount(), 5);
    QVERIFY(noisy.features == clean.training.features);
    sme::Dataset again = clean.training;
    sme::addLabelNoise(again, 0.2, 5);
    QVERIFY(again.labels == noisy.labels); // the same seed, the same wrong labels
    sme::Dataset other = clean.training;
    sme::addLabelNoise(other, 0.2, 6);
    QVERIFY(other.labels != noisy.labels);
    sme::Dataset none = clean.training;
    QVERIFY(sme::addLabelNoise(none, 0.0, 5).empty());
    QVERIFY(none.labels == clean.training.labels);
}

void DataLoadersTest::labelNoiseRefusesABadShare()
{
    sme::Dataset data = sme::splitByClass(sme::loadCsvDataset(SME_DIGITS_CSV)).training;
    for (double share : {-0.1, 0.95, std::nan("")})
        QCOMPARE(errorOf([&] { sme::addLabelNoise(data, share, 1); }).left(39),
                 QStringLiteral("the label noise is a share between 0 an"));
    data.labels.assign(data.labels.size(), 3);
    QVERIFY(errorOf([&] { sme::addLabelNoise(data, 0.1, 1); }).contains("label noise needs two classes or more"));
}

void DataLoadersTest::hardNegativesPickMislabeledPointsFirst()
{
    // Raw digits pixels, standardised and put on the sphere: a point's nearest neighbours are
    // nearly always of its own class, so a point given another class's label sits among the
    // anchors of its true class, closer than any true negative. Hard negative mining takes it
    // first; uniform sampling takes it as often as any other negative. 20 % of the labels are
    // wrong: uniform picks are about one in five mislabeled, hard picks several times more.
    sme::DataSplit split = sme::splitByClass(sme::loadCsvDataset(SME_DIGITS_CSV));
    sme::standardise(split);
    const std::vector<std::size_t> changed = sme::addLabelNoise(split.training, 0.2, 3);
    std::vector<bool> mislabeled(split.training.labels.size(), false);
    for (std::size_t row : changed)
        mislabeled[row] = true;
    Eigen::MatrixXd points = split.training.features.cast<double>();
    points.rowwise().normalize();
    const Eigen::MatrixXd distances = sme::pairwiseDistances(points);
    const auto mislabeledShare = [&](sme::SamplerKind kind) {
        sme::Rng rng(1);
        const std::vector<sme::Triplet> triplets
            = sme::sampleTriplets(kind, distances, split.training.labels, sme::SamplerSettings{64, 0.5, 1.4}, rng);
        const auto picked = std::count_if(triplets.begin(), triplets.end(), [&](const sme::Triplet& t) {
            return mislabeled[std::size_t(t.negative)];
        });
        return double(picked) / double(triplets.size());
    };
    const double uniform = mislabeledShare(sme::SamplerKind::Uniform);
    const double hard = mislabeledShare(sme::SamplerKind::HardNegative);
    qInfo("mislabeled share of the picks: uniform %.3f, hard %.3f", uniform, hard);
    QVERIFY2(uniform > 0.1 && uniform < 0.3, qPrintable(QString::number(uniform)));
    QVERIFY2(hard > 2.0 * uniform, qPrintable(QStringLiteral("hard %1, uniform %2").arg(hard).arg(uniform)));
}

QTEST_APPLESS_MAIN(DataLoadersTest)
#include "tst_dataloaders.moc"
