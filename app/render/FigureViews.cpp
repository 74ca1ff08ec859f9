// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/render/FigureViews.h"

#include "widgets/DensityChartView.h"
#include "widgets/GradientVarianceView.h"
#include "widgets/LossFunctionsView.h"
#include "widgets/SampledDistancesView.h"

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
