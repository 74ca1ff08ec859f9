// Trainer::state and Trainer::restoreState: saving a run and continuing it exactly.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/Trainer.h"

#include "model/base/Error.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace sme {
namespace {

std::string randomText(const Rng& rng)
{
    std::ostringstream out;
    out << rng;
    return out.str();
}

Rng randomFromText(const std::string& text, const char* which)
{
    std::istringstream in(text);
    Rng rng;
    in >> rng;
    require(!in.fail(), [&] { return std::string("the saved state of the ") + which + " random stream is damaged"; });
    return rng;
}

std::string shapeText(const Eigen::MatrixXf& m)
{
    return std::to_string(m.rows()) + " x " + std::to_string(m.cols());
}

// The same number of matrices with the same shapes as the model's, all finite.
void requireFits(const std::vector<Eigen::MatrixXf>& saved, const std::vector<Eigen::MatrixXf>& model,
                 const char* what)
{
    require(saved.size() == model.size(), [&] {
        return std::string("the saved ") + what + " have " + std::to_string(saved.size())
               + " parts, this model has " + std::to_string(model.size());
    });
    for (std::size_t i = 0; i < saved.size(); ++i) {
        require(saved[i].rows() == model[i].rows() && saved[i].cols() == model[i].cols(), [&] {
            return std::string("the saved ") + what + " part " + std::to_string(i + 1) + " is "
                   + shapeText(saved[i]) + ", this model's is " + shapeText(model[i]);
        });
        require(saved[i].allFinite(), [&] {
            return std::string("the saved ") + what + " part " + std::to_string(i + 1)
                   + " holds NaN or infinite values";
        });
    }
}

void requireSameLength(std::size_t saved, std::size_t model, const char* what)
{
    require(saved == model, [&] {
        return std::string("the saved ") + what + " has " + std::to_string(saved)
               + " entries, this model has " + std::to_string(model);
    });
}

bool allFinite(const std::vector<double>& values)
{
    return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

void requireFits(const MarginBoundary& saved, const MarginBoundary& model, const char* what)
{
    requireSameLength(saved.perClass.size(), model.perClass.size(), what);
    requireSameLength(saved.perImage.size(), model.perImage.size(), what);
    require(std::isfinite(saved.beta0) && allFinite(saved.perClass) && allFinite(saved.perImage),
            [&] { return std::string("the saved ") + what + " holds NaN or infinite values"; });
}

} // namespace

TrainerState Trainer::state() const
{
    TrainerState state;
    state.steps = steps_;
    state.parameters = network_.parameters();
    state.adam = adam_.state();
    state.boundary = boundary_;
    state.beta0Velocity = beta0Velocity_;
    state.perClassVelocity = perClassVelocity_;
    state.perImageVelocity = perImageVelocity_;
    state.batchRandom = randomText(batchRng_);
    state.samplerRandom = randomText(samplerRng_);
    state.checkpointParameters = checkpoint_.parameters;
    state.checkpointBoundary = checkpoint_.boundary;
    state.checkpointStep = checkpointStep_;
    state.lastEmbeddings = lastEmbeddings_;
    state.lastLabels = lastLabels_;
    return state;
}

void Trainer::restoreState(const TrainerState& state)
{
    // Everything is checked before anything changes.
    require(state.steps >= 0 && state.checkpointStep >= 0 && state.checkpointStep <= state.steps,
            "the saved step counts are inconsistent");
    const std::vector<Eigen::MatrixXf>& model = network_.parameters();
    requireFits(state.parameters, model, "weights");
    requireFits(state.checkpointParameters, model, "checkpoint weights");
    if (!state.adam.firstMoments.empty()) { // empty: Adam had not stepped yet
        requireFits(state.adam.firstMoments, model, "optimiser moments");
        requireFits(state.adam.secondMoments, model, "optimiser moments");
    }
    require(state.adam.steps >= 0 && state.adam.secondMoments.size() == state.adam.firstMoments.size(),
            "the saved optimiser state is inconsistent");
    requireFits(state.boundary, boundary_, "beta (margin boundary)");
    requireFits(state.checkpointBoundary, boundary_, "checkpoint beta");
    requireSameLength(state.perClassVelocity.size(), perClassVelocity_.size(), "per-class beta velocity");
    requireSameLength(state.perImageVelocity.size(), perImageVelocity_.size(), "per-image beta velocity");
    require(std::isfinite(state.beta0Velocity) && allFinite(state.perClassVelocity)
                && allFinite(state.perImageVelocity),
            "the saved beta velocities hold NaN or infinite values");
    require(state.lastLabels.size() == std::size_t(state.lastEmbeddings.rows())
                && (state.lastEmbeddings.size() == 0
                    || state.lastEmbeddings.cols() == settings_.embeddingDimension),
            "the saved last batch does not fit this model");
    Rng batchRng = randomFromText(state.batchRandom, "batch");
    Rng samplerRng = randomFromText(state.samplerRandom, "sampler");

    network_.parameters() = state.parameters;
    adam_.restore(state.adam);
    boundary_ = state.boundary;
    beta0Velocity_ = state.beta0Velocity;
    perClassVelocity_ = state.perClassVelocity;
    perImageVelocity_ = state.perImageVelocity;
    batchRng_ = batchRng;
    samplerRng_ = samplerRng;
    steps_ = state.steps;
    checkpoint_ = State{state.checkpointParameters, state.checkpointBoundary};
    checkpointStep_ = state.checkpointStep;
    lastEmbeddings_ = state.lastEmbeddings;
    lastLabels_ = state.lastLabels;
}

} // namespace sme
