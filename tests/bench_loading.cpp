// Benchmark: loading Fashion-MNIST's training set (60,000 gzip IDX images of 28 x 28): reading and
// inflating, parsing, the split by class and standardisation, with their times and peak memory.
// Prints figures; asserts nothing about time. Skips when the data is not installed.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/Dataset.h"
#include "model/data/Gzip.h"
#include "model/data/IdxFormat.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/resource.h>

namespace {

rusage usageNow()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage;
}

// The most memory the process has held so far (its peak resident set), in MB.
double peakMegabytes()
{
    return double(usageNow().ru_maxrss) / 1024.0; // kilobytes on Linux
}

double cpuSeconds()
{
    const rusage usage = usageNow();
    const auto seconds = [](const timeval& time) { return double(time.tv_sec) + 1e-6 * double(time.tv_usec); };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Wall and processor time since the last lap: on a loaded machine the wall time includes waiting
// for a core, the processor time (user and system, page faults included) does not.
class Stopwatch {
public:
    struct Lap {
        double wall;
        double cpu;
    };
    Lap lap()
    {
        const auto now = std::chrono::steady_clock::now();
        const double cpu = cpuSeconds();
        const Lap result{std::chrono::duration<double>(now - wall_).count(), cpu - cpu_};
        wall_ = now;
        cpu_ = cpu;
        return result;
    }

private:
    std::chrono::steady_clock::time_point wall_ = std::chrono::steady_clock::now();
    double cpu_ = cpuSeconds();
};

void printStep(const char* step, Stopwatch::Lap lap)
{
    std::printf("  %-24s %7.3f s wall %7.3f s cpu   peak RSS %6.0f MB\n", step, lap.wall, lap.cpu, peakMegabytes());
}

} // namespace

// The images file to load: the first argument, else Debian's dataset-fashion-mnist.
int main(int argc, char** argv)
{
    const std::string images
        = argc > 1 ? argv[1] : "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz";
    const std::string labels = sme::idxLabelsPathFor(images);
    if (!std::filesystem::is_regular_file(images) || labels.empty()) {
        std::printf("bench_loading: skipped, %s (and its labels) not found; install the Debian "
                    "package dataset-fashion-mnist, or name an IDX images file\n",
                    images.c_str());
        return 0;
    }
    std::printf("bench_loading: %s\n", images.c_str());
    std::printf("  %-24s %36s %6.0f MB\n", "start", "peak RSS", peakMegabytes());
    Stopwatch clock;
    {
        const sme::Dataset data = sme::loadIdx(images, labels);
        printStep("loadIdx", clock.lap());
        std::printf("  (%lld x %lld)\nthe same, step by step:\n", static_cast<long long>(data.features.rows()),
                    static_cast<long long>(data.features.cols()));
    }
    clock.lap();
    std::vector<unsigned char> imageBytes = sme::readDataFile(images);
    const std::vector<unsigned char> labelBytes = sme::readDataFile(labels);
    printStep("read + inflate", clock.lap());
    sme::Dataset data = sme::parseIdx(imageBytes, labelBytes, sme::fileNameOf(images), sme::fileNameOf(labels));
    imageBytes = {};
    printStep("parse", clock.lap());
    sme::DataSplit split = sme::splitByClass(data);
    printStep("splitByClass", clock.lap());
    data = {};
    sme::standardise(split);
    printStep("standardise", clock.lap());
    std::printf("  training %lld rows, held out %lld rows\n", static_cast<long long>(split.training.features.rows()),
                static_cast<long long>(split.heldOut.features.rows()));
    return 0;
}
