// The triplet inspector's science: for one point of the map, the batch it would sit in, its
// positives, and the negative(s) each of the four samplers picks for it there.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Random.h"
#include "model/sampling/Sampler.h"

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace sme {

struct InspectionSettings {
    int batchClasses = 12; // P
    int batchK = 5;        // K
    double cutoff = 0.5;   // lambda of distance weighted sampling
    double nonzeroLossCutoff = 1.4;
    std::uint64_t seed = 1;

    // Throws sme::Error naming the first setting that is out of range.
    void validate() const;
};

// "The current batch" of an anchor, as rows of the displayed points: a P x K batch like the
// trainer draws, made to contain the anchor. The anchor comes first, then K - 1 other members
// of its class, then K members of each of P - 1 other classes; classes and members are drawn
// without replacement, deterministically from the seed and the anchor's row (the same click
// gives the same batch), and capped by what the points hold. So with at most P classes of at
// most K points each, the batch is every displayed point.
// Throws sme::Error for an anchor out of range or invalid settings.
std::vector<int> inspectionBatch(std::span<const int> labels, int anchor,
                                 const InspectionSettings& settings);

// The generator a sampler draws with when inspecting that anchor (one stream per sampler, so
// the four do not share draws). The anchor is row 0 of its batch, so its picks are the first
// triplets sampleTriplets returns with this generator.
Rng inspectionSamplerRng(const InspectionSettings& settings, int anchor, SamplerKind kind);

// A point of the batch and its distance to the anchor, in the n-dimensional embedding.
struct InspectedPoint {
    int row = -1; // row of the displayed points
    double distance = 0.0;
};

// One triplet a sampler chose for the anchor.
struct InspectedPick {
    InspectedPoint positive; // row -1 when the anchor has no positive in the batch
    InspectedPoint negative;
};

struct TripletInspection {
    int anchor = -1;                     // row of the displayed points
    std::vector<int> batch;              // rows of the displayed points, the anchor first
    std::vector<InspectedPoint> positives; // the anchor's class in the batch, anchor excluded
    // Indexed by SamplerKind: one pick per positive (as the samplers do in training); none
    // under semi-hard without a positive, none at all when the batch has no other class.
    std::array<std::vector<InspectedPick>, 4> picks;
};

// Runs sampleTriplets of every sampler on the anchor's batch (distances between the rows of
// embeddings, the samplers' n = embeddings.cols()) and keeps the triplets of the anchor.
// Throws sme::Error for mismatched sizes, an anchor out of range, or invalid settings.
TripletInspection inspectTriplets(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                                  std::span<const int> labels, int anchor,
                                  const InspectionSettings& settings);

} // namespace sme
