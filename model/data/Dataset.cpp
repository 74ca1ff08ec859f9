// Validation, the zero-shot split by class, standardisation, and file reading for data sets.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/Dataset.h"

#include "model/base/Error.h"
#include "model/base/Finite.h"
#include "model/base/Random.h"
#include "model/data/ReaderMessages.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <numeric>
#include <sstream>

namespace sme {

namespace msg = readermessages;
namespace {

std::vector<int> distinctLabels(const std::vector<int>& labels)
{
    std::vector<int> distinct = labels;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    return distinct;
}

// The rows of data whose label satisfies keep, in their order, as a data set called name, with
// the names of the classes kept.
template <class Keep>
Dataset selectRows(const Dataset& data, Keep keep, const std::string& name)
{
    std::vector<Eigen::Index> rows;
    Dataset part;
    for (std::size_t i = 0; i < data.labels.size(); ++i)
        if (keep(data.labels[i])) {
            rows.push_back(Eigen::Index(i));
            part.labels.push_back(data.labels[i]);
        }
    part.features.resize(Eigen::Index(rows.size()), data.features.cols());
    preferHugePages(part.features.data(), std::size_t(part.features.size()) * sizeof(float));
    // Column by column: each gathers from one column of data, in order (the features are
    // column-major), where a gather of whole rows jumps across all of them.
    for (Eigen::Index column = 0; column < data.features.cols(); ++column)
        part.features.col(column) = data.features.col(column)(rows);
    part.name = name;
    for (const auto& [label, className] : data.classNames)
        if (keep(label))
            part.classNames.emplace(label, className);
    return part;
}

} // namespace

int Dataset::classCount() const
{
    return int(distinctLabels(labels).size());
}

void Dataset::validate() const
{
    const Message prefix = msg::prefixOf(name);
    require(features.rows() > 0, [&] { return Message(msg::noDataRows, {prefix}); });
    require(features.cols() > 0, [&] { return Message(msg::noFeatureColumns, {prefix}); });
    require(features.rows() == Eigen::Index(labels.size()),
            [&] { return Message(msg::rowsButLabels, {prefix, features.rows(), labels.size()}); });
    if (!allFiniteValues(features))
        for (Eigen::Index i = 0; i < features.rows(); ++i)
            for (Eigen::Index j = 0; j < features.cols(); ++j)
                require(std::isfinite(features(i, j)), [&] { return Message(msg::nonFiniteAt, {prefix, i + 1, j + 1}); });
    require(classCount() >= 2, [&] { return Message(msg::onlyOneClass, {prefix, labels.front()}); });
}

DataSplit splitByClass(const Dataset& data, double trainingShare)
{
    data.validate();
    const std::string prefix = messagePrefix(data.name);
    std::ostringstream share;
    share << trainingShare;
    require(trainingShare > 0.0 && trainingShare < 1.0,
            prefix + "the training share must lie strictly between 0 and 1, not " + share.str());
    const std::vector<int> classes = distinctLabels(data.labels);
    const int count = int(classes.size());
    // The 1e-9 absorbs rounding in count * share (10 * 0.7 is 7.000000000000001, not 7).
    const int trainingClasses = std::clamp(int(std::ceil(count * trainingShare - 1e-9)), 0, count);
    require(trainingClasses >= 2 && count - trainingClasses >= 2, [&] {
        return Message(msg::splitNeedsClasses,
                       {msg::prefixOf(data.name), share.str(), count, trainingClasses, count - trainingClasses});
    });
    const int lastTrainingClass = classes[std::size_t(trainingClasses - 1)];
    return {selectRows(data, [&](int label) { return label <= lastTrainingClass; },
                       data.name + " (training)"),
            selectRows(data, [&](int label) { return label > lastTrainingClass; },
                       data.name + " (held out)")};
}

std::vector<std::size_t> addLabelNoise(Dataset& training, double share, std::uint64_t seed)
{
    require(share >= 0.0 && share <= maxLabelNoise, [&] {
        std::ostringstream message;
        message << "the label noise is a share between 0 and " << maxLabelNoise << ", not " << share;
        return message.str();
    });
    const std::vector<int> classes = distinctLabels(training.labels);
    require(classes.size() >= 2, [&] { return Message(msg::noiseNeedsClasses, {msg::prefixOf(training.name)}); });
    const auto changed = std::size_t(std::llround(share * double(training.labels.size())));
    Rng rng = seededStream(seed, 30);
    std::vector<std::size_t> rows(training.labels.size());
    std::iota(rows.begin(), rows.end(), std::size_t{0});
    // A partial Fisher-Yates shuffle: the first `changed` rows are a uniform draw without
    // replacement.
    for (std::size_t i = 0; i < changed; ++i)
        std::swap(rows[i], rows[i + uniformIndex(rows.size() - i, rng)]);
    rows.resize(changed);
    for (std::size_t row : rows) {
        int& label = training.labels[row];
        const auto own = std::size_t(std::lower_bound(classes.begin(), classes.end(), label) - classes.begin());
        // One of the other classes, uniformly: an index among C - 1, skipping the own one.
        const std::size_t other = uniformIndex(classes.size() - 1, rng);
        label = classes[other < own ? other : other + 1];
    }
    return rows;
}

void standardise(DataSplit& split)
{
    const Eigen::MatrixXf& training = split.training.features;
    require(training.rows() > 0, "standardise: the training part has no rows");
    require(split.heldOut.features.cols() == training.cols() || split.heldOut.features.rows() == 0,
            "standardise: the training part has " + std::to_string(training.cols())
                + " features but the held-out part has "
                + std::to_string(split.heldOut.features.cols()));
    // Statistics in double: sums of many floats lose digits in float. Every expression here is
    // lazy, cast included: the reductions and the scaling read the float features element by
    // element and make no double copy of a part (measured: standardising two 3,000 x 784 parts
    // allocates nothing beyond their own 19 MB), so Fashion-MNIST's 30,000 x 784 parts stay
    // 94 MB each. Keep it so: evaluating a cast into a matrix would double that per part.
    Eigen::RowVectorXd mean = training.cast<double>().colwise().mean();
    const Eigen::RowVectorXd sd =
        ((training.cast<double>().rowwise() - mean).array().square().colwise().mean()).sqrt();
    // A feature constant over training (min == max, exactly, so no rounding can fake a spread)
    // is only centred, on its value itself (the computed mean may differ from it by rounding):
    // scale 1 rather than a division by zero or by rounding noise.
    const Eigen::RowVectorXf low = training.colwise().minCoeff();
    const Eigen::RowVectorXf high = training.colwise().maxCoeff();
    Eigen::RowVectorXd scale = sd;
    for (Eigen::Index j = 0; j < scale.size(); ++j)
        if (low(j) == high(j)) {
            mean(j) = low(j);
            scale(j) = 1.0;
        }
    for (Dataset* part : {&split.training, &split.heldOut})
        if (part->features.rows() > 0)
            part->features = ((part->features.cast<double>().rowwise() - mean).array().rowwise()
                              / scale.array())
                                 .cast<float>()
                                 .matrix();
}

std::vector<unsigned char> readFileBytes(const std::string& path)
{
    errno = 0;
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                               &std::fclose);
    if (!file) {
        const int error = errno;
        throw Error(Message(readermessages::cannotOpen, {path, std::strerror(error)}));
    }
    std::vector<unsigned char> bytes;
    // One allocation for a regular file of a size within the limit (no copies while it grows).
    std::error_code error;
    const auto size = std::filesystem::file_size(path, error);
    if (!error && size <= std::uintmax_t(maxFileBytes)) {
        bytes.reserve(std::size_t(size));
        preferHugePages(bytes.data(), bytes.capacity());
    }
    std::vector<unsigned char> chunk(1 << 20);
    while (true) {
        const std::size_t got = std::fread(chunk.data(), 1, chunk.size(), file.get());
        if (got < chunk.size() && std::ferror(file.get())) {
            const int error = errno;
            throw Error(Message(readermessages::cannotRead, {path, std::strerror(error)}));
        }
        require(bytes.size() + got <= std::size_t(maxFileBytes),
                [&] { return Message(readermessages::fileTooLarge, {path}); });
        bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + std::ptrdiff_t(got));
        if (got < chunk.size())
            return bytes;
    }
}

Progress progressPart(const Progress& whole, double from, double to)
{
    if (!whole)
        return {};
    return [whole, from, to](double done) { return whole(from + (to - from) * done); };
}

std::string fileNameOf(const std::string& path)
{
    return std::filesystem::path(path).filename().string();
}

std::string messagePrefix(const std::string& name)
{
    return (name.empty() ? std::string("data set") : name) + ": ";
}

} // namespace sme
