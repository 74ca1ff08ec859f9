// A labelled data set (features and classes), its zero-shot split by class, and standardisation.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/HugePages.h"
#include "model/base/Progress.h"

#include <Eigen/Core>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace sme {

struct Dataset {
    Eigen::MatrixXf features; // one example per row
    std::vector<int> labels;  // class of each row (any ints; not necessarily 0..C-1)
    std::string name;         // e.g. the file name, for messages and the UI
    // What a label stands for ("Sandal"), for the data sets that say; empty for those that do
    // not (the UI then says "class 5"). Data, not UI text: not translated.
    std::map<int, std::string> classNames;

    // The number of distinct labels.
    int classCount() const;
    // Throws sme::Error, its message starting with name + ": ", when there are no rows or no
    // feature columns, rows != labels, a feature is NaN or infinite, or fewer than 2 classes.
    void validate() const;
};

struct DataSplit {
    Dataset training;
    Dataset heldOut;
};

// Zero-shot split by class, as in the paper: the distinct labels sorted ascending, the first
// ceil(C * trainingShare) classes to training, the rest held out. Row order is kept inside each
// part. The parts together hold one copy of the features besides data's own. Throws sme::Error when data is invalid, trainingShare is not in (0, 1), or a part would
// get fewer than two classes. The parts are named name + " (training)" / " (held out)"; each
// keeps the class names of its own classes.
DataSplit splitByClass(const Dataset& data, double trainingShare = 0.5);

// Label noise: the labels of round(share * rows) training rows, drawn without replacement,
// replaced each by a uniformly drawn other class of the training part (so the class count is
// unchanged and every changed label is wrong). Held-out labels are never touched: retrieval is
// still scored against the truth. The draws come from stream 30 of seed (the data's seed), so
// every model trained on the same data sees the same wrong labels. Returns the rows changed.
// Throws sme::Error when share is not in [0, maxLabelNoise] or the training part has fewer
// than two classes.
inline constexpr double maxLabelNoise = 0.9;
std::vector<std::size_t> addLabelNoise(Dataset& training, double share, std::uint64_t seed);

// Standardises every feature with the mean and (population) standard deviation of the TRAINING
// part only, applied to both parts, so nothing about the held-out classes leaks into training.
// A feature constant over the training part is only centred. Throws sme::Error when the training
// part has no rows or the parts have different feature counts.
void standardise(DataSplit& split);

// Helpers shared by the file loaders.
// The most values (rows x features) a loader accepts: beyond it a file is refused before any
// allocation (2^31 - 1 floats are already 8 GiB).
inline constexpr long long maxDatasetValues = (1LL << 31) - 1;
// The whole file as bytes, as stored (readDataFile in Gzip.h inflates compressed ones); throws
// sme::Error naming the path and why (strerror) when it cannot be opened or read, or when it is
// larger than maxFileBytes.
inline constexpr long long maxFileBytes = 1LL << 31; // 2 GiB
std::vector<unsigned char> readFileBytes(const std::string& path);
// The part from..to of whole's progress: a step's own 0..1 reported as from..to of the whole
// (reading, inflating and parsing a file are each a part of loading it). Empty when whole is.
Progress progressPart(const Progress& whole, double from, double to);
// The last component of a path ("data/digits.csv" -> "digits.csv"), for messages and names.
std::string fileNameOf(const std::string& path);
// "name: ", or "data set: " when name is empty: the start of every message about a data set.
std::string messagePrefix(const std::string& name);

} // namespace sme
