// Embeddings a user brings from a model of their own: the Embedding Projector's TSV files, CSV,
// and NumPy .npy (each also gzip-compressed); and the Projector's files written back.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Progress.h"
#include "model/data/Dataset.h"

#include <Eigen/Core>
#include <map>
#include <span>
#include <string>

namespace sme {

struct EmbeddingFileOptions {
    // A labels file: the Projector's metadata TSV (a header row names its columns when it has
    // more than one; with one column there is no header), one label per line. Empty: the labels
    // are the embeddings file's own column (CSV), or a metadata file found beside a .tsv or
    // .npy file (projectorMetadataPath), else an error saying how to give them.
    std::string labelsPath;
    // The column that holds the label, by its header name (metadata TSV or CSV). Empty: the
    // only column of a metadata file (or its column named "label" when it has several), the
    // last column of a CSV. A CSV read with a labelsPath has no label column: all are values.
    std::string labelColumn;
};

// Reads the points (one row each, exactly as stored: not normalised) and their labels into a
// Dataset named by the file name: features = the embeddings, labels = class numbers.
// Formats by content and name: .npy (versions 1.0-3.0; float32/float64, C or Fortran order,
// either byte order; any other dtype refused naming it: NpyFormat.h), .csv (numbers, optional
// header, label column: EmbeddingText.h), .tsv/.txt (the Projector's vectors: tab-separated
// numbers, no header); another name by its first line (a tab: TSV, else a comma: CSV). Any of
// them and the labels file may be gzip-compressed (readDataFile), whatever their names.
// Labels: when every label is an integer ("7", "7.0") the classes are those numbers and
// classNames stays empty; otherwise the distinct label texts are numbered 0, 1, ... in sorted
// (byte) order and classNames maps each number to its text (classesOfLabels).
// Throws sme::Error naming the file and the line, row or field at fault: ragged rows, a field
// that is not a number, NaN or Inf, a labels file of another length ("labels.tsv has 999 labels
// for 1000 points"), one class ("all 1000 points are of one class 'cat': retrieval needs at
// least two"), a zero vector ("row 12 is the zero vector: ..."; a vector of tiny values is not
// zero: normalise it in double), dimension below 2, a damaged .npy header, an empty file, no
// labels file beside a .tsv or .npy (saying where it was looked for and how to give one), an
// unknown label column (listing the columns), more than maxDatasetValues values (refused
// before the points are allocated). progress covers reading and parsing; a cancel throws
// sme::Cancelled. 100,000 x 128 reads in about a second from TSV, a fraction of one from .npy.
Dataset readEmbeddings(const std::string& path, const EmbeddingFileOptions& options = {},
                       const Progress& progress = {});

// The same from bytes already read and inflated (what readEmbeddings does after reading; the
// fuzzer's entry). The format is picked from vectors and vectorsName as above. labels: the
// bytes of the labels file named labelsName (the Projector's metadata TSV); labelsName empty:
// no labels file, the labels are then a CSV's own column (other formats are refused).
// labelColumn as in EmbeddingFileOptions.
Dataset parseEmbeddings(std::span<const unsigned char> vectors, const std::string& vectorsName,
                        std::span<const unsigned char> labels, const std::string& labelsName,
                        const std::string& labelColumn, const Progress& progress = {});

// The Projector's vectors TSV: one row per point, values tab-separated, shortest round-trip
// text of each float (reads back bit for bit).
std::string projectorVectorsTsv(const Eigen::Ref<const Eigen::MatrixXf>& points);
// The Projector's metadata TSV for one column of labels: no header, one label per line, the
// class name when classNames has one (a tab or newline in it written as a space), else the
// number.
std::string projectorMetadataTsv(std::span<const int> labels, const std::map<int, std::string>& classNames);
// Where the metadata of a vectors file lives: "run/emb.tsv" -> "run/emb-metadata.tsv" (also
// for .tsv.gz and .npy: ".gz" and then the extension come off); readEmbeddings looks there (and
// at the same name with ".gz") when no labels file is given.
std::string projectorMetadataPath(const std::string& vectorsPath);

} // namespace sme
