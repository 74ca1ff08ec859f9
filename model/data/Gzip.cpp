// Inflating gzip data with zlib, bounded in size, and reading data files that may be compressed.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/Gzip.h"

#include "model/base/Error.h"
#include "model/data/ReaderMessages.h"

#include <algorithm>
#include <climits>

#define ZLIB_CONST // next_in is const: zlib only reads the input
#include <zlib.h>

namespace sme {
namespace {

// Input is handed to zlib a mebibyte at a time, so progress and cancellation come that often
// (a few hundred times a second).
constexpr std::size_t inputChunk = std::size_t(1) << 20;
// The least the output grows by when the expected size was too small.
constexpr std::size_t leastGrowth = std::size_t(1) << 16;
// Deflate's best ratio is 1032:1 (258-byte matches coded in 2 bits): a larger declared size lies.
constexpr std::size_t largestRatio = 1032;

namespace msg = readermessages;

Message sizeText(long long bytes)
{
    if (bytes > 0 && bytes % (1LL << 30) == 0)
        return Message(msg::sizeGiB, {bytes >> 30});
    if (bytes > 0 && bytes % (1LL << 20) == 0)
        return Message(msg::sizeMiB, {bytes >> 20});
    return Message(msg::sizeBytes, {bytes});
}

// The size to reserve for the inflated data: a gzip file ends with its last member's size
// modulo 2^32 (ISIZE, little-endian), exact for a single member under 4 GiB. Believed only as
// far as deflate's largest ratio and the limit allow, so a lie cannot reserve gigabytes.
std::size_t expectedSize(std::span<const unsigned char> compressed, std::size_t limit)
{
    if (compressed.size() < 18) // a header of 10 bytes and a trailer of 8
        return 0;
    const unsigned char* end = compressed.data() + compressed.size();
    const std::size_t declared = std::size_t(end[-4]) | std::size_t(end[-3]) << 8
                                 | std::size_t(end[-2]) << 16 | std::size_t(end[-1]) << 24;
    return std::min({declared, compressed.size() * largestRatio, limit});
}

// A z_stream set up for gzip (and only gzip: windowBits 15 + 16), ended however it is left.
class GzipStream {
public:
    explicit GzipStream(const Message& prefix)
    {
        require(inflateInit2(&stream_, 16 + MAX_WBITS) == Z_OK, [&] {
            return Message(msg::zlibCannotStart,
                           {prefix, stream_.msg ? Message::Part(stream_.msg) : Message::Part(Message(msg::outOfMemory))});
        });
    }
    ~GzipStream() { inflateEnd(&stream_); }
    GzipStream(const GzipStream&) = delete;
    GzipStream& operator=(const GzipStream&) = delete;
    z_stream* get() { return &stream_; }

private:
    z_stream stream_{};
};

} // namespace

bool isGzip(std::span<const unsigned char> bytes)
{
    return bytes.size() >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;
}

std::vector<unsigned char> inflateGzip(std::span<const unsigned char> compressed, const std::string& name,
                                       const Progress& progress, long long maxBytes)
{
    const Message prefix = msg::prefixOf(name);
    const auto limit = std::size_t(std::max(0LL, maxBytes));
    const auto refuseTooLarge = [&] { throw Error(Message(msg::tooLargeDecompressed, {prefix, sizeText(maxBytes)})); };
    GzipStream gzip(prefix);
    z_stream& stream = *gzip.get();
    std::vector<unsigned char> output;
    output.reserve(expectedSize(compressed, limit));
    preferHugePages(output.data(), output.capacity());
    output.resize(output.capacity());
    std::size_t produced = 0;
    std::size_t fed = 0; // input handed to zlib so far
    reportProgress(progress, 0.0);
    while (true) {
        if (stream.avail_in == 0 && fed < compressed.size()) {
            const std::size_t chunk = std::min(inputChunk, compressed.size() - fed);
            stream.next_in = compressed.data() + fed;
            stream.avail_in = uInt(chunk);
            fed += chunk;
            reportProgress(progress, double(fed - chunk) / double(compressed.size()));
        }
        if (produced == output.size()) {
            // Room for one byte past the limit, no more: that byte is how a bomb is seen.
            if (produced > limit)
                refuseTooLarge();
            output.resize(std::min(std::max(2 * output.size(), produced + leastGrowth), limit + 1));
        }
        const std::size_t room = std::min<std::size_t>(output.size() - produced, UINT_MAX);
        stream.next_out = output.data() + produced;
        stream.avail_out = uInt(room);
        const int status = inflate(&stream, Z_NO_FLUSH);
        produced += room - stream.avail_out;
        if (produced > limit)
            refuseTooLarge();
        const std::size_t unread = stream.avail_in + (compressed.size() - fed);
        if (status == Z_STREAM_END) {
            if (unread == 0)
                break;
            // Another member follows (gzip -c a b), or bytes that are not gzip.
            const std::size_t at = compressed.size() - unread;
            require(isGzip(compressed.subspan(at)),
                    [&] { return Message(unread == 1 ? msg::byteAfterGzip : msg::bytesAfterGzip, {prefix, unread}); });
            require(inflateReset(&stream) == Z_OK, [&] { return Message(msg::zlibCannotRestart, {prefix}); });
            continue;
        }
        if (status == Z_BUF_ERROR && unread == 0 && stream.avail_out > 0)
            throw Error(Message(msg::gzipTruncated, {prefix, compressed.size()}));
        if (status == Z_DATA_ERROR || status == Z_NEED_DICT)
            throw Error(Message(msg::gzipDamaged, {prefix, stream.msg ? Message::Part(stream.msg)
                                                                      : Message::Part(Message(msg::needsDictionary))}));
        require(status == Z_OK || status == Z_BUF_ERROR, [&] {
            return stream.msg ? Message(msg::zlibErrorSaying, {prefix, status, stream.msg})
                              : Message(msg::zlibError, {prefix, status});
        });
    }
    output.resize(produced);
    reportProgress(progress, 1.0);
    return output;
}

std::vector<unsigned char> readDataFile(const std::string& path, const Progress& progress, long long maxBytes)
{
    reportProgress(progress, 0.0);
    std::vector<unsigned char> bytes = readFileBytes(path);
    if (isGzip(bytes))
        return inflateGzip(bytes, fileNameOf(path), progress, maxBytes);
    require(bytes.size() <= std::size_t(std::max(0LL, maxBytes)),
            [&] { return Message(msg::fileLargerThan, {path, sizeText(maxBytes)}); });
    reportProgress(progress, 1.0);
    return bytes;
}

} // namespace sme
