// An embedding analysis built by hand, for tests of its views that must not depend on the
// analysis itself: points spread like uniform ones, same-class pairs closer, norms around 3.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/analysis/EmbeddingAnalysis.h"

#include <cmath>

namespace testing {

// A Gaussian bump of `count` values around centre with spread width, into histogram.
inline void addBump(sme::Histogram& histogram, double centre, double width, double count)
{
    for (int bin = 0; bin < histogram.bins(); ++bin) {
        const double x = histogram.binCentre(bin);
        histogram.add(x, count * std::exp(-0.5 * std::pow((x - centre) / width, 2.0)));
    }
}

inline sme::EmbeddingAnalysis handMadeEmbeddingAnalysis()
{
    sme::EmbeddingAnalysis a;
    a.points = 5000;
    a.dimension = 64;
    a.classes = 5;
    a.norms = sme::Histogram(0.0, 6.0, 60);
    addBump(a.norms, 3.0, 0.6, 5000.0);
    a.meanNorm = 3.0;
    a.alreadyNormalised = false;
    a.allPairs = a.samePairs = a.differentPairs = sme::Histogram(0.0, 2.0, 100);
    addBump(a.samePairs, 0.7, 0.15, 2'500'000.0);
    addBump(a.differentPairs, 1.3, 0.12, 10'000'000.0);
    addBump(a.allPairs, 0.7, 0.15, 2'500'000.0);
    addBump(a.allPairs, 1.3, 0.12, 10'000'000.0);
    a.pairsSampled = 2'000'000;
    a.meanDistance = 1.18;
    a.positiveMeanDistance = 0.7;
    a.negativeMeanDistance = 1.3;
    a.tvToSphereLaw = 0.61;
    a.tvSameToSphereLaw = 0.93;
    a.tvDifferentToSphereLaw = 0.55;
    a.recall = {0.8, 0.88, 0.93, 0.96};
    a.nmi = 0.7;
    a.mapAtR = 0.5;
    const double centres[] = {1.3, 0.6, 0.9, 1.15};
    const double shares[] = {0.125, 1.0, 0.75, 0.4};
    for (sme::SamplerKind kind : sme::allSamplerKinds) {
        sme::Histogram picks(0.0, 2.0, 100);
        addBump(picks, centres[std::size_t(kind)], 0.12, 1000.0);
        sme::SamplerPicks& s = a.samplers[std::size_t(kind)];
        s.sampler = kind;
        s.density = picks.density();
        s.picks = 12'000;
        s.nonZeroLossShare = shares[std::size_t(kind)];
    }
    return a;
}

} // namespace testing
