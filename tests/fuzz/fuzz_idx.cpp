// libFuzzer target: the IDX reader (parseIdx) on an images file and a labels file cut from one input.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Error.h"
#include "model/data/IdxFormat.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

// The first two bytes (little-endian) give the length of the images file, the rest after it is
// the labels file, so one input reaches both headers and the checks that compare them.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 2)
        return 0;
    const std::span<const unsigned char> rest(data + 2, size - 2);
    const std::size_t split = std::min<std::size_t>(rest.size(), data[0] | std::size_t(data[1]) << 8);
    try {
        const sme::Dataset dataset = sme::parseIdx(rest.first(split), rest.subspan(split), "images", "labels");
        // What a caller relies on when parsing succeeded.
        if (dataset.features.rows() != std::ptrdiff_t(dataset.labels.size()) || !dataset.features.allFinite())
            __builtin_trap();
    } catch (const sme::Error&) {
        // Refused with a message: what bad input should get.
    }
    return 0;
}
