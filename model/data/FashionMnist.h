// Fashion-MNIST as a built-in data set: where Debian's package dataset-fashion-mnist installs it,
// its class names, and its training set loaded from there.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"
#include "model/data/Dataset.h"

#include <array>
#include <string>
#include <string_view>

namespace sme {

// Where dataset-fashion-mnist puts the gzip IDX files.
inline constexpr const char* fashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

// The directory looked in: $SME_FASHION_MNIST_DIR when set and not empty (the files elsewhere,
// or the tests' small stand-in), else fashionMnistDirectory.
std::string fashionMnistLocation();

// The training images and labels files in directory: train-images-idx3-ubyte.gz and
// train-labels-idx1-ubyte.gz, or the same names decompressed. Empty paths when either is missing.
struct IdxFiles {
    std::string images;
    std::string labels;
    bool found() const { return !images.empty() && !labels.empty(); }
};
IdxFiles fashionMnistFiles(const std::string& directory);

// Whether the training files are in fashionMnistLocation().
bool fashionMnistInstalled();

// "Fashion-MNIST is not installed (no ... in DIR): install Debian's package
// dataset-fashion-mnist (apt install dataset-fashion-mnist)": what to tell a user without it.
std::string fashionMnistMissingMessage();

// The names of classes 0 to 9, as Zalando's README gives them.
const std::array<std::string_view, 10>& fashionMnistClassNames();

// The 60,000 training images (28 x 28, values 0 to 255) and their labels from
// fashionMnistLocation(), named "Fashion-MNIST". The test images (t10k) are not used: the
// explorer's split is by class (zero-shot retrieval), not by image. Throws sme::Error with
// fashionMnistMissingMessage() when the files are missing, or naming the damaged file; Cancelled
// when progress asks to stop.
Dataset loadFashionMnist(const Progress& progress = {});

} // namespace sme
