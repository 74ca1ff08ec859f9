// Benchmark: one full evaluation of 30,000 held-out points of dimension 128 (5 classes of 6,000,
// Fashion-MNIST's held-out half), its parts and its peak memory; one live evaluation of 2,000;
// and the full-matrix method it replaced at 2,000 and 8,000 points. Prints figures; asserts
// nothing about time.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FullMatrixRetrieval.h"
#include "ProcessUsage.h"
#include "model/metrics/EvaluationSample.h"
#include "model/metrics/QueryTiles.h"
#include "model/metrics/RetrievalMetrics.h"

#include <Eigen/Core>
#include <array>
#include <chrono>
#include <cstdio>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using testing::cpuSeconds;
using testing::peakResidentMegabytes;

// Wall-clock seconds of work; the processor seconds it took (all threads) added to cpu.
template <class Work>
double secondsFor(Work&& work, double* cpu = nullptr)
{
    const double cpuStart = cpuSeconds();
    const auto start = Clock::now();
    work();
    if (cpu)
        *cpu += cpuSeconds() - cpuStart;
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Unit vectors around 5 class centres, noisy enough that no score is 0 or 1.
Eigen::MatrixXd clusteredEmbeddings(Eigen::Index count, std::vector<int>& labels)
{
    sme::Rng rng(15);
    Eigen::MatrixXd centres(5, 128);
    sme::fillStandardNormal(centres, rng);
    centres.rowwise().normalize();
    Eigen::MatrixXd points(count, 128);
    sme::fillStandardNormal(points, rng);
    points *= 0.25;
    labels.resize(std::size_t(count));
    for (Eigen::Index i = 0; i < count; ++i) {
        labels[std::size_t(i)] = int(i % 5);
        points.row(i) += centres.row(i % 5);
    }
    points.rowwise().normalize();
    return points;
}

const std::array<int, 4> ks{1, 2, 4, 8};

struct Timed {
    double retrievalCpu = 0.0;
    double nmiCpu = 0.0;
    double retrieval = 0.0;
    double nmi = 0.0;
    double spread = 0.0;
    sme::RetrievalScores scores;
    double nmiValue = 0.0;
    double total() const { return retrieval + nmi + spread; }
};

// What Trainer::evaluateOn computes, part by part.
Timed evaluate(const Eigen::MatrixXd& points, const std::vector<int>& labels)
{
    Timed timed;
    timed.retrieval = secondsFor([&] { timed.scores = sme::retrievalScores(points, labels, ks); }, &timed.retrievalCpu);
    timed.spread = secondsFor([&] { volatile double s = sme::embeddingSpread(points); (void)s; });
    sme::Rng rng(1);
    timed.nmi = secondsFor([&] { timed.nmiValue = sme::clusteringNmi(points, labels, rng); }, &timed.nmiCpu);
    return timed;
}

void printScores(const char* name, const sme::RetrievalScores& scores)
{
    std::printf("  %-10s R@1 %.6f  R@2 %.6f  R@4 %.6f  R@8 %.6f  MAP@R %.6f\n", name, scores.recall[0],
                scores.recall[1], scores.recall[2], scores.recall[3], scores.mapAtR);
}

} // namespace

int main()
{
    std::vector<int> labels;
    const Eigen::MatrixXd points = clusteredEmbeddings(30000, labels);
    const double startMegabytes = peakResidentMegabytes();
    std::printf("Evaluation benchmark, %zu threads, %ld x 128 embeddings, 5 classes of 6,000\n",
                sme::defaultThreadCount(), long(points.rows()));
    std::printf("(wall-clock times; on a machine shared with other work, the processor times show\n"
                " what the evaluation itself took: idle cores would need about that over the threads)\n");

    const Timed full = evaluate(points, labels);
    const double fullMegabytes = peakResidentMegabytes();
    std::printf("Full evaluation of 30,000 points  %7.2f s   (target 10 s: %.2f of it)\n", full.total(),
                full.total() / 10.0);
    std::printf("  Recall@K + MAP@R               %7.2f s   (%.2f s of processor time)\n", full.retrieval, full.retrievalCpu);
    std::printf("  NMI (k-means, k = 5)           %7.2f s   (%.2f s of processor time; NMI %.4f)\n", full.nmi,
                full.nmiCpu, full.nmiValue);
    std::printf("  spread                         %7.3f s\n", full.spread);
    printScores("scores", full.scores);
    std::printf("  peak resident memory %.0f MB (embeddings and labels before it: %.0f MB; a tile: %.0f MB a thread)\n",
                fullMegabytes, startMegabytes,
                double(sme::queriesPerTile(points.rows())) * double(points.rows()) * 8.0 / 1048576.0);
    std::printf("  the full N x N matrix would be %.0f MB\n", double(points.rows()) * double(points.rows()) * 8.0 / 1048576.0);

    sme::Rng rng(2);
    std::vector<int> fiftyClasses(labels.size());
    for (std::size_t i = 0; i < labels.size(); ++i)
        fiftyClasses[i] = int(i % 50);
    double kMeans50Cpu = 0.0;
    const double kMeans50 = secondsFor([&] { sme::clusteringNmi(points, fiftyClasses, rng); }, &kMeans50Cpu);
    std::printf("  NMI with k = 50 instead        %7.2f s   (%.2f s of processor time; 50 labels in turn)\n",
                kMeans50, kMeans50Cpu);

    const auto liveRows = sme::stratifiedSample(labels, 2000, 7);
    std::vector<int> liveLabels;
    for (const auto row : liveRows)
        liveLabels.push_back(labels[std::size_t(row)]);
    const Eigen::MatrixXd livePoints = points(liveRows, Eigen::all);
    double liveBest = 1e300;
    double liveCpuBest = 1e300;
    for (int round = 0; round < 5; ++round) {
        const Timed live = evaluate(livePoints, liveLabels);
        liveBest = std::min(liveBest, live.total());
        liveCpuBest = std::min(liveCpuBest, live.retrievalCpu + live.nmiCpu);
    }
    std::printf("Live evaluation of 2,000 points   %7.1f ms  (target 100 ms: %.2f of it; best of 5; %.1f ms of processor time)\n",
                liveBest * 1e3, liveBest * 1e3 / 100.0, liveCpuBest * 1e3);

    std::printf("Against the full-matrix method (one thread of the old code, every score equal?)\n");
    for (Eigen::Index count : {Eigen::Index(2000), Eigen::Index(8000)}) {
        const Eigen::MatrixXd part = points.topRows(count);
        const std::span<const int> partLabels(labels.data(), std::size_t(count));
        sme::RetrievalScores before;
        sme::RetrievalScores after;
        const double old = secondsFor([&] { before = testing::fullMatrixScores(part, partLabels, ks); });
        const double blocked = secondsFor([&] { after = sme::retrievalScores(part, partLabels, ks); });
        double difference = std::abs(before.mapAtR - after.mapAtR);
        for (std::size_t k = 0; k < ks.size(); ++k)
            difference = std::max(difference, std::abs(before.recall[k] - after.recall[k]));
        std::printf("  N = %5ld: full matrix %7.3f s, blocked %7.3f s (%.1fx faster), largest difference %.1e\n",
                    long(count), old, blocked, old / blocked, difference);
    }
    return 0;
}
