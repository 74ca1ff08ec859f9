// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/QueryScoring.h"

#include <algorithm>
#include <limits>

namespace sme {
namespace {

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

// Recall@K from points that hold the nearest positive and every point within its tie window:
// that positive, then the points up to it.
void recallByScan(std::span<const Neighbour> points, std::span<const int> ks, double tolerance, double* hits)
{
    double nearestPositive = std::numeric_limits<double>::infinity();
    for (const Neighbour& n : points)
        if (n.relevant)
            nearestPositive = std::min(nearestPositive, n.distance);
    int closerNegatives = 0;
    int tiedNegatives = 0;
    int tiedPositives = 0;
    for (const Neighbour& n : points) {
        if (n.distance > nearestPositive + tolerance)
            continue;
        const bool tied = n.distance >= nearestPositive - tolerance;
        closerNegatives += !n.relevant && !tied;
        tiedNegatives += !n.relevant && tied;
        tiedPositives += n.relevant;
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

} // namespace

void queryRecall(std::span<const Neighbour> nearest, std::ptrdiff_t r, std::span<const int> ks, double tolerance,
                 double* hits, const PointsInReach& pointsInReach)
{
    const double rth = nearest[std::size_t(r - 1)].distance;
    const auto positive = std::find_if(nearest.begin(), nearest.end(), [](const Neighbour& n) { return n.relevant; });
    const int largestK = ks.empty() ? 0 : *std::max_element(ks.begin(), ks.end());
    if (positive == nearest.end() && r >= largestK) {
        recallHits(int(r), 0, 1, ks, hits);
        return;
    }
    if (positive == nearest.end() || positive->distance > rth) {
        recallByScan(pointsInReach(), ks, tolerance, hits);
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
QueryScores::QueryScores(Eigen::Index ks, Eigen::Index queries)
    : recallHits(Eigen::MatrixXd::Zero(ks, queries)), averagePrecision(std::size_t(queries), 0.0),
      counted(std::size_t(queries), 0)
{
}

RetrievalScores QueryScores::mean() const
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

} // namespace sme
