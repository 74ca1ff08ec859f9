// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/analysis/BatchPicks.h"

#include "model/base/Error.h"
#include "model/base/Random.h"
#include "model/data/ReaderMessages.h"
#include "model/geometry/SpherePoints.h"
#include "model/metrics/QueryTiles.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <map>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

namespace sme {
namespace {

// The first `count` entries of items become a uniform draw without replacement (a partial
// Fisher-Yates shuffle); whatever order items were in, the draw is uniform.
void drawFront(std::vector<int>& items, std::size_t count, Rng& rng)
{
    for (std::size_t i = 0; i < count; ++i)
        std::swap(items[i], items[i + uniformIndex(items.size() - i, rng)]);
}

// The picks of the samplers `kinds` from draw.batches batches of the rows of eligible's
// classes, into picks[kind]: the batches drawn from draw's seed (stream 50), each sampler's
// picks from its own stream (51 + kind). progress is told the share of batches drawn.
void pickFromBatches(const Eigen::Ref<const Eigen::MatrixXd>& unitPoints, std::vector<std::vector<int>> eligible,
                     const BatchDraw& draw, const SamplerSettings& samplers, const std::vector<SamplerKind>& kinds,
                     std::array<std::vector<double>, 4>& picks, const Progress& progress)
{
    const std::size_t classes = std::min(eligible.size(), std::size_t(draw.batchClasses));
    const auto k = std::size_t(draw.batchK);
    Rng batchRng = seededStream(draw.seed, 50);
    std::array<Rng, 4> samplerRngs;
    for (SamplerKind kind : kinds)
        samplerRngs[std::size_t(kind)] = seededStream(draw.seed, 51 + std::uint64_t(kind));
    std::vector<int> classOrder(eligible.size());
    for (std::size_t c = 0; c < classOrder.size(); ++c)
        classOrder[c] = int(c);

    Eigen::MatrixXd batch(Eigen::Index(classes * k), unitPoints.cols());
    std::vector<int> batchLabels(classes * k);
    for (int b = 0; b < draw.batches; ++b) {
        if (b % 16 == 0)
            reportProgress(progress, double(b) / double(draw.batches));
        drawFront(classOrder, classes, batchRng);
        for (std::size_t c = 0; c < classes; ++c) {
            std::vector<int>& rows = eligible[std::size_t(classOrder[c])];
            drawFront(rows, k, batchRng);
            for (std::size_t j = 0; j < k; ++j) {
                batch.row(Eigen::Index(c * k + j)) = unitPoints.row(rows[j]);
                batchLabels[c * k + j] = int(c);
            }
        }
        const Eigen::MatrixXd distances = pairwiseDistances(batch);
        for (SamplerKind kind : kinds) {
            const std::vector<Triplet> triplets
                = sampleTriplets(kind, distances, batchLabels, samplers, samplerRngs[std::size_t(kind)]);
            const std::vector<double> chosen = negativeDistances(triplets, distances);
            picks[std::size_t(kind)].insert(picks[std::size_t(kind)].end(), chosen.begin(), chosen.end());
        }
    }
}

// The rows of each label, by label.
std::map<int, std::vector<int>> rowsByLabel(std::span<const int> labels)
{
    std::map<int, std::vector<int>> rowsOfLabel;
    for (std::size_t row = 0; row < labels.size(); ++row)
        rowsOfLabel[labels[row]].push_back(int(row));
    return rowsOfLabel;
}

} // namespace

int batchClassesDrawn(std::span<const int> labels, const BatchDraw& draw)
{
    const std::map<int, std::vector<int>> rowsOfLabel = rowsByLabel(labels);
    const auto eligible = std::count_if(rowsOfLabel.begin(), rowsOfLabel.end(), [&](const auto& entry) {
        return entry.second.size() >= std::size_t(draw.batchK);
    });
    return int(std::min<std::ptrdiff_t>(eligible, draw.batchClasses));
}

std::array<std::vector<double>, 4> samplerPickDistances(const Eigen::Ref<const Eigen::MatrixXd>& unitPoints,
                                                        std::span<const int> labels, const BatchDraw& draw,
                                                        const SamplerSettings& samplers, const Progress& progress)
{
    std::map<int, std::vector<int>> rowsOfLabel = rowsByLabel(labels);
    std::vector<std::vector<int>> eligible; // the rows of each class with at least K
    for (auto& [label, rows] : rowsOfLabel)
        if (rows.size() >= std::size_t(draw.batchK))
            eligible.push_back(std::move(rows));
    require(eligible.size() >= 2, [&] {
        return Message(readermessages::batchNeedsClasses, {draw.batchK, eligible.size(), rowsOfLabel.size()});
    });
    // Two threads where there are two cores, each with two of the samplers: each draws the same
    // batches from the seed itself (no waiting for the other) and its samplers their picks from
    // their own streams, so the picks are the same however many threads draw them.
    const std::array<std::vector<SamplerKind>, 2> groups
        = defaultThreadCount() > 1
        ? std::array<std::vector<SamplerKind>, 2>{{{SamplerKind::Uniform, SamplerKind::HardNegative},
                                                   {SamplerKind::SemiHard, SamplerKind::DistanceWeighted}}}
        : std::array<std::vector<SamplerKind>, 2>{{{allSamplerKinds.begin(), allSamplerKinds.end()}, {}}};
    std::array<std::vector<double>, 4> picks;
    std::atomic<bool> stop{false};
    std::exception_ptr helperFailure;
    std::thread helper;
    const auto helpersShare = [&] {
        try {
            pickFromBatches(unitPoints, eligible, draw, samplers, groups[1], picks, [&](double) { return !stop; });
        } catch (const Cancelled&) {
        } catch (...) {
            helperFailure = std::current_exception();
        }
    };
    try {
        if (!groups[1].empty())
            helper = std::thread(helpersShare);
    } catch (const std::system_error&) {
    }
    try {
        pickFromBatches(unitPoints, eligible, draw, samplers, groups[0], picks, progress);
        if (!groups[1].empty() && !helper.joinable()) // no thread to be had: one after the other
            pickFromBatches(unitPoints, eligible, draw, samplers, groups[1], picks, progress);
    } catch (...) {
        stop = true;
        if (helper.joinable())
            helper.join();
        throw;
    }
    if (helper.joinable())
        helper.join();
    if (helperFailure)
        std::rethrow_exception(helperFailure);
    reportProgress(progress, 1.0);
    return picks;
}

} // namespace sme
