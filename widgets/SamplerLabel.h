// The samplers' names as the views show them, in one place for every view that names them.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/sampling/Sampler.h"

#include <QCoreApplication>
#include <QString>

inline QString samplerLabel(sme::SamplerKind kind)
{
    switch (kind) {
    case sme::SamplerKind::Uniform:
        return QCoreApplication::translate("SamplerLabel", "uniform");
    case sme::SamplerKind::HardNegative:
        return QCoreApplication::translate("SamplerLabel", "hard negative");
    case sme::SamplerKind::SemiHard:
        return QCoreApplication::translate("SamplerLabel", "semi-hard");
    case sme::SamplerKind::DistanceWeighted:
        return QCoreApplication::translate("SamplerLabel", "distance weighted");
    }
    return {};
}
