// Benchmark: the analysis of a user's own embeddings at the size issue #16 asks for, 100,000
// points of dimension 128, as 100 classes of 1,000 (R = 999) and as 10 classes of 10,000
// (R = 9,999): wall-clock and processor time and peak memory of each phase (norms and pair
// distances, the samplers' picks, retrieval, NMI), and the float distances of every pair alone
// (the retrieval's floor). Prints figures; asserts nothing about time.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ProcessUsage.h"
#include "model/analysis/EmbeddingAnalysis.h"
#include "model/base/CpuFeatures.h"
#include "model/metrics/CandidateRetrieval.h"
#include "model/metrics/DistanceKernels.h"
#include "model/metrics/QueryTiles.h"

#include <Eigen/Core>
#include <array>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using testing::cpuSeconds;
using testing::peakResidentMegabytes;

// A trained model's embeddings, roughly: classes around centres uniform on the sphere, each
// point its centre plus Gaussian noise, as floats (what files hold), not yet normalised (norms
// about 1.4, as some models leave them). The noise makes classes overlap: Recall@1 well below 1.
sme::Dataset clusteredEmbeddings(int classes, int perClass, double noise)
{
    sme::Rng rng(16);
    Eigen::MatrixXd centres(classes, 128);
    sme::fillStandardNormal(centres, rng);
    centres.rowwise().normalize();
    Eigen::MatrixXd points(Eigen::Index(classes) * perClass, 128);
    sme::fillStandardNormal(points, rng);
    points *= noise;
    sme::Dataset data;
    data.name = "benchmark";
    for (Eigen::Index i = 0; i < points.rows(); ++i) {
        data.labels.push_back(int(i % classes));
        points.row(i) += centres.row(i % classes);
    }
    data.features = points.cast<float>();
    return data;
}

// The float distances of every pair alone, on the retrieval's kernels and threads, tiles of 96
// queries against chunks of 1,024 points as the candidate search takes them: what finding the
// candidates cannot do without (every point may be among a query's nearest), so the floor of
// the retrieval on this machine whatever comes after.
void everyFloatDistance(const sme::Dataset& data)
{
    Eigen::MatrixXd points = data.features.cast<double>();
    points.rowwise().normalize(); // as the analysis does
    const sme::FloatPanels panels(points);
    constexpr Eigen::Index tileQueries = 96, chunkRows = 1024;
    const std::size_t threads = sme::defaultThreadCount();
    std::vector<std::vector<float>> tiles(threads,
                                          std::vector<float>(std::size_t(sme::paddedQueryCount(tileQueries) * chunkRows)));
    std::vector<double> sums(threads, 0.0); // read, so that nothing is left out
    const auto start = Clock::now();
    const double cpuStart = cpuSeconds();
    const auto count = std::size_t((points.rows() + tileQueries - 1) / tileQueries);
    sme::forEachTile(count, [&](std::size_t worker, std::size_t tile) {
        sme::PackedQueries queries;
        const Eigen::Index first = Eigen::Index(tile) * tileQueries;
        queries.pack(panels, first, std::min(tileQueries, points.rows() - first));
        for (Eigen::Index chunk = 0; chunk < panels.paddedRows(); chunk += chunkRows) {
            sme::floatDistances(panels, chunk, std::min(chunkRows, panels.paddedRows() - chunk), queries,
                                tiles[worker].data(), chunkRows);
            sums[worker] += double(tiles[worker][5]);
        }
    });
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    const double pairs = double(points.rows()) * double(points.rows());
    std::printf("  %-28s %7.2f s wall %7.2f s processor   (the float distances of all %.2g pairs alone,\n"
                "  %-28s the retrieval's floor here: %s kernel, %.1f G multiply-adds a second)\n",
                "every float distance", wall, cpuSeconds() - cpuStart, pairs, "", sme::distanceKernelName(points.cols()),
                pairs * double(points.cols()) / wall / 1e9);
    if (sums[0] < 0.0)
        std::printf("(impossible: distances are at least 0)\n");
}

struct Phase {
    const char* name;
    double end; // the share of the progress at which it ends
    double wall = 0.0, cpu = 0.0, peak = 0.0;
};

void run(int classes, int perClass, double noise)
{
    const sme::Dataset data = clusteredEmbeddings(classes, perClass, noise);
    std::printf("\n%d classes of %d points (R = %d), 128 dimensions, noise %.2f a coordinate\n", classes, perClass,
                perClass - 1, noise);
    std::printf("  before: peak resident memory %.0f MB (the float features: %.0f MB)\n", peakResidentMegabytes(),
                double(data.features.size()) * 4.0 / 1e6);
    // Phases as the analysis reports them (see the shares in EmbeddingAnalysis.cpp).
    std::array<Phase, 4> phases{{{"norms + pair distances", 0.1}, {"samplers' picks", 0.15},
                                 {"retrieval (Recall@K, MAP@R)", 0.85}, {"NMI (k-means)", 1.0}}};
    std::size_t phase = 0;
    const auto start = Clock::now();
    const double cpuStart = cpuSeconds();
    double wallBefore = 0.0, cpuBefore = cpuStart;
    const auto note = [&](double done) {
        while (phase < phases.size() && done >= phases[phase].end) {
            const double wall = std::chrono::duration<double>(Clock::now() - start).count();
            const double cpu = cpuSeconds();
            phases[phase].wall = wall - wallBefore;
            phases[phase].cpu = cpu - cpuBefore;
            phases[phase].peak = peakResidentMegabytes();
            wallBefore = wall;
            cpuBefore = cpu;
            ++phase;
        }
        return true;
    };
    const sme::EmbeddingAnalysis analysis = sme::analyseEmbeddings(data, {}, note);
    const double wall = std::chrono::duration<double>(Clock::now() - start).count();
    for (const Phase& p : phases)
        std::printf("  %-28s %7.2f s wall %7.2f s processor   peak %5.0f MB\n", p.name, p.wall, p.cpu, p.peak);
    std::printf("  %-28s %7.2f s wall %7.2f s processor   peak %5.0f MB   (target 20 s, 1,000 MB)\n", "whole analysis",
                wall, cpuSeconds() - cpuStart, peakResidentMegabytes());
    std::printf("  R@1 %.4f R@2 %.4f R@4 %.4f R@8 %.4f MAP@R %.4f NMI %.4f; mean norm %.3f, TV to q %.3f,"
                " pairs %zu\n",
                analysis.recall[0], analysis.recall[1], analysis.recall[2], analysis.recall[3], analysis.mapAtR,
                analysis.nmi, analysis.meanNorm, analysis.tvToSphereLaw, analysis.pairsSampled);
    everyFloatDistance(data);
}

} // namespace

int main(int argc, char** argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // each line as it comes, also into a file
    std::printf("Embedding analysis benchmark, %zu threads (wall-clock times on a shared machine; the\n"
                "processor times show what the work itself took)\n"
                "Vector kernels: %s (SME_AVX512=off for the AVX2 ones); float distances at 128 dimensions: %s"
                " (SME_AMX=off for AVX-512's); retrieval by candidates from %td points\n",
                sme::defaultThreadCount(), sme::vectorKernelName(), sme::distanceKernelName(128),
                std::ptrdiff_t(sme::candidatePathMinimumPoints));
    // Arguments: "quick" for a tenth of the size (a quick look), "999" or "9999" for that case
    // alone (to profile one).
    bool quick = false;
    bool small = true, large = true;
    for (int a = 1; a < argc; ++a) {
        const std::string argument = argv[a];
        quick = quick || argument == "quick";
        small = small && argument != "9999";
        large = large && argument != "999";
    }
    if (small)
        run(100, quick ? 100 : 1000, 0.17);
    if (large)
        run(10, quick ? 1000 : 10000, 0.17);
    return 0;
}
