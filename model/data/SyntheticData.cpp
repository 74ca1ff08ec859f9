// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/SyntheticData.h"

#include "model/base/Error.h"
#include "model/base/Random.h"

#include <cmath>
#include <string>

namespace sme {
namespace {

// The latent map's hidden width, and how strongly tanh bends: about one unit of latent
// distance per unit of pre-activation, so the map is clearly non-linear but not saturated.
constexpr int mapWidth = 32;
constexpr double mapGain = 1.0;
// Nuisance amplitude relative to the class signal at noise 1 (see the header's promise).
constexpr double nuisanceScale = 2.0;

Eigen::MatrixXd gaussian(Eigen::Index rows, Eigen::Index cols, Rng& rng)
{
    Eigen::MatrixXd m(rows, cols);
    fillStandardNormal(m, rng);
    return m;
}

} // namespace

void SyntheticSettings::validate() const
{
    require(classes >= 4 && classes <= 10'000,
            "the synthetic data needs between 4 and 10000 classes, got " + std::to_string(classes));
    require(perClass >= 2 && perClass <= 10'000,
            "the synthetic data needs between 2 and 10000 examples per class, got "
                + std::to_string(perClass));
    require(double(classes) * perClass <= 1e6, "at most a million synthetic examples");
    require(features >= 2 && features <= 4096,
            "the synthetic data needs between 2 and 4096 features, got " + std::to_string(features));
    require(latentDimension >= 1 && latentDimension <= 256, "the latent dimension must be 1 to 256");
    require(nuisanceDimension >= 0 && nuisanceDimension <= 4096,
            "the nuisance dimension must be 0 to 4096");
    require(std::isfinite(noise) && noise >= 0.0 && noise <= 1e6,
            "the noise level must be a finite number between 0 and 1e6, got " + numberText(noise));
    require(std::isfinite(withinClass) && withinClass >= 0.0,
            "the within-class spread must be a finite number >= 0");
}

Dataset syntheticNuisanceClusters(const SyntheticSettings& settings)
{
    settings.validate();
    Rng rng(settings.seed);
    const int latent = settings.latentDimension;
    // The fixed maps first, so they do not depend on the number of classes or examples.
    const Eigen::MatrixXd firstMap = gaussian(latent, mapWidth, rng) * (mapGain / std::sqrt(double(latent)));
    const Eigen::MatrixXd secondMap
        = gaussian(mapWidth, settings.features, rng) / std::sqrt(double(mapWidth));
    const Eigen::MatrixXd nuisanceDirections
        = gaussian(settings.nuisanceDimension, settings.features, rng)
          / std::sqrt(double(std::max(1, settings.nuisanceDimension)));

    const Eigen::Index rows = Eigen::Index{settings.classes} * settings.perClass;
    const Eigen::MatrixXd centres = gaussian(settings.classes, latent, rng);
    Eigen::MatrixXd points = gaussian(rows, latent, rng) * settings.withinClass;
    Dataset data;
    data.name = "synthetic nuisance clusters";
    data.labels.resize(std::size_t(rows));
    for (Eigen::Index i = 0; i < rows; ++i) {
        const int label = int(i / settings.perClass);
        data.labels[std::size_t(i)] = label;
        points.row(i) += centres.row(label);
    }
    Eigen::MatrixXd hidden = points * firstMap;
    hidden = hidden.array().tanh().matrix();
    Eigen::MatrixXd features = hidden * secondMap;
    if (settings.nuisanceDimension > 0 && settings.noise > 0.0)
        features += gaussian(rows, settings.nuisanceDimension, rng) * nuisanceDirections
                    * (settings.noise * nuisanceScale);
    data.features = features.cast<float>();
    return data;
}

} // namespace sme
