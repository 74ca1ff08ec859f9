// Where training data comes from: the synthetic clusters, the embedded digits, or a file.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/data/Dataset.h"
#include "model/figures/ExplorerParameters.h"
#include "model/training/Trainer.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>

struct DataChoice {
    // "synthetic", "digits", "fashion-mnist" (from Debian's dataset-fashion-mnist), or a file path
    QString dataset = QStringLiteral("synthetic");
    double noise = 1.0;                            // synthetic only: the nuisance level
    std::uint64_t dataSeed = 1;                    // synthetic: its seed; any: the label noise's
    double labelNoise = 0.0;                       // share of training labels made wrong
};

// The data the explorer's parameters name (the window's data seed is 1).
DataChoice dataChoiceFor(const sme::ExplorerParameters& parameters);

// The data split by class for zero-shot retrieval: synthetic and digits in halves (digits 0-4
// for training, 5-9 held out); Fashion-MNIST's 60,000 training images likewise (classes 0-4,
// T-shirt/top to Coat, for training; 5-9, Sandal to Ankle boot, held out); a file (.csv, or IDX
// images with the labels file beside them, either perhaps gzip-compressed) in halves of its
// sorted classes; then label noise on the training part (sme::addLabelNoise, seeded by
// dataSeed). Throws sme::Error with a message naming the file (or saying how to install
// Fashion-MNIST), sme::Cancelled when progress asks to stop. progress is called on the calling
// thread: loading a large set belongs off the GUI thread.
sme::DataSplit loadDataSplit(const DataChoice& choice, const sme::Progress& progress = {});

// The names of the files loadDataSplit reads, as a file dialog's patterns: .csv and IDX images
// (MNIST's "...-images-idx3-ubyte" names and ".idx"), each also gzip-compressed (".gz"). Not
// the IDX labels files: they are found beside their images.
QStringList dataFilePatterns();

// The digits as shipped in the resources (UCI optdigits, 8x8, 1797 examples).
sme::Dataset embeddedDigits();

// The model the parameters describe, with a saved state restored into it. Throws sme::Error
// (naming the data file or what does not fit) when the data cannot be loaded or the state
// does not belong to such a model.
std::unique_ptr<sme::Trainer> restoredTrainer(const sme::ExplorerParameters& parameters,
                                              const sme::TrainerState& state);
