// Reading data files that may be gzip-compressed: the bytes as stored, or inflated with zlib.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"
#include "model/data/Dataset.h"

#include <span>
#include <string>
#include <vector>

namespace sme {

// Whether bytes start with the gzip magic number, 0x1f 0x8b.
bool isGzip(std::span<const unsigned char> bytes);

// The bytes a gzip stream holds, inflated with zlib: one member or several in a row (as
// `gzip -c a b > ab.gz` writes them), each with its checksum verified. Output beyond maxBytes
// is refused before it is held (a small file that inflates to gigabytes takes no more than
// maxBytes). progress gets the share of the compressed input consumed.
//
// Throws sme::Error, the message starting with name: damaged data (zlib's own words), a stream
// that ends early ("truncated gzip file"), bytes after the last member that are not gzip, more
// than maxBytes once inflated. Throws sme::Cancelled when progress asks to stop.
std::vector<unsigned char> inflateGzip(std::span<const unsigned char> compressed, const std::string& name,
                                       const Progress& progress = {}, long long maxBytes = maxFileBytes);

// A data file's bytes: inflated when they start with the gzip magic, whatever the file's name,
// else as stored. Messages about the file itself (it cannot be opened or read, it is too large)
// name the path, as readFileBytes does; messages about its compressed content name the file
// (fileNameOf), as the parsers do. progress gets the share of the file consumed.
std::vector<unsigned char> readDataFile(const std::string& path, const Progress& progress = {},
                                        long long maxBytes = maxFileBytes);

} // namespace sme
