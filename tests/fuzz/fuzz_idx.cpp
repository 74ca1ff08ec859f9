// libFuzzer target: the IDX reader (parseIdx) on an images file and a labels file cut from one
// input, each read as a file is: inflated first when it starts with the gzip magic (inflateGzip).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzFiles.h"
#include "model/base/Error.h"
#include "model/data/IdxFormat.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

using fuzzfiles::contentOf;

// The first two bytes (little-endian) give the length of the images file, the rest after it is
// the labels file, so one input reaches both headers and the checks that compare them.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 2)
        return 0;
    const std::span<const unsigned char> rest(data + 2, size - 2);
    const std::size_t split = std::min<std::size_t>(rest.size(), data[0] | std::size_t(data[1]) << 8);
    try {
        std::vector<unsigned char> images;
        std::vector<unsigned char> labels;
        const sme::Dataset dataset = sme::parseIdx(contentOf(rest.first(split), images),
                                                   contentOf(rest.subspan(split), labels), "images", "labels");
        // What a caller relies on when parsing succeeded.
        if (dataset.features.rows() != std::ptrdiff_t(dataset.labels.size()) || !dataset.features.allFinite())
            __builtin_trap();
    } catch (const sme::Error&) {
        // Refused with a message: what bad input should get.
    }
    return 0;
}
