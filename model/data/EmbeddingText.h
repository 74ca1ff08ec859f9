// Embeddings in text: the Embedding Projector's vectors TSV and metadata TSV, CSV with a label
// column, and the numbering of label text as classes.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"

#include <Eigen/Core>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sme {

// The lines of a text file, as views into it: a UTF-8 byte order mark skipped, a '\r' before each
// '\n' taken off, blank lines at the end dropped (one or more: editors add them). Throws
// sme::Error starting with name + ": " when the text is still gzip-compressed (compressed twice).
std::vector<std::string_view> textLines(std::string_view text, const std::string& name);

enum class EmbeddingTextFormat {
    projectorTsv, // tab-separated numbers, one point per line, no header, no labels
    csv,          // comma-separated numbers; perhaps a header row and a label column
};

struct EmbeddingTable {
    Eigen::MatrixXf points;              // one point per row, as stored
    std::vector<std::string_view> labels; // the label column's text per point (views into the text); empty without one
    int firstLine = 1;                   // the line of the first point: 2 after a header row
};

// Reads the points of a vectors file. With ownLabels (CSV only) one column holds the labels:
// labelColumn by its header name, or the last column when labelColumn is empty; without, every
// column is a value. A CSV's first line is a header when a value column of it is not a number,
// or when its label is not a number but the next line's is ("0,1,label" over integer labels);
// a header is required when labelColumn names a column. Fields are trimmed; a label or header
// name in double quotes loses them (R's write.csv quotes them); quotes do not protect commas.
// Blank lines inside the data are refused (a point per line keeps the metadata's lines aligned).
//
// Throws sme::Error starting with name + ": " naming line and value (TSV) or column (CSV), both
// from 1: an empty file, no data rows, an empty line, a field that is not a number, NaN,
// infinite, too large for a float, an empty label, a row of another length ("emb.tsv: line 7
// has 127 values, line 1 has 128"), an unknown label column (listing the columns), more than
// maxDatasetValues values (refused before allocation). progress: share of lines parsed.
EmbeddingTable parseEmbeddingText(std::string_view text, EmbeddingTextFormat format, bool ownLabels,
                                  const std::string& labelColumn, const std::string& name,
                                  const Progress& progress = {});

// The labels of the Projector's metadata TSV, one per point. With one column (no tab on the first
// line) there is no header and every line is a label; with several the first line names them and
// the label is in labelColumn, or in a column named "label" (any case) when labelColumn is empty.
// Throws sme::Error starting with name + ": " for an empty file, an empty label (naming its
// line), a line with another number of fields than the header, and a label column that is not
// there or not named (listing the columns, and how to name one).
std::vector<std::string_view> parseProjectorMetadata(std::string_view text, const std::string& labelColumn,
                                                     const std::string& name);

// Label text as class numbers. When every label is an integer (written "7", "-2", "+3", or
// "7.0" and "7.000000e+00" as numpy.savetxt writes them) the classes are those numbers and
// classNames stays empty, as for the data sets. Otherwise the distinct texts are numbered 0, 1, ...
// in their sorted (byte) order and classNames maps each number to its text.
struct LabelClasses {
    std::vector<int> labels;
    std::map<int, std::string> classNames;
};
LabelClasses classesOfLabels(std::span<const std::string_view> texts);

} // namespace sme
