// Reading the IDX format of MNIST and Fashion-MNIST: an images file and a labels file.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/data/Dataset.h"

#include <span>
#include <string>

namespace sme {

// An IDX file is big-endian: the bytes 0x00 0x00, an element type, the number of dimensions
// ndims, ndims sizes of 4 bytes, then the elements in row-major order. Element types: 0x08
// unsigned byte, 0x09 signed byte, 0x0B 16-bit, 0x0C 32-bit integer, 0x0D float, 0x0E double.
// Images need ndims >= 2 (N x rest, each image flattened row-major to prod(rest) features);
// labels need ndims == 1, one integral label per image.
//
// Throws sme::Error, the message starting with the file's name, for any malformed input: wrong
// magic, unknown type, wrong ndims, a size of 0, more than maxDatasetValues values, data shorter or
// longer than the header declares, label and image counts that differ, non-finite or
// float-overflowing values, non-integral labels; every size is checked before any allocation.
// The result is validated (Dataset::validate) and named imagesName.
Dataset parseIdx(std::span<const unsigned char> images, std::span<const unsigned char> labels,
                 const std::string& imagesName, const std::string& labelsName);

// Reads both files and parses them; messages name the files by their file names. Refuses paths
// ending in ".gz": compressed IDX files are not supported, decompress them first.
Dataset loadIdx(const std::string& imagesPath, const std::string& labelsPath);

// The labels file beside an images file, by the MNIST naming: "images-idx3" (or "images.idx3")
// in the file name becomes "labels-idx1" ("labels.idx1"), as in train-images-idx3-ubyte ->
// train-labels-idx1-ubyte. Empty when the name does not follow it or no such file exists.
// Throws sme::Error for a name ending in ".gz" (not supported).
std::string idxLabelsPathFor(const std::string& imagesPath);

} // namespace sme
