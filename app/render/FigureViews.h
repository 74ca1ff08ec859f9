// Filling the views from model results: one code path for the window and the figure command.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ExplorerParameters.h"
#include "model/figures/IdealisedFigures.h"
#include "model/figures/ViewId.h"
#include "model/training/TrainingSnapshot.h"

#include <memory>
#include <vector>

class DensityChartView;
class EmbeddingMapView;
class GradientVarianceView;
class LossFunctionsView;
class SampledDistancesView;
class QWidget;

// The idealised views from one set of figures; sampled may be null (it shows the live model).
void showIdealisedFigures(const sme::IdealisedFigures& figures, const sme::ExplorerParameters& parameters,
                          DensityChartView& density, GradientVarianceView& gradient,
                          SampledDistancesView* sampled, LossFunctionsView& losses);

// The training view (loss, active share, beta) or the retrieval view of a finished run.
std::unique_ptr<QWidget> trainingCurvesFigure(sme::ViewId view, const std::vector<sme::StepPoint>& steps,
                                              const std::vector<sme::Evaluation>& evaluations);
