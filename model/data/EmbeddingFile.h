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
    // only column of a metadata file, the last column of a CSV.
    std::string labelColumn;
};

// Reads the points (one row each, exactly as stored: not normalised) and their labels into a
// Dataset: features = the embeddings, labels = class numbers, classNames = the label text when
// labels are not all integers (integers stay their own numbers, as for the data sets).
// Formats by content and name: .npy (float32/float64, C or Fortran order, either byte order;
// any other dtype refused naming it), .csv (numbers, optional header, label column), .tsv/.txt
// (the Projector's vectors: tab-separated numbers, no header). Any of them may be gzip.
// Throws sme::Error naming the file and the line, row or field at fault: ragged rows, NaN or
// Inf, a labels file of another length, fewer than two classes, a zero vector, dimension 1,
// a damaged .npy header, an empty file. progress covers reading and parsing; Cancelled.
Dataset readEmbeddings(const std::string& path, const EmbeddingFileOptions& options = {},
                       const Progress& progress = {});

// The Projector's vectors TSV: one row per point, values tab-separated, shortest round-trip
// text of each float (reads back bit for bit).
std::string projectorVectorsTsv(const Eigen::Ref<const Eigen::MatrixXf>& points);
// The Projector's metadata TSV for one column of labels: no header, one label per line, the
// class name when classNames has one, else the number.
std::string projectorMetadataTsv(std::span<const int> labels, const std::map<int, std::string>& classNames);
// Where the metadata of a vectors file lives: "run/emb.tsv" -> "run/emb-metadata.tsv" (also
// for .tsv.gz and .npy); readEmbeddings looks there when no labels file is given.
std::string projectorMetadataPath(const std::string& vectorsPath);

} // namespace sme
