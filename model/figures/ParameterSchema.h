// The schema of the explorer's parameters: one row per field of ExplorerParameters, from which
// the JSON, the controls' ranges, the figure command's overrides and the change policy derive.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ExplorerParameters.h"

#include <cstddef>
#include <optional>
#include <span>
#include <utility>
#include <variant>
#include <vector>

namespace sme {

// The field a row reads and writes. The alternative it holds is the row's type.
using ParameterMember
    = std::variant<int ExplorerParameters::*, double ExplorerParameters::*, bool ExplorerParameters::*,
                   SamplerKind ExplorerParameters::*, LossKind ExplorerParameters::*,
                   std::string ExplorerParameters::*, std::vector<int> ExplorerParameters::*,
                   std::uint64_t ExplorerParameters::*, long ExplorerParameters::*>;

// In the order of ParameterMember's alternatives.
enum class ParameterType { Integer, Real, Flag, Sampler, Loss, TextPath, WidthList, Seed, Count };

// Why a change of parameters needs a new model. The order is the precedence: when several
// reasons hold, the first one is given.
enum class ModelReset { None, Dimension, DataSet, HiddenLayers, Seed, BatchShape, LearnedBeta, SamplingCutoffs };

// A setting the training thread takes while it runs, in the order they are applied. The
// trainer's settings (LearningRate to Nu) matter only to a kept model: a new model takes them
// from trainerSettingsFor. The pace (StepsPerSecond, StopAfter) is the thread's own.
enum class LiveSetting { LearningRate, Sampler, Loss, Alpha, Beta0, Nu, StepsPerSecond, StopAfter };
inline constexpr int liveSettingCount = int(LiveSetting::StopAfter) + 1;
constexpr bool isTrainerSetting(LiveSetting setting) { return setting < LiveSetting::StepsPerSecond; }

// One parameter. Its default is ExplorerParameters{}'s: the defaults live in the struct alone.
struct ParameterField {
    const char* key;                    // in JSON, and in its problems ("alpha must be ...")
    ParameterMember member;
    double minimum = 0.0;               // numbers: the range; a width list: each width's range
    double maximum = 0.0;
    int maximumLength = 0;              // a width list: at most this many widths
    const char* figureOption = nullptr; // the figure command's --option, when it has one
    ModelReset resets = ModelReset::None;
    int modelSeesAtMost = 0;            // the model sees min(value, this); 0: all of it
    bool recomputesIdealised = false;   // the idealised figures depend on it
    std::optional<LiveSetting> live;    // the running training takes it without a new model

    ParameterType type() const { return ParameterType(member.index()); }
    bool differs(const ExplorerParameters& a, const ExplorerParameters& b) const;
    // Differs as far as the model sees it (the dimension only up to largestModelDimension).
    bool differsForModel(const ExplorerParameters& a, const ExplorerParameters& b) const;
};

// Every field of ExplorerParameters once, in the struct's order (the order of JSON problems).
std::span<const ParameterField> parameterSchema();

// The row of a field, e.g. parameterField(&ExplorerParameters::alpha).
const ParameterField& parameterField(const ParameterMember& member);

// What a change of parameters asks of whoever holds them.
struct ParameterChange {
    ModelReset reset = ModelReset::None; // a new model, for this reason
    bool recomputeIdealised = false;
    std::vector<LiveSetting> live;       // to hand to the running training, in this order

    bool resetsModel() const { return reset != ModelReset::None; }
    bool operator==(const ParameterChange&) const = default;
};

ParameterChange changeBetween(const ExplorerParameters& before, const ExplorerParameters& after);

// The number of fields of an aggregate (a class brace-initialisable field by field), so that a
// field added to ExplorerParameters without its row stops the build.
namespace detail {
struct AnyField {
    template <class T>
    operator T() const; // only named in unevaluated braces
};
template <class T, std::size_t... I>
constexpr bool bracesTake(std::index_sequence<I...>)
{
    return requires { T{(void(I), AnyField{})...}; };
}
} // namespace detail

template <class T, std::size_t count = 0>
constexpr std::size_t aggregateFieldCount()
{
    if constexpr (detail::bracesTake<T>(std::make_index_sequence<count + 1>{}))
        return aggregateFieldCount<T, count + 1>();
    else
        return count;
}

} // namespace sme
