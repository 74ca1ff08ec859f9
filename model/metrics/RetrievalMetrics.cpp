// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/RetrievalMetrics.h"

#include "model/base/Error.h"
#include "model/metrics/KMeans.h"
#include "model/geometry/SpherePoints.h"

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

// The loops below read query i's distances as column i of the distance matrix: contiguous in
// Eigen's column-major storage, where row i would be a cache miss per element. The matrix is
// symmetric up to rounding, so this is the distance from i to every point.
std::vector<double> recallFromDistances(const Eigen::MatrixXd& distances, std::span<const int> labels,
                                        std::span<const int> ks)
{
    const Eigen::Index size = distances.rows();
    std::vector<double> hits(ks.size(), 0.0);
    double queries = 0.0;
    for (Eigen::Index i = 0; i < size; ++i) {
        const double* toQuery = distances.col(i).data();
        const int label = labels[std::size_t(i)];
        double nearestPositive = std::numeric_limits<double>::infinity();
        for (Eigen::Index j = 0; j < size; ++j)
            if (j != i && labels[std::size_t(j)] == label)
                nearestPositive = std::min(nearestPositive, toQuery[j]);
        if (!std::isfinite(nearestPositive))
            continue;
        queries += 1.0;
        // Rank of the first same-class neighbour: negatives strictly closer than it.
        int closerNegatives = 0;
        for (Eigen::Index j = 0; j < size; ++j)
            closerNegatives += labels[std::size_t(j)] != label && toQuery[j] < nearestPositive;
        for (std::size_t k = 0; k < ks.size(); ++k)
            if (closerNegatives < ks[k])
                hits[k] += 1.0;
    }
    for (double& h : hits)
        h = queries > 0.0 ? h / queries : 0.0;
    return hits;
}

double mapFromDistances(const Eigen::MatrixXd& distances, std::span<const int> labels)
{
    const Eigen::Index size = distances.rows();
    std::map<int, std::ptrdiff_t> members; // counted once, not once per query
    for (int label : labels)
        ++members[label];
    double total = 0.0;
    double queries = 0.0;
    std::vector<Eigen::Index> order;
    for (Eigen::Index i = 0; i < size; ++i) {
        const std::ptrdiff_t r = members[labels[std::size_t(i)]] - 1;
        if (r < 1)
            continue;
        const double* toQuery = distances.col(i).data();
        order.resize(static_cast<std::size_t>(size));
        std::iota(order.begin(), order.end(), Eigen::Index{0});
        order.erase(order.begin() + i);
        std::partial_sort(order.begin(), order.begin() + r, order.end(), [&](Eigen::Index a, Eigen::Index b) {
            return toQuery[a] < toQuery[b] || (toQuery[a] == toQuery[b] && a < b);
        });
        double relevant = 0.0;
        double precisionSum = 0.0;
        for (std::ptrdiff_t position = 0; position < r; ++position)
            if (labels[std::size_t(order[std::size_t(position)])] == labels[std::size_t(i)]) {
                relevant += 1.0;
                precisionSum += relevant / double(position + 1);
            }
        total += precisionSum / double(r);
        queries += 1.0;
    }
    return queries > 0.0 ? total / queries : 0.0;
}

} // namespace

std::vector<double> recallAtK(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                              std::span<const int> labels, std::span<const int> ks)
{
    checkInput(embeddings, labels);
    return recallFromDistances(pairwiseDistances(embeddings), labels, ks);
}

double meanAveragePrecisionAtR(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                               std::span<const int> labels)
{
    checkInput(embeddings, labels);
    return mapFromDistances(pairwiseDistances(embeddings), labels);
}

RetrievalScores retrievalScores(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                                std::span<const int> labels, std::span<const int> ks)
{
    checkInput(embeddings, labels);
    const Eigen::MatrixXd distances = pairwiseDistances(embeddings);
    return {recallFromDistances(distances, labels, ks), mapFromDistances(distances, labels)};
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
                     std::span<const int> labels, Rng& rng)
{
    checkInput(embeddings, labels);
    int classes = 0;
    denseLabels(labels, classes);
    const KMeansResult clusters = kMeans(embeddings, classes, rng);
    return normalizedMutualInformation(labels, clusters.assignment);
}

} // namespace sme
