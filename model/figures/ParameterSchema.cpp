// The table of the explorer's parameters and the change policy read from it.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/figures/ParameterSchema.h"

#include "model/data/Dataset.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <stdexcept>

namespace sme {

namespace {

using P = ExplorerParameters;
using enum ModelReset;

// GCC 12 takes the members a designated initializer leaves out for forgotten ones; here they
// keep their defaults on purpose.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

// One row per field, in the struct's order. A row's range is the controls' and the sessions'.
constexpr ParameterField rows[] = {
    // Geometry
    {.key = "dimension", .member = &P::dimension, .minimum = 2, .maximum = 4096, .figureOption = "dim",
     .resets = Dimension, .modelSeesAtMost = largestModelDimension, .recomputesIdealised = true},
    {.key = "gradient_noise", .member = &P::gradientNoise, .minimum = 0, .maximum = 10, .figureOption = "noise",
     .recomputesIdealised = true},
    {.key = "monte_carlo_points", .member = &P::monteCarloPoints, .minimum = 0, .maximum = 5000,
     .figureOption = "samples", .recomputesIdealised = true},
    // Sampling
    {.key = "sampler", .member = &P::sampler, .figureOption = "sampler", .live = LiveSetting::Sampler},
    {.key = "cutoff", .member = &P::cutoff, .minimum = 0, .maximum = 1.99, .figureOption = "lambda",
     .resets = SamplingCutoffs, .recomputesIdealised = true},
    {.key = "nonzero_loss_cutoff", .member = &P::nonzeroLossCutoff, .minimum = 0.05, .maximum = 2,
     .figureOption = "nonzero-loss-cutoff", .resets = SamplingCutoffs, .recomputesIdealised = true},
    // Loss
    {.key = "loss", .member = &P::loss, .figureOption = "loss", .live = LiveSetting::Loss},
    {.key = "alpha", .member = &P::alpha, .minimum = 0, .maximum = 2, .figureOption = "alpha",
     .recomputesIdealised = true, .live = LiveSetting::Alpha},
    {.key = "beta0", .member = &P::beta0, .minimum = 0, .maximum = 2, .figureOption = "beta",
     .recomputesIdealised = true, .live = LiveSetting::Beta0},
    {.key = "learn_class_beta", .member = &P::learnClassBeta, .resets = LearnedBeta},
    {.key = "learn_image_beta", .member = &P::learnImageBeta, .resets = LearnedBeta},
    {.key = "nu", .member = &P::nu, .minimum = -1, .maximum = 1, .live = LiveSetting::Nu},
    // Data and model
    {.key = "dataset", .member = &P::dataset, .figureOption = "dataset", .resets = DataSet},
    {.key = "synthetic_noise", .member = &P::syntheticNoise, .minimum = 0, .maximum = 10,
     .figureOption = "data-noise", .resets = DataSet},
    {.key = "label_noise", .member = &P::labelNoise, .minimum = 0, .maximum = maxLabelNoise,
     .figureOption = "label-noise", .resets = DataSet},
    {.key = "batch_classes", .member = &P::batchClasses, .minimum = 2, .maximum = 100, .resets = BatchShape,
     .recomputesIdealised = true},
    {.key = "batch_k", .member = &P::batchK, .minimum = 1, .maximum = 50, .resets = BatchShape,
     .recomputesIdealised = true},
    {.key = "hidden", .member = &P::hidden, .minimum = 1, .maximum = 4096, .maximumLength = 8,
     .resets = HiddenLayers},
    {.key = "learning_rate", .member = &P::learningRate, .minimum = 1e-6, .maximum = 1e4, .figureOption = "lr",
     .live = LiveSetting::LearningRate},
    {.key = "seed", .member = &P::seed, .minimum = 0, .maximum = 1'000'000, .figureOption = "seed",
     .resets = Seed, .recomputesIdealised = true},
    // Run
    {.key = "steps_per_second", .member = &P::stepsPerSecond, .minimum = 0, .maximum = 1e6,
     .live = LiveSetting::StepsPerSecond},
    {.key = "stop_after", .member = &P::stopAfter, .minimum = 0, .maximum = 1e7, .live = LiveSetting::StopAfter},
};

#pragma GCC diagnostic pop

static_assert(std::size(rows) == aggregateFieldCount<ExplorerParameters>(),
              "every field of ExplorerParameters needs its row in the schema");

} // namespace

bool ParameterField::differs(const ExplorerParameters& a, const ExplorerParameters& b) const
{
    return std::visit([&](auto field) { return a.*field != b.*field; }, member);
}

bool ParameterField::differsForModel(const ExplorerParameters& a, const ExplorerParameters& b) const
{
    if (modelSeesAtMost == 0)
        return differs(a, b);
    const auto seen = [this](const ExplorerParameters& p) {
        return std::min(p.*std::get<int ExplorerParameters::*>(member), modelSeesAtMost);
    };
    return seen(a) != seen(b);
}

std::span<const ParameterField> parameterSchema()
{
    return rows;
}

const ParameterField& parameterField(const ParameterMember& member)
{
    const auto* row = std::ranges::find(rows, member, &ParameterField::member);
    if (row == std::end(rows)) // every field has its row (the static_assert above and tst_parameterschema)
        throw std::logic_error("a field outside the parameter schema");
    return *row;
}

ParameterChange changeBetween(const ExplorerParameters& before, const ExplorerParameters& after)
{
    ParameterChange change;
    std::bitset<liveSettingCount> live;
    for (const ParameterField& field : rows) {
        if (!field.differs(before, after))
            continue;
        change.recomputeIdealised = change.recomputeIdealised || field.recomputesIdealised;
        if (field.resets != None && field.differsForModel(before, after)
            && (change.reset == None || field.resets < change.reset))
            change.reset = field.resets;
        if (field.live)
            live.set(std::size_t(*field.live));
    }
    // A new loss forgets alpha (Trainer::setLoss takes the loss's default), so alpha follows it.
    if (live.test(std::size_t(LiveSetting::Loss)))
        live.set(std::size_t(LiveSetting::Alpha));
    for (int i = 0; i < liveSettingCount; ++i)
        if (live.test(std::size_t(i)) && !(change.resetsModel() && isTrainerSetting(LiveSetting(i))))
            change.live.push_back(LiveSetting(i));
    return change;
}

} // namespace sme
