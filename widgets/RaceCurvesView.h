// The sampler race's curves: one metric of the four runs overlaid against the step, one colour
// per sampler (samplerColor), at the runs' evaluations.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/sampling/Sampler.h"
#include "model/training/TrainingSnapshot.h"
#include "widgets/ChartPanel.h"

#include <array>
#include <optional>
#include <vector>

class QLineSeries;

class RaceCurvesView : public ChartPanel {
    Q_OBJECT
public:
    // The curves follow the runs' evaluations, like the rows of `sampling-explorer race`: the
    // retrieval metrics on the held-out classes, and the loss as its mean over the steps since
    // the previous evaluation (noisy step losses of four runs on top of each other would hide
    // each other).
    // The spread of the held-out embeddings too (sme::Evaluation::spread): a collapsed run
    // falls to 0 there.
    enum class Metric { RecallAt1, Nmi, MapAtR, Loss, Spread };
    static constexpr std::array<Metric, 5> allMetrics{Metric::RecallAt1, Metric::Nmi, Metric::MapAtR,
                                                      Metric::Loss, Metric::Spread};
    static QString metricName(Metric metric);

    // A long race has thousands of evaluations: each series shows at most this many of them
    // (every k-th, the last always), about one per pixel column of a wide chart.
    static constexpr int maxShownPoints = 2000;

    explicit RaceCurvesView(QWidget* parent = nullptr);

    // What a snapshot of one run brings; a reset snapshot starts that run's curve again.
    void addSnapshot(sme::SamplerKind sampler, const sme::TrainingSnapshot& snapshot);
    void clear();

    void setMetric(Metric metric);
    Metric shownMetric() const { return metric_; }

    const QLineSeries* series(sme::SamplerKind sampler) const { return runs_[std::size_t(sampler)].series; }
    // The run's name as the legend shows it: its sampler and, in words, whether it has collapsed
    // (its last evaluation, with its spread) or stalled (since its last snapshot's step).
    QString runLabel(sme::SamplerKind sampler) const;

private:
    struct Point {
        double step;
        std::array<double, allMetrics.size()> values; // by Metric; NaN where there is none (the loss at step 0)
    };
    struct Run {
        QLineSeries* series = nullptr;
        std::vector<Point> points;
        double lossSum = 0.0; // the steps since the last evaluation
        long lossSteps = 0;
        std::optional<long> stalledSince;
    };
    void show(Run& run) const;
    void updateAxes();

    QValueAxis* stepAxis_;
    QValueAxis* valueAxis_;
    std::array<Run, sme::allSamplerKinds.size()> runs_;
    Metric metric_ = Metric::RecallAt1;
};
