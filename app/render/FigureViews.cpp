// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/render/FigureViews.h"

#include "widgets/DensityChartView.h"
#include "widgets/GradientVarianceView.h"
#include "widgets/LossFunctionsView.h"
#include "widgets/SampledDistancesView.h"
#include "widgets/TrainingCurvesView.h"

#include <QObject>
#include <algorithm>

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

std::unique_ptr<QWidget> trainingCurvesFigure(sme::ViewId view, const std::vector<sme::StepPoint>& steps,
                                              const std::vector<sme::Evaluation>& evaluations)
{
    auto curves = std::make_unique<TrainingCurvesView>();
    curves->addSteps(steps);
    curves->addEvaluations(evaluations);
    if (view == sme::ViewId::Retrieval)
        return curves->takeRetrievalView(); // filled: it keeps its series when curves goes
    return curves;
}
