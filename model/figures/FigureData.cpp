// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/figures/FigureData.h"

#include "model/base/Error.h"
#include "model/figures/IdealisedFigures.h"
#include "model/geometry/SphereGeometry.h"
#include "model/geometry/SpherePoints.h"

#include <algorithm>
#include <string>

namespace sme {
namespace {

Table tableOf(std::vector<std::string> columns, const std::vector<double>& first,
              const std::vector<const std::vector<double>*>& rest)
{
    Table table{std::move(columns), {}};
    for (std::size_t i = 0; i < first.size(); ++i) {
        std::vector<Cell> row{first[i]};
        for (const auto* column : rest)
            row.push_back(column ? Cell((*column)[i]) : Cell());
        table.addRow(std::move(row));
    }
    return table;
}

} // namespace

void DensitySettings::validate() const
{
    SphereDistanceLaw{dimension};
    require(samples >= 0 && samples <= 20'000,
            "the Monte Carlo sample size must be between 0 and 20000 points, got "
                + std::to_string(samples));
    require(bins >= 2 && bins <= 100'000, "the density grid needs between 2 and 100000 bins");
}

DensityFigure densityFigure(const DensitySettings& settings)
{
    settings.validate();
    const SphereDistanceLaw law(settings.dimension);
    Histogram grid(0.0, 2.0, settings.bins);
    DensityFigure figure;
    for (int b = 0; b < grid.bins(); ++b) {
        const double d = grid.binCentre(b);
        figure.distance.push_back(d);
        figure.exact.push_back(law.density(d));
        figure.gaussianLimit.push_back(law.gaussianLimitDensity(d));
    }
    figure.totalVariation = law.totalVariationToGaussianLimit();
    if (settings.samples > 0) {
        Rng rng = seededStream(settings.seed, 0);
        const Eigen::MatrixXd points
            = uniformPointsOnSphere(settings.samples, settings.dimension, rng);
        figure.monteCarlo = pairwiseDistanceHistogram(points, settings.bins).density();
    }
    return figure;
}

Table toTable(const DensityFigure& figure)
{
    return tableOf({"d", "exact", "gaussian_limit", "monte_carlo"}, figure.distance,
                   {&figure.exact, &figure.gaussianLimit,
                    figure.monteCarlo.empty() ? nullptr : &figure.monteCarlo});
}

GradientVarianceCurve gradientVarianceFigure(const GradientNoiseSettings& settings,
                                             std::uint64_t seed)
{
    Rng rng = seededStream(seed, 1);
    return gradientDirectionVariance(settings, rng);
}

Table toTable(const GradientVarianceCurve& curve)
{
    return tableOf({"d", "variance"}, curve.distance, {&curve.variance});
}

void SampledDistancesSettings::validate() const
{
    batch.validate();
    samplerSettings().validate();
    require(batches >= 1 && batches <= 100'000,
            "the number of batches must be between 1 and 100000, got " + std::to_string(batches));
    require(static_cast<double>(batches) * batch.classes * batch.perClass <= 2e6,
            "batches x classes x points per class is too large (at most 2 million points)");
    require(bins >= 2 && bins <= 100'000, "the histogram needs between 2 and 100000 bins");
}

SamplerSettings SampledDistancesSettings::samplerSettings() const
{
    return {batch.dimension, cutoff, nonzeroLossCutoff};
}

SampledDistancesFigure sampledDistancesFigure(const SampledDistancesSettings& settings)
{
    settings.validate();
    std::vector<Histogram> histograms(allSamplerKinds.size(), Histogram(0.0, 2.0, settings.bins));
    Rng batchRng = seededStream(settings.seed, 2);
    std::vector<Rng> samplerRngs;
    for (SamplerKind kind : allSamplerKinds)
        samplerRngs.push_back(seededStream(settings.seed, 3 + static_cast<std::uint64_t>(kind)));

    const SamplerSettings samplerSettings = settings.samplerSettings();
    for (int b = 0; b < settings.batches; ++b) {
        const LabelledBatch batch = idealisedBatch(settings.batch, batchRng);
        const Eigen::MatrixXd distances = pairwiseDistances(batch.points);
        for (SamplerKind kind : allSamplerKinds) {
            const auto k = static_cast<std::size_t>(kind);
            const auto triplets
                = sampleTriplets(kind, distances, batch.labels, samplerSettings, samplerRngs[k]);
            for (double d : negativeDistances(triplets, distances))
                histograms[k].add(d);
        }
    }

    SampledDistancesFigure figure;
    for (int b = 0; b < settings.bins; ++b)
        figure.distance.push_back(histograms[0].binCentre(b));
    for (std::size_t k = 0; k < histograms.size(); ++k) {
        figure.picks[k] = static_cast<std::size_t>(histograms[k].total());
        if (histograms[k].total() > 0.0)
            figure.density[k] = histograms[k].density();
    }
    return figure;
}

SampledDistancesFigure sampledDistancesFromPicks(const std::array<std::vector<double>, 4>& picks,
                                                 int bins)
{
    require(bins >= 2 && bins <= 100'000, "the histogram needs between 2 and 100000 bins");
    SampledDistancesFigure figure;
    Histogram grid(0.0, 2.0, bins);
    for (int b = 0; b < bins; ++b)
        figure.distance.push_back(grid.binCentre(b));
    for (std::size_t k = 0; k < picks.size(); ++k) {
        Histogram histogram(0.0, 2.0, bins);
        for (double d : picks[k])
            histogram.add(d);
        figure.picks[k] = picks[k].size();
        if (!picks[k].empty())
            figure.density[k] = histogram.density();
    }
    return figure;
}

Table toTable(const SampledDistancesFigure& figure)
{
    std::vector<const std::vector<double>*> columns;
    for (const auto& density : figure.density)
        columns.push_back(density ? &*density : nullptr);
    return tableOf({"d", "uniform", "hard", "semi_hard", "distance_weighted"}, figure.distance,
                   columns);
}

Table toTable(const LossCurves& curves)
{
    std::vector<std::string> names{"d"};
    std::vector<const std::vector<double>*> columns;
    for (LossKind kind : allLossKinds) {
        std::string base(lossName(kind));
        std::replace(base.begin(), base.end(), '-', '_');
        const auto k = static_cast<std::size_t>(kind);
        names.push_back(base + "_pos");
        columns.push_back(&curves.positive[k]);
        names.push_back(base + "_neg");
        columns.push_back(&curves.negative[k]);
    }
    return tableOf(std::move(names), curves.distance, columns);
}

Table figureTable(const IdealisedFigures& figures, ViewId view)
{
    switch (view) {
    case ViewId::Density: return toTable(figures.density);
    case ViewId::GradientVariance: return toTable(figures.gradientVariance);
    case ViewId::SampledDistances: return toTable(figures.sampledDistances);
    case ViewId::Losses: return toTable(figures.losses);
    case ViewId::TrainingCurves:
    case ViewId::Retrieval:
    case ViewId::EmbeddingMap:
    case ViewId::SamplerRace: break;
    }
    throw Error("the " + std::string(viewName(view)) + " view has no idealised table");
}

} // namespace sme
