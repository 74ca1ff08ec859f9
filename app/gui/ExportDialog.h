// The export settings a person chooses: format, resolution, size (pixels or centimetres),
// transparent background.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/render/FigureExporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // size: the view's current size, the default.
    ExportDialog(const QSize& size, QWidget* parent = nullptr);
    FigureExportOptions options() const;

private:
    void unitChanged();
    FigureFormat format() const;

    QComboBox* format_;
    QSpinBox* dpi_;
    QComboBox* unit_;
    QDoubleSpinBox* width_;
    QDoubleSpinBox* height_;
    QCheckBox* transparent_;
};
