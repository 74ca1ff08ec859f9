// Reading a labelled data set from CSV: numeric features, then an integer label in the last column.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"
#include "model/data/Dataset.h"

#include <string>
#include <string_view>

namespace sme {

// One example per line, cells separated by commas (spaces and tabs around a cell are ignored);
// every cell but the last is a feature (a finite number that fits a float), the last the class
// (an integer in the int range; "3.0" counts as 3). The first non-blank line is a header, and
// skipped, when one of its cells is not a number; it must have as many columns as the data.
// Blank lines are ignored, CRLF line ends and a UTF-8 byte order mark accepted.
//
// Throws sme::Error, the message starting with sourceName, naming line and column (both counted
// from 1) of the first problem: an empty file, no data rows, a cell that is not a number, a
// non-finite or float-overflowing value, a label that is not an integer or outside the int
// range, rows of different lengths, fewer than 2 columns, text still gzip-compressed (a file
// compressed twice). The result is validated (Dataset::validate, so at least two classes) and
// named sourceName. progress gets the share of the text parsed; a cancel throws sme::Cancelled.
Dataset parseCsvDataset(std::string_view text, const std::string& sourceName, const Progress& progress = {});

// Reads the file (readDataFile: inflated when gzip-compressed, as a .csv.gz is) and parses it;
// the data set and messages are named by the file name. progress goes from 0 to 1 over reading
// and inflating, then parsing.
Dataset loadCsvDataset(const std::string& path, const Progress& progress = {});

} // namespace sme
