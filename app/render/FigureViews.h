// Filling the views from model results: one code path for the window and the figure command.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ExplorerParameters.h"
#include "model/figures/IdealisedFigures.h"

class DensityChartView;
class EmbeddingMapView;
class GradientVarianceView;
class LossFunctionsView;
class SampledDistancesView;
class TrainingCurvesView;

// The idealised views from one set of figures; sampled may be null (it shows the live model).
void showIdealisedFigures(const sme::IdealisedFigures& figures, const sme::ExplorerParameters& parameters,
                          DensityChartView& density, GradientVarianceView& gradient,
                          SampledDistancesView* sampled, LossFunctionsView& losses);
