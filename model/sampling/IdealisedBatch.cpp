// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/sampling/IdealisedBatch.h"

#include "model/base/Error.h"
#include "model/geometry/SphereGeometry.h"
#include "model/geometry/SpherePoints.h"

#include <cmath>
#include <string>

namespace sme {

void IdealisedBatchSettings::validate() const
{
    SphereDistanceLaw{dimension};
    require(classes >= 1 && classes <= 10'000,
            "the number of classes must be between 1 and 10000, got " + std::to_string(classes));
    require(perClass >= 1 && perClass <= 10'000,
            "the points per class must be between 1 and 10000, got " + std::to_string(perClass));
    require(static_cast<double>(classes) * perClass <= 20'000,
            "a batch can hold at most 20000 points (classes x points per class)");
    require(std::isfinite(spread) && spread >= 0.0,
            "the within-class spread must be a finite number >= 0, got " + numberText(spread));
}

LabelledBatch idealisedBatch(const IdealisedBatchSettings& settings, Rng& rng)
{
    settings.validate();
    const Eigen::Index size = Eigen::Index{settings.classes} * settings.perClass;
    const Eigen::MatrixXd centres = uniformPointsOnSphere(settings.classes, settings.dimension, rng);
    Eigen::MatrixXd offsets(size, settings.dimension);
    fillStandardNormal(offsets, rng);
    offsets *= settings.spread / std::sqrt(double(settings.dimension));

    LabelledBatch batch;
    batch.labels.resize(static_cast<std::size_t>(size));
    for (Eigen::Index i = 0; i < size; ++i) {
        const int label = static_cast<int>(i / settings.perClass);
        batch.labels[static_cast<std::size_t>(i)] = label;
        offsets.row(i) += centres.row(label);
    }
    batch.points = normalizedRows(offsets);
    return batch;
}

} // namespace sme
