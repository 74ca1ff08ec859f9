// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/analysis/EmbeddingAnalysis.h"

#include "model/analysis/BatchPicks.h"
#include "model/analysis/PairDistances.h"
#include "model/base/Error.h"
#include "model/data/ReaderMessages.h"
#include "model/figures/FigureData.h"
#include "model/geometry/SphereGeometry.h"
#include "model/losses/Losses.h"
#include "model/metrics/RetrievalMetrics.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <string>

namespace sme {
namespace {

// The parts of the whole progress: retrieval reads every distance and takes most of the time.
constexpr double pairsEnd = 0.1, samplersEnd = 0.15, retrievalEnd = 0.85;

const std::array<int, 4> recallKs{1, 2, 4, 8};

// The raw norms' histogram and mean, then the rows scaled to unit length (in double).
std::shared_ptr<const Eigen::MatrixXd> normalisedPoints(const Dataset& embeddings,
                                                        const EmbeddingAnalysisSettings& settings,
                                                        EmbeddingAnalysis& analysis)
{
    auto points = std::make_shared<Eigen::MatrixXd>(embeddings.features.rows(), embeddings.features.cols());
    preferHugePages(points->data(), std::size_t(points->size()) * sizeof(double)); // first touched below
    *points = embeddings.features.cast<double>();
    const Eigen::VectorXd norms = points->rowwise().norm();
    Eigen::Index zero = 0;
    const double smallest = norms.minCoeff(&zero);
    require(smallest > 0.0,
            [&] { return Message(readermessages::zeroPoint, {readermessages::prefixOf(embeddings.name), zero + 1}); });
    analysis.norms = Histogram(0.0, norms.maxCoeff(), settings.bins);
    for (double norm : norms)
        analysis.norms.add(norm);
    analysis.meanNorm = norms.mean();
    analysis.alreadyNormalised = ((norms.array() - 1.0).abs() <= 1e-3).all();
    points->array().colwise() /= norms.array();
    return points;
}

// The points as columns, a point contiguous (for random pairs). Both copies of the points are
// 100 MB at 100,000 x 128: asked for in huge pages, which a first touch fills 10-15 times
// faster than 4 KiB ones on this project's machine (a page fault each).
Eigen::MatrixXd pointsAsColumns(const Eigen::MatrixXd& points)
{
    Eigen::MatrixXd columns(points.cols(), points.rows());
    preferHugePages(columns.data(), std::size_t(columns.size()) * sizeof(double)); // first touched below
    columns = points.transpose();
    return columns;
}

// Bin centres and a density per column; an empty density gives empty cells.
Table densityTable(std::vector<std::string> columns, const Histogram& grid,
                   const std::vector<const std::vector<double>*>& densities)
{
    Table table{std::move(columns), {}};
    for (int b = 0; b < grid.bins(); ++b) {
        std::vector<Cell> row{grid.binCentre(b)};
        for (const std::vector<double>* density : densities)
            row.push_back(density && !density->empty() ? Cell((*density)[std::size_t(b)]) : Cell());
        table.addRow(std::move(row));
    }
    return table;
}

} // namespace

void EmbeddingAnalysisSettings::validate() const
{
    const auto inRange = [](double value, double low, double high) { return value >= low && value <= high; };
    require(inRange(batchClasses, 2, 10'000), "the classes per batch P must be between 2 and 10000, got "
                                                 + std::to_string(batchClasses));
    require(inRange(batchK, 2, 10'000), "the points per class K of a batch must be between 2 and 10000, got "
                                           + std::to_string(batchK));
    require(inRange(double(batchClasses) * batchK, 4, maxBatchPoints),
            "a batch of P x K = " + std::to_string(batchClasses) + " x " + std::to_string(batchK)
                + " points is too large: at most " + std::to_string(maxBatchPoints));
    require(inRange(batches, 1, 1'000'000), "the number of batches must be between 1 and 1000000, got "
                                                + std::to_string(batches));
    require(std::isfinite(alpha) && alpha >= 0.0, "the margin alpha must be a finite number >= 0, got " + numberText(alpha));
    require(std::isfinite(beta), "the margin loss's beta must be finite, got " + numberText(beta));
    SamplerSettings samplers;
    samplers.cutoff = cutoff;
    samplers.nonzeroLossCutoff = nonzeroLossCutoff;
    samplers.validate();
    require(inRange(double(pairSample), 1, 1e9), "the pair sample must be between 1 and 1000000000, got "
                                                     + std::to_string(pairSample));
    require(inRange(bins, 2, 100'000), "the histograms need between 2 and 100000 bins, got " + std::to_string(bins));
}

EmbeddingAnalysis analyseEmbeddings(const Dataset& embeddings, const EmbeddingAnalysisSettings& settings,
                                    const Progress& progress)
{
    settings.validate();
    embeddings.validate();
    const auto dimension = int(embeddings.features.cols());
    require(dimension >= SphereDistanceLaw::minDimension && dimension <= SphereDistanceLaw::maxDimension, [&] {
        return Message(readermessages::dimensionOutside, {readermessages::prefixOf(embeddings.name), dimension,
                                                          SphereDistanceLaw::minDimension, SphereDistanceLaw::maxDimension});
    });
    reportProgress(progress, 0.0);
    EmbeddingAnalysis analysis;
    analysis.points = std::size_t(embeddings.features.rows());
    analysis.dimension = std::size_t(dimension);
    analysis.classes = std::size_t(embeddings.classCount());
    const std::span<const int> labels = embeddings.labels;
    analysis.unitPoints = normalisedPoints(embeddings, settings, analysis);
    const Eigen::MatrixXd& points = *analysis.unitPoints;

    {
        const Eigen::MatrixXd columns = pointsAsColumns(points);
        PairDistanceLaw pairs = pairDistanceLaw(columns, labels, settings.pairSample, settings.bins, settings.seed);
        const std::vector<double> law = sphereLawBinProbabilities(dimension, settings.bins);
        analysis.tvToSphereLaw = totalVariation(pairs.all, law);
        analysis.tvSameToSphereLaw = totalVariation(pairs.same, law);
        analysis.tvDifferentToSphereLaw = totalVariation(pairs.different, law);
        analysis.allPairs = std::move(pairs.all);
        analysis.samePairs = std::move(pairs.same);
        analysis.differentPairs = std::move(pairs.different);
        analysis.pairsSampled = pairs.pairs;
        analysis.meanDistance = pairs.meanDistance;
        analysis.positiveMeanDistance = pairs.positiveMeanDistance;
        analysis.negativeMeanDistance = pairs.negativeMeanDistance;
    }
    reportProgress(progress, pairsEnd);

    analysis.samplers = pickBatches(points, labels, settings);
    reportProgress(progress, samplersEnd);

    const RetrievalScores scores = retrievalScores(points, labels, recallKs,
                                                   progressPart(progress, samplersEnd, retrievalEnd), settings.threads);
    std::copy(scores.recall.begin(), scores.recall.end(), analysis.recall.begin());
    analysis.mapAtR = scores.mapAtR;
    Rng clusteringRng = seededStream(settings.seed, 60);
    analysis.nmi = clusteringNmi(points, labels, clusteringRng, progressPart(progress, retrievalEnd, 1.0));
    reportProgress(progress, 1.0);
    return analysis;
}

std::array<SamplerPicks, 4> pickBatches(const Eigen::Ref<const Eigen::MatrixXd>& unitPoints, std::span<const int> labels,
                                        const EmbeddingAnalysisSettings& settings, const Progress& progress)
{
    settings.validate();
    const BatchDraw draw{settings.batchClasses, settings.batchK, settings.batches, settings.seed};
    SamplerSettings samplers;
    samplers.dimension = int(unitPoints.cols());
    samplers.cutoff = settings.cutoff;
    samplers.nonzeroLossCutoff = settings.nonzeroLossCutoff;
    const std::array<std::vector<double>, 4> picks = samplerPickDistances(unitPoints, labels, draw, samplers, progress);
    const SampledDistancesFigure figure = sampledDistancesFromPicks(picks, settings.bins);
    const int batchClasses = batchClassesDrawn(labels, draw);
    std::array<SamplerPicks, 4> result;
    for (SamplerKind kind : allSamplerKinds) {
        const auto k = std::size_t(kind);
        result[k].sampler = kind;
        result[k].batchClasses = batchClasses;
        result[k].picks = picks[k].size();
        result[k].density = figure.density[k].value_or(std::vector<double>{});
        // PAPER.md §4: a negative's margin loss [alpha - (D_an - beta)]_+, as the loss computes it.
        const auto withLoss = std::count_if(picks[k].begin(), picks[k].end(), [&](double d) {
            return marginLoss(d, false, settings.alpha, settings.beta).value > 0.0;
        });
        result[k].nonZeroLossShare = picks[k].empty() ? 0.0 : double(withLoss) / double(picks[k].size());
    }
    return result;
}

Table analysisSummary(const EmbeddingAnalysis& analysis)
{
    Table table{{"points", "dimension", "classes", "recall_at_1", "recall_at_2", "recall_at_4", "recall_at_8", "nmi",
                 "map_at_r", "mean_norm", "mean_distance", "positive_mean_distance", "negative_mean_distance",
                 "tv_to_sphere_law"},
                {}};
    table.addRow({double(analysis.points), double(analysis.dimension), double(analysis.classes), analysis.recall[0],
                  analysis.recall[1], analysis.recall[2], analysis.recall[3], analysis.nmi, analysis.mapAtR,
                  analysis.meanNorm, analysis.meanDistance, analysis.positiveMeanDistance,
                  analysis.negativeMeanDistance, analysis.tvToSphereLaw});
    return table;
}

Table pairDistanceTable(const EmbeddingAnalysis& analysis)
{
    const SphereDistanceLaw law(int(analysis.dimension));
    std::vector<double> exact, gaussian;
    for (int b = 0; b < analysis.allPairs.bins(); ++b) {
        exact.push_back(law.density(analysis.allPairs.binCentre(b)));
        gaussian.push_back(law.gaussianLimitDensity(analysis.allPairs.binCentre(b)));
    }
    const std::vector<double> all = analysis.allPairs.density(), same = analysis.samePairs.density(),
                              different = analysis.differentPairs.density();
    const auto unlessEmpty = [](const Histogram& h, const std::vector<double>& density) {
        return h.total() > 0.0 ? &density : nullptr;
    };
    return densityTable({"d", "exact", "gaussian_limit", "all_pairs", "same_class", "different_class"},
                        analysis.allPairs,
                        {&exact, &gaussian, unlessEmpty(analysis.allPairs, all), unlessEmpty(analysis.samePairs, same),
                         unlessEmpty(analysis.differentPairs, different)});
}

Table normTable(const EmbeddingAnalysis& analysis)
{
    const std::vector<double> density = analysis.norms.density();
    return densityTable({"norm", "density"}, analysis.norms, {&density});
}

Table samplerPicksTable(const EmbeddingAnalysis& analysis)
{
    std::vector<const std::vector<double>*> densities;
    for (const SamplerPicks& picks : analysis.samplers)
        densities.push_back(&picks.density);
    return densityTable({"d", "uniform", "hard", "semi_hard", "distance_weighted"},
                        Histogram(0.0, 2.0, analysis.allPairs.bins()), densities);
}

} // namespace sme
