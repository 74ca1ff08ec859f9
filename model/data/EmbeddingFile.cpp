// Placeholder until the readers land (branch embed-read); replaced, never merged as it is.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/EmbeddingFile.h"

#include "model/base/Error.h"

namespace sme {

Dataset readEmbeddings(const std::string&, const EmbeddingFileOptions&, const Progress&)
{
    throw Error("readEmbeddings: not implemented yet");
}
std::string projectorVectorsTsv(const Eigen::Ref<const Eigen::MatrixXf>&) { throw Error("not implemented yet"); }
std::string projectorMetadataTsv(std::span<const int>, const std::map<int, std::string>&) { throw Error("not implemented yet"); }
std::string projectorMetadataPath(const std::string& vectorsPath) { return vectorsPath + "-metadata.tsv"; }

} // namespace sme
