// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/RetrievalMetrics.h"

#include "model/base/Error.h"
#include "model/metrics/KMeans.h"
#include "model/metrics/CandidateRetrieval.h"
#include "model/metrics/NeighbourSelection.h"
#include "model/metrics/QueryScoring.h"
#include "model/metrics/QueryTiles.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <limits>
#include <numeric>

namespace sme {
namespace {

void checkInput(const Eigen::Ref<const Eigen::MatrixXd>& embeddings, std::span<const int> labels)
{
    require(embeddings.rows() == static_cast<Eigen::Index>(labels.size()),
            "the number of embeddings and of labels differ");
    require(embeddings.allFinite(), "the embeddings contain NaN or infinity");
}

// Labels renumbered 0, 1, ... in order of first appearance.
std::vector<int> denseLabels(std::span<const int> labels, int& count)
{
    std::map<int, int> index;
    std::vector<int> result;
    result.reserve(labels.size());
    for (int label : labels)
        result.push_back(index.try_emplace(label, int(index.size())).first->second);
    count = int(index.size());
    return result;
}

// Every distance in double from the tiles of the Gram form, every query's nearest from all of
// them: the scores of the full matrix, and what the candidate path must agree with.
RetrievalScores exactRetrievalScores(const Eigen::Ref<const Eigen::MatrixXd>& embeddings, std::span<const int> labels,
                                     std::span<const int> ks, const Progress& progress, std::size_t threads)
{
    const Eigen::Index size = embeddings.rows();
    std::map<int, std::ptrdiff_t> members; // counted once, not once per query
    for (int label : labels)
        ++members[label];
    const double tolerance = tieTolerance(size > 0 ? embeddings.rowwise().squaredNorm().maxCoeff() : 0.0);
    QueryScores scores(Eigen::Index(ks.size()), size);
    threads = threads == 0 ? defaultThreadCount() : threads;
    std::vector<NeighbourSelection> selections(threads);
    forEachQueryTile(embeddings, [&](std::size_t worker, const QueryTile& tile) {
        for (Eigen::Index t = 0; t < tile.distances.cols(); ++t) {
            const Eigen::Index i = tile.firstQuery + t;
            const std::ptrdiff_t r = members.at(labels[std::size_t(i)]) - 1;
            if (r < 1)
                continue; // no other point of its class: counts in neither score
            NeighbourSelection& selection = selections[worker];
            const std::span<const Neighbour> nearest =
                selection.nearest(tile.distances.col(t).data(), i, labels, r, tolerance);
            scores.counted[std::size_t(i)] = 1;
            queryRecall(nearest, r, ks, tolerance, scores.recallHits.col(i).data(),
                        [&] { return selection.everyOther(); });
            scores.averagePrecision[std::size_t(i)] = averagePrecisionAtR(nearest, r, tolerance);
        }
    }, progress, threads);
    return scores.mean();
}

} // namespace

RetrievalScores retrievalScores(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                                std::span<const int> labels, std::span<const int> ks,
                                const Progress& progress, std::size_t threads, RetrievalPath path)
{
    checkInput(embeddings, labels);
    if (path == RetrievalPath::automatic)
        path = candidatePathSuits(embeddings, labels) ? RetrievalPath::candidates : RetrievalPath::exact;
    return path == RetrievalPath::candidates ? candidateRetrievalScores(embeddings, labels, ks, progress, threads)
                                             : exactRetrievalScores(embeddings, labels, ks, progress, threads);
}

std::vector<double> recallAtK(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                              std::span<const int> labels, std::span<const int> ks)
{
    return retrievalScores(embeddings, labels, ks).recall;
}

double meanAveragePrecisionAtR(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                               std::span<const int> labels)
{
    return retrievalScores(embeddings, labels, {}).mapAtR;
}

double tieTolerance(double largestSquaredNorm)
{
    return 64.0 * std::numeric_limits<double>::epsilon() * largestSquaredNorm;
}

double embeddingSpread(const Eigen::Ref<const Eigen::MatrixXd>& embeddings)
{
    const auto count = double(embeddings.rows());
    if (count < 2.0)
        return 0.0;
    // sum over ordered pairs i != j of |x_i - x_j|^2 = 2 N sum |x_i - mean|^2, from the centred
    // points: the uncentred form 2 N sum |x_i|^2 - 2 |sum x_i|^2 cancels catastrophically, and
    // gave a collapsed embedding a spread of 2.6e-8 (sqrt of the rounding) instead of about eps.
    const Eigen::RowVectorXd mean = embeddings.colwise().mean();
    const double pairSum = 2.0 * count * (embeddings.rowwise() - mean).squaredNorm();
    const double meanSquared = pairSum / (count * (count - 1.0));
    return std::sqrt(meanSquared / 2.0);
}

double normalizedMutualInformation(std::span<const int> labels, std::span<const int> clusters)
{
    require(labels.size() == clusters.size(), "labels and clusters differ in length");
    require(!labels.empty(), "NMI needs at least one point");
    int labelCount = 0;
    int clusterCount = 0;
    const std::vector<int> y = denseLabels(labels, labelCount);
    const std::vector<int> c = denseLabels(clusters, clusterCount);
    Eigen::MatrixXd joint = Eigen::MatrixXd::Zero(labelCount, clusterCount);
    for (std::size_t i = 0; i < y.size(); ++i)
        joint(y[i], c[i]) += 1.0;
    joint /= double(y.size());
    const Eigen::VectorXd pY = joint.rowwise().sum();
    const Eigen::VectorXd pC = joint.colwise().sum().transpose();
    const auto entropy = [](const Eigen::VectorXd& p) {
        return -(p.array() > 0.0).select(p.array() * p.array().log(), 0.0).sum();
    };
    double information = 0.0;
    for (int a = 0; a < labelCount; ++a)
        for (int b = 0; b < clusterCount; ++b)
            if (joint(a, b) > 0.0)
                information += joint(a, b) * std::log(joint(a, b) / (pY[a] * pC[b]));
    const double denominator = entropy(pY) + entropy(pC);
    return denominator > 0.0 ? std::clamp(2.0 * information / denominator, 0.0, 1.0) : 1.0;
}

double clusteringNmi(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                     std::span<const int> labels, Rng& rng, const Progress& progress)
{
    checkInput(embeddings, labels);
    int classes = 0;
    denseLabels(labels, classes);
    const KMeansResult clusters = kMeans(embeddings, classes, rng, 100, progress);
    return normalizedMutualInformation(labels, clusters.assignment);
}

} // namespace sme
