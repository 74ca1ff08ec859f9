// libFuzzer target: the CSV data-set reader (parseCsvDataset) on arbitrary text.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/CsvDataset.h"
#include "model/base/Error.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        const sme::Dataset dataset
            = sme::parseCsvDataset(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv");
        // What a caller relies on when parsing succeeded.
        if (dataset.features.rows() != std::ptrdiff_t(dataset.labels.size()) || !dataset.features.allFinite()
            || dataset.classCount() < 2)
            __builtin_trap();
    } catch (const sme::Error&) {
        // Refused with a message: what bad input should get.
    }
    return 0;
}
