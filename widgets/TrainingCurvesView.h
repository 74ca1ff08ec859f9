// The training curves: loss, active share and mean beta against the step (this view), and the
// retrieval metrics on the held-out classes with the spread of their embeddings and the line
// below which a model has collapsed (a view of its own, fed by this one); the previous run
// faded behind the current one.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/training/TrainingSnapshot.h"
#include "widgets/ChartPanel.h"

#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QValueAxis;
class QXYSeries;

class TrainingCurvesView : public QWidget {
    Q_OBJECT
public:
    explicit TrainingCurvesView(QWidget* parent = nullptr);
    ~TrainingCurvesView() override;

    // A run can last 100 000 steps: each series shows at most this many points. Consecutive
    // points are grouped in buckets of 2^k (k grows as the run does, buckets merging in pairs)
    // and each bucket shows its lowest and highest point, in step order: a min/max envelope,
    // so the band of a noisy curve keeps its true width where taking every k-th point would
    // thin it. Up to maxShownPoints - 2 points nothing is left out; the first and last points
    // are always shown. Memory and work per step stay bounded whatever the run's length.
    // 2000: about one bucket per pixel column of a wide chart. Qt Charts rebuilds a line's
    // path and hover outline on every replace(), at a cost proportional to its points (80%
    // of the time of a long run's updates), so more points would cost without showing more.
    static constexpr int maxShownPoints = 2000;
    // The smoothed loss: an exponential moving average giving each new step this weight (a
    // time constant of 50 steps), debiased at the start (divided by 1 - (1 - w)^t, as Adam
    // does) so the first steps are their plain mean instead of being pulled towards 0.
    // Beta, noisy from batch to batch, is smoothed the same way, its raw values faint behind.
    static constexpr double lossSmoothingWeight = 0.02;

    // Appends to the current run; each series is redrawn once per call. Evaluations on a sample
    // of the held-out points (Evaluation::sampled) make the retrieval chart's title say so.
    void addSteps(const std::vector<sme::StepPoint>& steps);
    void addEvaluations(const std::vector<sme::Evaluation>& evaluations);
    // An evaluation of every held-out point (on request): rings on the retrieval chart at its
    // step, one per score, the Recall@1 ring labelled "all N held-out". Until the next run.
    void addFullEvaluation(const sme::Evaluation& evaluation);
    // The full evaluations' series of a score ("Recall@1", ..., "MAP@R"); nullptr for another name.
    const QXYSeries* fullEvaluationSeries(const QString& name) const;
    // "Scores on a class-stratified sample of 2,000 of the 30,000 held-out images", or empty
    // when the last evaluation scored every held-out point.
    QString sampleNote() const;
    // The current curves become the faded previous run (replacing the one before) and the
    // current ones start empty. A current run without any point keeps the previous run.
    void startNewRun();
    // Removes both runs.
    void clear();

    // The current run's series: "loss", "loss (smoothed)", "active share", "beta",
    // "beta (smoothed)", "Recall@1", "Recall@2", "Recall@4", "Recall@8", "NMI", "MAP@R", "spread"; nullptr for
    // another name.
    const QXYSeries* series(const QString& name) const;
    // The previous run's series of that name; none for the raw "loss" (its smoothed curve
    // stands for it: two noisy bands on top of each other hide each other).
    const QXYSeries* previousSeries(const QString& name) const;
    // The horizontal line at sme::collapsedSpread across the retrieval chart, labelled on the
    // chart. (The retrieval chart's title gives the last spread.)
    const QXYSeries* collapseLine() const;
    // The two charts, for titles and images.
    const ChartPanel* lossChart() const;
    const ChartPanel* retrievalChart() const;
    // The retrieval chart is a view of its own (sme::ViewId::Retrieval) in a cell of its own,
    // fed by this view, so one place receives the snapshots. It belongs to this view until
    // taken (by the grid, or the figure command); the taker keeps it while this view lives.
    std::unique_ptr<ChartPanel> takeRetrievalView();

    // The scores' axis from 0 to 1, or fitted to the curves with some room (the default: the
    // Recall@K curves bunch near the top of a fixed axis); the retrieval chart's context menu.
    void setFullScoreRange(bool full);
    bool fullScoreRange() const { return fullScoreRange_; }

private:
    class Panel;
    struct Curve;
    Curve& curve(int index) const;
    void showCurve(int index) const;
    void addSmoothed(double& sum, double& weight, int index, double x, double value);
    void updateAxes();
    void fitScoreAxis();
    void placeCollapseLabel();
    double collapseLabelPlace(double stepTop) const;
    void clearFullEvaluations();
    QString spreadNote() const; // "; spread 0.93 (dashed)" for the title, empty without one

    Panel* lossPanel_;
    std::unique_ptr<Panel> ownedRetrieval_; // until taken
    Panel* retrievalPanel_;
    QValueAxis* lossStepAxis_;
    QValueAxis* retrievalStepAxis_;
    QValueAxis* lossAxis_;
    QValueAxis* betaAxis_;
    QValueAxis* scoreAxis_;
    QXYSeries* collapseLine_ = nullptr;
    std::vector<QXYSeries*> fullSeries_; // Recall@1 to MAP@R, every held-out point
    long samplePoints_ = 0;              // of the last evaluation: points scored, of held-out ones
    long heldOutPoints_ = 0;
    std::vector<std::unique_ptr<Curve>> curves_;
    // The debiased moving averages of the loss and of beta: sums of weighted values and of
    // the weights.
    double smoothingSum_ = 0.0;
    double smoothingWeight_ = 0.0;
    double betaSum_ = 0.0;
    double betaWeight_ = 0.0;
    bool hasPreviousRun_ = false;
    bool fullScoreRange_ = false;
};
