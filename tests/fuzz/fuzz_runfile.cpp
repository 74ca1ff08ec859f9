// libFuzzer target: the run file decoder (decodeRun), the binary side file of a session that
// kept its trained model.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Error.h"
#include "model/training/RunFile.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

// The checksum would stop nearly every mutation at the first check, so half the inputs get a
// correct checksum appended: those reach the field-by-field decoding behind it.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 1)
        return 0;
    std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (data[0] & 1) {
        const std::uint64_t checksum = sme::runChecksum(bytes);
        for (int i = 0; i < 8; ++i)
            bytes.push_back(char((checksum >> (8 * i)) & 0xffu));
    }
    try {
        const sme::SavedRun run = sme::decodeRun(bytes);
        // What a caller relies on when decoding succeeded: a file of the current format encodes
        // back to the same bytes; an older one (format 1 has no spread) is written in the current
        // format, which then round-trips. The format is the 32-bit little-endian word after the
        // 8-byte magic, which decoding has checked.
        const std::uint32_t format = std::uint32_t(std::uint8_t(bytes[8])) | std::uint32_t(std::uint8_t(bytes[9])) << 8
                                     | std::uint32_t(std::uint8_t(bytes[10])) << 16
                                     | std::uint32_t(std::uint8_t(bytes[11])) << 24;
        const std::string encoded = sme::encodeRun(run);
        if (format == sme::runFileVersion ? encoded != bytes : sme::encodeRun(sme::decodeRun(encoded)) != encoded)
            __builtin_trap();
    } catch (const sme::Error&) {
        // Refused with a message: what bad input should get.
    }
    return 0;
}
