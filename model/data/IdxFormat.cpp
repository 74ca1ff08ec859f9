// The IDX reader: header checks before any allocation, big-endian elements, MNIST file names.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/IdxFormat.h"

#include "model/base/Error.h"
#include "model/data/Gzip.h"
#include "model/data/ReaderMessages.h"

#include <bit>
#include <cctype>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <type_traits>

namespace sme {
namespace {

namespace msg = readermessages;

struct IdxHeader {
    unsigned char type = 0;
    std::size_t elementBytes = 0;
    std::vector<std::uint32_t> sizes;
    std::size_t headerBytes = 0;
    long long values = 0; // the product of sizes
};

std::size_t elementBytesOf(unsigned char type)
{
    switch (type) {
    case 0x08: case 0x09: return 1;
    case 0x0B: return 2;
    case 0x0C: case 0x0D: return 4;
    case 0x0E: return 8;
    default: return 0;
    }
}

std::uint32_t bigEndian32(const unsigned char* p)
{
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
}

std::uint64_t bigEndian64(const unsigned char* p)
{
    return std::uint64_t(bigEndian32(p)) << 32 | bigEndian32(p + 4);
}

// One element of each IDX type, decoded from its big-endian bytes.
template <class Element>
Element decodeElement(const unsigned char* p)
{
    if constexpr (sizeof(Element) == 1)
        return Element(p[0]);
    else if constexpr (std::is_same_v<Element, std::int16_t>)
        return std::int16_t(std::uint16_t(p[0] << 8 | p[1]));
    else if constexpr (std::is_same_v<Element, std::int32_t>)
        return std::int32_t(bigEndian32(p));
    else if constexpr (std::is_same_v<Element, float>)
        return std::bit_cast<float>(bigEndian32(p));
    else
        return std::bit_cast<double>(bigEndian64(p));
}

// Element index of data (after the header), as a double: exact for every integer type.
double elementAt(const unsigned char* data, const IdxHeader& header, std::size_t index)
{
    const unsigned char* p = data + index * header.elementBytes;
    switch (header.type) {
    case 0x08: return decodeElement<std::uint8_t>(p);
    case 0x09: return decodeElement<std::int8_t>(p);
    case 0x0B: return decodeElement<std::int16_t>(p);
    case 0x0C: return decodeElement<std::int32_t>(p);
    case 0x0D: return decodeElement<float>(p);
    default: return decodeElement<double>(p);
    }
}

template <class Element>
using RowMajor = Eigen::Matrix<Element, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// The first value of a block of floating-point elements (row-major, from image first) that is
// not finite or not finite as a float, refused with the image and value it is at.
template <class Element>
[[noreturn]] void refuseNonFinite(const RowMajor<Element>& block, Eigen::Index first, const std::string& name)
{
    for (Eigen::Index k = 0; k < block.size(); ++k) {
        const double value = block.data()[k];
        const Message where(msg::idxImageValue, {first + k / block.cols() + 1, k % block.cols() + 1});
        if (!std::isfinite(value))
            throw Error(Message(msg::idxNonFiniteAt, {msg::prefixOf(name), where}));
        if (!std::isfinite(float(value)))
            throw Error(Message(msg::idxTooLargeAt, {msg::prefixOf(name), where, numberText(value)}));
    }
    throw Error(Message(msg::idxNonFinite, {msg::prefixOf(name)})); // not reached: the caller saw one
}

// The images (row-major elements after the header) into features, a block of rows at a time: each
// block is decoded row-major and stored column-major while it is in the cache. Bytes need no
// decoding (a view cast to float); integers are always finite floats (int32 rounds to the
// nearest), so only the floating-point types are checked.
template <class Element>
void decodeImages(const unsigned char* elements, Eigen::MatrixXf& features, const std::string& name)
{
    constexpr Eigen::Index blockRows = 256;
    const Eigen::Index columns = features.cols();
    RowMajor<Element> block;
    for (Eigen::Index first = 0; first < features.rows(); first += blockRows) {
        const Eigen::Index rows = std::min(blockRows, features.rows() - first);
        const unsigned char* start = elements + std::size_t(first * columns) * sizeof(Element);
        auto target = features.middleRows(first, rows);
        if constexpr (sizeof(Element) == 1) {
            target = Eigen::Map<const RowMajor<Element>>(reinterpret_cast<const Element*>(start), rows, columns)
                         .template cast<float>();
        } else {
            block.resize(rows, columns);
            for (Eigen::Index k = 0; k < block.size(); ++k)
                block.data()[k] = decodeElement<Element>(start + std::size_t(k) * sizeof(Element));
            target = block.template cast<float>();
            if constexpr (std::is_floating_point_v<Element>)
                if (!target.allFinite()) // a non-finite float or double, or a double beyond float
                    refuseNonFinite(block, first, name);
        }
    }
}

std::string hexByte(unsigned char byte)
{
    const char digits[] = "0123456789ABCDEF";
    return std::string("0x") + digits[byte >> 4] + digits[byte & 15];
}

// Whether a file name ends in .gz, in any case.
bool endsWithGz(const std::string& name)
{
    std::string end = name.size() >= 3 ? name.substr(name.size() - 3) : name;
    for (char& c : end)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return end == ".gz";
}

// Reads and checks the header, and that exactly the declared data follows it, before anything
// is allocated from the declared sizes.
IdxHeader readHeader(std::span<const unsigned char> bytes, const std::string& name, bool images)
{
    const Message prefix = msg::prefixOf(name);
    require(!bytes.empty(), [&] { return Message(msg::emptyFile, {prefix}); });
    // The loaders inflate gzip files (readDataFile): still gzip here is a file compressed twice.
    require(!isGzip(bytes), [&] { return Message(msg::idxGzipTwice, {prefix}); });
    require(bytes.size() >= 4, [&] { return Message(msg::idxTooShort, {prefix, bytes.size()}); });
    require(bytes[0] == 0 && bytes[1] == 0, [&] { return Message(msg::idxMagic, {prefix}); });
    IdxHeader header;
    header.type = bytes[2];
    header.elementBytes = elementBytesOf(header.type);
    require(header.elementBytes > 0, [&] { return Message(msg::idxUnknownType, {prefix, hexByte(header.type)}); });
    const int dimensions = bytes[3];
    if (images)
        require(dimensions >= 2, [&] { return Message(msg::idxImagesDimensions, {prefix, dimensions}); });
    else
        require(dimensions == 1, [&] { return Message(msg::idxLabelsDimensions, {prefix, dimensions}); });
    header.headerBytes = 4 + 4 * std::size_t(dimensions);
    require(bytes.size() >= header.headerBytes,
            [&] { return Message(msg::idxHeaderCut, {prefix, dimensions, bytes.size()}); });
    std::string declared;
    for (int d = 0; d < dimensions; ++d) {
        header.sizes.push_back(bigEndian32(bytes.data() + 4 + 4 * d));
        declared += (d > 0 ? " x " : "") + std::to_string(header.sizes.back());
    }
    header.values = 1;
    for (const std::uint32_t size : header.sizes) {
        require(size > 0, [&] { return Message(msg::idxSizeZero, {prefix, declared}); });
        // values <= 2^31 - 1 and size < 2^32 before this product: it stays below 2^63.
        header.values *= size;
        require(header.values <= maxDatasetValues,
                [&] { return Message(msg::idxTooManyValues, {prefix, declared, maxDatasetValues}); });
    }
    const std::size_t needed = std::size_t(header.values) * header.elementBytes;
    const std::size_t present = bytes.size() - header.headerBytes;
    const auto content = [&] {
        return header.elementBytes == 1 ? Message(msg::sizeBytes, {declared})
                                        : Message(msg::idxValuesOf, {declared, header.elementBytes, needed});
    };
    require(present >= needed,
            [&] { return Message(msg::idxDataShort, {prefix, content(), present, header.headerBytes}); });
    require(present == needed, [&] {
        return Message(msg::idxDataLong, {prefix, content(), present, header.headerBytes, present - needed});
    });
    return header;
}

} // namespace

Dataset parseIdx(std::span<const unsigned char> images, std::span<const unsigned char> labels,
                 const std::string& imagesName, const std::string& labelsName)
{
    const IdxHeader imageHeader = readHeader(images, imagesName, true);
    const IdxHeader labelHeader = readHeader(labels, labelsName, false);
    const Eigen::Index count = imageHeader.sizes[0];
    require(Eigen::Index(labelHeader.sizes[0]) == count, [&] {
        return Message(msg::idxLabelCount, {msg::prefixOf(labelsName), labelHeader.sizes[0], count});
    });
    const Eigen::Index columns = imageHeader.values / count;

    Dataset data;
    data.name = imagesName;
    data.features.resize(count, columns);
    preferHugePages(data.features.data(), std::size_t(data.features.size()) * sizeof(float));
    const unsigned char* pixels = images.data() + imageHeader.headerBytes;
    switch (imageHeader.type) {
    case 0x08: decodeImages<std::uint8_t>(pixels, data.features, imagesName); break;
    case 0x09: decodeImages<std::int8_t>(pixels, data.features, imagesName); break;
    case 0x0B: decodeImages<std::int16_t>(pixels, data.features, imagesName); break;
    case 0x0C: decodeImages<std::int32_t>(pixels, data.features, imagesName); break;
    case 0x0D: decodeImages<float>(pixels, data.features, imagesName); break;
    default: decodeImages<double>(pixels, data.features, imagesName); break;
    }

    const unsigned char* classes = labels.data() + labelHeader.headerBytes;
    data.labels.reserve(std::size_t(count));
    for (Eigen::Index i = 0; i < count; ++i) {
        const double label = elementAt(classes, labelHeader, std::size_t(i));
        if (!std::isfinite(label) || std::floor(label) != label || label < INT_MIN || label > INT_MAX) {
            const Message prefix = msg::prefixOf(labelsName);
            require(std::isfinite(label), [&] { return Message(msg::idxLabelNotFinite, {prefix, i + 1}); });
            require(std::floor(label) == label,
                    [&] { return Message(msg::idxLabelNotInteger, {prefix, i + 1, numberText(label)}); });
            throw Error(Message(msg::idxLabelOutsideInt, {prefix, i + 1, numberText(label)}));
        }
        data.labels.push_back(int(label));
    }
    data.validate();
    return data;
}

Dataset loadIdx(const std::string& imagesPath, const std::string& labelsPath, const Progress& progress)
{
    // Shares of the time each step takes on Fashion-MNIST (gzip): inflating the images dominates.
    const std::vector<unsigned char> images = readDataFile(imagesPath, progressPart(progress, 0.0, 0.8));
    const std::vector<unsigned char> labels = readDataFile(labelsPath, progressPart(progress, 0.8, 0.85));
    Dataset data = parseIdx(images, labels, fileNameOf(imagesPath), fileNameOf(labelsPath));
    reportProgress(progress, 1.0);
    return data;
}

std::string idxLabelsPathFor(const std::string& imagesPath)
{
    const std::filesystem::path path(imagesPath);
    std::string name = path.filename().string();
    for (const auto& [from, to] : {std::pair<std::string, std::string>{"images-idx3", "labels-idx1"},
                                   {"images.idx3", "labels.idx1"}}) {
        if (const std::size_t at = name.find(from); at != std::string::npos) {
            name.replace(at, from.size(), to);
            // The labels as compressed as the images, else the other way (either is read).
            const std::string other = endsWithGz(name) ? name.substr(0, name.size() - 3) : name + ".gz";
            for (const std::string& candidate : {name, other}) {
                const std::filesystem::path file = path.parent_path() / candidate;
                std::error_code error;
                if (std::filesystem::is_regular_file(file, error))
                    return file.string();
            }
            return {};
        }
    }
    return {};
}

} // namespace sme
