// The control panel: every parameter of the explorer, grouped, each control with a tooltip.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ExplorerParameters.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSlider;
class QSpinBox;

class ControlPanel : public QWidget {
    Q_OBJECT
public:
    explicit ControlPanel(QWidget* parent = nullptr);

    sme::ExplorerParameters parameters() const;
    // Shows the parameters without emitting parametersChanged.
    void setParameters(const sme::ExplorerParameters& parameters);
    void setRunning(bool running);
    // The data set combo box shows this file after the built-in data sets.
    void setDataFile(const QString& path);

    // For tests and the window's shortcuts.
    QSpinBox* dimensionBox() const { return dimension_; }
    QSlider* dimensionSlider() const { return dimensionSlider_; }
    QDoubleSpinBox* learningRateBox() const { return learningRate_; }
    QComboBox* samplerBox() const { return sampler_; }
    QComboBox* lossBox() const { return loss_; }
    QDoubleSpinBox* alphaBox() const { return alpha_; }
    QDoubleSpinBox* betaBox() const { return beta0_; }
    QPushButton* playButton() const { return play_; }
    QComboBox* speedBox() const { return speed_; } // the run bar shows its list

    // n on the log-scale slider: position 0..1000 <-> n = 2^(1 + 11 position / 1000).
    static int dimensionForSlider(int position);
    static int sliderForDimension(int dimension);

signals:
    void parametersChanged(const sme::ExplorerParameters& parameters);
    // A change still under way: the dimension slider is being dragged. Its release, or the
    // value held still, ends it (then parametersChanged).
    void parametersChanging(const sme::ExplorerParameters& parameters);
    // Return, Enter or Esc in a field: the window takes the keyboard back, so that its
    // single-key shortcuts (N, Space, R) work again.
    void fieldLeft();
    void playPauseClicked();
    void stepClicked();
    void resetClicked();
    void openFileRequested();

protected:
    // Return, Enter and Esc leave a field (fieldLeft); N, Space or R, typed into a field that
    // cannot take that character, go to the window's shortcut instead of being swallowed.
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void emitChange();
    void showDataSetLimits(); // controls that mean nothing for the chosen data set are disabled
    void offerFashionMnist();
    QWidget* geometryGroup();
    QWidget* samplingGroup();
    QWidget* lossGroup();
    QWidget* dataGroup();
    QWidget* runGroup();

    bool quiet_ = false; // true while setParameters fills the controls
    QString dataFile_;
    QSpinBox* dimension_;
    QSlider* dimensionSlider_;
    QDoubleSpinBox* gradientNoise_;
    QSpinBox* monteCarloPoints_;
    QComboBox* sampler_;
    QDoubleSpinBox* cutoff_;
    QDoubleSpinBox* nonzeroLossCutoff_;
    QComboBox* loss_;
    QDoubleSpinBox* alpha_;
    QDoubleSpinBox* beta0_;
    QCheckBox* learnClassBeta_;
    QCheckBox* learnImageBeta_;
    QDoubleSpinBox* nu_;
    QComboBox* dataset_;
    QDoubleSpinBox* syntheticNoise_;
    QDoubleSpinBox* labelNoise_;
    QSpinBox* batchClasses_;
    QSpinBox* batchK_;
    QLineEdit* hidden_;
    QDoubleSpinBox* learningRate_;
    QSpinBox* seed_;
    QPushButton* play_;
    QPushButton* step_;
    QPushButton* reset_;
    QComboBox* speed_;
    QSpinBox* stopAfter_;
};
