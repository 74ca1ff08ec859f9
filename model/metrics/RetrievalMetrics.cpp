// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/RetrievalMetrics.h"

#include "model/base/Error.h"
#include "model/metrics/KMeans.h"

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

// Squared distances in the Gram form, with the tolerance under which two of them are tied.
struct SquaredDistances {
    Eigen::MatrixXd values;
    double tolerance = 0.0;
};

SquaredDistances squaredDistances(const Eigen::Ref<const Eigen::MatrixXd>& points)
{
    const Eigen::VectorXd squaredNorms = points.rowwise().squaredNorm();
    SquaredDistances result;
    result.values.noalias() = -2.0 * points * points.transpose();
    result.values.colwise() += squaredNorms;
    result.values.rowwise() += squaredNorms.transpose();
    result.values = result.values.cwiseMax(0.0);
    result.values.diagonal().setZero();
    result.tolerance = tieTolerance(squaredNorms.size() > 0 ? squaredNorms.maxCoeff() : 0.0);
    return result;
}

// The chance that a random order of `tiedNegatives` negatives and `tiedPositives` positives
// puts at least `places` negatives before the first positive: the first `places` drawn are all
// negatives, (t_neg / T) ((t_neg - 1) / (T - 1)) ... over `places` factors.
double chanceNegativesLead(int places, int tiedNegatives, int tiedPositives)
{
    double chance = 1.0;
    for (int j = 0; j < places; ++j)
        chance *= double(tiedNegatives - j) / double(tiedNegatives + tiedPositives - j);
    return chance;
}

// The loops below read query i's distances as column i of the distance matrix: contiguous in
// Eigen's column-major storage, where row i would be a cache miss per element. The matrix is
// symmetric up to rounding, so this is the distance from i to every point.
std::vector<double> recallFromDistances(const SquaredDistances& distances, std::span<const int> labels,
                                        std::span<const int> ks)
{
    const Eigen::Index size = distances.values.rows();
    const double tolerance = distances.tolerance;
    std::vector<double> hits(ks.size(), 0.0);
    double queries = 0.0;
    for (Eigen::Index i = 0; i < size; ++i) {
        const double* toQuery = distances.values.col(i).data();
        const int label = labels[std::size_t(i)];
        double nearestPositive = std::numeric_limits<double>::infinity();
        for (Eigen::Index j = 0; j < size; ++j)
            if (j != i && labels[std::size_t(j)] == label)
                nearestPositive = std::min(nearestPositive, toQuery[j]);
        if (!std::isfinite(nearestPositive))
            continue;
        queries += 1.0;
        // Negatives surely closer than the nearest positive, and the points tied with it.
        int closerNegatives = 0;
        int tiedNegatives = 0;
        int tiedPositives = 0;
        for (Eigen::Index j = 0; j < size; ++j) {
            if (j == i || toQuery[j] > nearestPositive + tolerance)
                continue;
            const bool positive = labels[std::size_t(j)] == label;
            const bool tied = toQuery[j] >= nearestPositive - tolerance;
            closerNegatives += !positive && !tied;
            tiedNegatives += !positive && tied;
            tiedPositives += positive;
        }
        for (std::size_t k = 0; k < ks.size(); ++k) {
            const int places = ks[k] - closerNegatives; // of the K, left for the tied points
            if (places > 0)
                hits[k] += places > tiedNegatives
                    ? 1.0 : 1.0 - chanceNegativesLead(places, tiedNegatives, tiedPositives);
        }
    }
    for (double& h : hits)
        h = queries > 0.0 ? h / queries : 0.0;
    return hits;
}

// The expected sum over ranks s + 1 .. min(s + g, r) of precision@rank at relevant ranks, for a
// group of g tied points holding p relevant ones, in a random order, after s points of which c
// are relevant. Rank s + j is relevant with chance p / g, and given that, the other j - 1 of the
// group before it hold (j - 1)(p - 1)/(g - 1) relevant ones on average.
double expectedPrecisionSum(std::ptrdiff_t s, std::ptrdiff_t g, std::ptrdiff_t p, std::ptrdiff_t c,
                            std::ptrdiff_t r)
{
    double sum = 0.0;
    for (std::ptrdiff_t j = 1; j <= g && s + j <= r; ++j) {
        const double relevantBefore = g > 1 ? double(j - 1) * double(p - 1) / double(g - 1) : 0.0;
        sum += double(p) / double(g) * (double(c) + 1.0 + relevantBefore) / double(s + j);
    }
    return sum;
}

// Average precision at R of one query from its distances, ties in expectation: the R nearest
// and every point tied with the R-th, sorted, walked as groups of tied points.
double averagePrecisionAtR(const double* toQuery, Eigen::Index query, std::span<const int> labels,
                           std::ptrdiff_t r, double tolerance, std::vector<Eigen::Index>& order)
{
    const auto size = std::ptrdiff_t(labels.size());
    order.resize(std::size_t(size));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    order.erase(order.begin() + query);
    const auto closer = [&](Eigen::Index a, Eigen::Index b) { return toQuery[a] < toQuery[b]; };
    std::partial_sort(order.begin(), order.begin() + r, order.end(), closer);
    const double boundary = toQuery[order[std::size_t(r - 1)]] + tolerance;
    const auto tiedEnd = std::partition(order.begin() + r, order.end(),
                                        [&](Eigen::Index j) { return toQuery[j] <= boundary; });
    std::sort(order.begin() + r, tiedEnd, closer);
    const int label = labels[std::size_t(query)];
    const auto relevant = [&](Eigen::Index j) { return labels[std::size_t(j)] == label; };
    double precisionSum = 0.0;
    std::ptrdiff_t relevantBefore = 0;
    for (auto group = order.begin(); group < order.begin() + r;) {
        const double limit = toQuery[*group] + tolerance;
        const auto groupEnd = std::find_if(group, tiedEnd, [&](Eigen::Index j) { return toQuery[j] > limit; });
        const auto inGroup = std::ptrdiff_t(std::count_if(group, groupEnd, relevant));
        precisionSum += expectedPrecisionSum(group - order.begin(), groupEnd - group, inGroup,
                                             relevantBefore, r);
        relevantBefore += inGroup;
        group = groupEnd;
    }
    return precisionSum / double(r);
}

double mapFromDistances(const SquaredDistances& distances, std::span<const int> labels)
{
    const Eigen::Index size = distances.values.rows();
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
        total += averagePrecisionAtR(distances.values.col(i).data(), i, labels, r, distances.tolerance, order);
        queries += 1.0;
    }
    return queries > 0.0 ? total / queries : 0.0;
}

} // namespace

std::vector<double> recallAtK(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                              std::span<const int> labels, std::span<const int> ks)
{
    checkInput(embeddings, labels);
    return recallFromDistances(squaredDistances(embeddings), labels, ks);
}

double meanAveragePrecisionAtR(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                               std::span<const int> labels)
{
    checkInput(embeddings, labels);
    return mapFromDistances(squaredDistances(embeddings), labels);
}

RetrievalScores retrievalScores(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                                std::span<const int> labels, std::span<const int> ks)
{
    checkInput(embeddings, labels);
    const SquaredDistances distances = squaredDistances(embeddings);
    return {recallFromDistances(distances, labels, ks), mapFromDistances(distances, labels)};
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
    // sum over ordered pairs i != j of |x_i - x_j|^2 = 2 N sum |x_i|^2 - 2 |sum x_i|^2.
    const double pairSum = 2.0 * count * embeddings.squaredNorm()
        - 2.0 * embeddings.colwise().sum().squaredNorm();
    const double meanSquared = std::max(pairSum, 0.0) / (count * (count - 1.0));
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
                     std::span<const int> labels, Rng& rng)
{
    checkInput(embeddings, labels);
    int classes = 0;
    denseLabels(labels, classes);
    const KMeansResult clusters = kMeans(embeddings, classes, rng);
    return normalizedMutualInformation(labels, clusters.assignment);
}

} // namespace sme
