// Filling the views from model results: one code path for the window and the figure command.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/Dataset.h"
#include "model/ExplorerParameters.h"
#include "model/IdealisedFigures.h"
#include "model/Trainer.h"
#include "model/TrainingSnapshot.h"

#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

class DensityChartView;
class EmbeddingMapView;
class GradientVarianceView;
class LossFunctionsView;
class SampledDistancesView;
class TrainingCurvesView;

// The six figures, by their stable names: density, gradient-variance, sampled-distances,
// losses, training, embedding.
QStringList figureNames();

// The idealised views from one set of figures; sampled may be null (it shows the live model).
void showIdealisedFigures(const sme::IdealisedFigures& figures, const sme::ExplorerParameters& parameters,
                          DensityChartView& density, GradientVarianceView& gradient,
                          SampledDistancesView* sampled, LossFunctionsView& losses);

// A training run for figures: every step's point, evaluations every evalEvery steps (and at
// steps 0 and the last), and the held-out embeddings at the end.
struct FigureTrainingRun {
    std::vector<sme::StepPoint> steps;
    std::vector<sme::Evaluation> evaluations;
    Eigen::MatrixXf embeddings;
    std::vector<int> labels;
    QString divergence; // empty unless the run diverged (it stops there)
};
FigureTrainingRun trainForFigures(sme::DataSplit data, const sme::TrainerSettings& settings,
                                  long steps, long evalEvery);
// The same from a model that may have trained already, with the curves of its run so far.
FigureTrainingRun trainForFigures(sme::Trainer& trainer, sme::RunHistory history, long steps,
                                  long evalEvery);

// The model the parameters describe, with a saved state restored into it. Throws sme::Error
// (naming the data file or what does not fit) when the data cannot be loaded or the state
// does not belong to such a model.
std::unique_ptr<sme::Trainer> restoredTrainer(const sme::ExplorerParameters& parameters,
                                              const sme::TrainerState& state);

// The training settings that the explorer's parameters describe (the model trains n <= 1024).
sme::TrainerSettings trainerSettingsFor(const sme::ExplorerParameters& parameters);
