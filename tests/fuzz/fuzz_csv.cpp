// libFuzzer target: the CSV data-set reader (parseCsvDataset) on arbitrary text, read as a file is:
// inflated first when it starts with the gzip magic (inflateGzip), as raw text otherwise.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzFiles.h"
#include "model/base/Error.h"
#include "model/data/CsvDataset.h"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        std::vector<unsigned char> inflated;
        const std::span<const unsigned char> text = fuzzfiles::contentOf({data, size}, inflated);
        const sme::Dataset dataset
            = sme::parseCsvDataset(std::string_view(reinterpret_cast<const char*>(text.data()), text.size()), "fuzz.csv");
        // What a caller relies on when parsing succeeded.
        if (dataset.features.rows() != std::ptrdiff_t(dataset.labels.size()) || !dataset.features.allFinite()
            || dataset.classCount() < 2)
            __builtin_trap();
    } catch (const sme::Error&) {
        // Refused with a message: what bad input should get.
    }
    return 0;
}
