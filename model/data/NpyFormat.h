// Reading NumPy's .npy format (versions 1.0, 2.0 and 3.0): a 2-D array of float32 or float64,
// in C or Fortran order, either byte order; every other dtype and shape refused by name.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"

#include <Eigen/Core>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace sme {

// Whether bytes start with the .npy magic string, "\x93NUMPY".
bool isNpy(std::span<const unsigned char> bytes);

// What a .npy header says. The header is a Python dict literal such as
// {'descr': '<f4', 'fortran_order': False, 'shape': (1000, 128), } padded with spaces to a
// newline; it must hold exactly these three keys.
struct NpyHeader {
    int majorVersion = 0;
    int minorVersion = 0;
    bool bigEndian = false;       // '>' in descr ('<' little, '=' this machine's order)
    int itemBytes = 0;            // 4 (float32) or 8 (float64)
    bool fortranOrder = false;    // column-major when true
    std::vector<long long> shape; // always 2-D once parsed: (points, dimensions)
    std::size_t dataOffset = 0;   // where the values start in the file
};

// Parses and checks the header: the magic, a version of 1.0, 2.0 or 3.0, a header length within
// the file, a dict of the three keys (strings in single or double quotes, True/False, a tuple of
// integers; a trailing comma allowed; anything else refused), descr one of '<f4' '>f4' '=f4'
// '<f8' '>f8' '=f8', a 2-D shape, at most maxDatasetValues values, and a data size that matches
// the shape exactly. Throws sme::Error starting with name + ": ", naming what is wrong: e.g.
// "emb.npy: dtype '<i8' (64-bit integers): only float32 and float64 are read".
NpyHeader parseNpyHeader(std::span<const unsigned char> bytes, const std::string& name);

// The array as floats, points in rows (float64 rounded to float). Throws sme::Error for all
// parseNpyHeader refuses, and for a value that is NaN, infinite or (float64) beyond the float
// range, naming its row and value: "emb.npy: row 3, value 5 is NaN". progress gets the share of
// the values converted; a cancel throws sme::Cancelled.
Eigen::MatrixXf parseNpy(std::span<const unsigned char> bytes, const std::string& name, const Progress& progress = {});

} // namespace sme
