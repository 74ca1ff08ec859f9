// Benchmark: time per training step (forward, sampling, loss, backward, update) at 784-d input
// (Fashion-MNIST), at 64-d input (the embedded digits) and on the synthetic default, each next
// to the step's matrix products alone; then an evaluation. Prints figures; asserts nothing
// about time. scripts/bench-vs-pytorch compares the steps with PyTorch's.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/RetrievalMetrics.h"
#include "model/geometry/SpherePoints.h"
#include "model/data/CsvDataset.h"
#include "model/data/IdxFormat.h"
#include "model/data/SyntheticData.h"
#include "model/base/CpuFeatures.h"
#include "model/training/Adam.h"
#include "model/training/StepKernels.h"
#include "model/training/Trainer.h"

#include <Eigen/Core>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <time.h>
#include <vector>

namespace {

struct Options {
    std::string fashion = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";
    std::string digits = SME_DIGITS_CSV;
    int rounds = 9;
    int steps = 200;
    bool evaluation = true;
    std::string only; // one case's key, or all
    bool bothPaths = false; // each case on the AVX-512 kernels too, where the CPU has them
};

// CPU time of this process in microseconds: on a shared machine the time spent waiting for a
// core is not the step's (scripts/pytorch_step.py measures PyTorch the same way).
double cpuMicroseconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e6 + double(now.tv_nsec) / 1e3;
}

template <class Work>
double microsecondsPerCall(Work&& work, int calls, int rounds)
{
    // The best round: the least disturbed by the other processes of a shared machine.
    double best = 1e300;
    for (int round = 0; round < rounds; ++round) {
        const double start = cpuMicroseconds();
        for (int i = 0; i < calls; ++i)
            work();
        best = std::min(best, (cpuMicroseconds() - start) / calls);
    }
    return best;
}

volatile float sink = 0.0f;

struct Case {
    std::string key;  // for scripts: "fashion784", "digits64", "synthetic64"
    std::string what; // for people
    sme::DataSplit data;
    sme::TrainerSettings settings;
};

// The step's products on matrices of its shapes, by the kernels the step runs now: forward
// x W for every layer, backward h^T delta (weight gradients) and delta W^T (input gradients,
// not for the input). With AVX-512, model/training/StepKernels (without the bias, ReLU, mask and
// Adam the step fuses into them); else Eigen's products. (The AVX2 step sums its weight
// gradients inside Adam's update, Adam::updateWithProduct: Eigen's product is the reference it
// is held to, the products alone, done the usual way.) Returns one call of them, or of the
// weight gradients alone.
std::function<void()> productsWork(const std::vector<int>& widths, int batch, bool weightGradientsOnly = false)
{
    struct Matrices {
        std::vector<Eigen::MatrixXf> activations, weights, outputs, gradients, inputGradients, inputsTransposed;
    };
    auto m = std::make_shared<Matrices>();
    for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
        m->activations.push_back(Eigen::MatrixXf::Random(batch, widths[l]));
        m->weights.push_back(Eigen::MatrixXf::Random(widths[l], widths[l + 1]));
        m->outputs.push_back(Eigen::MatrixXf(batch, widths[l + 1]));
        m->gradients.push_back(Eigen::MatrixXf(widths[l], widths[l + 1]));
        m->inputGradients.push_back(Eigen::MatrixXf(batch, widths[l]));
        // The step's layouts for its own kernels: inputs transposed (one example per column).
        m->inputsTransposed.push_back(m->activations.back().transpose());
    }
    if (sme::avx512Available())
        return [m, batch, weightGradientsOnly] {
            namespace kernels = sme::stepkernels;
            for (std::size_t l = 0; l < m->weights.size() && !weightGradientsOnly; ++l)
                kernels::forwardProduct(m->inputsTransposed[l].data(), m->weights[l].data(), batch,
                                        m->weights[l].rows(), m->weights[l].cols(), m->outputs[l].data(), nullptr,
                                        false);
            for (std::size_t l = m->weights.size(); l-- > 0;) {
                const Eigen::MatrixXf& delta = m->outputs[l];
                kernels::columnProduct(kernels::weightGradient(m->inputsTransposed[l].data(), delta.data(), batch,
                                                               delta.cols(), m->weights[l].rows()),
                                       m->gradients[l].data(), nullptr);
                if (l > 0 && !weightGradientsOnly)
                    kernels::columnProduct({m->weights[l].data(), m->weights[l].rows(), m->weights[l].cols(),
                                            delta.data(), batch, 1, batch},
                                           m->inputGradients[l].data(), nullptr);
            }
            sink = sink + m->gradients[0](0, 0);
        };
    return [m, weightGradientsOnly] {
        for (std::size_t l = 0; l < m->weights.size() && !weightGradientsOnly; ++l)
            m->outputs[l].noalias() = m->activations[l] * m->weights[l];
        for (std::size_t l = m->weights.size(); l-- > 0;) {
            m->gradients[l].noalias() = m->activations[l].transpose() * m->outputs[l];
            if (l > 0 && !weightGradientsOnly)
                m->inputGradients[l].noalias() = m->outputs[l] * m->weights[l].transpose();
        }
        sink = sink + m->gradients[0](0, 0);
    };
}

// The step's weight gradients with Adam's update fused into them (Adam::updateWithProduct,
// whichever kernel it runs, as the step calls it): the products' weight gradients plus Adam's
// reading and writing of every weight and its two moments, which outgrow the second-level
// cache at 784-d input. Returns one call of them.
std::function<void()> weightGradientsWithAdamWork(const std::vector<int>& widths, int batch)
{
    struct State {
        std::vector<Eigen::MatrixXf> weights, inputsTransposed, deltas;
        sme::Adam<float> adam;
    };
    auto state = std::make_shared<State>();
    for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
        state->weights.push_back(Eigen::MatrixXf::Random(widths[l], widths[l + 1]));
        state->inputsTransposed.push_back(Eigen::MatrixXf::Random(widths[l], batch));
        state->deltas.push_back(Eigen::MatrixXf::Random(batch, widths[l + 1]) * 1e-3f);
    }
    return [state] {
        state->adam.beginStep(state->weights);
        for (std::size_t l = state->weights.size(); l-- > 0;)
            sink = sink + state->adam.updateWithProduct(l, state->weights[l], state->inputsTransposed[l],
                                                        state->deltas[l]);
    };
}

// The step's products with Adam's update fused into its weight gradients, in the step's order
// and on its kernels: forward x W for every layer, then from the last layer back delta W^T (the
// input gradient, from the weights before their update) and h^T delta with Adam's update of W.
// Nothing else of the step: no batch, bias, ReLU, normalisation, distances, sampler or loss. Here
// the weights are read by the products after Adam has streamed its moments through the caches,
// as in the step (the products alone find them in the second-level cache). Returns one call.
std::function<void()> productsWithAdamWork(const std::vector<int>& widths, int batch)
{
    struct State {
        std::vector<Eigen::MatrixXf> weights, inputsTransposed, outputs, deltas, inputGradients;
        sme::Adam<float> adam;
    };
    auto state = std::make_shared<State>();
    for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
        state->weights.push_back(Eigen::MatrixXf::Random(widths[l], widths[l + 1]));
        state->inputsTransposed.push_back(Eigen::MatrixXf::Random(widths[l], batch));
        state->outputs.push_back(Eigen::MatrixXf(batch, widths[l + 1]));
        state->deltas.push_back(Eigen::MatrixXf::Random(batch, widths[l + 1]) * 1e-3f);
        state->inputGradients.push_back(Eigen::MatrixXf(widths[l], batch));
    }
    return [state, batch] {
        namespace kernels = sme::stepkernels;
        State& s = *state;
        const bool avx512 = sme::avx512Available();
        for (std::size_t l = 0; l < s.weights.size(); ++l) {
            if (avx512)
                kernels::forwardProduct(s.inputsTransposed[l].data(), s.weights[l].data(), batch, s.weights[l].rows(),
                                        s.weights[l].cols(), s.outputs[l].data(), nullptr, false);
            else
                s.outputs[l].noalias() = s.inputsTransposed[l].transpose() * s.weights[l];
        }
        s.adam.beginStep(s.weights);
        for (std::size_t l = s.weights.size(); l-- > 0;) {
            if (l > 0) {
                if (avx512)
                    kernels::columnProduct({s.weights[l].data(), s.weights[l].rows(), s.weights[l].cols(),
                                            s.deltas[l].data(), batch, 1, batch},
                                           s.inputGradients[l].data(), nullptr);
                else
                    s.inputGradients[l].noalias() = s.weights[l] * s.deltas[l].transpose();
            }
            sink = sink + s.adam.updateWithProduct(l, s.weights[l], s.inputsTransposed[l], s.deltas[l]);
        }
        sink = sink + s.outputs[0](0, 0) + s.inputGradients.back()(0, 0);
    };
}

// Microseconds per call of each work, round by round: in each round every work runs `calls`
// times, one after the other, so a ratio of two is taken from times a few milliseconds apart
// (on a shared machine, the other processes' load changes from one second to the next; timed
// one after the other, the step and its products once gave 1.41 and 2.87 on the same build).
std::vector<std::vector<double>> interleavedRounds(const std::vector<std::function<void()>>& works, int calls,
                                                   int rounds)
{
    std::vector<std::vector<double>> times(works.size());
    for (int round = 0; round < rounds; ++round)
        for (std::size_t w = 0; w < works.size(); ++w) {
            const double start = cpuMicroseconds();
            for (int i = 0; i < calls; ++i)
                works[w]();
            times[w].push_back((cpuMicroseconds() - start) / calls);
        }
    return times;
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// Times the case's step and its products on the kernels allowed now; prints both, and returns
// the step's microseconds.
double benchStep(const Case& c, const Options& options)
{
    // The batch the trainer draws: P classes (at most the training classes) x K rows.
    const int p = std::min(c.data.training.classCount(), c.settings.batchClasses);
    const int k = c.settings.batchK;
    sme::Trainer trainer(c.data, c.settings);
    for (int i = 0; i < 50; ++i) // warm up: caches, and the allocations of the first steps
        trainer.trainStep();
    std::vector<int> widths{trainer.network().shape().input};
    widths.insert(widths.end(), c.settings.hidden.begin(), c.settings.hidden.end());
    widths.push_back(c.settings.embeddingDimension);
    const std::vector<std::vector<double>> rounds =
        interleavedRounds({[&] { sink = sink + float(trainer.trainStep().loss); }, productsWork(widths, p * k),
                           weightGradientsWithAdamWork(widths, p * k), productsWork(widths, p * k, true),
                           productsWithAdamWork(widths, p * k)},
                          options.steps, options.rounds);
    // The best round of each: the least disturbed by the other processes of a shared machine.
    const double step = *std::min_element(rounds[0].begin(), rounds[0].end());
    const double products = *std::min_element(rounds[1].begin(), rounds[1].end());
    const double withAdam = *std::min_element(rounds[2].begin(), rounds[2].end());
    const double weightGradients = *std::min_element(rounds[3].begin(), rounds[3].end());
    const double productsWithAdam = *std::min_element(rounds[4].begin(), rounds[4].end());
    std::vector<double> ratios; // of each round: step and products a few milliseconds apart
    for (std::size_t r = 0; r < rounds[0].size(); ++r)
        ratios.push_back(rounds[0][r] / rounds[1][r]);

    double flops = 0.0;
    for (std::size_t l = 0; l + 1 < widths.size(); ++l)
        flops += 2.0 * p * k * widths[l] * widths[l + 1] * (l > 0 ? 3.0 : 2.0);
    std::printf("Training step, %s: %d", c.what.c_str(), widths[0]);
    for (std::size_t l = 1; l < widths.size(); ++l)
        std::printf(" -> %d", widths[l]);
    std::printf(", P x K = %d x %d (%d rows), distance weighted + margin, best of %d rounds of %d "
                "steps (CPU time; step, products and the parts below in turn in each round), one core, %s "
                "kernels\n",
                p, k, p * k, options.rounds, options.steps, sme::vectorKernelName());
    std::printf("  whole step          %8.1f us\n", step);
    std::printf("  matrix products     %8.1f us  (%.2f GFLOP/s)\n", products, flops / products / 1e3);
    std::printf("  step / products     %8.2f     (target: at most 1.5; the best rounds')\n", step / products);
    std::printf("    in each round     median %.2f, from %.2f to %.2f\n", median(ratios),
                *std::min_element(ratios.begin(), ratios.end()), *std::max_element(ratios.begin(), ratios.end()));
    std::printf("  weight gradients with Adam's update, in the step's kernel: %.1f us (alone %.1f us)\n", withAdam,
                weightGradients);
    // Adam reads and writes every weight and both its moments once a step: the step can be no
    // faster than its products and that.
    std::printf("  products + Adam's update (%.1f us) / products: %.2f, the least the step can be\n",
                withAdam - weightGradients, (products + withAdam - weightGradients) / products);
    // The same measured as the step runs them, one after the other: what is left of the step
    // is its batch, bias, ReLU, normalisation, distances, sampler and loss.
    std::printf("  products and Adam's update as the step runs them: %.1f us; / products: %.2f; step / them: %.2f\n",
                productsWithAdam, productsWithAdam / products, step / productsWithAdam);
    std::printf("  result %s step_us %.1f products_us %.1f rows %d kernels %s\n", c.key.c_str(), step,
                products, p * k, sme::vectorKernelName());
    std::fflush(stdout);
    return step;
}

// Fashion-MNIST's training images when they can be read (their classes 0-4, 6,000 images
// each, train; 5-9 are held out), else synthetic data of the same shape, said so.
Case fashionCase(const Options& options)
{
    Case c{"fashion784", "Fashion-MNIST (784-d)", {}, {}};
    try {
        const std::string labels = sme::idxLabelsPathFor(options.fashion);
        if (labels.empty())
            throw std::runtime_error("no labels file beside it");
        c.data = sme::splitByClass(sme::loadIdx(options.fashion, labels), 0.5);
    } catch (const std::exception& e) {
        std::printf("(%s: %s; synthetic 784-d data of Fashion-MNIST's shape instead)\n",
                    options.fashion.c_str(), e.what());
        sme::SyntheticSettings synthetic;
        synthetic.classes = 10;
        synthetic.perClass = 6000;
        synthetic.features = 784;
        c.what = "synthetic data of Fashion-MNIST's shape (784-d)";
        c.data = sme::splitByClass(sme::syntheticNuisanceClusters(synthetic), 0.5);
    }
    return c;
}

void benchEvaluation(const Options& options, double step)
{
    // An evaluation of the synthetic default's held-out classes, and its parts: what pausing
    // and every evaluate-every steps cost, next to the steps themselves.
    const sme::TrainerSettings settings;
    sme::Trainer trainer(sme::splitByClass(sme::syntheticNuisanceClusters({}), 0.5), settings);
    for (int i = 0; i < 50; ++i)
        trainer.trainStep();
    const Eigen::MatrixXd embeddings = trainer.heldOutEmbeddings().cast<double>();
    const std::vector<int>& labels = trainer.heldOutLabels();
    const std::vector<int> ks{1, 2, 4, 8};
    const int rounds = options.rounds;
    const double evaluation = microsecondsPerCall([&] { sink = sink + float(trainer.evaluate().nmi); }, 3, rounds);
    const double distances = microsecondsPerCall([&] { sink = sink + float(sme::pairwiseDistances(embeddings)(0, 1)); }, 3, rounds);
    const double retrieval = microsecondsPerCall(
        [&] { sink = sink + float(sme::retrievalScores(embeddings, labels, ks).mapAtR); }, 3, rounds);
    const double separately = microsecondsPerCall([&] {
        sink = sink + float(sme::recallAtK(embeddings, labels, ks)[0] + sme::meanAveragePrecisionAtR(embeddings, labels));
    }, 3, rounds);
    std::printf("Evaluation of %zu held-out examples (n = %d), best of %d rounds of 3\n", labels.size(),
                settings.embeddingDimension, rounds);
    std::printf("  whole evaluation    %8.1f ms  (= %.0f training steps)\n", evaluation / 1e3, evaluation / step);
    std::printf("  distance matrix     %8.1f ms\n", distances / 1e3);
    std::printf("  Recall@K + MAP@R    %8.1f ms  (one distance matrix; %.1f ms computed apart)\n",
                retrieval / 1e3, separately / 1e3);
    std::printf("  NMI (k-means) etc.  %8.1f ms\n", (evaluation - retrieval) / 1e3);
}

} // namespace

int main(int argc, char** argv)
{
    Options options;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool hasValue = i + 1 < argc;
        if (arg == "--fashion" && hasValue)
            options.fashion = argv[++i];
        else if (arg == "--digits" && hasValue)
            options.digits = argv[++i];
        else if (arg == "--rounds" && hasValue)
            options.rounds = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--steps" && hasValue)
            options.steps = std::max(1, std::atoi(argv[++i]));
        else if (arg == "--only" && hasValue)
            options.only = argv[++i];
        else if (arg == "--no-evaluation")
            options.evaluation = false;
        else if (arg == "--both-paths")
            options.bothPaths = true;
        else {
            std::fprintf(stderr, "usage: bench_training [--fashion IDX-IMAGES] [--digits CSV] "
                                 "[--rounds N] [--steps N] [--only fashion784|digits64|synthetic64] "
                                 "[--no-evaluation] [--both-paths]\n");
            return 2;
        }
    }

    // The defaults: 784 or 64 -> 256 -> 256 -> 128, P x K = 12 x 5 (P capped by the classes).
    const auto wanted = [&](const char* key) { return options.only.empty() || options.only == key; };
    std::vector<Case> cases;
    if (wanted("fashion784"))
        cases.push_back(fashionCase(options));
    if (wanted("digits64"))
        cases.push_back({"digits64", "the embedded digits (64-d)",
                         sme::splitByClass(sme::loadCsvDataset(options.digits), 0.5), {}});
    if (wanted("synthetic64"))
        cases.push_back({"synthetic64", "the synthetic default (64-d)",
                         sme::splitByClass(sme::syntheticNuisanceClusters({}), 0.5), {}});
    double lastStep = 0.0;
    // The kernels the step runs (AVX-512 where the CPU has it, unless SME_AVX512=off), then,
    // with --both-paths, the AVX2 path's on the same case.
    const bool alsoAvx2 = options.bothPaths && sme::avx512Available();
    for (const Case& c : cases) {
        lastStep = benchStep(c, options);
        if (alsoAvx2) {
            sme::setAvx512Allowed(false);
            benchStep(c, options);
            sme::setAvx512Allowed(true);
        }
    }
    if (options.evaluation)
        benchEvaluation(options, lastStep);
    return 0;
}
