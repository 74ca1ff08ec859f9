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

// The most memory the process has held so far (its peak resident set), in MB.
double peakMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // kilobytes on Linux
}

class Stopwatch {
public:
    // Seconds since the last call (or since construction).
    double lap()
    {
        const auto now = std::chrono::steady_clock::now();
        const double seconds = std::chrono::duration<double>(now - last_).count();
        last_ = now;
        return seconds;
    }

private:
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

void printStep(const char* step, double seconds)
{
    std::printf("  %-28s %7.3f s   peak RSS %6.0f MB\n", step, seconds, peakMegabytes());
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
    std::printf("  %-28s %7s     peak RSS %6.0f MB\n", "start", "", peakMegabytes());
    Stopwatch clock;
    {
        const sme::Dataset data = sme::loadIdx(images, labels);
        std::printf("  %-28s %7.3f s   peak RSS %6.0f MB   (%lld x %lld)\n", "loadIdx", clock.lap(),
                    peakMegabytes(), static_cast<long long>(data.features.rows()),
                    static_cast<long long>(data.features.cols()));
    }
    std::printf("the same, step by step:\n");
    clock.lap();
    double total = 0.0;
    std::vector<unsigned char> imageBytes = sme::readDataFile(images);
    const std::vector<unsigned char> labelBytes = sme::readDataFile(labels);
    double seconds = clock.lap();
    total += seconds;
    printStep("read + inflate", seconds);
    sme::Dataset data = sme::parseIdx(imageBytes, labelBytes, sme::fileNameOf(images), sme::fileNameOf(labels));
    imageBytes = {};
    seconds = clock.lap();
    total += seconds;
    printStep("parse", seconds);
    std::printf("  %-28s %7.3f s\n", "read + inflate + parse", total);
    sme::DataSplit split = sme::splitByClass(data);
    printStep("splitByClass", clock.lap());
    data = {};
    sme::standardise(split);
    printStep("standardise", clock.lap());
    std::printf("  training %lld rows, held out %lld rows\n", static_cast<long long>(split.training.features.rows()),
                static_cast<long long>(split.heldOut.features.rows()));
    return 0;
}
