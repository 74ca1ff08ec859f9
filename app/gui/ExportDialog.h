// The export settings a person chooses for a view (named in the title) or for every view:
// format, resolution, size (pixels or centimetres), look, title, legend, transparency; the
// output size in real pixels; the choices remembered in the settings.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/render/FigureExporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

// The size a view is exported at (options().size): exactly the size asked for, or the width
// asked for (or a sensible one) in the shape of the view as shown, at least `least` (the view's
// minimum: a wide view's shape would otherwise ask for less height than it can be drawn in).
QSize exportSize(const QSize& asked, const QSize& shown, const QSize& least = {});

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // viewTitle: the view exported, named in the window title; empty: every view, each in its
    // own shape (only the width is asked for). shown: the view's size on screen, whose shape
    // the figure keeps. The other choices are the last ones (settings::exportChoices).
    ExportDialog(const QString& viewTitle, const QSize& shown, QWidget* parent = nullptr);
    // options().size: for every view, the width and no height.
    FigureExportOptions options() const;
    // "1075 × 1403 pixels at 300 dpi" (PNG) or "16.0 × 20.9 cm, vector" (SVG, PDF); for
    // every view, the width alone.
    QString sizeText() const;
    // Remembers the choices, then closes.
    void accept() override;

private:
    void buildForm();
    void unitChanged();
    void widthChanged();
    void update();
    FigureFormat format() const;
    double pixelsPerUnit() const;

    bool everyView_;
    double aspect_; // height / width of the view on screen
    QComboBox* format_;
    QSpinBox* dpi_;
    QComboBox* unit_;
    QDoubleSpinBox* width_;
    QDoubleSpinBox* height_;
    QComboBox* theme_;
    QCheckBox* title_;
    QComboBox* legend_;
    QCheckBox* transparent_;
    QLabel* size_;
};
