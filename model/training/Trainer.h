// The training engine: an embedding network trained with any sampler and any loss.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"
#include "model/training/Adam.h"
#include "model/losses/BatchLoss.h"
#include "model/data/Dataset.h"
#include "model/training/EmbeddingNetwork.h"
#include "model/losses/MarginLoss.h"
#include "model/sampling/Sampler.h"
#include "model/training/TrainerState.h"

#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sme {

// The trainer's independent random streams of one seed (see seededStream).
namespace trainerstreams {
enum : std::uint64_t { weightsStream = 10, batchStream, samplerStream, evaluationStream, comparisonStream };
} // namespace trainerstreams

struct TrainerSettings {
    std::vector<int> hidden{256, 256};
    int embeddingDimension = 128;      // n, 2 to 1024
    SamplerKind sampler = SamplerKind::DistanceWeighted;
    LossKind loss = LossKind::Margin;
    std::optional<double> alpha;       // unset: defaultAlpha(loss)
    double beta0 = 1.2;                // margin loss: initial boundary (ref)
    double nu = 0.0;
    bool learnBeta0 = true;
    bool learnClassBeta = true;        // (ref) beta learned per class
    bool learnImageBeta = false;
    double betaLearningRate = 0.1;     // (ref) SGD with momentum for beta
    double betaMomentum = 0.9;
    double learningRate = 1e-3;        // Adam, for the network
    int batchClasses = 12;             // P
    int batchK = 5;                    // K
    double cutoff = 0.5;               // distance weighted: lambda
    double nonzeroLossCutoff = 1.4;
    std::uint64_t seed = 1;
    // Held-out points a live evaluation scores: a class-stratified sample of this many, the
    // same at every evaluation (stratifiedSample, seeded by seed); 0 = all of them.
    int evaluationSample = defaultEvaluationSample;
    static constexpr int defaultEvaluationSample = 2000;

    double effectiveAlpha() const { return alpha.value_or(defaultAlpha(loss)); }
    // Throws sme::Error naming the first setting that is out of range.
    void validate() const;
};

// Why a step diverged (see Trainer::trainStep).
enum class DivergenceCause { None, NonFiniteEmbeddings, NonFiniteLoss, NonFiniteWeights, RunawayWeights };

// What one training step did.
struct StepResult {
    long step = 0;                        // steps done after this one
    double loss = 0.0;
    double activeFraction = 0.0;
    double meanBeta = 0.0;                // mean beta over the batch's pairs (margin loss)
    std::vector<double> negativeDistances; // of the negatives the active sampler picked
    bool diverged = false;                // NaN or Inf appeared: nothing was changed
    std::string divergence;               // why, for a person, in English (the command line's)
    // The same, for a message in the window's language: the cause, the step whose weights came
    // back, and (for runaway weights) the largest |w| and the limit it passed.
    DivergenceCause cause = DivergenceCause::None;
    long restoredStep = 0;
    float largestWeight = 0.0f;
    float weightLimit = 0.0f;
};

// Below this spread (embeddingSpread: RMS pairwise distance over sqrt 2) a model has collapsed:
// its held-out points, nearly all pairs of different classes, lie closer than 0.14 on average,
// less than the smallest gap any of the losses asks between a positive and a negative
// (alpha = 0.2), so no margin holds and what ranking is left is rounding and luck.
inline constexpr double collapsedSpread = 0.1;

// Retrieval quality on the held-out classes.
struct Evaluation {
    long step = 0;
    std::array<double, 4> recall{};       // Recall@1, @2, @4, @8
    double nmi = 0.0;
    double mapAtR = 0.0;
    // embeddingSpread of the held-out embeddings; NaN when not measured (runs saved before it).
    double spread = std::numeric_limits<double>::quiet_NaN();
    // The held-out points scored (each a query, all of them the gallery) and how many there
    // are: fewer when the evaluation is on the live sample. 0 when not recorded (saved runs).
    long points = 0;
    long heldOutPoints = 0;

    bool collapsed() const { return spread < collapsedSpread; }
    bool sampled() const { return points < heldOutPoints; }
};

class Trainer {
public:
    // Splits nothing: data is already split by class; the trainer standardises it with the
    // training statistics. Throws sme::Error for invalid settings or data.
    Trainer(DataSplit data, TrainerSettings settings);

    const TrainerSettings& settings() const { return settings_; }
    long steps() const { return steps_; }

    // One step: a P x K batch, forward, sampling, loss, backward, Adam, beta's SGD.
    // Divergence: NaN or Inf anywhere, or runaway weights (|w| > runawayWeight). The embedding
    // is normalised, so a far too large learning rate (1e3) need not overflow for a long time:
    // Adam moves every weight by about lr per step, and weights that started near 0.1 and
    // reach 1e4 can only come from such a rate (at lr = 1e-3 it would take ten million steps).
    // Then the last checkpoint of healthy weights is restored (saved every checkpointEvery
    // steps while |w| <= healthyWeight; the initial weights at first), Adam's moments are
    // cleared, the step counter stays, and the result says why.
    StepResult trainStep();

    static constexpr float runawayWeight = 1e4f;
    static constexpr float healthyWeight = 1e2f;
    static constexpr long checkpointEvery = 100;

    // Recall@1/2/4/8, NMI (k-means, k = held-out classes, seeded by the seed and the step) and
    // MAP@R of the held-out embeddings of the live sample (evaluationRows()): what the curves
    // show while training.
    Evaluation evaluate() const;
    // The same on every held-out point: the end of a headless run, or on request. progress
    // (called on this thread) can stop it: it then throws Cancelled.
    Evaluation evaluateAll(const Progress& progress = {}) const;

    // The held-out rows of the live sample, ascending (all of them when there are at most
    // settings().evaluationSample, or it is 0), and their embeddings and labels, row by row.
    const std::vector<Eigen::Index>& evaluationRows() const { return evaluationRows_; }
    Eigen::MatrixXf sampleEmbeddings() const;
    const std::vector<int>& sampleLabels() const { return sampleLabels_; }

    Eigen::MatrixXf heldOutEmbeddings() const;
    const std::vector<int>& heldOutLabels() const { return data_.heldOut.labels; }
    // The held-out classes' names (Dataset::classNames): empty when the data has none.
    const std::map<int, std::string>& heldOutClassNames() const { return data_.heldOut.classNames; }

    // The distances every sampler would pick on the last batch (indexed by SamplerKind), so the
    // samplers can be compared on the live model. Empty before the first step.
    std::array<std::vector<double>, 4> samplerComparison() const;

    // Changes that apply from the next step on, without restarting.
    void setLearningRate(double learningRate);
    void setSampler(SamplerKind sampler);
    void setLoss(LossKind loss, std::optional<double> alpha = std::nullopt);
    void setAlpha(double alpha);
    void setBeta0(double beta0);
    void setNu(double nu);

    // Back to step 0: the initial weights of the seed, fresh optimiser state.
    void reset();

    // The whole state between steps, and back: after restoreState(state()) the next steps are
    // those the run would have taken. restoreState throws sme::Error, changing nothing, when
    // the state does not fit this trainer's network, classes or images, or is not finite.
    TrainerState state() const;
    void restoreState(const TrainerState& state);

    double beta0() const { return boundary_.beta0; }
    const EmbeddingNetwork<float>& network() const { return network_; }

private:
    struct State {
        std::vector<Eigen::MatrixXf> parameters;
        MarginBoundary boundary;
    };
    // The rows of a P x K batch, drawn with rng.
    std::vector<int> drawBatch(Rng& rng) const;
    void updateBeta(const BatchLossResult& result);
    bool betasAreFinite() const;
    void restore(const State& state);
    // The largest |w| of the network in one pass; NaN when any weight is NaN.
    float largestWeight() const;
    Evaluation evaluateOn(const Eigen::MatrixXf& embeddings, const std::vector<int>& labels,
                          const Progress& progress) const;

    DataSplit data_;
    TrainerSettings settings_;
    // The training examples, one per row, row-major (data_.training keeps only the labels).
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> trainingFeatures_;
    // The rows of the last batch, row-major: one example contiguous, as gathered.
    Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> batchInputs_;
    std::vector<int> trainingClassIndex_; // dense class index of every training row
    std::vector<std::vector<int>> rowsOfClass_;
    std::vector<Eigen::Index> evaluationRows_;
    std::vector<int> sampleLabels_;
    EmbeddingNetwork<float> network_;
    Adam<float> adam_;
    MarginBoundary boundary_;
    double beta0Velocity_ = 0.0;
    std::vector<double> perClassVelocity_;
    std::vector<double> perImageVelocity_;
    Rng batchRng_;
    Rng samplerRng_;
    long steps_ = 0;
    State checkpoint_;
    long checkpointStep_ = 0;
    // The last batch, for samplerComparison().
    Eigen::MatrixXd lastEmbeddings_;
    std::vector<int> lastLabels_;
};

} // namespace sme
