// The figures of an analysis of a user's embeddings: each view filled from an EmbeddingAnalysis,
// and the numbers behind it, for the analyse command (and the window, which shows the same).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/analysis/EmbeddingAnalysis.h"
#include "model/base/Table.h"

#include <QString>
#include <array>
#include <memory>

class QWidget;

enum class EmbeddingFigure { PairDistances, PairDistancesByClass, Norms, SampledDistances };
inline constexpr std::array<EmbeddingFigure, 4> allEmbeddingFigures{
    EmbeddingFigure::PairDistances, EmbeddingFigure::PairDistancesByClass, EmbeddingFigure::Norms,
    EmbeddingFigure::SampledDistances};

// Its file name without a suffix: pair-distances, pair-distances-by-class, norms, sampled-distances.
QString embeddingFigureName(EmbeddingFigure figure);

// The view of the figure, filled (settings: the batches' P x K, alpha, beta and the distance
// weighted sampler's cutoffs the analysis ran with). The pair distances' views draw q(d) for
// n = analysis.dimension when SphereDistanceLaw takes that n, and leave it out otherwise.
std::unique_ptr<QWidget> embeddingFigureView(EmbeddingFigure figure, const sme::EmbeddingAnalysis& analysis,
                                             const sme::EmbeddingAnalysisSettings& settings);

// The CSV beside the figure: pairDistanceTable (both pair figures), normTable or samplerPicksTable.
sme::Table embeddingFigureTable(EmbeddingFigure figure, const sme::EmbeddingAnalysis& analysis);
