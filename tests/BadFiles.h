// Bytes of data files, good and bad, for the bad-input tests: NumPy .npy, IDX images and labels, CSV rows;
// and what tests of the loaders compare: the message a bad file gets, the values read.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Error.h"

#include <Eigen/Core>
#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <QtEndian>
#include <cstdint>
#include <cstring>

namespace badfiles {

// A NumPy .npy file (version 1.0) with this header text, then the payload.
inline QByteArray npyWithHeader(QByteArray header, const QByteArray& payload)
{
    while ((10 + header.size() + 1) % 64 != 0)
        header += ' ';
    header += '\n';
    QByteArray bytes("\x93NUMPY\x01\x00", 8);
    bytes += char(header.size() & 0xff);
    bytes += char(header.size() >> 8);
    return bytes + header + payload;
}

// A NumPy .npy file (version 1.0) with this dtype and shape, then the payload.
inline QByteArray npyFile(const QByteArray& descr, const QByteArray& shape, const QByteArray& payload)
{
    return npyWithHeader("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }", payload);
}

// An IDX header: 0x00 0x00, the element type, the number of sizes, the sizes big-endian.
inline QByteArray idxHeader(std::uint8_t type, const QList<std::uint32_t>& sizes)
{
    QByteArray bytes;
    bytes.append('\0').append('\0').append(char(type)).append(char(sizes.size()));
    for (const std::uint32_t size : sizes) {
        char word[4];
        qToBigEndian(size, word);
        bytes.append(word, 4);
    }
    return bytes;
}

// count images of 2 x 2 unsigned bytes, then their labels (unsigned bytes) 0, 1, 2, ... mod classes.
inline QByteArray idxImages(int count)
{
    QByteArray bytes = idxHeader(0x08, {std::uint32_t(count), 2, 2});
    for (int i = 0; i < 4 * count; ++i)
        bytes.append(char(i * 37 % 251));
    return bytes;
}

inline QByteArray idxLabels(int count, int classes)
{
    QByteArray bytes = idxHeader(0x08, {std::uint32_t(count)});
    for (int i = 0; i < count; ++i)
        bytes.append(char(i % classes));
    return bytes;
}

// count images of one float value each: the first is value, the others 1.
inline QByteArray idxFloatImages(int count, float value)
{
    QByteArray bytes = idxHeader(0x0D, {std::uint32_t(count), 1});
    for (int i = 0; i < count; ++i) {
        const float v = i == 0 ? value : 1.0f;
        std::uint32_t word;
        std::memcpy(&word, &v, 4);
        char big[4];
        qToBigEndian(word, big);
        bytes.append(big, 4);
    }
    return bytes;
}

// rows of "x,y,label" over the given number of classes, with a header line.
inline QByteArray csvRows(int rows, int classes)
{
    QByteArray text = "x,y,label\n";
    for (int i = 0; i < rows; ++i)
        text += QByteArray::number(i * 0.5) + "," + QByteArray::number(i % 7) + "," + QByteArray::number(i % classes) + "\n";
    return text;
}

// CRC-32 as gzip computes it (IEEE polynomial, reflected), bit by bit: test files are small.
inline std::uint32_t crc32(const QByteArray& bytes)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char byte : bytes) {
        crc ^= std::uint8_t(byte);
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// content as one gzip member, as `gzip -c` writes it: qCompress's zlib stream without its 4-byte
// length, 2-byte header and Adler-32 is raw deflate data, which gzip's 10-byte header and its
// trailer (CRC-32 and size, little-endian) wrap.
inline QByteArray gzipped(const QByteArray& content)
{
    const QByteArray zlib = qCompress(content, 9);
    QByteArray bytes("\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03", 10);
    bytes += zlib.mid(6, zlib.size() - 6 - 4);
    char word[4];
    qToLittleEndian(crc32(content), word);
    bytes.append(word, 4);
    qToLittleEndian(std::uint32_t(content.size()), word);
    bytes.append(word, 4);
    return bytes;
}

// The message of the sme::Error that call throws, or "<no error>".
template <class Call>
QString errorOf(Call call)
{
    try {
        call();
    } catch (const sme::Error& error) {
        return QString::fromUtf8(error.what());
    }
    return QStringLiteral("<no error>");
}

// The values of a data set's features (or points) row by row, for comparing with a file's.
inline QList<double> valuesOf(const Eigen::MatrixXf& features)
{
    QList<double> values;
    for (Eigen::Index i = 0; i < features.rows(); ++i)
        for (Eigen::Index j = 0; j < features.cols(); ++j)
            values.append(features(i, j));
    return values;
}

inline bool write(const QString& path, const QByteArray& content)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace badfiles
