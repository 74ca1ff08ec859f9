// The explorer's six views, one identity each: the window's grid, the figure command, the
// presets and the exports all name a view through this enumeration.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/EnumNames.h"

#include <array>
#include <optional>
#include <string_view>

namespace sme {

// In the order of the window's grid (row by row).
enum class ViewId { Density, GradientVariance, SampledDistances, Losses, TrainingCurves, EmbeddingMap };

inline constexpr std::array<ViewId, 6> allViews{ViewId::Density,  ViewId::GradientVariance,
                                                ViewId::SampledDistances, ViewId::Losses,
                                                ViewId::TrainingCurves,   ViewId::EmbeddingMap};

// The stable names of files and the command line: density, gradient-variance,
// sampled-distances, losses, training, embedding.
inline constexpr std::array<std::string_view, 6> viewNames{
    "density", "gradient-variance", "sampled-distances", "losses", "training", "embedding"};

constexpr std::string_view viewName(ViewId view) { return viewNames[std::size_t(view)]; }
inline std::optional<ViewId> viewFromName(std::string_view name) { return enumFromName<ViewId>(viewNames, name); }

// The views that show the idealised model (computed from the parameters alone), not training.
constexpr bool isIdealised(ViewId view) { return view != ViewId::TrainingCurves && view != ViewId::EmbeddingMap; }

} // namespace sme
