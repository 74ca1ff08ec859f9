// The trainer: its set-up, batches and step, and the changes between steps; its evaluations are
// in TrainerEvaluation.cpp.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/Trainer.h"

#include "model/base/Error.h"
#include "model/base/Finite.h"
#include "model/metrics/EvaluationSample.h"
#include "model/geometry/SpherePoints.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>

namespace sme {
namespace {

using namespace trainerstreams;

EmbeddingNetwork<float> initialNetwork(const TrainerSettings& settings, int inputs)
{
    NetworkShape shape;
    shape.input = inputs;
    shape.hidden = settings.hidden;
    shape.embedding = settings.embeddingDimension;
    Rng rng = seededStream(settings.seed, weightsStream);
    return EmbeddingNetwork<float>(shape, rng);
}

// Draws without replacement from the positions 0 .. size-1, as a partial Fisher-Yates shuffle
// of a copy would (the same draws from the generator, the same picks), remembering only the
// positions it displaced: a class of 6,000 rows is not copied to draw 5 of them.
class PartialShuffle {
public:
    explicit PartialShuffle(std::size_t size) : size_(size) {}

    std::size_t size() const { return size_; }

    // The next pick; call at most size() times.
    std::size_t next(Rng& rng)
    {
        const std::size_t other = picked_ + uniformIndex(size_ - picked_, rng);
        const std::size_t pick = holding(other);
        holding(other) = holding(picked_); // the swap; position picked_ is not looked at again
        ++picked_;
        return pick;
    }

private:
    std::size_t& holding(std::size_t position)
    {
        for (auto& [at, held] : displaced_)
            if (at == position)
                return held;
        return displaced_.emplace_back(position, position).second;
    }

    std::size_t size_;
    std::size_t picked_ = 0;
    std::vector<std::pair<std::size_t, std::size_t>> displaced_; // (position, what it now holds)
};

using RowMajorFeatures = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Asks for the cache lines of the given rows of features, all at once: the memory then serves
// them together rather than one wait per line. A hint: nothing changes if they are not read.
void requestRows(const RowMajorFeatures& features, const std::vector<int>& rows, bool nearest)
{
    constexpr std::size_t cacheLine = 64;
    const auto bytes = std::size_t(features.cols()) * sizeof(float);
    for (const int row : rows) {
        const char* start = reinterpret_cast<const char*>(features.row(row).data());
        for (std::size_t offset = 0; offset < bytes; offset += cacheLine) {
            if (nearest)
                __builtin_prefetch(start + offset);
            else // for a later step: into the outer caches, the first stays free for this one
                __builtin_prefetch(start + offset, 0, 1);
        }
    }
}

// The given rows of features into batch, one example per row, each a contiguous copy (the
// network takes the batch transposed, which is this memory: nothing to transpose).
void gatherRows(const RowMajorFeatures& features, const std::vector<int>& rows, RowMajorFeatures& batch)
{
    requestRows(features, rows, true);
    batch.resize(Eigen::Index(rows.size()), features.cols());
    for (std::size_t i = 0; i < rows.size(); ++i)
        batch.row(Eigen::Index(i)) = features.row(rows[i]);
}

bool finite(const std::vector<double>& values)
{
    return std::all_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

} // namespace

void TrainerSettings::validate() const
{
    NetworkShape shape;
    shape.hidden = hidden;
    shape.embedding = embeddingDimension;
    shape.validate();
    if (alpha)
        LossSettings{loss, *alpha, nu}.validate();
    require(std::isfinite(nu), "nu must be finite");
    require(std::isfinite(beta0), "beta0 must be finite");
    require(std::isfinite(betaLearningRate) && betaLearningRate >= 0.0,
            "the learning rate of beta must be a finite number >= 0");
    require(std::isfinite(betaMomentum) && betaMomentum >= 0.0 && betaMomentum < 1.0,
            "the momentum of beta must be in [0, 1)");
    require(std::isfinite(learningRate) && learningRate > 0.0,
            "the learning rate must be a finite number > 0, got " + numberText(learningRate));
    require(batchClasses >= 2 && batchClasses <= 1000,
            "a batch needs between 2 and 1000 classes (P), got " + std::to_string(batchClasses));
    require(batchK >= 1 && batchK <= 1000,
            "a batch needs between 1 and 1000 examples per class (K), got " + std::to_string(batchK));
    SamplerSettings{embeddingDimension, cutoff, nonzeroLossCutoff}.validate();
    require(evaluationSample >= 0, "the evaluation sample must be 0 (all held-out points) or more, got "
                                       + std::to_string(evaluationSample));
}

Trainer::Trainer(DataSplit data, TrainerSettings settings)
    : data_(std::move(data))
    , settings_(std::move(settings))
    , network_(NetworkShape{}) // replaced below, once the data is checked
{
    settings_.validate();
    data_.training.validate();
    data_.heldOut.validate();
    require(data_.training.features.cols() == data_.heldOut.features.cols(),
            "the training and held-out parts have different numbers of features");
    standardise(data_);

    std::map<int, int> dense;
    for (int label : data_.training.labels)
        dense.try_emplace(label, int(dense.size()));
    rowsOfClass_.resize(dense.size());
    for (std::size_t row = 0; row < data_.training.labels.size(); ++row) {
        const int c = dense.at(data_.training.labels[row]);
        trainingClassIndex_.push_back(c);
        rowsOfClass_[std::size_t(c)].push_back(int(row));
    }
    // Row-major, each example contiguous: a batch gathers whole rows, not one float from each
    // of 784 columns (the column-major copy is then dropped, not kept twice). In huge pages
    // where the system gives them: in 4 kB pages, each of a batch's 25 rows of Fashion-MNIST
    // cost a page walk, and the gather took 90-170 us of a 480 us step (bench_training on this
    // project's AMD EPYC); in huge pages 6-15 us. The prefetch one step ahead had not helped.
    trainingFeatures_.resize(data_.training.features.rows(), data_.training.features.cols());
    preferHugePages(trainingFeatures_.data(), std::size_t(trainingFeatures_.size()) * sizeof(float));
    trainingFeatures_ = data_.training.features;
    data_.training.features = Eigen::MatrixXf(0, trainingFeatures_.cols());
    evaluationRows_ = stratifiedSample(data_.heldOut.labels, std::size_t(settings_.evaluationSample),
                                       settings_.seed);
    for (const Eigen::Index row : evaluationRows_)
        sampleLabels_.push_back(data_.heldOut.labels[std::size_t(row)]);
    reset();
}

void Trainer::reset()
{
    network_ = initialNetwork(settings_, int(trainingFeatures_.cols()));
    adam_ = Adam<float>(AdamSettings{settings_.learningRate});
    boundary_ = MarginBoundary{settings_.beta0, {}, {}};
    if (settings_.learnClassBeta)
        boundary_.perClass.assign(rowsOfClass_.size(), 0.0);
    if (settings_.learnImageBeta)
        boundary_.perImage.assign(data_.training.labels.size(), 0.0);
    beta0Velocity_ = 0.0;
    perClassVelocity_.assign(boundary_.perClass.size(), 0.0);
    perImageVelocity_.assign(boundary_.perImage.size(), 0.0);
    batchRng_ = seededStream(settings_.seed, batchStream);
    samplerRng_ = seededStream(settings_.seed, samplerStream);
    steps_ = 0;
    checkpoint_ = State{network_.parameters(), boundary_};
    checkpointStep_ = 0;
    lastEmbeddings_.resize(0, 0);
    lastLabels_.clear();
}

std::vector<int> Trainer::drawBatch(Rng& rng) const
{
    // P classes without replacement, then K rows of each without replacement; both capped by
    // what the training split has.
    std::vector<int> rows;
    PartialShuffle classes(rowsOfClass_.size());
    const std::size_t p = std::min<std::size_t>(std::size_t(settings_.batchClasses), classes.size());
    for (std::size_t i = 0; i < p; ++i) {
        const std::vector<int>& members = rowsOfClass_[classes.next(rng)];
        PartialShuffle picks(members.size());
        const std::size_t k = std::min<std::size_t>(std::size_t(settings_.batchK), members.size());
        for (std::size_t j = 0; j < k; ++j)
            rows.push_back(members[picks.next(rng)]);
    }
    return rows;
}

StepResult Trainer::trainStep()
{
    StepResult result;
    result.step = steps_;
    if (steps_ % checkpointEvery == 0 && largestWeight() <= healthyWeight && betasAreFinite()) {
        checkpoint_ = State{network_.parameters(), boundary_};
        checkpointStep_ = steps_;
    }
    const auto fail = [&](DivergenceCause cause, const std::string& why) {
        restore(checkpoint_);
        adam_.reset(); // its moments hold the runaway too
        result.diverged = true;
        result.cause = cause;
        result.restoredStep = checkpointStep_;
        result.divergence = "training diverged at step " + std::to_string(steps_ + 1) + ": " + why
                            + "; restored the weights of step " + std::to_string(checkpointStep_);
        return result;
    };

    const std::vector<int> rows = drawBatch(batchRng_);
    gatherRows(trainingFeatures_, rows, batchInputs_);
    // The next batch depends on the generator alone: its examples (far larger than the caches
    // on real data) are requested now and arrive while this step computes. A copy of the
    // generator draws it; the next step draws it again from the real one.
    Rng ahead = batchRng_;
    requestRows(trainingFeatures_, drawBatch(ahead), false);
    std::vector<int> labels, classIndex;
    for (const int row : rows)
        labels.push_back(trainingClassIndex_[std::size_t(row)]);
    classIndex = labels;

    const Eigen::MatrixXd embeddings = network_.forwardTransposed(batchInputs_.transpose()).cast<double>();
    if (!allFiniteValues(embeddings))
        return fail(DivergenceCause::NonFiniteEmbeddings,
                    "the embeddings became NaN or infinite (lower the learning rate)");
    const Eigen::MatrixXd distances = pairwiseDistances(embeddings);
    const SamplerSettings samplerSettings{settings_.embeddingDimension, settings_.cutoff,
                                          settings_.nonzeroLossCutoff};
    const std::vector<Triplet> triplets
        = sampleTriplets(settings_.sampler, distances, labels, samplerSettings, samplerRng_);
    const LossSettings lossSettings{settings_.loss, settings_.effectiveAlpha(), settings_.nu};
    const BatchLossResult loss = batchLoss(embeddings, classIndex, rows, triplets, lossSettings, boundary_);
    if (!std::isfinite(loss.loss) || !allFiniteValues(loss.embeddingGradient))
        return fail(DivergenceCause::NonFiniteLoss, "the loss became NaN or infinite");

    // Each layer's parameters are updated as soon as the backward pass is done with them: the
    // weights and their gradient are then still in cache (the same update as adam_.step()).
    adam_.beginStep(network_.parameters());
    float largest = 0.0f; // NaN for any NaN
    // The weights' gradients are not even stored: Adam takes each tile of X^T delta as it
    // is summed.
    network_.backward(
        loss.embeddingGradient.cast<float>(),
        [&](std::size_t i, const Eigen::MatrixXf& inputsTransposed, const Eigen::MatrixXf& delta) {
            largest = Adam<float>::largestOf(
                largest, adam_.updateWithProduct(i, network_.parameters()[i], inputsTransposed, delta));
        },
        [&](std::size_t i) {
            largest = Adam<float>::largestOf(
                largest, adam_.update(i, network_.parameters()[i], network_.gradients()[i]));
        });
    if (settings_.loss == LossKind::Margin)
        updateBeta(loss);
    if (!std::isfinite(largest) || !betasAreFinite())
        return fail(DivergenceCause::NonFiniteWeights,
                    "the weights became NaN or infinite (lower the learning rate)");
    if (largest > runawayWeight) {
        char text[160];
        std::snprintf(text, sizeof text,
                      "the weights ran away (largest |w| = %.6g, above %.6g; lower the learning rate)",
                      double(largest), double(runawayWeight));
        result.largestWeight = largest;
        result.weightLimit = runawayWeight;
        return fail(DivergenceCause::RunawayWeights, text);
    }

    ++steps_;
    result.step = steps_;
    result.loss = loss.loss;
    result.activeFraction = loss.activeFraction;
    result.meanBeta = settings_.loss == LossKind::Margin ? loss.meanBeta : boundary_.beta0;
    result.negativeDistances = negativeDistances(triplets, distances);
    lastEmbeddings_ = embeddings;
    lastLabels_ = std::move(labels);
    return result;
}

void Trainer::updateBeta(const BatchLossResult& result)
{
    if (result.terms == 0)
        return; // no pair in this batch (e.g. K = 1 under semi-hard): nothing to learn from
    // SGD with momentum (PyTorch's form): v = mu v + g, beta -= lr v.
    const double lr = settings_.betaLearningRate;
    const double mu = settings_.betaMomentum;
    if (settings_.learnBeta0) {
        beta0Velocity_ = mu * beta0Velocity_ + result.dBeta0;
        boundary_.beta0 -= lr * beta0Velocity_;
    }
    for (std::size_t c = 0; c < boundary_.perClass.size() && c < result.dPerClass.size(); ++c) {
        perClassVelocity_[c] = mu * perClassVelocity_[c] + result.dPerClass[c];
        boundary_.perClass[c] -= lr * perClassVelocity_[c];
    }
    for (std::size_t i = 0; i < boundary_.perImage.size() && i < result.dPerImage.size(); ++i) {
        perImageVelocity_[i] = mu * perImageVelocity_[i] + result.dPerImage[i];
        boundary_.perImage[i] -= lr * perImageVelocity_[i];
    }
}

bool Trainer::betasAreFinite() const
{
    return std::isfinite(boundary_.beta0) && finite(boundary_.perClass) && finite(boundary_.perImage);
}

float Trainer::largestWeight() const
{
    float largest = 0.0f;
    for (const Eigen::MatrixXf& p : network_.parameters())
        largest = std::max(largest, p.cwiseAbs().maxCoeff<Eigen::PropagateNaN>(), [](float a, float b) {
            return a < b || std::isnan(b); // keep a NaN once seen
        });
    return largest;
}

void Trainer::restore(const State& state)
{
    network_.parameters() = state.parameters;
    boundary_ = state.boundary;
    beta0Velocity_ = 0.0;
    std::fill(perClassVelocity_.begin(), perClassVelocity_.end(), 0.0);
    std::fill(perImageVelocity_.begin(), perImageVelocity_.end(), 0.0);
}

void Trainer::setLearningRate(double learningRate)
{
    require(std::isfinite(learningRate) && learningRate > 0.0,
            "the learning rate must be a finite number > 0");
    settings_.learningRate = learningRate;
    adam_.settings().learningRate = learningRate;
}

void Trainer::setSampler(SamplerKind sampler)
{
    settings_.sampler = sampler;
}

void Trainer::setLoss(LossKind loss, std::optional<double> alpha)
{
    if (alpha)
        LossSettings{loss, *alpha, settings_.nu}.validate();
    settings_.loss = loss;
    settings_.alpha = alpha;
}

void Trainer::setAlpha(double alpha)
{
    LossSettings{settings_.loss, alpha, settings_.nu}.validate();
    settings_.alpha = alpha;
}

void Trainer::setBeta0(double beta0)
{
    require(std::isfinite(beta0), "beta0 must be finite");
    settings_.beta0 = beta0;
    boundary_.beta0 = beta0;
    beta0Velocity_ = 0.0;
}

void Trainer::setNu(double nu)
{
    require(std::isfinite(nu), "nu must be finite");
    settings_.nu = nu;
}

} // namespace sme
