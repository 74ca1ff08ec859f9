// The margin loss over a batch of pairs, with its learnable boundary beta.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <vector>

namespace sme {

// PAPER.md §4: beta(i) = beta0 + beta_class(c(i)) + beta_img(i). An empty vector means that
// part is not learned (it counts as 0).
struct MarginBoundary {
    double beta0 = 1.2;
    std::vector<double> perClass;
    std::vector<double> perImage;

    // beta for an anchor of class classId and image index imageId. Throws sme::Error when a
    // learned part has no entry for the index.
    double at(int classId, int imageId) const;
};

// The pairs of a batch as the margin loss sees them; all vectors of the same length.
struct MarginPairs {
    std::vector<int> anchorClass;  // c(i) of the pair's anchor
    std::vector<int> anchorImage;  // i, the anchor's index (for beta_img)
    std::vector<double> distance;  // D_ij
    std::vector<char> positive;    // 1 for a positive pair, 0 for a negative
};

struct MarginLossResult {
    double loss = 0.0;
    int activePairs = 0;            // pairs with non-zero loss
    std::vector<double> dDistance;  // d loss / d D_ij, per pair
    double dBeta0 = 0.0;            // d loss / d beta0
    std::vector<double> dPerClass;  // same size as boundary.perClass
    std::vector<double> dPerImage;  // same size as boundary.perImage
};

// loss = (sum_pairs [alpha + y'(D - beta(i))]_+ + nu * sum_pairs beta(i)) / activePairs,
// the reference's normalisation by the number of pairs with non-zero loss (held constant
// for the derivatives, it is piecewise constant); loss and derivatives are 0 when no pair is
// active. Throws sme::Error for mismatched sizes or non-finite alpha, nu or distances.
MarginLossResult marginBatchLoss(const MarginPairs& pairs, const MarginBoundary& boundary,
                                 double alpha, double nu);

} // namespace sme
