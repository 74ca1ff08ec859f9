// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/render/EmbeddingFigures.h"

#include "model/figures/FigureData.h"
#include "model/geometry/SphereGeometry.h"
#include "widgets/EmbeddingDistancesView.h"
#include "widgets/NormsView.h"
#include "widgets/SampledDistancesView.h"
#include "widgets/SamplerLabel.h"

#include <QObject>
#include <QStringList>

namespace {

// q(d) and its Gaussian limit at the bin centres of the analysis's pair histograms; empty for
// a dimension SphereDistanceLaw does not take.
sme::DensityFigure sphereLawFor(const sme::EmbeddingAnalysis& analysis)
{
    const auto n = int(analysis.dimension);
    if (analysis.dimension > std::size_t(sme::SphereDistanceLaw::maxDimension) || n < sme::SphereDistanceLaw::minDimension)
        return {};
    sme::DensitySettings settings;
    settings.dimension = n;
    settings.samples = 0;
    settings.bins = analysis.allPairs.bins();
    return sme::densityFigure(settings);
}

// The samplers' picks as the sampled-distances view takes them: a sampler without picks has
// no column.
sme::SampledDistancesFigure sampledDistances(const sme::EmbeddingAnalysis& analysis)
{
    sme::SampledDistancesFigure figure;
    for (sme::SamplerKind kind : sme::allSamplerKinds) {
        const sme::SamplerPicks& picks = analysis.samplers[std::size_t(kind)];
        figure.picks[std::size_t(kind)] = picks.picks;
        if (picks.picks > 0 && !picks.density.empty())
            figure.density[std::size_t(kind)] = picks.density;
        if (figure.distance.empty() && !picks.density.empty()) {
            const sme::Histogram bins(0.0, 2.0, int(picks.density.size()));
            for (int bin = 0; bin < bins.bins(); ++bin)
                figure.distance.push_back(bins.binCentre(bin));
        }
    }
    return figure;
}

// Where the picks come from and each sampler's share of picks with non-zero margin loss.
QString samplerSource(const sme::EmbeddingAnalysis& analysis, const sme::EmbeddingAnalysisSettings& settings)
{
    QStringList shares;
    for (sme::SamplerKind kind : sme::allSamplerKinds)
        shares << QObject::tr("%1 %2%")
                      .arg(samplerLabel(kind))
                      .arg(100.0 * analysis.samplers[std::size_t(kind)].nonZeroLossShare, 0, 'f', 1);
    // P as drawn: with fewer classes of K points than P asks, every batch holds all of them.
    const int drawn = analysis.samplers[0].batchClasses;
    const QString shape = drawn > 0 && drawn < settings.batchClasses
        ? QObject::tr("%1 \u00D7 %2 (P = %3 asked for, but only %1 classes have K = %2 points or more)")
              .arg(drawn)
              .arg(settings.batchK)
              .arg(settings.batchClasses)
        : QObject::tr("%1 \u00D7 %2").arg(settings.batchClasses).arg(settings.batchK);
    return QObject::tr("%L1 batches of %2 of the embeddings, n = %3; non-zero margin loss at "
                       "\u03B1 = %4, \u03B2 = %5: %6")
        .arg(settings.batches)
        .arg(shape)
        .arg(analysis.dimension)
        .arg(settings.alpha)
        .arg(settings.beta)
        .arg(shares.join(QObject::tr(", ")));
}

} // namespace

QString embeddingFigureName(EmbeddingFigure figure)
{
    switch (figure) {
    case EmbeddingFigure::PairDistances: return QStringLiteral("pair-distances");
    case EmbeddingFigure::PairDistancesByClass: return QStringLiteral("pair-distances-by-class");
    case EmbeddingFigure::Norms: return QStringLiteral("norms");
    case EmbeddingFigure::SampledDistances: return QStringLiteral("sampled-distances");
    }
    return {};
}

std::unique_ptr<QWidget> embeddingFigureView(EmbeddingFigure figure, const sme::EmbeddingAnalysis& analysis,
                                             const sme::EmbeddingAnalysisSettings& settings)
{
    switch (figure) {
    case EmbeddingFigure::PairDistances:
    case EmbeddingFigure::PairDistancesByClass: {
        auto view = std::make_unique<EmbeddingDistancesView>();
        view->setAnalysis(analysis, sphereLawFor(analysis));
        view->setSplitByClass(figure == EmbeddingFigure::PairDistancesByClass);
        return view;
    }
    case EmbeddingFigure::Norms: {
        auto view = std::make_unique<NormsView>();
        view->setNorms(analysis.norms, analysis.meanNorm, analysis.alreadyNormalised);
        return view;
    }
    case EmbeddingFigure::SampledDistances: break;
    }
    auto view = std::make_unique<SampledDistancesView>();
    view->setFigure(sampledDistances(analysis), samplerSource(analysis, settings));
    view->setMarkers(settings.cutoff, settings.nonzeroLossCutoff);
    return view;
}

sme::Table embeddingFigureTable(EmbeddingFigure figure, const sme::EmbeddingAnalysis& analysis)
{
    switch (figure) {
    case EmbeddingFigure::Norms: return sme::normTable(analysis);
    case EmbeddingFigure::SampledDistances: return sme::samplerPicksTable(analysis);
    default: return sme::pairDistanceTable(analysis);
    }
}
