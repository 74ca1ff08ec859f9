// The ablation grid window: every sampler x loss on the main window's data and parameters, its
// Recall@1 filled into a heat map cell by cell, with progress, cancel and export.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/render/FigureExporter.h"
#include "model/data/Dataset.h"
#include "model/figures/ExplorerParameters.h"
#include "model/training/Trainer.h"

#include <QWidget>
#include <optional>

class AblationController;
class AblationHeatMap;
class MessageBanner;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

class AblationWindow : public QWidget {
    Q_OBJECT
public:
    // Loads the data and the settings from the explorer's parameters as `ablate` would read
    // them from its options (the sampler and loss among them are ignored: the grid has all).
    // When the data cannot be loaded the window says why and Start stays disabled.
    explicit AblationWindow(const sme::ExplorerParameters& parameters, QWidget* parent = nullptr);
    ~AblationWindow() override;

    AblationController* controller() const { return controller_; }
    AblationHeatMap* heatMap() const { return heatMap_; }
    QSpinBox* stepsBox() const { return steps_; }
    QSpinBox* seedsBox() const { return seeds_; }
    QPushButton* startButton() const { return start_; }
    QPushButton* cancelButton() const { return cancel_; }
    QProgressBar* progressBar() const { return progress_; }
    QLabel* statusLabel() const { return status_; }

    // Starts the grid with the steps and seeds shown; false when it cannot (running, no data).
    bool startGrid();
    // The cells finished so far as a table, by the path's suffix: .csv (as `ablate -o`), .md
    // (as --markdown) or .tex (as --latex). Empty, or a message naming the path.
    QString exportTable(const QString& path) const;
    // The heat map through the one exporter. Empty, or a message.
    QString exportHeatMap(const QString& path, const FigureExportOptions& options);

private:
    void buildLayout();
    void connectController();
    void loadData(const sme::ExplorerParameters& parameters);
    void showRunning(bool running);
    void chooseTableFile();
    void chooseFigureFile();

    AblationController* controller_;
    AblationHeatMap* heatMap_;
    MessageBanner* banner_;
    QSpinBox* steps_;
    QSpinBox* seeds_;
    QPushButton* start_;
    QPushButton* cancel_;
    QPushButton* exportTable_;
    QPushButton* exportFigure_;
    QProgressBar* progress_;
    QLabel* status_;
    QLabel* dataLabel_;
    std::optional<sme::DataSplit> data_;
    sme::TrainerSettings settings_;
};
