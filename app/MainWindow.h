// The main window: controls on the left, the views beside them.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>

class DensityChartView;
class QSpinBox;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    DensityChartView* densityView() const { return densityView_; }
    QSpinBox* dimensionBox() const { return dimension_; }

private:
    void recomputeDensity();
    void showAbout();

    DensityChartView* densityView_;
    QSpinBox* dimension_;
    QSpinBox* samples_;
};
