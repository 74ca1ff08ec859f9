// The explorer's views, one identity each: the window's grid, the race window, the figure
// command, the presets, the exports and the explanations all name a view through it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/EnumNames.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace sme {

// The seven of the window's grid in its order (row by row), then the race, in a window of its
// own. Training (loss, active share, beta) and Retrieval (the scores on held-out classes) are
// two views of one run.
enum class ViewId {
    Density,
    GradientVariance,
    SampledDistances,
    Losses,
    TrainingCurves,
    Retrieval,
    EmbeddingMap,
    SamplerRace
};

inline constexpr std::array<ViewId, 7> gridViews{
    ViewId::Density,        ViewId::GradientVariance, ViewId::SampledDistances, ViewId::Losses,
    ViewId::TrainingCurves, ViewId::Retrieval,        ViewId::EmbeddingMap};
inline constexpr std::array<ViewId, 8> allViews{
    ViewId::Density,        ViewId::GradientVariance, ViewId::SampledDistances, ViewId::Losses,
    ViewId::TrainingCurves, ViewId::Retrieval,        ViewId::EmbeddingMap,     ViewId::SamplerRace};

// The stable names of files, the command line and the presets: density, gradient-variance,
// sampled-distances, losses, training, retrieval, embedding; race.
inline constexpr std::array<std::string_view, 8> viewNames{
    "density", "gradient-variance", "sampled-distances", "losses", "training", "retrieval", "embedding", "race"};

constexpr std::string_view viewName(ViewId view) { return viewNames[std::size_t(view)]; }
inline std::optional<ViewId> viewFromName(std::string_view name) { return enumFromName<ViewId>(viewNames, name); }

constexpr bool isInGrid(ViewId view) { return view != ViewId::SamplerRace; }

// A grid view by its name; nullopt for any other name, the race's included.
inline std::optional<ViewId> gridViewFromName(std::string_view name)
{
    const std::optional<ViewId> view = viewFromName(name);
    return view && isInGrid(*view) ? view : std::nullopt;
}

// "density, gradient-variance, ..., embedding": the choices, for a message that lists them.
inline std::string gridViewNameList()
{
    std::string list;
    for (ViewId view : gridViews)
        list.append(list.empty() ? "" : ", ").append(viewName(view));
    return list;
}

// The views that show the idealised model (computed from the parameters alone), not training;
// each has a table (figureTable in FigureData.h).
constexpr bool isIdealised(ViewId view)
{
    return view == ViewId::Density || view == ViewId::GradientVariance || view == ViewId::SampledDistances
           || view == ViewId::Losses;
}

} // namespace sme
