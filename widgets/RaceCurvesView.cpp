// The sampler race curves: per-run points at the evaluations, one metric shown at a time.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/RaceCurvesView.h"

#include "widgets/AxisTicks.h"
#include "widgets/SamplerLabel.h"

#include <QChart>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <limits>

namespace {

constexpr double noValue = std::numeric_limits<double>::quiet_NaN();

} // namespace

QString RaceCurvesView::metricName(Metric metric)
{
    switch (metric) {
    case Metric::RecallAt1:
        return tr("Recall@1");
    case Metric::Nmi:
        return tr("NMI");
    case Metric::MapAtR:
        return tr("MAP@R");
    case Metric::Loss:
        return tr("loss (mean since the previous evaluation)");
    case Metric::Spread:
        return tr("spread of the held-out embeddings");
    }
    return {};
}

RaceCurvesView::RaceCurvesView(QWidget* parent)
    : ChartPanel(QString(), parent)
    , stepAxis_(addValueAxis(Qt::AlignBottom, tr("step")))
    , valueAxis_(addValueAxis(Qt::AlignLeft, QString()))
{
    stepAxis_->setLabelFormat(QStringLiteral("%.0f"));
    for (sme::SamplerKind kind : sme::allSamplerKinds)
        runs_[std::size_t(kind)].series
            = addLine(samplerLabel(kind), samplerColor(int(kind)), 2.0, stepAxis_, valueAxis_);
    setMetric(Metric::RecallAt1);
}

void RaceCurvesView::addSnapshot(sme::SamplerKind sampler, const sme::TrainingSnapshot& snapshot)
{
    Run& run = runs_[std::size_t(sampler)];
    if (snapshot.reset) {
        run.points.clear();
        run.lossSum = 0.0;
        run.lossSteps = 0;
    }
    // Steps and evaluations in step order: an evaluation takes the mean loss of the steps up to
    // and including its own.
    auto step = snapshot.steps.begin();
    const auto takeStepsUpTo = [&](long last) {
        for (; step != snapshot.steps.end() && step->step <= last; ++step)
            if (std::isfinite(step->loss)) {
                run.lossSum += step->loss;
                ++run.lossSteps;
            }
    };
    for (const sme::Evaluation& evaluation : snapshot.evaluations) {
        takeStepsUpTo(evaluation.step);
        const double loss = run.lossSteps > 0 ? run.lossSum / double(run.lossSteps) : noValue;
        run.points.push_back({double(evaluation.step),
                              {evaluation.recall[0], evaluation.nmi, evaluation.mapAtR, loss, evaluation.spread}});
        run.lossSum = 0.0;
        run.lossSteps = 0;
    }
    takeStepsUpTo(std::numeric_limits<long>::max());
    run.stalledSince = snapshot.stalledSince;
    if (const QString label = runLabel(sampler); run.series->name() != label)
        run.series->setName(label);
    if (!snapshot.evaluations.empty() || snapshot.reset) {
        show(run);
        updateAxes();
    }
}

void RaceCurvesView::clear()
{
    for (Run& run : runs_) {
        run = Run{run.series, {}, 0.0, 0, std::nullopt};
        show(run);
    }
    for (sme::SamplerKind kind : sme::allSamplerKinds)
        runs_[std::size_t(kind)].series->setName(runLabel(kind));
    updateAxes();
}

QString RaceCurvesView::runLabel(sme::SamplerKind sampler) const
{
    const Run& run = runs_[std::size_t(sampler)];
    QStringList states;
    if (!run.points.empty()) {
        const double spread = run.points.back().values[std::size_t(Metric::Spread)];
        if (spread < sme::collapsedSpread)
            states << tr("collapsed (spread %1)").arg(spread, 0, 'f', 2);
    }
    if (run.stalledSince)
        states << tr("stalled since step %1").arg(*run.stalledSince);
    if (states.isEmpty())
        return samplerLabel(sampler);
    return tr("%1 \u2014 %2").arg(samplerLabel(sampler), states.join(tr(", ")));
}

void RaceCurvesView::setMetric(Metric metric)
{
    metric_ = metric;
    valueAxis_->setTitleText(metricName(metric));
    if (metric == Metric::Loss)
        setTitle(tr("The race: training loss of each sampler"));
    else if (metric == Metric::Spread)
        setTitle(tr("The race: spread of the held-out embeddings (below %1 a run has collapsed)")
                              .arg(sme::collapsedSpread));
    else
        setTitle(tr("The race: %1 on the held-out classes").arg(metricName(metric)));
    for (Run& run : runs_)
        show(run);
    updateAxes();
}

void RaceCurvesView::show(Run& run) const
{
    const std::size_t count = run.points.size();
    const std::size_t stride = (count + maxShownPoints - 1) / maxShownPoints;
    std::vector<double> x, y;
    for (std::size_t i = 0; i < count; ++i)
        if (i % stride == 0 || i + 1 == count) {
            x.push_back(run.points[i].step);
            y.push_back(run.points[i].values[std::size_t(metric_)]);
        }
    setPoints(run.series, x, y); // leaves out the missing (NaN) values
}

void RaceCurvesView::updateAxes()
{
    // x: 0 to 100 * 2^k, so the axis moves only when the race has doubled its length.
    double lastStep = 0.0;
    double highest = 0.0;
    for (const Run& run : runs_)
        for (const Point& point : run.points) {
            lastStep = std::max(lastStep, point.step);
            const double value = point.values[std::size_t(metric_)];
            if (std::isfinite(value))
                highest = std::max(highest, value);
        }
    double stepTop = 100.0;
    while (stepTop < lastStep)
        stepTop *= 2.0;
    setRange(stepAxis_, 0.0, stepTop);
    useRoundTicks(stepAxis_);
    // Scores live in [0, 1]; the loss from 0 to a little above its largest mean, in halves.
    const double valueTop = metric_ == Metric::Loss ? std::max(0.5, std::ceil(highest * 2.2) / 2.0) : 1.0;
    setRange(valueAxis_, 0.0, valueTop);
    useRoundTicks(valueAxis_);
}
