// Synthetic nuisance clusters: classes that a model must learn to see through shared nuisance.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/data/Dataset.h"

#include <cstdint>

namespace sme {

struct SyntheticSettings {
    int classes = 100;        // C; half for training, half held out (split by the caller)
    int perClass = 40;        // examples of each class
    int features = 64;        // D, the dimension of the raw space
    int latentDimension = 8;  // where the class identity lives
    int nuisanceDimension = 16; // directions of variation shared by all classes
    double noise = 1.0;       // scales the nuisance: 0 leaves a clean raw space
    double withinClass = 0.3; // spread of a class around its centre in the latent space
    std::uint64_t seed = 1;

    // Throws sme::Error naming the first setting that is out of range.
    void validate() const;
};

// Each class is a point c ~ N(0, I_L) of a small latent space; an example of it is
// z = c + withinClass * N(0, I_L), mapped non-linearly into R^D by a fixed random two-layer map
// (tanh), plus noise * (u B) with u ~ N(0, I_m) and B a fixed random m x D matrix: nuisance in
// directions shared by every class, large enough at noise 1 that raw nearest neighbours are
// mostly of another class. The map and B depend only on the seed, so training and held-out
// classes share them: what a model learns to ignore carries over to unseen classes.
Dataset syntheticNuisanceClusters(const SyntheticSettings& settings);

} // namespace sme
