// The sampler race window: the four runs' curves overlaid and their embedding maps side by
// side, with play/pause, step, reset and the loss acting on all four.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ExplorerParameters.h"
#include "model/sampling/Sampler.h"
#include "model/training/TrainingSnapshot.h"

#include <QWidget>
#include <array>
#include <memory>

class EmbeddingMapView;
class MessageBanner;
class QComboBox;
class QGridLayout;
class QLabel;
class QPushButton;
class RaceController;
class RaceCurvesView;

class RaceWindow : public QWidget {
    Q_OBJECT
public:
    // Builds the data and the four runs from the explorer's parameters as the main window does
    // (the sampler among them is ignored: the race has all four). When the data cannot be
    // loaded the window says why and its controls stay disabled.
    explicit RaceWindow(const sme::ExplorerParameters& parameters, QWidget* parent = nullptr);
    ~RaceWindow() override;

    RaceController* race() const { return race_; }
    RaceCurvesView* curves() const { return curves_; }
    EmbeddingMapView* map(sme::SamplerKind sampler) const { return maps_[std::size_t(sampler)]; }
    // The name above a run's map: its sampler, and whether it has collapsed or stalled.
    QLabel* mapName(sme::SamplerKind sampler) const { return mapNames_[std::size_t(sampler)]; }
    QPushButton* playButton() const { return play_; }
    QPushButton* stepButton() const { return step_; }
    QPushButton* resetButton() const { return reset_; }
    QComboBox* lossSelector() const { return loss_; }
    QComboBox* metricSelector() const { return metric_; }
    QLabel* stepLabel() const { return stepLabel_; }
    MessageBanner* banner() const { return banner_; }

signals:
    void snapshotShown(); // after a snapshot of any run reached the views

private:
    void fitToScreen();
    void buildLayout();
    QGridLayout* mapGrid();
    void connectRace();
    void configureRace(const sme::ExplorerParameters& parameters);
    void onSnapshot(sme::SamplerKind sampler, std::shared_ptr<const sme::TrainingSnapshot> snapshot);
    void togglePlay();
    void showSteps();

    RaceController* race_;
    RaceCurvesView* curves_;
    std::array<EmbeddingMapView*, 4> maps_{};
    std::array<QLabel*, 4> mapNames_{};
    MessageBanner* banner_;
    QPushButton* play_;
    QPushButton* step_;
    QPushButton* reset_;
    QComboBox* loss_;
    QComboBox* metric_;
    QLabel* stepLabel_;
};
