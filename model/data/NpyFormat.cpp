// The .npy reader: the header's Python dict literal read by a small strict parser, then the values
// decoded block by block into a column-major float matrix.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/NpyFormat.h"

#include "model/base/Error.h"
#include "model/data/Dataset.h"
#include "model/data/ReaderMessages.h"

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace sme {
namespace {

namespace msg = readermessages;

constexpr std::string_view npyMagic = "\x93NUMPY";

// One value of the header's dict: a string, True or False, an integer, or a tuple or list of
// them. Nothing else occurs in a header numpy writes.
struct Literal {
    enum class Kind { string, boolean, integer, sequence } kind = Kind::string;
    std::string text;           // a string's content; the literal's source text for messages
    bool truth = false;         // boolean
    long long integer = 0;      // integer
    std::vector<Literal> items; // sequence
};

// A recursive-descent reader of the header text; every error names the character it is at.
class HeaderReader {
public:
    HeaderReader(std::string_view text, Message prefix) : text_(text), prefix_(std::move(prefix)) {}

    // The dict, as its keys and values in order; then nothing but spaces and newlines.
    std::vector<std::pair<std::string, Literal>> dict()
    {
        skipSpaces();
        if (at_ >= text_.size() || text_[at_] != '{')
            throw Error(Message(msg::npyNotDict, {prefix_, quoted(text_.substr(at_, 20))}));
        ++at_;
        std::vector<std::pair<std::string, Literal>> entries;
        while (true) {
            skipSpaces();
            if (take('}'))
                break;
            if (!entries.empty()) {
                expect(',', msg::npyCommaOrBrace);
                skipSpaces();
                if (take('}'))
                    break;
            }
            const Literal key = value(0);
            if (key.kind != Literal::Kind::string)
                fail(Message(msg::npyKeyNotString));
            skipSpaces();
            expect(':', msg::npyColonAfterKey);
            entries.emplace_back(key.text, value(0));
        }
        skipSpaces();
        if (at_ != text_.size())
            fail(Message(msg::npyTextAfterDict));
        return entries;
    }

private:
    [[noreturn]] void fail(Message problem) const
    {
        throw Error(Message(msg::npyHeaderAt, {prefix_, at_ + 1, std::move(problem)}));
    }
    static std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }
    void skipSpaces()
    {
        while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\t' || text_[at_] == '\r'))
            ++at_;
    }
    bool take(char c)
    {
        if (at_ < text_.size() && text_[at_] == c) {
            ++at_;
            return true;
        }
        return false;
    }
    void expect(char c, MessagePattern what)
    {
        if (!take(c))
            fail(Message(msg::npyExpected, {Message(what)}));
    }
    bool takeWord(std::string_view word)
    {
        if (text_.substr(at_, word.size()) != word)
            return false;
        at_ += word.size();
        return true;
    }

    Literal value(int depth)
    {
        // numpy's headers nest one level (a shape); a structured dtype's list of fields a few.
        if (depth > 8)
            fail(Message(msg::npyNestedTooDeeply));
        skipSpaces();
        const std::size_t start = at_;
        Literal literal;
        if (at_ < text_.size() && (text_[at_] == '\'' || text_[at_] == '"')) {
            const char quote = text_[at_++];
            const std::size_t end = text_.find(quote, at_);
            if (end == std::string_view::npos)
                fail(Message(msg::npyUnclosedString));
            literal.text = std::string(text_.substr(at_, end - at_));
            if (literal.text.find('\\') != std::string::npos)
                fail(Message(msg::npyEscapeSequence));
            at_ = end + 1;
            return literal;
        }
        if (takeWord("True") || takeWord("False")) {
            literal.kind = Literal::Kind::boolean;
            literal.truth = text_[start] == 'T';
        } else if (take('(') || take('[')) {
            literal.kind = Literal::Kind::sequence;
            const char close = text_[start] == '(' ? ')' : ']';
            for (skipSpaces(); !take(close); skipSpaces()) {
                literal.items.push_back(value(depth + 1));
                skipSpaces();
                if (!take(','))
                    expect(close, close == ')' ? msg::npyInTuple : msg::npyInList);
                else
                    continue;
                break;
            }
        } else {
            literal.kind = Literal::Kind::integer;
            const char* first = text_.data() + at_;
            const auto [end, error] = std::from_chars(first, text_.data() + text_.size(), literal.integer);
            if (end == first)
                fail(Message(msg::npyExpectedValue));
            if (error != std::errc())
                fail(Message(msg::npyNumberTooLong));
            at_ += std::size_t(end - first);
            take('L'); // Python 2 wrote long integers so: (1000L, 128L)
        }
        literal.text = std::string(text_.substr(start, at_ - start));
        return literal;
    }

    std::string_view text_;
    Message prefix_;
    std::size_t at_ = 0;
};


// What a dtype string such as '<i8' holds, in words, for the message that refuses it.
Message dtypeInWords(const std::string& descr)
{
    const std::string_view type = std::string_view(descr).substr(descr.empty() || std::string_view("<>=|").find(descr[0]) == std::string_view::npos ? 0 : 1);
    int bytes = 0;
    if (type.size() > 1)
        std::from_chars(type.data() + 1, type.data() + type.size(), bytes);
    const int bits = bytes * 8;
    switch (type.empty() ? '\0' : type[0]) {
    case 'b': return Message(msg::npyBooleans);
    case 'i': return Message(msg::npyIntegers, {bits});
    case 'u': return Message(msg::npyUnsigned, {bits});
    case 'f': return Message(msg::npyFloats, {bits});
    case 'c': return Message(msg::npyComplex, {bits});
    case 'U': return Message(msg::npyUnicode);
    case 'S': case 'a': return Message(msg::npyByteStrings);
    case 'O': return Message(msg::npyObjects);
    case 'M': return Message(msg::npyDates);
    case 'm': return Message(msg::npyTimeSpans);
    case 'V': return Message(msg::npyRawBytes);
    default: return Message(msg::npyNotAType);
    }
}

void readDescr(const Literal& descr, NpyHeader& header, const std::string& name)
{
    require(descr.kind == Literal::Kind::string,
            [&] { return Message(msg::npyStructured, {msg::prefixOf(name), descr.text}); });
    const std::string& type = descr.text;
    const bool known = type.size() == 3 && std::string_view("<>=").find(type[0]) != std::string_view::npos
                       && type[1] == 'f' && (type[2] == '4' || type[2] == '8');
    require(known, [&] { return Message(msg::npyDtype, {msg::prefixOf(name), type, dtypeInWords(type)}); });
    header.bigEndian = type[0] == '>' || (type[0] == '=' && std::endian::native == std::endian::big);
    header.itemBytes = type[2] - '0';
}

std::string shapeText(const std::vector<long long>& shape)
{
    std::string text = "(";
    for (std::size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    return text + (shape.size() == 1 ? ",)" : ")");
}

void readShape(const Literal& shape, NpyHeader& header, const std::string& name)
{
    require(shape.kind == Literal::Kind::sequence && shape.text.front() == '(',
            [&] { return Message(msg::npyShapeNotTuple, {msg::prefixOf(name), shape.text}); });
    for (const Literal& size : shape.items) {
        require(size.kind == Literal::Kind::integer && size.integer >= 0,
                [&] { return Message(msg::npyShapeHolds, {msg::prefixOf(name), shape.text, size.text}); });
        header.shape.push_back(size.integer);
    }
    require(header.shape.size() == 2, [&] {
        return Message(msg::npyNotTwoD, {msg::prefixOf(name), shapeText(header.shape), header.shape.size()});
    });
    require(header.shape[0] > 0, [&] { return Message(msg::npyNoPoints, {msg::prefixOf(name), shapeText(header.shape)}); });
    require(header.shape[1] <= maxDatasetValues && (header.shape[1] == 0 || header.shape[0] <= maxDatasetValues / header.shape[1]),
            [&] { return Message(msg::npyTooManyValues, {msg::prefixOf(name), shapeText(header.shape), maxDatasetValues}); });
}

// One stored value, decoded from its bytes in the file's byte order.
template <class Stored, bool swapBytes>
Stored decodeValue(const unsigned char* p)
{
    std::array<unsigned char, sizeof(Stored)> raw;
    std::memcpy(raw.data(), p, sizeof(Stored));
    if constexpr (swapBytes)
        std::reverse(raw.begin(), raw.end());
    return std::bit_cast<Stored>(raw);
}

// Values first..first+count of the file order into floats.
template <class Stored, bool swapBytes>
void decodeRun(const unsigned char* data, std::size_t first, std::size_t count, float* to)
{
    const unsigned char* from = data + first * sizeof(Stored);
    for (std::size_t k = 0; k < count; ++k)
        to[k] = float(decodeValue<Stored, swapBytes>(from + k * sizeof(Stored)));
}

double storedValue(const unsigned char* data, const NpyHeader& header, std::size_t index)
{
    const unsigned char* p = data + index * std::size_t(header.itemBytes);
    const bool swap = header.bigEndian != (std::endian::native == std::endian::big);
    if (header.itemBytes == 4)
        return swap ? decodeValue<float, true>(p) : decodeValue<float, false>(p);
    return swap ? decodeValue<double, true>(p) : decodeValue<double, false>(p);
}

// Values first..first+count (file order) decoded into to; refuses the first that is not a
// finite float, naming its row and value.
void decodeValues(const unsigned char* data, const NpyHeader& header, std::size_t first, std::size_t count, float* to,
                  const std::string& name)
{
    const bool swap = header.bigEndian != (std::endian::native == std::endian::big);
    if (header.itemBytes == 4)
        (swap ? decodeRun<float, true> : decodeRun<float, false>)(data, first, count, to);
    else
        (swap ? decodeRun<double, true> : decodeRun<double, false>)(data, first, count, to);
    if (Eigen::Map<const Eigen::ArrayXf>(to, Eigen::Index(count)).allFinite())
        return;
    const auto bad = std::size_t(std::find_if(to, to + count, [](float v) { return !std::isfinite(v); }) - to);
    const std::size_t index = first + bad;
    const auto rows = std::size_t(header.shape[0]);
    const auto columns = std::size_t(header.shape[1]);
    const std::size_t row = header.fortranOrder ? index % rows : index / columns;
    const std::size_t column = header.fortranOrder ? index / rows : index % columns;
    const Message where(msg::atRowValue, {msg::prefixOf(name), row + 1, column + 1});
    const double value = storedValue(data, header, index);
    require(!std::isnan(value), [&] { return Message(msg::fieldNaN, {where}); });
    require(!std::isinf(value), [&] { return Message(msg::valueInfinite, {where}); });
    throw Error(Message(msg::fieldTooLarge, {where, "(" + numberText(value) + ")"}));
}

} // namespace

bool isNpy(std::span<const unsigned char> bytes)
{
    return bytes.size() >= npyMagic.size() && std::memcmp(bytes.data(), npyMagic.data(), npyMagic.size()) == 0;
}

NpyHeader parseNpyHeader(std::span<const unsigned char> bytes, const std::string& name)
{
    const Message prefix = msg::prefixOf(name);
    require(!bytes.empty(), [&] { return Message(msg::emptyFile, {prefix}); });
    const bool magicSoFar = std::memcmp(bytes.data(), npyMagic.data(), std::min(bytes.size(), npyMagic.size())) == 0;
    require(magicSoFar, [&] { return Message(msg::npyNotNpy, {msg::prefixOf(name)}); });
    NpyHeader header;
    require(bytes.size() >= 8, [&] { return Message(msg::npyCutInVersion, {prefix, bytes.size()}); });
    header.majorVersion = bytes[6];
    header.minorVersion = bytes[7];
    require(header.majorVersion >= 1 && header.majorVersion <= 3 && header.minorVersion == 0, [&] {
        return Message(msg::npyVersion, {msg::prefixOf(name), int(header.majorVersion), int(header.minorVersion)});
    });
    // Version 1.0 gives the header's length in 2 bytes, later versions in 4; little-endian.
    const std::size_t lengthBytes = header.majorVersion == 1 ? 2 : 4;
    require(bytes.size() >= 8 + lengthBytes, [&] { return Message(msg::npyCutInLength, {prefix}); });
    std::size_t headerLength = 0;
    for (std::size_t b = 0; b < lengthBytes; ++b)
        headerLength |= std::size_t(bytes[8 + b]) << (8 * b);
    header.dataOffset = 8 + lengthBytes + headerLength;
    require(header.dataOffset <= bytes.size(), [&] {
        return Message(msg::npyHeaderCut, {prefix, headerLength, bytes.size() - 8 - lengthBytes});
    });
    const std::string_view text(reinterpret_cast<const char*>(bytes.data()) + 8 + lengthBytes, headerLength);

    bool seen[3] = {false, false, false};
    const char* keys[3] = {"descr", "fortran_order", "shape"};
    for (const auto& entry : HeaderReader(text, prefix).dict()) {
        // Not a structured binding: clang 14 cannot capture one in the lambda.
        const std::string& key = entry.first;
        const Literal& value = entry.second;
        const auto known = std::find_if(std::begin(keys), std::end(keys), [&key](const char* k) { return key == k; });
        require(known != std::end(keys), [&] { return Message(msg::npyUnknownKey, {prefix, key}); });
        const std::size_t which = std::size_t(known - std::begin(keys));
        require(!seen[which], [&] { return Message(msg::npyKeyTwice, {prefix, key}); });
        seen[which] = true;
        if (which == 0)
            readDescr(value, header, name);
        else if (which == 1) {
            require(value.kind == Literal::Kind::boolean,
                    [&] { return Message(msg::npyFortranOrder, {prefix, value.text}); });
            header.fortranOrder = value.truth;
        } else
            readShape(value, header, name);
    }
    for (std::size_t k = 0; k < 3; ++k)
        require(seen[k], [&] { return Message(msg::npyNoKey, {prefix, keys[k]}); });

    const auto values = std::size_t(header.shape[0] * header.shape[1]);
    const std::size_t dataBytes = values * std::size_t(header.itemBytes);
    const std::size_t stored = bytes.size() - header.dataOffset;
    const std::string type = header.itemBytes == 4 ? "float32" : "float64";
    require(stored >= dataBytes, [&] {
        return Message(msg::npyDataTooShort, {msg::prefixOf(name), shapeText(header.shape), type, dataBytes, stored});
    });
    require(stored == dataBytes, [&] {
        return Message(msg::npyBytesAfter, {msg::prefixOf(name), stored - dataBytes, shapeText(header.shape), type});
    });
    return header;
}

Eigen::MatrixXf parseNpy(std::span<const unsigned char> bytes, const std::string& name, const Progress& progress)
{
    const NpyHeader header = parseNpyHeader(bytes, name);
    const unsigned char* data = bytes.data() + header.dataOffset;
    const auto rows = Eigen::Index(header.shape[0]);
    const auto columns = Eigen::Index(header.shape[1]);
    Eigen::MatrixXf points(rows, columns);
    preferHugePages(points.data(), std::size_t(points.size()) * sizeof(float));
    // Fortran order is Eigen's own: the values go straight into place. C order is decoded a block
    // of rows at a time, row-major, and stored column-major while the block is in the cache.
    constexpr std::size_t blockValues = 1 << 16;
    const std::size_t total = std::size_t(points.size());
    if (header.fortranOrder) {
        for (std::size_t first = 0; first < total; first += blockValues) {
            decodeValues(data, header, first, std::min(blockValues, total - first), points.data() + first, name);
            reportProgress(progress, double(first) / double(total));
        }
    } else if (columns > 0) {
        const Eigen::Index blockRows = std::max<Eigen::Index>(1, Eigen::Index(blockValues) / columns);
        Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> block;
        for (Eigen::Index first = 0; first < rows; first += blockRows) {
            const Eigen::Index count = std::min(blockRows, rows - first);
            block.resize(count, columns);
            decodeValues(data, header, std::size_t(first * columns), std::size_t(block.size()), block.data(), name);
            points.middleRows(first, count) = block;
            reportProgress(progress, double(first) / double(rows));
        }
    }
    reportProgress(progress, 1.0);
    return points;
}

} // namespace sme
