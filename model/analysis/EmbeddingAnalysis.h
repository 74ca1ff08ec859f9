// What sampling sees in a set of embeddings: how they use the sphere (norms, pair distances
// against q(d)), what each sampler would pick from P x K batches of them, and retrieval.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"
#include "model/base/Table.h"
#include "model/data/Dataset.h"
#include "model/geometry/Histogram.h"
#include "model/sampling/Sampler.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace sme {

struct EmbeddingAnalysisSettings {
    int batchClasses = 12;          // P: classes in a batch (as the explorer's default batch)
    int batchK = 5;                 // K: points of each class in a batch
    int batches = 200;              // batches drawn for the samplers' picks
    double alpha = 0.2;             // the margin loss's margin
    double beta = 1.2;              // its boundary: a pick has non-zero loss when d_an < beta + alpha
    double cutoff = 0.5;            // lambda of distance weighted sampling
    double nonzeroLossCutoff = 1.4; // distance weighted sampling's upper cut-off
    std::size_t pairSample = 2'000'000; // pairs drawn for the distance histograms (all pairs when fewer)
    int bins = 100;                 // bins over [0, 2] for distances
    std::uint64_t seed = 1;
    std::size_t threads = 0;        // 0: one per core
    // Throws sme::Error naming the first setting out of range.
    void validate() const;
};

// What one sampler picks from the batches.
struct SamplerPicks {
    SamplerKind sampler = SamplerKind::Uniform;
    std::vector<double> density;     // normalised histogram of the picked negatives' distances (bins over [0, 2])
    std::size_t picks = 0;
    double nonZeroLossShare = 0.0;   // share of the picks with non-zero margin loss at alpha, beta
};

struct EmbeddingAnalysis {
    std::size_t points = 0, dimension = 0, classes = 0;
    // The raw norms (before normalisation): their histogram and mean. Everything below is of
    // the L2-normalised points, the paper's geometry; alreadyNormalised says whether they were
    // on the sphere already (every norm within 1e-3 of 1).
    Histogram norms{0.0, 1.0, 1};
    double meanNorm = 0.0;
    bool alreadyNormalised = false;
    // Pair distances of the normalised points (a seeded sample of pairs when there are more
    // than pairSample): all, same-class and different-class pairs, as histograms over [0, 2].
    Histogram allPairs{0.0, 2.0, 1}, samePairs{0.0, 2.0, 1}, differentPairs{0.0, 2.0, 1};
    std::size_t pairsSampled = 0; // how many pairs the histograms hold (for the view's note)
    double meanDistance = 0.0, positiveMeanDistance = 0.0, negativeMeanDistance = 0.0;
    // Total variation between the pair distances' law and q(d) for n = dimension (binned):
    // 0 for points uniform on the sphere, 1 for a collapsed embedding.
    double tvToSphereLaw = 0.0;
    double tvSameToSphereLaw = 0.0, tvDifferentToSphereLaw = 0.0;
    // Retrieval over every point (blocked, ties by their expectation): Recall@1, 2, 4, 8.
    std::array<double, 4> recall{};
    double nmi = 0.0, mapAtR = 0.0;
    std::array<SamplerPicks, 4> samplers; // indexed by SamplerKind
};

// Analyses labelled embeddings (features = the points as read). Deterministic for a seed.
// Memory O(points x dimension), never points^2. Throws sme::Error for invalid data or
// settings; progress covers the whole, Cancelled when it asks to stop.
EmbeddingAnalysis analyseEmbeddings(const Dataset& embeddings, const EmbeddingAnalysisSettings& settings = {},
                                    const Progress& progress = {});

// The analyse command's one row: points, dimension, classes, recall_at_1, recall_at_2,
// recall_at_4, recall_at_8, nmi, map_at_r, mean_norm, mean_distance, positive_mean_distance,
// negative_mean_distance, tv_to_sphere_law.
Table analysisSummary(const EmbeddingAnalysis& analysis);
// The figures' numbers: d, q(d) for n, its Gaussian limit, all, same-class, different-class
// pair densities; and norm, density of norms; and d plus one column per sampler.
Table pairDistanceTable(const EmbeddingAnalysis& analysis);
Table normTable(const EmbeddingAnalysis& analysis);
Table samplerPicksTable(const EmbeddingAnalysis& analysis);

} // namespace sme
