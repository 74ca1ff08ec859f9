// The retrieval scores as they were computed before the blocked evaluation: the whole N x N
// distance matrix at once, each query sorting every other point. Straightforward on purpose:
// the reference the tests compare the blocked scores to, and the benchmark's "before".
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/metrics/RetrievalMetrics.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <span>
#include <vector>

namespace testing {

inline sme::RetrievalScores fullMatrixScores(const Eigen::MatrixXd& points, std::span<const int> labels,
                                             std::span<const int> ks)
{
    // The Gram form, in the order of operations the model has always used (|x|^2 added by row,
    // then |y|^2 by column).
    const Eigen::VectorXd norms = points.rowwise().squaredNorm();
    Eigen::MatrixXd distances = -2.0 * points * points.transpose();
    distances.colwise() += norms;
    distances.rowwise() += norms.transpose();
    distances = distances.cwiseMax(0.0);
    distances.diagonal().setZero();
    const double tolerance = sme::tieTolerance(norms.size() > 0 ? norms.maxCoeff() : 0.0);
    std::map<int, long> classSize;
    for (int label : labels)
        ++classSize[label];

    const auto size = Eigen::Index(labels.size());
    sme::RetrievalScores result{std::vector<double>(ks.size(), 0.0), 0.0};
    double recallQueries = 0.0;
    double mapQueries = 0.0;
    for (Eigen::Index q = 0; q < size; ++q) {
        const int label = labels[std::size_t(q)];
        const long r = classSize[label] - 1;
        if (r < 1)
            continue;
        struct Other { double distance; bool positive; };
        std::vector<Other> others;
        for (Eigen::Index j = 0; j < size; ++j)
            if (j != q)
                others.push_back({distances(j, q), labels[std::size_t(j)] == label});
        std::sort(others.begin(), others.end(), [](const Other& a, const Other& b) { return a.distance < b.distance; });

        // Recall@K: the negatives below the nearest positive's tie window, and those in it.
        const double nearest = std::find_if(others.begin(), others.end(), [](const Other& o) { return o.positive; })->distance;
        long below = 0, tiedNegatives = 0, tiedPositives = 0;
        for (const Other& o : others) {
            if (o.distance > nearest + tolerance)
                break;
            if (o.positive)
                ++tiedPositives;
            else
                ++(o.distance < nearest - tolerance ? below : tiedNegatives);
        }
        recallQueries += 1.0;
        for (std::size_t k = 0; k < ks.size(); ++k) {
            const long free = ks[k] - below;
            double allNegative = 1.0; // the first `free` of the tie window drawn are negatives
            for (long j = 0; j < free; ++j)
                allNegative *= j < tiedNegatives ? double(tiedNegatives - j) / double(tiedNegatives + tiedPositives - j) : 0.0;
            result.recall[k] += free > 0 ? 1.0 - allNegative : 0.0;
        }

        // MAP@R: groups of ties from the nearest on; a group of g holding p positives after s
        // points (c positives) adds, for each of its ranks s + j <= R, P(relevant) times the
        // expected precision there.
        double precisionSum = 0.0;
        long positivesBefore = 0;
        for (long start = 0; start < r;) {
            long end = start;
            long positives = 0;
            while (end < long(others.size())
                   && others[std::size_t(end)].distance <= others[std::size_t(start)].distance + tolerance)
                positives += others[std::size_t(end++)].positive;
            const long g = end - start;
            for (long j = 1; j <= g && start + j <= r; ++j)
                precisionSum += double(positives) / double(g)
                    * (double(positivesBefore) + 1.0 + (g > 1 ? double(j - 1) * double(positives - 1) / double(g - 1) : 0.0))
                    / double(start + j);
            positivesBefore += positives;
            start = end;
        }
        result.mapAtR += precisionSum / double(r);
        mapQueries += 1.0;
    }
    for (double& recall : result.recall)
        recall = recallQueries > 0.0 ? recall / recallQueries : 0.0;
    result.mapAtR = mapQueries > 0.0 ? result.mapAtR / mapQueries : 0.0;
    return result;
}

} // namespace testing
