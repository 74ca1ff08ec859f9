// Reading the IDX format of MNIST and Fashion-MNIST: an images file and a labels file, as stored
// or gzip-compressed.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"
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
// float-overflowing values, non-integral labels, data still gzip-compressed (a file compressed
// twice); every size is checked before any allocation. Bytes (0x08, 0x09) parse at memory
// speed: 60,000 images of 28 x 28 in some tens of milliseconds.
// The result is validated (Dataset::validate) and named imagesName.
Dataset parseIdx(std::span<const unsigned char> images, std::span<const unsigned char> labels,
                 const std::string& imagesName, const std::string& labelsName);

// Reads both files (readDataFile: gzip-compressed ones are inflated, whatever their names) and
// parses them; messages name the files by their file names. progress goes from 0 to 1 over
// reading and inflating the images (most of the time), the labels, then parsing; a cancel
// throws sme::Cancelled.
Dataset loadIdx(const std::string& imagesPath, const std::string& labelsPath, const Progress& progress = {});

// The labels file beside an images file, by the MNIST naming: "images-idx3" (or "images.idx3")
// in the file name becomes "labels-idx1" ("labels.idx1"), as in train-images-idx3-ubyte.gz ->
// train-labels-idx1-ubyte.gz; when no such file exists, the same name with ".gz" taken off (or
// put on). Empty when the name does not follow the naming or no such file exists.
std::string idxLabelsPathFor(const std::string& imagesPath);

} // namespace sme
