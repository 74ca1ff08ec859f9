// The numbers behind each idealised figure, computed once for the window and the command line.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/geometry/GradientNoise.h"
#include "model/sampling/IdealisedBatch.h"
#include "model/losses/Losses.h"
#include "model/sampling/Sampler.h"
#include "model/base/Table.h"
#include "model/figures/ViewId.h"

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace sme {

// --- Distance density: exact q(d), its Gaussian limit, a Monte Carlo histogram. ---
struct DensitySettings {
    int dimension = 128;
    int samples = 1000;  // M uniform points; 0 = no Monte Carlo column
    int bins = 200;      // the grid: bin centres of [0, 2]
    std::uint64_t seed = 1;
    void validate() const;
};

struct DensityFigure {
    std::vector<double> distance;      // bin centres
    std::vector<double> exact;         // q(d)
    std::vector<double> gaussianLimit; // N(sqrt 2, 1/(2n)) density
    std::vector<double> monteCarlo;    // normalised histogram of the M(M-1)/2 distances; empty if M = 0
    double totalVariation = 0.0;       // between q and the Gaussian limit
};

DensityFigure densityFigure(const DensitySettings& settings);
// Columns d, exact, gaussian_limit, monte_carlo (empty cells when M = 0).
Table toTable(const DensityFigure& figure);

// --- Gradient variance against distance. ---
GradientVarianceCurve gradientVarianceFigure(const GradientNoiseSettings& settings,
                                             std::uint64_t seed);
// Columns d, variance.
Table toTable(const GradientVarianceCurve& curve);

// --- Distances of the negatives each sampler picks, on the same idealised batches. ---
struct SampledDistancesSettings {
    IdealisedBatchSettings batch;  // batch.dimension is also the samplers' n
    double cutoff = 0.5;           // lambda of distance weighted sampling
    double nonzeroLossCutoff = 1.4;
    int batches = 20;
    int bins = 100;
    std::uint64_t seed = 1;
    void validate() const;
    SamplerSettings samplerSettings() const;
};

struct SampledDistancesFigure {
    std::vector<double> distance; // bin centres over [0, 2]
    // Indexed by SamplerKind: the normalised histogram of the picked negatives' distances,
    // nullopt when the sampler picked nothing (semi-hard without positives).
    std::array<std::optional<std::vector<double>>, 4> density;
    std::array<std::size_t, 4> picks{}; // how many negatives each sampler picked
};

SampledDistancesFigure sampledDistancesFigure(const SampledDistancesSettings& settings);
// The same figure from distances already picked (e.g. every sampler on the live model's batch),
// indexed by SamplerKind; an empty list gives an empty (nullopt) column.
SampledDistancesFigure sampledDistancesFromPicks(const std::array<std::vector<double>, 4>& picks,
                                                 int bins = 100);
// Columns d, uniform, hard, semi_hard, distance_weighted.
Table toTable(const SampledDistancesFigure& figure);

// --- The losses against distance. ---
// Columns d, contrastive_pos, contrastive_neg, triplet_squared_pos, triplet_squared_neg,
// triplet_pos, triplet_neg, margin_pos, margin_neg.
Table toTable(const LossCurves& curves);

// --- By view. ---
struct IdealisedFigures;
// The table of an idealised view (isIdealised(view)), the data command's columns: what the
// window's and the figure command's exports write beside the figure. Throws sme::Error for
// the other views, whose numbers come from the train and race commands.
Table figureTable(const IdealisedFigures& figures, ViewId view);

} // namespace sme
