// Helpers shared by the sampler tests: labelled batches as distances, hand-made distance
// matrices, and the structural promises every triplet of sampleTriplets keeps.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/sampling/IdealisedBatch.h"
#include "model/base/Random.h"
#include "model/sampling/Sampler.h"
#include "model/geometry/SpherePoints.h"

#include <QtTest>

#include <Eigen/Core>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <tuple>
#include <vector>

Q_DECLARE_METATYPE(sme::SamplerKind)

namespace testing {

inline constexpr double infinity = std::numeric_limits<double>::infinity();
inline constexpr double epsilon = std::numeric_limits<double>::epsilon();

struct Batch {
    Eigen::MatrixXd distances;
    std::vector<int> labels;
};

// The pairwise distances and labels of an idealised batch of `classes` x `perClass` on S^{n-1}.
inline Batch idealised(int n, int classes, int perClass, double spread, std::uint64_t seed)
{
    sme::Rng rng(seed);
    const sme::LabelledBatch batch = sme::idealisedBatch({n, classes, perClass, spread}, rng);
    return {sme::pairwiseDistances(batch.points), batch.labels};
}

inline sme::SamplerSettings settingsFor(int n)
{
    sme::SamplerSettings settings;
    settings.dimension = n;
    return settings;
}

// A symmetric distance matrix from its upper entries {i, j, D_ij}; unlisted pairs at `rest`.
inline Eigen::MatrixXd symmetricDistances(int size,
                                          std::initializer_list<std::tuple<int, int, double>> entries,
                                          double rest = 1.0)
{
    Eigen::MatrixXd d = Eigen::MatrixXd::Constant(size, size, rest);
    d.diagonal().setZero();
    for (const auto& [i, j, value] : entries) {
        d(i, j) = value;
        d(j, i) = value;
    }
    return d;
}

// Every structural promise of sampleTriplets for one triplet; empty string when it holds.
inline QByteArray tripletProblem(const sme::Triplet& t, const std::vector<int>& labels)
{
    const int size = static_cast<int>(labels.size());
    if (t.anchor < 0 || t.anchor >= size || t.negative < 0 || t.negative >= size)
        return "index out of range";
    if (t.negative == t.anchor)
        return "the negative is the anchor";
    if (labels[t.negative] == labels[t.anchor])
        return "the negative shares the anchor's class";
    if (t.positive != sme::Triplet::noPositive
        && (t.positive < 0 || t.positive >= size || t.positive == t.anchor
            || labels[t.positive] != labels[t.anchor]))
        return "the positive is not another member of the anchor's class";
    return {};
}

inline void verifyTriplets(const std::vector<sme::Triplet>& triplets, const std::vector<int>& labels)
{
    for (const sme::Triplet& t : triplets) {
        const QByteArray problem = tripletProblem(t, labels);
        QVERIFY2(problem.isEmpty(), QByteArray(problem + " in triplet (" + QByteArray::number(t.anchor)
                                               + ", " + QByteArray::number(t.positive) + ", "
                                               + QByteArray::number(t.negative) + ")")
                                        .constData());
    }
}

} // namespace testing
