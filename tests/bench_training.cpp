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
#include <stdexcept>
#include <string>
#include <time.h>
#include <vector>

namespace {

struct Options {
    std::string fashion = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";
    std::string digits = SME_DIGITS_CSV;
    int rounds = 5;
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
// is held to, the products alone, done the usual way.)
double productsMicroseconds(const std::vector<int>& widths, int batch, const Options& options)
{
    std::vector<Eigen::MatrixXf> activations, weights, outputs, gradients, inputGradients;
    for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
        activations.push_back(Eigen::MatrixXf::Random(batch, widths[l]));
        weights.push_back(Eigen::MatrixXf::Random(widths[l], widths[l + 1]));
        outputs.push_back(Eigen::MatrixXf(batch, widths[l + 1]));
        gradients.push_back(Eigen::MatrixXf(widths[l], widths[l + 1]));
        inputGradients.push_back(Eigen::MatrixXf(batch, widths[l]));
    }
    if (sme::avx512Available()) {
        namespace kernels = sme::stepkernels;
        // The step's layouts: inputs transposed (one example per column), the input gradient
        // transposed too.
        std::vector<Eigen::MatrixXf> inputsTransposed;
        for (const Eigen::MatrixXf& a : activations)
            inputsTransposed.push_back(a.transpose());
        return microsecondsPerCall([&] {
            for (std::size_t l = 0; l < weights.size(); ++l)
                kernels::forwardProduct(inputsTransposed[l].data(), weights[l].data(), batch, weights[l].rows(),
                                        weights[l].cols(), outputs[l].data(), nullptr, false);
            for (std::size_t l = weights.size(); l-- > 0;) {
                const Eigen::MatrixXf& delta = outputs[l];
                kernels::columnProduct(kernels::weightGradient(inputsTransposed[l].data(), delta.data(), batch,
                                                               delta.cols(), weights[l].rows()),
                                       gradients[l].data(), nullptr);
                if (l > 0)
                    kernels::columnProduct({weights[l].data(), weights[l].rows(), weights[l].cols(), delta.data(),
                                            batch, 1, batch},
                                           inputGradients[l].data(), nullptr);
            }
            sink = sink + gradients[0](0, 0);
        }, options.steps, options.rounds);
    }
    return microsecondsPerCall([&] {
        for (std::size_t l = 0; l < weights.size(); ++l)
            outputs[l].noalias() = activations[l] * weights[l];
        for (std::size_t l = weights.size(); l-- > 0;) {
            gradients[l].noalias() = activations[l].transpose() * outputs[l];
            if (l > 0)
                inputGradients[l].noalias() = outputs[l] * weights[l].transpose();
        }
        sink = sink + gradients[0](0, 0);
    }, options.steps, options.rounds);
}

// The step's weight gradients with Adam's update fused into them (Adam::updateWithProduct,
// whichever kernel it runs, as the step calls it): the products' weight gradients plus Adam's
// reading and writing of every weight and its two moments, which outgrow the second-level
// cache at 784-d input.
double weightGradientsWithAdamMicroseconds(const std::vector<int>& widths, int batch, const Options& options)
{
    std::vector<Eigen::MatrixXf> weights, inputsTransposed, deltas;
    for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
        weights.push_back(Eigen::MatrixXf::Random(widths[l], widths[l + 1]));
        inputsTransposed.push_back(Eigen::MatrixXf::Random(widths[l], batch));
        deltas.push_back(Eigen::MatrixXf::Random(batch, widths[l + 1]) * 1e-3f);
    }
    sme::Adam<float> adam;
    return microsecondsPerCall([&] {
        adam.beginStep(weights);
        for (std::size_t l = weights.size(); l-- > 0;)
            sink = sink + adam.updateWithProduct(l, weights[l], inputsTransposed[l], deltas[l]);
    }, options.steps, options.rounds);
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
    const double step = microsecondsPerCall([&] { sink = sink + float(trainer.trainStep().loss); },
                                            options.steps, options.rounds);

    std::vector<int> widths{trainer.network().shape().input};
    widths.insert(widths.end(), c.settings.hidden.begin(), c.settings.hidden.end());
    widths.push_back(c.settings.embeddingDimension);
    const double products = productsMicroseconds(widths, p * k, options);
    const double withAdam = weightGradientsWithAdamMicroseconds(widths, p * k, options);

    double flops = 0.0;
    for (std::size_t l = 0; l + 1 < widths.size(); ++l)
        flops += 2.0 * p * k * widths[l] * widths[l + 1] * (l > 0 ? 3.0 : 2.0);
    std::printf("Training step, %s: %d", c.what.c_str(), widths[0]);
    for (std::size_t l = 1; l < widths.size(); ++l)
        std::printf(" -> %d", widths[l]);
    std::printf(", P x K = %d x %d (%d rows), distance weighted + margin, best of %d rounds of %d "
                "steps (CPU time), one core, %s kernels\n", p, k, p * k, options.rounds, options.steps,
                sme::vectorKernelName());
    std::printf("  whole step          %8.1f us\n", step);
    std::printf("  matrix products     %8.1f us  (%.2f GFLOP/s)\n", products, flops / products / 1e3);
    std::printf("  step / products     %8.2f     (target: at most 1.5)\n", step / products);
    std::printf("  weight gradients with Adam's update, in the step's kernel: %.1f us\n", withAdam);
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
