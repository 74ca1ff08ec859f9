// Placeholder until the analysis lands (branch embed-analysis); replaced, never merged as it is.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/analysis/EmbeddingAnalysis.h"

#include "model/base/Error.h"

namespace sme {

void EmbeddingAnalysisSettings::validate() const {}
EmbeddingAnalysis analyseEmbeddings(const Dataset&, const EmbeddingAnalysisSettings&, const Progress&)
{
    throw Error("analyseEmbeddings: not implemented yet");
}
Table analysisSummary(const EmbeddingAnalysis&) { throw Error("not implemented yet"); }
Table pairDistanceTable(const EmbeddingAnalysis&) { throw Error("not implemented yet"); }
Table normTable(const EmbeddingAnalysis&) { throw Error("not implemented yet"); }
Table samplerPicksTable(const EmbeddingAnalysis&) { throw Error("not implemented yet"); }

} // namespace sme
