// Benchmark: loading Fashion-MNIST's training set (60,000 gzip IDX images of 28 x 28): reading and
// inflating, parsing, the split by class and standardisation, with their times and peak memory;
// then a user's embeddings, 100,000 x 128, from the Projector's TSV and from a float32 .npy, each
// read in a process of its own so its peak memory is its own.
// Prints figures; asserts nothing about time. Skips Fashion-MNIST when the data is not installed.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/Dataset.h"
#include "model/data/EmbeddingFile.h"
#include "model/data/Gzip.h"
#include "model/data/IdxFormat.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
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

void writeFile(const std::filesystem::path& path, const std::string& content)
{
    std::ofstream(path, std::ios::binary).write(content.data(), std::streamsize(content.size()));
}

// 100,000 points x 128 (Gaussian, as an unnormalised model writes them) in 100 classes, as the
// Projector's TSV with its metadata and as a float32 .npy (C order) sharing it; then each read
// by a child process (this program with --read-embeddings FILE).
void benchEmbeddings(const char* program)
{
    constexpr Eigen::Index points = 100000;
    constexpr Eigen::Index dimensions = 128;
    const std::filesystem::path folder = std::filesystem::temp_directory_path() / "sme-bench-embeddings";
    std::filesystem::create_directories(folder);
    {
        std::mt19937 random(16);
        std::normal_distribution<float> gaussian;
        Eigen::MatrixXf values(points, dimensions);
        for (Eigen::Index k = 0; k < values.size(); ++k)
            values.data()[k] = gaussian(random);
        std::vector<int> labels(static_cast<std::size_t>(points));
        for (std::size_t i = 0; i < labels.size(); ++i)
            labels[i] = int(i % 100);
        writeFile(folder / "emb.tsv", sme::projectorVectorsTsv(values));
        writeFile(folder / "emb-metadata.tsv", sme::projectorMetadataTsv(labels, {}));
        std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 128), }";
        header.append(64 - (10 + header.size() + 1) % 64, ' ').push_back('\n');
        std::string npy = std::string("\x93NUMPY\x01\x00", 8) + char(header.size() & 0xFF) + char(header.size() >> 8) + header;
        const Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> rowMajor = values;
        npy.append(reinterpret_cast<const char*>(rowMajor.data()), std::size_t(rowMajor.size()) * sizeof(float));
        writeFile(folder / "emb.npy", npy);
    }
    std::printf("embeddings, %lld x %lld (files in %s):\n", static_cast<long long>(points),
                static_cast<long long>(dimensions), folder.c_str());
    for (const char* file : {"emb.tsv", "emb.npy"}) {
        const std::filesystem::path path = folder / file;
        std::printf("  %s, %.0f MB:\n", file, double(std::filesystem::file_size(path)) / 1e6);
        std::fflush(stdout);
        const std::string command = std::string("'") + program + "' --read-embeddings '" + path.string() + "'";
        if (std::system(command.c_str()) != 0)
            std::printf("  (failed)\n");
    }
    std::filesystem::remove_all(folder);
}

int readEmbeddingsOnly(const std::string& path)
{
    std::printf("  %-24s %36s %6.0f MB\n", "start", "peak RSS", peakMegabytes());
    Stopwatch clock;
    try {
        const sme::Dataset data = sme::readEmbeddings(path);
        printStep("readEmbeddings", clock.lap());
        std::printf("  (%lld x %lld, %d classes)\n", static_cast<long long>(data.features.rows()),
                    static_cast<long long>(data.features.cols()), data.classCount());
    } catch (const std::exception& error) {
        std::printf("  %s\n", error.what());
        return 1;
    }
    return 0;
}

void benchFashionMnist(const std::string& images);

} // namespace

// The images file to load: the first argument, else Debian's dataset-fashion-mnist. Then the
// embeddings; "--embeddings" runs only them.
int main(int argc, char** argv)
{
    if (argc > 2 && std::strcmp(argv[1], "--read-embeddings") == 0)
        return readEmbeddingsOnly(argv[2]);
    const bool embeddingsOnly = argc > 1 && std::strcmp(argv[1], "--embeddings") == 0;
    if (!embeddingsOnly)
        benchFashionMnist(argc > 1 ? argv[1] : "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
    benchEmbeddings(argv[0]);
    return 0;
}

namespace {

void benchFashionMnist(const std::string& images)
{
    const std::string labels = sme::idxLabelsPathFor(images);
    if (!std::filesystem::is_regular_file(images) || labels.empty()) {
        std::printf("bench_loading: skipped, %s (and its labels) not found; install the Debian "
                    "package dataset-fashion-mnist, or name an IDX images file\n",
                    images.c_str());
        return;
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
}

} // namespace
