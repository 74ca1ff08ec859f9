// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/ExportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QSpinBox>
#include <cmath>

namespace {
constexpr double pixelsPerCentimetre = 96.0 / 2.54; // sizes are pixels at 96 dpi
}

ExportDialog::ExportDialog(const QSize& size, QWidget* parent)
    : QDialog(parent)
    , format_(new QComboBox)
    , dpi_(new QSpinBox)
    , unit_(new QComboBox)
    , width_(new QDoubleSpinBox)
    , height_(new QDoubleSpinBox)
    , transparent_(new QCheckBox(tr("Transparent background (PNG)")))
{
    setWindowTitle(tr("Export"));
    format_->addItem(tr("PNG image"), int(FigureFormat::Png));
    format_->addItem(tr("SVG (vector)"), int(FigureFormat::Svg));
    format_->addItem(tr("PDF (vector)"), int(FigureFormat::Pdf));
    dpi_->setRange(minimumFigureDpi, maximumFigureDpi);
    dpi_->setValue(300);
    dpi_->setSuffix(tr(" dpi"));
    dpi_->setToolTip(tr("PNG resolution; the physical size stays the same."));
    unit_->addItems({tr("pixels"), tr("centimetres")});
    for (QDoubleSpinBox* box : {width_, height_}) {
        box->setRange(100, maximumFigureSide);
        box->setDecimals(0);
    }
    width_->setValue(size.width());
    height_->setValue(size.height());
    auto* form = new QFormLayout(this);
    form->addRow(tr("Format"), format_);
    form->addRow(tr("Resolution"), dpi_);
    form->addRow(tr("Size in"), unit_);
    form->addRow(tr("Width"), width_);
    form->addRow(tr("Height"), height_);
    form->addRow(transparent_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(unit_, &QComboBox::currentIndexChanged, this, &ExportDialog::unitChanged);
    connect(format_, &QComboBox::currentIndexChanged, this, [this] {
        const bool png = format() == FigureFormat::Png; // the only format with pixels and transparency
        dpi_->setEnabled(png);
        transparent_->setEnabled(png);
    });
}

void ExportDialog::unitChanged()
{
    const bool centimetres = unit_->currentIndex() == 1;
    for (QDoubleSpinBox* box : {width_, height_}) {
        const double value = box->value();
        box->setDecimals(centimetres ? 2 : 0);
        box->setRange(centimetres ? 100 / pixelsPerCentimetre : 100,
                      centimetres ? maximumFigureSide / pixelsPerCentimetre : maximumFigureSide);
        box->setValue(centimetres ? value / pixelsPerCentimetre : std::round(value * pixelsPerCentimetre));
    }
}

FigureFormat ExportDialog::format() const
{
    return FigureFormat(format_->currentData().toInt());
}

FigureExportOptions ExportDialog::options() const
{
    FigureExportOptions options;
    options.format = format();
    options.dpi = dpi_->value();
    const double scale = unit_->currentIndex() == 1 ? pixelsPerCentimetre : 1.0;
    options.size = QSize(int(std::lround(width_->value() * scale)), int(std::lround(height_->value() * scale)));
    options.transparent = transparent_->isChecked();
    return options;
}
