// The trainer's evaluations: the held-out embeddings scored (on the fixed sample, or every
// point on request), and the four samplers' picks from the last batch.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/Trainer.h"

#include "model/geometry/SpherePoints.h"
#include "model/metrics/RetrievalMetrics.h"

#include <algorithm>

namespace sme {

using namespace trainerstreams;

Eigen::MatrixXf Trainer::heldOutEmbeddings() const
{
    return network_.embed(data_.heldOut.features);
}

Eigen::MatrixXf Trainer::sampleEmbeddings() const
{
    if (evaluationRows_.size() == data_.heldOut.labels.size())
        return heldOutEmbeddings();
    return network_.embed(data_.heldOut.features(evaluationRows_, Eigen::all));
}

Evaluation Trainer::evaluate() const
{
    return evaluateOn(sampleEmbeddings(), sampleLabels_, {});
}

Evaluation Trainer::evaluateAll(const Progress& progress) const
{
    return evaluateOn(heldOutEmbeddings(), data_.heldOut.labels, progress);
}

Evaluation Trainer::evaluateOn(const Eigen::MatrixXf& sample, const std::vector<int>& labels,
                               const Progress& progress) const
{
    Evaluation evaluation;
    evaluation.step = steps_;
    evaluation.points = long(labels.size());
    evaluation.heldOutPoints = long(data_.heldOut.labels.size());
    // One copy in double (N x n, 31 MB at 30,000 x 128), which the distances need: a float
    // product of float embeddings rounds at 1e-7, coarser than the gaps between neighbours.
    const Eigen::MatrixXd embeddings = sample.cast<double>();
    reportProgress(progress, 0.0);
    // The retrieval scores take most of the time at every size; k-means the rest.
    const auto share = [&](double from, double to) -> Progress {
        if (!progress)
            return {};
        return [&progress, from, to](double done) { return progress(from + (to - from) * done); };
    };
    const std::array<int, 4> ks{1, 2, 4, 8};
    const RetrievalScores scores = retrievalScores(embeddings, labels, ks, share(0.0, 0.9));
    std::copy(scores.recall.begin(), scores.recall.end(), evaluation.recall.begin());
    evaluation.mapAtR = scores.mapAtR;
    evaluation.spread = embeddingSpread(embeddings);
    Rng rng = seededStream(settings_.seed ^ (std::uint64_t(steps_) << 20), evaluationStream);
    evaluation.nmi = clusteringNmi(embeddings, labels, rng, share(0.9, 1.0));
    reportProgress(progress, 1.0);
    return evaluation;
}

std::array<std::vector<double>, 4> Trainer::samplerComparison() const
{
    std::array<std::vector<double>, 4> result;
    if (lastLabels_.empty())
        return result;
    const Eigen::MatrixXd distances = pairwiseDistances(lastEmbeddings_);
    const SamplerSettings samplerSettings{settings_.embeddingDimension, settings_.cutoff,
                                          settings_.nonzeroLossCutoff};
    for (SamplerKind kind : allSamplerKinds) {
        Rng rng = seededStream(settings_.seed ^ (std::uint64_t(steps_) << 20),
                               comparisonStream + 1 + std::uint64_t(kind));
        const auto triplets = sampleTriplets(kind, distances, lastLabels_, samplerSettings, rng);
        result[std::size_t(kind)] = negativeDistances(triplets, distances);
    }
    return result;
}

} // namespace sme
