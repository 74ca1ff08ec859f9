// What sampling sees in a set of embeddings: how they use the sphere (norms, pair distances
// against q(d)), what each sampler would pick from P x K batches of them, and retrieval.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"
#include "model/base/Table.h"
#include "model/data/Dataset.h"
#include "model/geometry/Histogram.h"
#include "model/sampling/Sampler.h"

#include <Eigen/Core>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace sme {

struct EmbeddingAnalysisSettings {
    // P x K batches: P classes drawn without replacement among those with at least K points
    // (all of them when fewer than P have), K points of each; refused when fewer than 2 have.
    int batchClasses = 12;          // P: classes in a batch (as the explorer's default batch), >= 2
    int batchK = 5;                 // K: points of each class in a batch, >= 2 (an anchor needs a positive)
    static constexpr int maxBatchPoints = 20'000; // P x K at most
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
    std::vector<double> density;     // normalised histogram of the picked negatives' distances (bins over [0, 2]); empty without picks
    std::size_t picks = 0;
    double nonZeroLossShare = 0.0;   // share of the picks with non-zero margin loss at alpha, beta
    int batchClasses = 0;            // P of the batches drawn: fewer than asked when fewer classes have K points
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
    // Total variation between the pair distances' law and q(d) for n = dimension, binned: half
    // the L1 distance between the histogram's bin shares and q's bin probabilities p_b (from
    // differences of SphereDistanceLaw::cdf). 0 for points uniform on the sphere, about 1 for a
    // collapsed embedding (all pairs in bin 0, where q has almost no mass).
    // Sampling error: from m pairs, a bin's share is about normal around p_b with variance
    // p_b (1 - p_b) / m, so even for uniform points the estimate has a positive bias of
    // sum_b sqrt(p_b (1 - p_b) / (2 pi m)) <= sum_b sqrt(p_b / (2 pi m)) <= sqrt(bins / (2 pi m)).
    // For n = 128, m = 2e6 pairs and 100 bins (24 bins hold q's mass) it is 1.1e-3 (at most
    // 2.8e-3 for any law): TV below about 0.003 cannot be told from uniform. Pairs of uniform
    // points sharing a point are uncorrelated (given one point, the other's distance follows q
    // whatever it is), so m pairs of N points count as m independent ones.
    double tvToSphereLaw = 0.0;
    double tvSameToSphereLaw = 0.0, tvDifferentToSphereLaw = 0.0;
    // Retrieval over every point (blocked, ties by their expectation): Recall@1, 2, 4, 8.
    std::array<double, 4> recall{};
    double nmi = 0.0, mapAtR = 0.0;
    std::array<SamplerPicks, 4> samplers; // indexed by SamplerKind
    // The L2-normalised points analysed (double, a row a point): what pickBatches draws from
    // when only P, K, alpha or beta change. Shared: copies of the analysis share one.
    std::shared_ptr<const Eigen::MatrixXd> unitPoints;
};

// Analyses labelled embeddings (features = the points as read). Deterministic for a seed.
// Memory O(points x dimension), never points^2. Throws sme::Error for invalid data or
// settings; progress covers the whole, Cancelled when it asks to stop.
EmbeddingAnalysis analyseEmbeddings(const Dataset& embeddings, const EmbeddingAnalysisSettings& settings = {},
                                    const Progress& progress = {});

// What analyseEmbeddings finds for the samplers alone: each sampler's picks from settings'
// P x K batches of unitPoints (the L2-normalised points, as EmbeddingAnalysis::unitPoints) and
// their share with non-zero margin loss at settings' alpha, beta; the same numbers as the whole
// analysis for the same settings. For a change of P, K, alpha or beta, which touches nothing
// else: milliseconds where the whole takes seconds. Throws sme::Error for invalid settings or
// batches P and K cannot fill; progress covers it, Cancelled when it asks to stop.
std::array<SamplerPicks, 4> pickBatches(const Eigen::Ref<const Eigen::MatrixXd>& unitPoints, std::span<const int> labels,
                                        const EmbeddingAnalysisSettings& settings, const Progress& progress = {});

// The analyse command's one row: points, dimension, classes, recall_at_1, recall_at_2,
// recall_at_4, recall_at_8, nmi, map_at_r, mean_norm, mean_distance, positive_mean_distance,
// negative_mean_distance, tv_to_sphere_law.
Table analysisSummary(const EmbeddingAnalysis& analysis);
// The figures' numbers, one row per bin. pairDistanceTable: d (bin centres over [0, 2]),
// exact (q(d) for n = dimension), gaussian_limit, all_pairs, same_class, different_class (the
// pair densities; empty cells when no pair of that kind was drawn). normTable: norm (bin
// centres over [0, max norm]), density. samplerPicksTable: d, uniform, hard, semi_hard,
// distance_weighted (the densities of the picked negatives' distances, as the sampled-distances
// figure's table).
Table pairDistanceTable(const EmbeddingAnalysis& analysis);
Table normTable(const EmbeddingAnalysis& analysis);
Table samplerPicksTable(const EmbeddingAnalysis& analysis);

} // namespace sme
