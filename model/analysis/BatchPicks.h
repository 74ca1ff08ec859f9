// What each sampler picks from P x K batches drawn from a set of labelled points.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"
#include "model/sampling/Sampler.h"

#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <span>
#include <vector>

namespace sme {

struct BatchDraw {
    int batchClasses = 12; // P
    int batchK = 5;        // K
    int batches = 200;
    std::uint64_t seed = 1;
};

// The distance of every negative each sampler picked (indexed by SamplerKind) over `batches`
// P x K batches of the rows of unitPoints: P classes drawn without replacement among the
// classes with at least K points (all of them when fewer than P have), K points of each drawn
// without replacement. Every sampler sees the same batches and draws from its own stream.
// Throws sme::Error, saying what P and K need, when fewer than 2 classes have K points.
// progress is told the share of batches drawn (Cancelled when it asks to stop).
// The P of the batches samplerPickDistances draws: draw.batchClasses, or the number of classes
// with at least K points when fewer have (0 or 1 then means no batch can be drawn).
int batchClassesDrawn(std::span<const int> labels, const BatchDraw& draw);

std::array<std::vector<double>, 4> samplerPickDistances(const Eigen::Ref<const Eigen::MatrixXd>& unitPoints,
                                                        std::span<const int> labels, const BatchDraw& draw,
                                                        const SamplerSettings& samplers, const Progress& progress = {});

} // namespace sme
