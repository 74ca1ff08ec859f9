// The training curves view: its two panels, their series, and the steps and evaluations fed to them
// (the axes are fitted in TrainingCurvesAxes.cpp).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/TrainingCurvesView.h"

#include "widgets/AxisTicks.h"
#include "widgets/TrainingCurvesParts.h"
#include "widgets/VerticalMarker.h"

#include <QAction>
#include <QChart>
#include <QImage>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

using namespace trainingcurves;

TrainingCurvesView::TrainingCurvesView(QWidget* parent)
    : QWidget(parent)
    , lossPanel_(new Panel(QString()))
    , ownedRetrieval_(std::make_unique<Panel>(QString()))
    , retrievalPanel_(ownedRetrieval_.get())
    , lossStepAxis_(lossPanel_->addValueAxis(Qt::AlignBottom, tr("step")))
    , retrievalStepAxis_(retrievalPanel_->addValueAxis(Qt::AlignBottom, tr("step")))
    , lossAxis_(lossPanel_->addValueAxis(Qt::AlignLeft, tr("loss, active share")))
    , betaAxis_(lossPanel_->addValueAxis(Qt::AlignRight, tr("mean \u03B2")))
    , scoreAxis_(retrievalPanel_->addValueAxis(Qt::AlignLeft, tr("score, spread")))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(lossPanel_);
    for (QValueAxis* axis : {lossStepAxis_, retrievalStepAxis_})
        axis->setLabelFormat(QStringLiteral("%.0f"));

    // Previous-run series first: series added later are drawn on top.
    const auto& styles = curveStyles();
    for (int i = 0; i < CurveCount; ++i)
        curves_.push_back(std::make_unique<Curve>());
    const auto axesOf = [this](int i) -> std::pair<Panel*, QValueAxis*> {
        if (i >= Recall1)
            return {retrievalPanel_, scoreAxis_};
        return {lossPanel_, i == Beta || i == SmoothedBeta ? betaAxis_ : lossAxis_};
    };
    for (int i = 0; i < CurveCount; ++i) {
        if (i == Loss || i == Beta)
            continue;
        const auto [panel, axis] = axesOf(i);
        QLineSeries* series = panel->addLine(tr("%1 (previous run)").arg(tr(styles[i].name)),
                                             faded(styles[i].color, previousRunFading), previousRunWidth,
                                             i >= Recall1 ? retrievalStepAxis_ : lossStepAxis_, axis,
                                             styles[i].style);
        for (QLegendMarker* marker : panel->chart()->legend()->markers(series))
            marker->setVisible(false);
        curves_[i]->previousSeries = series;
    }
    for (int i = 0; i < CurveCount; ++i) {
        const auto [panel, axis] = axesOf(i);
        curves_[i]->series = panel->addLine(tr(styles[i].name), styles[i].color, styles[i].width,
                                            i >= Recall1 ? retrievalStepAxis_ : lossStepAxis_, axis,
                                            styles[i].style);
        curves_[i]->series->setMarkerSize(9.0);
        curves_[i]->marker = markerImage(styles[i].marker, styles[i].color);
    }
    // Lines in the legends, so the dash patterns can be told apart there.
    for (Panel* panel : {lossPanel_, retrievalPanel_})
        panel->chart()->legend()->setMarkerShape(QLegend::MarkerShapeFromSeries);
    // The legend has no room for two more entries: the spread is named in the title with its
    // last value, the collapse line on the line itself; the raw beta is the smoothed one's.
    QChart* retrieval = retrievalPanel_->chart();
    for (QLegendMarker* marker : retrieval->legend()->markers(curves_[Spread]->series))
        marker->setVisible(false);
    for (QLegendMarker* marker : lossPanel_->chart()->legend()->markers(curves_[Beta]->series))
        marker->setVisible(false);
    collapseLine_ = retrievalPanel_->addLine(tr("collapsed below %1").arg(sme::collapsedSpread),
                                             styles[Spread].color, 1.0, retrievalStepAxis_, scoreAxis_,
                                             Qt::DotLine);
    labelVerticalMarker(retrieval, collapseLine_);
    // Inside the plot: a label outside it is not repainted when it moves, and leaves a trace.
    collapseLine_->setPointLabelsClipping(true);
    // Queued: not inside the layout pass that changed the area (only the line's points move).
    connect(retrieval, &QChart::plotAreaChanged, this, &TrainingCurvesView::placeCollapseLabel, Qt::QueuedConnection);

    // Full evaluations: hollow rings without lines, on top of the live curves.
    for (int i = Recall1; i < Spread; ++i) {
        QLineSeries* full = retrievalPanel_->addLine(tr("%1 (all held-out)").arg(styles[i].name), styles[i].color,
                                                     1.0, retrievalStepAxis_, scoreAxis_, Qt::NoPen);
        full->setMarkerSize(15.0);
        full->setLightMarker(markerImage(Marker::Ring, styles[i].color, 15));
        for (QLegendMarker* marker : retrieval->legend()->markers(full))
            marker->setVisible(false);
        full->setPointLabelsClipping(true);
        fullSeries_.push_back(full);
    }
    fullSeries_.front()->setPointLabelsVisible(true);

    auto* fullRange = new QAction(tr("Scores from 0 to 1"), retrievalPanel_);
    fullRange->setCheckable(true);
    connect(fullRange, &QAction::toggled, this, &TrainingCurvesView::setFullScoreRange);
    retrievalPanel_->addAction(fullRange);
    retrievalPanel_->setContextMenuPolicy(Qt::ActionsContextMenu);
    updateAxes();
}

TrainingCurvesView::~TrainingCurvesView() = default;

TrainingCurvesView::Curve& TrainingCurvesView::curve(int index) const
{
    return *curves_[std::size_t(index)];
}

void TrainingCurvesView::showCurve(int index) const
{
    const QList<QPointF> points = curve(index).points.shown();
    curve(index).series->replace(points);
    const bool marked = index >= Recall1 && points.size() <= maxMarkedPoints;
    curve(index).series->setLightMarker(marked ? curve(index).marker : QImage());
}

void TrainingCurvesView::addSmoothed(double& sum, double& weight, int index, double x, double value)
{
    sum = (1.0 - lossSmoothingWeight) * sum + lossSmoothingWeight * value;
    weight = (1.0 - lossSmoothingWeight) * weight + lossSmoothingWeight;
    curve(index).points.append({x, sum / weight});
}

void TrainingCurvesView::addSteps(const std::vector<sme::StepPoint>& steps)
{
    if (steps.empty())
        return;
    for (const sme::StepPoint& step : steps) {
        const double x = double(step.step);
        if (std::isfinite(step.loss)) {
            curve(Loss).points.append({x, step.loss});
            addSmoothed(smoothingSum_, smoothingWeight_, SmoothedLoss, x, step.loss);
        }
        if (std::isfinite(step.activeFraction))
            curve(ActiveShare).points.append({x, step.activeFraction});
        if (std::isfinite(step.beta)) {
            curve(Beta).points.append({x, step.beta});
            addSmoothed(betaSum_, betaWeight_, SmoothedBeta, x, step.beta);
        }
    }
    for (int i = Loss; i < Recall1; ++i)
        showCurve(i);
    updateAxes();
}

void TrainingCurvesView::addEvaluations(const std::vector<sme::Evaluation>& evaluations)
{
    if (evaluations.empty())
        return;
    for (const sme::Evaluation& evaluation : evaluations) {
        const double x = double(evaluation.step);
        const std::array<double, 7> values{evaluation.recall[0], evaluation.recall[1],
                                           evaluation.recall[2], evaluation.recall[3],
                                           evaluation.nmi, evaluation.mapAtR, evaluation.spread};
        for (int k = 0; k < 7; ++k)
            if (std::isfinite(values[std::size_t(k)]))
                curve(Recall1 + k).points.append({x, values[std::size_t(k)]});
        if (evaluation.heldOutPoints > 0) {
            samplePoints_ = evaluation.points;
            heldOutPoints_ = evaluation.heldOutPoints;
        }
    }
    for (int i = Recall1; i < CurveCount; ++i)
        showCurve(i);
    updateAxes();
}

void TrainingCurvesView::addFullEvaluation(const sme::Evaluation& evaluation)
{
    const double x = double(evaluation.step);
    const std::array<double, 6> values{evaluation.recall[0], evaluation.recall[1], evaluation.recall[2],
                                       evaluation.recall[3], evaluation.nmi, evaluation.mapAtR};
    for (std::size_t k = 0; k < values.size(); ++k)
        if (std::isfinite(values[k]))
            fullSeries_[k]->append(x, values[k]);
    fullSeries_.front()->setPointLabelsFormat(tr("all %L1 held-out").arg(evaluation.points));
    heldOutPoints_ = evaluation.heldOutPoints;
    updateAxes();
}

const QXYSeries* TrainingCurvesView::fullEvaluationSeries(const QString& name) const
{
    for (int i = Recall1; i < Spread; ++i)
        if (name == QLatin1String(curveStyles()[std::size_t(i)].name))
            return fullSeries_[std::size_t(i - Recall1)];
    return nullptr;
}

QString TrainingCurvesView::sampleNote() const
{
    if (samplePoints_ <= 0 || samplePoints_ >= heldOutPoints_)
        return {};
    return tr("Scores on a class-stratified sample of %L1 of the %L2 held-out images")
        .arg(samplePoints_)
        .arg(heldOutPoints_);
}

void TrainingCurvesView::startNewRun()
{
    const bool anything = std::any_of(curves_.begin(), curves_.end(),
                                      [](const auto& c) { return !c->points.isEmpty(); });
    if (!anything)
        return;
    // A run that trained (a point past step 0) becomes the previous run. One that did not, its
    // evaluation at step 0 alone (settings changed, or a session opened, before playing), is
    // dropped: the previous run stays the one before it, if any.
    const bool trained = std::any_of(curves_.begin(), curves_.end(),
                                     [](const auto& c) { return !c->points.isEmpty() && c->points.lastX() > 0.0; });
    if (!trained) {
        for (auto& c : curves_) {
            c->points = CurvePoints();
            c->series->clear();
            c->series->setLightMarker(QImage());
        }
        clearFullEvaluations();
        updateAxes();
        return;
    }
    for (auto& c : curves_) {
        if (c->previousSeries) {
            c->previousPoints = std::move(c->points);
            c->previousSeries->replace(c->previousPoints.shown());
        }
        c->points = CurvePoints();
        c->series->clear();
        c->series->setLightMarker(QImage());
    }
    smoothingSum_ = smoothingWeight_ = betaSum_ = betaWeight_ = 0.0;
    clearFullEvaluations();
    hasPreviousRun_ = true;
    updateAxes();
}

void TrainingCurvesView::clear()
{
    for (auto& c : curves_) {
        c->points = CurvePoints();
        c->previousPoints = CurvePoints();
        c->series->clear();
        c->series->setLightMarker(QImage());
        if (c->previousSeries)
            c->previousSeries->clear();
    }
    smoothingSum_ = smoothingWeight_ = betaSum_ = betaWeight_ = 0.0;
    clearFullEvaluations();
    hasPreviousRun_ = false;
    updateAxes();
}

void TrainingCurvesView::clearFullEvaluations()
{
    for (QXYSeries* full : fullSeries_)
        full->clear();
    samplePoints_ = heldOutPoints_ = 0;
}

const QXYSeries* TrainingCurvesView::series(const QString& name) const
{
    for (int i = 0; i < CurveCount; ++i)
        if (name == QLatin1String(curveStyles()[std::size_t(i)].name))
            return curve(i).series;
    return nullptr;
}

const QXYSeries* TrainingCurvesView::previousSeries(const QString& name) const
{
    for (int i = 0; i < CurveCount; ++i)
        if (name == QLatin1String(curveStyles()[std::size_t(i)].name))
            return curve(i).previousSeries;
    return nullptr;
}

QString TrainingCurvesView::spreadNote() const
{
    const CurvePoints& spread = curve(Spread).points;
    if (spread.isEmpty())
        return {};
    return spread.lastY() < sme::collapsedSpread ? tr("; spread %1 (dashed): collapsed").arg(spread.lastY(), 0, 'f', 2)
                                                 : tr("; spread %1 (dashed)").arg(spread.lastY(), 0, 'f', 2);
}

const QXYSeries* TrainingCurvesView::collapseLine() const
{
    return collapseLine_;
}

const ChartPanel* TrainingCurvesView::lossChart() const
{
    return lossPanel_;
}

const ChartPanel* TrainingCurvesView::retrievalChart() const
{
    return retrievalPanel_;
}

std::unique_ptr<ChartPanel> TrainingCurvesView::takeRetrievalView()
{
    return std::move(ownedRetrieval_);
}

void TrainingCurvesView::setFullScoreRange(bool full)
{
    if (full == fullScoreRange_)
        return;
    fullScoreRange_ = full;
    for (QAction* action : retrievalPanel_->actions())
        if (action->isCheckable())
            action->setChecked(full);
    fitScoreAxis();
}
