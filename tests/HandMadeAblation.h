// A small ablation result written by hand, for the tests of its tables and its heat map.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/training/Ablation.h"

namespace testing {

// Two cells written by hand: every number known, one cell with collapsed seeds.
inline sme::AblationResult handMadeAblation()
{
    sme::AblationResult result;
    sme::AblationCell uniform{sme::SamplerKind::Uniform, sme::LossKind::Margin, std::vector<sme::AblationRun>(3)};
    uniform.recallAt1 = 0.8125;
    uniform.recallAt1Sd = 0.0104;
    uniform.nmi = 0.5;
    uniform.mapAtR = 0.33333;
    sme::AblationCell hard{sme::SamplerKind::HardNegative, sme::LossKind::TripletSquared,
                           std::vector<sme::AblationRun>(3)};
    hard.recallAt1 = 0.079;
    hard.recallAt1Sd = 0.0114;
    hard.nmi = 0.1;
    hard.mapAtR = 0.02;
    hard.collapsed = 2;
    result.cells = {uniform, hard};
    return result;
}

} // namespace testing
