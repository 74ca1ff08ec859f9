// The inspector's batch of an anchor and the samplers' picks for it, through sampleTriplets.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/sampling/TripletInspection.h"

#include "model/base/Error.h"
#include "model/geometry/SpherePoints.h"

#include <algorithm>
#include <map>
#include <string>

namespace sme {
namespace {

// Streams of the seed that only the inspector uses (the trainer's are 10 to 13, and 15 to 18
// for its sampler comparison); the anchor's row is folded into the upper half so every anchor
// gets its own draws.
constexpr std::uint64_t batchStream = 100;
constexpr std::uint64_t samplerStream = 101; // + SamplerKind

std::uint64_t streamOf(std::uint64_t purpose, int anchor)
{
    return (std::uint64_t(anchor) << 32) | purpose;
}

// The first count entries of items become a uniform draw without replacement from all of
// them (a partial Fisher-Yates shuffle); count is capped by the size.
void shuffleFirst(std::vector<int>& items, std::size_t count, Rng& rng)
{
    count = std::min(count, items.size());
    for (std::size_t i = 0; i < count; ++i)
        std::swap(items[i], items[i + uniformIndex(items.size() - i, rng)]);
    items.resize(count);
}

void checkAnchor(std::span<const int> labels, int anchor)
{
    require(anchor >= 0 && std::size_t(anchor) < labels.size(), [&] {
        return "the inspected point " + std::to_string(anchor) + " is not one of the "
               + std::to_string(labels.size()) + " points";
    });
}

} // namespace

void InspectionSettings::validate() const
{
    require(batchClasses >= 1, "the batch needs at least one class (P >= 1)");
    require(batchK >= 1, "the batch needs at least one example of each class (K >= 1)");
    SamplerSettings{2, cutoff, nonzeroLossCutoff}.validate();
}

std::vector<int> inspectionBatch(std::span<const int> labels, int anchor,
                                 const InspectionSettings& settings)
{
    settings.validate();
    checkAnchor(labels, anchor);
    std::map<int, std::vector<int>> rowsOfClass; // ascending labels: the draw does not depend on row order of classes
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (int(i) != anchor)
            rowsOfClass[labels[i]].push_back(int(i));
    const int anchorLabel = labels[std::size_t(anchor)];

    Rng rng = seededStream(settings.seed, streamOf(batchStream, anchor));
    std::vector<int> batch{anchor};
    std::vector<int> mates = rowsOfClass[anchorLabel];
    shuffleFirst(mates, std::size_t(settings.batchK - 1), rng);
    batch.insert(batch.end(), mates.begin(), mates.end());

    std::vector<int> otherClasses;
    for (const auto& [label, rows] : rowsOfClass)
        if (label != anchorLabel)
            otherClasses.push_back(label);
    shuffleFirst(otherClasses, std::size_t(settings.batchClasses - 1), rng);
    for (int label : otherClasses) {
        std::vector<int> members = rowsOfClass[label];
        shuffleFirst(members, std::size_t(settings.batchK), rng);
        batch.insert(batch.end(), members.begin(), members.end());
    }
    return batch;
}

Rng inspectionSamplerRng(const InspectionSettings& settings, int anchor, SamplerKind kind)
{
    return seededStream(settings.seed, streamOf(samplerStream + std::uint64_t(kind), anchor));
}

TripletInspection inspectTriplets(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                                  std::span<const int> labels, int anchor,
                                  const InspectionSettings& settings)
{
    require(embeddings.rows() == Eigen::Index(labels.size()), [&] {
        return "the inspector needs one label per point: " + std::to_string(labels.size())
               + " labels for " + std::to_string(embeddings.rows()) + " points";
    });
    TripletInspection result;
    result.anchor = anchor;
    result.batch = inspectionBatch(labels, anchor, settings);

    const auto size = Eigen::Index(result.batch.size());
    Eigen::MatrixXd points(size, embeddings.cols());
    std::vector<int> batchLabels(result.batch.size());
    for (Eigen::Index i = 0; i < size; ++i) {
        const int row = result.batch[std::size_t(i)];
        points.row(i) = embeddings.row(row);
        batchLabels[std::size_t(i)] = labels[std::size_t(row)];
    }
    const Eigen::MatrixXd distances = pairwiseDistances(points);
    const auto pointAt = [&](int batchIndex) {
        if (batchIndex == Triplet::noPositive)
            return InspectedPoint{};
        return InspectedPoint{result.batch[std::size_t(batchIndex)], distances(0, batchIndex)};
    };
    for (int i = 1; i < int(size); ++i)
        if (batchLabels[std::size_t(i)] == batchLabels[0])
            result.positives.push_back(pointAt(i));

    // The samplers themselves, on the whole batch: the anchor is row 0, so its triplets come
    // first and were drawn before any other anchor's.
    const SamplerSettings samplerSettings{int(embeddings.cols()), settings.cutoff,
                                          settings.nonzeroLossCutoff};
    for (SamplerKind kind : allSamplerKinds) {
        Rng rng = inspectionSamplerRng(settings, anchor, kind);
        for (const Triplet& t : sampleTriplets(kind, distances, batchLabels, samplerSettings, rng)) {
            if (t.anchor != 0)
                break;
            result.picks[std::size_t(kind)].push_back({pointAt(t.positive), pointAt(t.negative)});
        }
    }
    return result;
}

} // namespace sme
