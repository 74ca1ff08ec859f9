// Benchmark: time to compute each idealised figure's data at n = 128 and n = 1024, and Monte
// Carlo pairwise distances per second. Prints figures; asserts nothing about time.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/figures/FigureData.h"
#include "model/geometry/SpherePoints.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

namespace {

// Median wall time of repeated calls, in milliseconds (the median resists a noisy machine).
double medianMilliseconds(const std::function<void()>& work, int repetitions)
{
    std::vector<double> times;
    for (int i = 0; i < repetitions; ++i) {
        const auto start = std::chrono::steady_clock::now();
        work();
        times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
    std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
    return times[times.size() / 2];
}

volatile double sink = 0.0; // keeps results alive so nothing is optimised away

} // namespace

int main()
{
    std::printf("Figure data, default settings (median of 15 runs; target < 30 ms at n = 128)\n");
    std::printf("%-20s %12s %12s\n", "figure", "n = 128", "n = 1024");
    const auto row = [](const char* name, const std::function<void(int)>& compute) {
        const double small = medianMilliseconds([&] { compute(128); }, 15);
        const double large = medianMilliseconds([&] { compute(1024); }, 15);
        std::printf("%-20s %9.2f ms %9.2f ms\n", name, small, large);
    };
    row("density", [](int n) {
        sme::DensitySettings s;
        s.dimension = n;
        sink = sink + sme::densityFigure(s).monteCarlo[0];
    });
    row("gradient-variance", [](int n) {
        sme::GradientNoiseSettings s;
        s.dimension = n;
        sink = sink + sme::gradientVarianceFigure(s, 1).variance[3];
    });
    row("sampled-distances", [](int n) {
        sme::SampledDistancesSettings s;
        s.batch.dimension = n;
        sink = sink + sme::sampledDistancesFigure(s).picks[0];
    });
    row("losses", [](int) { sink = sink + sme::lossCurves(0.2, 1.2, 1.2, 201).distance[3]; });

    std::printf("\nMonte Carlo pairwise distances (Gram matrix + histogram), 2000 points\n");
    for (int n : {8, 128, 1024}) {
        sme::Rng rng(1);
        const Eigen::MatrixXd points = sme::uniformPointsOnSphere(2000, n, rng);
        const double ms = medianMilliseconds(
            [&] { sink = sink + sme::pairwiseDistanceHistogram(points, 200).count(100); }, 7);
        const double pairs = 2000.0 * 1999.0 / 2.0;
        std::printf("n = %-5d %8.2f ms  %8.1f million distances per second\n", n, ms,
                    pairs / (ms * 1e3));
    }
    return 0;
}
