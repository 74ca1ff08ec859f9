// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/FigureViews.h"

#include "app/DataSource.h"
#include "widgets/DensityChartView.h"
#include "widgets/GradientVarianceView.h"
#include "widgets/LossFunctionsView.h"
#include "widgets/SampledDistancesView.h"

#include <QObject>
#include <algorithm>

QStringList figureNames()
{
    return {QStringLiteral("density"), QStringLiteral("gradient-variance"),
            QStringLiteral("sampled-distances"), QStringLiteral("losses"),
            QStringLiteral("training"), QStringLiteral("embedding")};
}

void showIdealisedFigures(const sme::IdealisedFigures& figures, const sme::ExplorerParameters& p,
                          DensityChartView& density, GradientVarianceView& gradient,
                          SampledDistancesView* sampled, LossFunctionsView& losses)
{
    density.setFigure(figures.density, p.dimension);
    density.setMarkers(p.cutoff, p.nonzeroLossCutoff);
    gradient.setCurves(figures.gradientVariance, p.gradientNoise, p.dimension, figures.references);
    if (sampled) {
        sampled->setFigure(figures.sampledDistances,
                           QObject::tr("idealised batches, n = %1, %2 \u00D7 %3")
                               .arg(p.dimension)
                               .arg(p.batchClasses)
                               .arg(p.batchK));
        sampled->setMarkers(p.cutoff, p.nonzeroLossCutoff);
    }
    losses.setCurves(figures.losses);
}

FigureTrainingRun trainForFigures(sme::DataSplit data, const sme::TrainerSettings& settings,
                                  long steps, long evalEvery)
{
    sme::Trainer trainer(std::move(data), settings);
    return trainForFigures(trainer, {}, steps, evalEvery);
}

FigureTrainingRun trainForFigures(sme::Trainer& trainer, sme::RunHistory history, long steps,
                                  long evalEvery)
{
    FigureTrainingRun run;
    run.steps = std::move(history.steps);
    run.evaluations = std::move(history.evaluations);
    if (run.evaluations.empty() || run.evaluations.back().step != trainer.steps())
        run.evaluations.push_back(trainer.evaluate());
    for (long s = 0; s < steps; ++s) {
        const sme::StepResult step = trainer.trainStep();
        if (step.diverged) {
            run.divergence = QString::fromStdString(step.divergence);
            break;
        }
        run.steps.push_back({step.step, step.loss, step.activeFraction, step.meanBeta});
        if (step.step % std::max(1L, evalEvery) == 0 || s + 1 == steps)
            run.evaluations.push_back(trainer.evaluate());
    }
    run.embeddings = trainer.heldOutEmbeddings();
    run.labels = trainer.heldOutLabels();
    return run;
}

std::unique_ptr<sme::Trainer> restoredTrainer(const sme::ExplorerParameters& parameters,
                                              const sme::TrainerState& state)
{
    DataChoice data;
    data.dataset = QString::fromStdString(parameters.dataset);
    data.noise = parameters.syntheticNoise;
    auto trainer = std::make_unique<sme::Trainer>(loadDataSplit(data), trainerSettingsFor(parameters));
    trainer->restoreState(state);
    return trainer;
}

sme::TrainerSettings trainerSettingsFor(const sme::ExplorerParameters& p)
{
    sme::TrainerSettings settings;
    settings.hidden = p.hidden;
    settings.embeddingDimension = std::min(p.dimension, 1024);
    settings.sampler = p.sampler;
    settings.loss = p.loss;
    settings.alpha = p.alpha;
    settings.beta0 = p.beta0;
    settings.nu = p.nu;
    settings.learnClassBeta = p.learnClassBeta;
    settings.learnImageBeta = p.learnImageBeta;
    settings.learningRate = p.learningRate;
    settings.batchClasses = p.batchClasses;
    settings.batchK = p.batchK;
    settings.cutoff = p.cutoff;
    settings.nonzeroLossCutoff = p.nonzeroLossCutoff;
    settings.seed = p.seed;
    return settings;
}
