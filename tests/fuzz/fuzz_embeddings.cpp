// libFuzzer target: the embeddings readers (parseEmbeddings: the Projector's TSV and metadata,
// CSV, NumPy .npy) on a vectors file and a labels file cut from one input, each read as a file
// is: inflated first when it starts with the gzip magic (inflateGzip).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FuzzFiles.h"
#include "model/base/Error.h"
#include "model/data/EmbeddingFile.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

using fuzzfiles::contentOf;

// The first byte picks the vectors file's name (bits 0-1: emb.tsv, emb.csv, emb.npy, emb: the
// format by content), whether there is a labels file (bit 2; always for TSV and .npy, whose
// labels are only there) and the label column (bit 3: "label", else none). The next two bytes
// (little-endian) give the length of the vectors file; the rest is the labels file.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    if (size < 3)
        return 0;
    static const char* const names[] = {"emb.tsv", "emb.csv", "emb.npy", "emb"};
    const std::string name = names[data[0] & 3];
    const bool labelsFile = (data[0] & 4) != 0 || name != "emb.csv";
    const std::string labelColumn = (data[0] & 8) != 0 ? "label" : "";
    const std::span<const unsigned char> rest(data + 3, size - 3);
    const std::size_t split = std::min<std::size_t>(rest.size(), data[1] | std::size_t(data[2]) << 8);
    try {
        std::vector<unsigned char> vectors;
        std::vector<unsigned char> labels;
        const sme::Dataset dataset
            = sme::parseEmbeddings(contentOf(rest.first(split), vectors), name, contentOf(rest.subspan(split), labels),
                                   labelsFile ? "emb-metadata.tsv" : "", labelColumn);
        // What a caller relies on when reading succeeded: a label per point, finite values, at
        // least two classes and two dimensions, no zero vector, a name for every class when any.
        if (dataset.features.rows() != std::ptrdiff_t(dataset.labels.size()) || !dataset.features.allFinite()
            || dataset.classCount() < 2 || dataset.features.cols() < 2
            || !(dataset.features.array() != 0.0f).rowwise().any().all()
            || (!dataset.classNames.empty() && int(dataset.classNames.size()) != dataset.classCount()))
            __builtin_trap();
    } catch (const sme::Error&) {
        // Refused with a message: what bad input should get.
    }
    return 0;
}
