// What the fuzz targets share: a file cut from the input read as the loaders read it, inflated
// first when it starts with the gzip magic.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/data/Gzip.h"

#include <cstddef>
#include <span>
#include <vector>

namespace fuzzfiles {

// A small limit on the inflated size, so a bomb is refused quickly and within the fuzzer's memory.
constexpr long long inflateLimit = 1 << 20;

// The bytes of one file: inflated when gzip, else as they are (then owned by the input).
inline std::span<const unsigned char> contentOf(std::span<const unsigned char> file, std::vector<unsigned char>& inflated)
{
    if (!sme::isGzip(file))
        return file;
    inflated = sme::inflateGzip(file, "fuzz.gz", {}, inflateLimit);
    if (inflated.size() > std::size_t(inflateLimit))
        __builtin_trap();
    return inflated;
}

} // namespace fuzzfiles
