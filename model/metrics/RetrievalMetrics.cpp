// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/RetrievalMetrics.h"

#include "model/base/Error.h"
#include "model/metrics/KMeans.h"
#include "model/metrics/NeighbourSelection.h"
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

// Recall@K of one query for each K of ks, into hits, from the negatives surely closer than
// its nearest positive and the points tied with that one.
void recallHits(int closerNegatives, int tiedNegatives, int tiedPositives, std::span<const int> ks, double* hits)
{
    for (std::size_t k = 0; k < ks.size(); ++k) {
        const int places = ks[k] - closerNegatives; // of the K, left for the tied points
        hits[k] = places <= 0 ? 0.0
            : places > tiedNegatives ? 1.0 : 1.0 - chanceNegativesLead(places, tiedNegatives, tiedPositives);
    }
}

// Recall@K from a scan of every distance: the nearest positive, then the points up to it.
void recallByScan(const double* toQuery, Eigen::Index query, std::span<const int> labels,
                  std::span<const int> ks, double tolerance, double* hits)
{
    const auto size = Eigen::Index(labels.size());
    const int label = labels[std::size_t(query)];
    double nearestPositive = std::numeric_limits<double>::infinity();
    for (Eigen::Index j = 0; j < size; ++j)
        if (j != query && labels[std::size_t(j)] == label)
            nearestPositive = std::min(nearestPositive, toQuery[j]);
    int closerNegatives = 0;
    int tiedNegatives = 0;
    int tiedPositives = 0;
    for (Eigen::Index j = 0; j < size; ++j) {
        if (j == query || toQuery[j] > nearestPositive + tolerance)
            continue;
        const bool positive = labels[std::size_t(j)] == label;
        const bool tied = toQuery[j] >= nearestPositive - tolerance;
        closerNegatives += !positive && !tied;
        tiedNegatives += !positive && tied;
        tiedPositives += positive;
    }
    recallHits(closerNegatives, tiedNegatives, tiedPositives, ks, hits);
}

// Recall@K from the sorted r nearest (and their ties), when they settle it: the nearest
// positive among them, within the r-th (then every point up to its tie window is there), or
// none in reach and at least as many negatives before it as the largest K. Otherwise the scan.
void queryRecall(std::span<const Neighbour> nearest, std::ptrdiff_t r, const double* toQuery,
                 Eigen::Index query, std::span<const int> labels, std::span<const int> ks,
                 double tolerance, double* hits)
{
    const double rth = nearest[std::size_t(r - 1)].distance;
    const auto positive = std::find_if(nearest.begin(), nearest.end(), [](const Neighbour& n) { return n.relevant; });
    const int largestK = ks.empty() ? 0 : *std::max_element(ks.begin(), ks.end());
    if (positive == nearest.end() && r >= largestK) {
        recallHits(int(r), 0, 1, ks, hits);
        return;
    }
    if (positive == nearest.end() || positive->distance > rth) {
        recallByScan(toQuery, query, labels, ks, tolerance, hits);
        return;
    }
    int closerNegatives = 0;
    int tiedNegatives = 0;
    int tiedPositives = 0;
    for (auto n = nearest.begin(); n != nearest.end() && n->distance <= positive->distance + tolerance; ++n) {
        const bool tied = n->distance >= positive->distance - tolerance;
        closerNegatives += !n->relevant && !tied;
        tiedNegatives += !n->relevant && tied;
        tiedPositives += n->relevant;
    }
    recallHits(closerNegatives, tiedNegatives, tiedPositives, ks, hits);
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

// Average precision at R of one query, ties in expectation, from the R nearest and every
// point tied with the R-th, sorted: walked as groups of tied points.
double averagePrecisionAtR(std::span<const Neighbour> order, std::ptrdiff_t r, double tolerance)
{
    double precisionSum = 0.0;
    std::ptrdiff_t relevantBefore = 0;
    for (std::ptrdiff_t group = 0; group < r;) {
        const double limit = order[std::size_t(group)].distance + tolerance;
        std::ptrdiff_t groupEnd = group;
        std::ptrdiff_t inGroup = 0;
        for (; groupEnd < std::ptrdiff_t(order.size()) && order[std::size_t(groupEnd)].distance <= limit; ++groupEnd)
            inGroup += order[std::size_t(groupEnd)].relevant;
        precisionSum += expectedPrecisionSum(group, groupEnd - group, inGroup, relevantBefore, r);
        relevantBefore += inGroup;
        group = groupEnd;
    }
    return precisionSum / double(r);
}
// Every query's Recall@K and average precision, stored by query: summed in query order
// afterwards, the totals are the same bits whichever thread scored which query.
struct QueryScores {
    Eigen::MatrixXd recallHits;          // ks x queries
    std::vector<double> averagePrecision;
    std::vector<char> counted;           // whether its class has another member

    RetrievalScores mean() const
    {
        RetrievalScores result{std::vector<double>(std::size_t(recallHits.rows()), 0.0), 0.0};
        double queries = 0.0;
        for (std::size_t i = 0; i < counted.size(); ++i) {
            if (!counted[i])
                continue;
            queries += 1.0;
            for (std::size_t k = 0; k < result.recall.size(); ++k)
                result.recall[k] += recallHits(Eigen::Index(k), Eigen::Index(i));
            result.mapAtR += averagePrecision[i];
        }
        for (double& h : result.recall)
            h = queries > 0.0 ? h / queries : 0.0;
        result.mapAtR = queries > 0.0 ? result.mapAtR / queries : 0.0;
        return result;
    }
};

} // namespace

RetrievalScores retrievalScores(const Eigen::Ref<const Eigen::MatrixXd>& embeddings,
                                std::span<const int> labels, std::span<const int> ks,
                                const Progress& progress, std::size_t threads)
{
    checkInput(embeddings, labels);
    const Eigen::Index size = embeddings.rows();
    std::map<int, std::ptrdiff_t> members; // counted once, not once per query
    for (int label : labels)
        ++members[label];
    const double tolerance = tieTolerance(size > 0 ? embeddings.rowwise().squaredNorm().maxCoeff() : 0.0);
    QueryScores scores{Eigen::MatrixXd::Zero(Eigen::Index(ks.size()), size),
                       std::vector<double>(std::size_t(size), 0.0), std::vector<char>(std::size_t(size), 0)};
    threads = threads == 0 ? defaultThreadCount() : threads;
    std::vector<NeighbourSelection> selections(threads);
    forEachQueryTile(embeddings, [&](std::size_t worker, const QueryTile& tile) {
        for (Eigen::Index t = 0; t < tile.distances.cols(); ++t) {
            const Eigen::Index i = tile.firstQuery + t;
            const std::ptrdiff_t r = members.at(labels[std::size_t(i)]) - 1;
            if (r < 1)
                continue; // no other point of its class: counts in neither score
            const double* toQuery = tile.distances.col(t).data();
            const std::span<const Neighbour> nearest = selections[worker].nearest(toQuery, i, labels, r, tolerance);
            scores.counted[std::size_t(i)] = 1;
            queryRecall(nearest, r, toQuery, i, labels, ks, tolerance, scores.recallHits.col(i).data());
            scores.averagePrecision[std::size_t(i)] = averagePrecisionAtR(nearest, r, tolerance);
        }
    }, progress, threads);
    return scores.mean();
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
