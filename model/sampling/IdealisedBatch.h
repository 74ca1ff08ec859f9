// Idealised labelled batches on the sphere: class centres uniform, points spread around them.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Random.h"

#include <Eigen/Core>
#include <vector>

namespace sme {

struct IdealisedBatchSettings {
    int dimension = 128; // n
    int classes = 12;    // C, the class centres, uniform on S^{n-1}
    int perClass = 5;    // K points per class
    double spread = 2.0; // within-class spread (see idealisedBatch); 2 lets some positives lie
                         // beyond the hardest negative, so semi-hard differs from hard

    // Throws sme::Error naming the first setting that is out of range.
    void validate() const;
};

struct LabelledBatch {
    Eigen::MatrixXd points; // one embedding per row
    std::vector<int> labels;
};

// C centres c uniform on S^{n-1}; each point normalize(c + spread * g / sqrt(n)) with
// g ~ N(0, I_n), so ||spread * g / sqrt(n)|| is close to spread whatever n is: spread 0 puts
// every point on its centre, spread >> 1 makes the classes indistinguishable from uniform.
// Rows are grouped by class: labels 0, ..., 0, 1, ..., C-1.
LabelledBatch idealisedBatch(const IdealisedBatchSettings& settings, Rng& rng);

} // namespace sme
