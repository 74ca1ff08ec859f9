// Benchmark: time per training step of the default configuration (forward, sampling, loss,
// backward, update) and, in the same run, the step's matrix products alone. Prints figures;
// asserts nothing about time.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/RetrievalMetrics.h"
#include "model/geometry/SpherePoints.h"
#include "model/data/SyntheticData.h"
#include "model/training/Trainer.h"

#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

template <class Work>
double microsecondsPerCall(Work&& work, int calls)
{
    // Best of 5 rounds: the least disturbed by the other processes of a shared machine.
    double best = 1e300;
    for (int round = 0; round < 5; ++round) {
        const auto start = Clock::now();
        for (int i = 0; i < calls; ++i)
            work();
        best = std::min(best, std::chrono::duration<double, std::micro>(Clock::now() - start).count() / calls);
    }
    return best;
}

volatile float sink = 0.0f;

} // namespace

int main()
{
    const sme::TrainerSettings settings; // the defaults: 64 -> 256 -> 256 -> 128, P x K = 12 x 5
    sme::SyntheticSettings data;
    sme::Trainer trainer(sme::splitByClass(sme::syntheticNuisanceClusters(data), 0.5), settings);
    for (int i = 0; i < 50; ++i) // warm up: caches, and the allocations of the first steps
        trainer.trainStep();
    const double step = microsecondsPerCall([&] { sink = sink + float(trainer.trainStep().loss); }, 200);

    // The same products on matrices of the step's shapes: forward x W for every layer,
    // backward h^T delta (weight gradients) and delta W^T (input gradients, not for the input).
    const int batch = settings.batchClasses * settings.batchK;
    std::vector<int> widths{data.features};
    widths.insert(widths.end(), settings.hidden.begin(), settings.hidden.end());
    widths.push_back(settings.embeddingDimension);
    std::vector<Eigen::MatrixXf> activations, weights, outputs, gradients, inputGradients;
    for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
        activations.push_back(Eigen::MatrixXf::Random(batch, widths[l]));
        weights.push_back(Eigen::MatrixXf::Random(widths[l], widths[l + 1]));
        outputs.push_back(Eigen::MatrixXf(batch, widths[l + 1]));
        gradients.push_back(Eigen::MatrixXf(widths[l], widths[l + 1]));
        inputGradients.push_back(Eigen::MatrixXf(batch, widths[l]));
    }
    const double products = microsecondsPerCall([&] {
        for (std::size_t l = 0; l < weights.size(); ++l)
            outputs[l].noalias() = activations[l] * weights[l];
        for (std::size_t l = weights.size(); l-- > 0;) {
            gradients[l].noalias() = activations[l].transpose() * outputs[l];
            if (l > 0)
                inputGradients[l].noalias() = outputs[l] * weights[l].transpose();
        }
        sink = sink + gradients[0](0, 0);
    }, 200);

    double flops = 0.0;
    for (std::size_t l = 0; l + 1 < widths.size(); ++l)
        flops += 2.0 * batch * widths[l] * widths[l + 1] * (l > 0 ? 3.0 : 2.0);
    std::printf("Training step, default configuration (%d x %d batch, %d", settings.batchClasses,
                settings.batchK, widths[0]);
    for (std::size_t l = 1; l < widths.size(); ++l)
        std::printf(" -> %d", widths[l]);
    std::printf(", distance weighted + margin), best of 5 rounds of 200 steps, one core\n");
    std::printf("  whole step          %8.1f us\n", step);
    std::printf("  matrix products     %8.1f us  (%.2f GFLOP/s)\n", products, flops / products / 1e3);
    std::printf("  step / products     %8.2f     (target: within 2x)\n", step / products);

    // An evaluation of the held-out classes, and its parts: what pausing and every
    // evaluate-every steps cost, next to the steps themselves.
    const Eigen::MatrixXd embeddings = trainer.heldOutEmbeddings().cast<double>();
    const std::vector<int>& labels = trainer.heldOutLabels();
    const std::vector<int> ks{1, 2, 4, 8};
    const double evaluation = microsecondsPerCall([&] { sink = sink + float(trainer.evaluate().nmi); }, 3);
    const double distances = microsecondsPerCall([&] { sink = sink + float(sme::pairwiseDistances(embeddings)(0, 1)); }, 3);
    const double retrieval = microsecondsPerCall(
        [&] { sink = sink + float(sme::retrievalScores(embeddings, labels, ks).mapAtR); }, 3);
    const double separately = microsecondsPerCall([&] {
        sink = sink + float(sme::recallAtK(embeddings, labels, ks)[0] + sme::meanAveragePrecisionAtR(embeddings, labels));
    }, 3);
    std::printf("Evaluation of %zu held-out examples (n = %d), best of 5 rounds of 3\n", labels.size(),
                settings.embeddingDimension);
    std::printf("  whole evaluation    %8.1f ms  (= %.0f training steps)\n", evaluation / 1e3, evaluation / step);
    std::printf("  distance matrix     %8.1f ms\n", distances / 1e3);
    std::printf("  Recall@K + MAP@R    %8.1f ms  (one distance matrix; %.1f ms computed apart)\n",
                retrieval / 1e3, separately / 1e3);
    std::printf("  NMI (k-means) etc.  %8.1f ms\n", (evaluation - retrieval) / 1e3);
    return 0;
}
