// The export dialog: what is exported, in which look and at which size, remembered.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/ExportDialog.h"

#include "app/gui/Settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>
#include <algorithm>
#include <cmath>
#include <utility>

namespace {
constexpr double pixelsPerCentimetre = 96.0 / 2.54; // sizes are pixels at 96 dpi
}

ExportDialog::ExportDialog(const QString& viewTitle, const QSize& shown, QWidget* parent)
    : QDialog(parent)
    , everyView_(viewTitle.isEmpty())
    , aspect_(shown.isEmpty() ? 0.75 : double(shown.height()) / shown.width())
    , format_(new QComboBox)
    , dpi_(new QSpinBox)
    , unit_(new QComboBox)
    , width_(new QDoubleSpinBox)
    , height_(new QDoubleSpinBox)
    , theme_(new QComboBox)
    , title_(new QCheckBox(tr("Show the title")))
    , legend_(new QComboBox)
    , transparent_(new QCheckBox(tr("Transparent background (PNG)")))
    , size_(new QLabel)
{
    setWindowTitle(everyView_ ? tr("Export every view") : tr("Export \u201C%1\u201D").arg(viewTitle));
    buildForm();
    const settings::ExportChoices last = settings::exportChoices();
    const FigureExportOptions& o = last.options;
    format_->setCurrentIndex(format_->findData(int(o.format)));
    dpi_->setValue(o.dpi);
    theme_->setCurrentIndex(theme_->findData(int(o.theme)));
    title_->setChecked(o.showTitle);
    legend_->setCurrentIndex(legend_->findData(int(o.legend)));
    transparent_->setChecked(o.transparent);
    width_->setValue(o.size.width());
    widthChanged();
    if (last.centimetres)
        unit_->setCurrentIndex(1); // converts both sizes
    update();
}

void ExportDialog::buildForm()
{
    format_->addItem(tr("PNG image"), int(FigureFormat::Png));
    format_->addItem(tr("SVG (vector)"), int(FigureFormat::Svg));
    format_->addItem(tr("PDF (vector)"), int(FigureFormat::Pdf));
    dpi_->setRange(minimumFigureDpi, maximumFigureDpi);
    dpi_->setSuffix(tr(" dpi"));
    dpi_->setToolTip(tr("PNG resolution; the physical size stays the same."));
    unit_->addItems({tr("pixels at 96 dpi"), tr("centimetres")});
    for (QDoubleSpinBox* box : {width_, height_}) {
        box->setRange(100, maximumFigureSide);
        box->setDecimals(0);
    }
    theme_->addItem(tr("Publication (white, no card)"), int(FigureTheme::Publication));
    theme_->addItem(tr("As on screen"), int(FigureTheme::Light));
    theme_->addItem(tr("Dark"), int(FigureTheme::Dark));
    legend_->addItem(tr("Above the plot"), int(FigureLegend::Top));
    legend_->addItem(tr("Below the plot"), int(FigureLegend::Bottom));
    legend_->addItem(tr("None"), int(FigureLegend::Hidden));
    // Named, so tests (and accessibility tools) can find each choice.
    const std::pair<QWidget*, const char*> names[] = {{format_, "format"}, {dpi_, "dpi"}, {unit_, "unit"},
                                                      {width_, "width"}, {height_, "height"}, {theme_, "theme"},
                                                      {title_, "title"}, {legend_, "legend"},
                                                      {transparent_, "transparent"}, {size_, "outputSize"}};
    for (const auto& [widget, name] : names)
        widget->setObjectName(QLatin1String(name));
    auto* form = new QFormLayout(this);
    // The view's name inside the dialog too: a window title may be cut or not shown at all.
    auto* heading = new QLabel(QStringLiteral("<b>%1</b>").arg(windowTitle().toHtmlEscaped()));
    heading->setObjectName(QStringLiteral("heading"));
    heading->setWordWrap(true);
    form->addRow(heading);
    form->addRow(tr("Format"), format_);
    form->addRow(tr("Resolution"), dpi_);
    form->addRow(tr("Size in"), unit_);
    form->addRow(tr("Width"), width_);
    if (everyView_) {
        height_->hide();
        form->addRow(new QLabel(tr("Each view keeps its own shape.")));
    } else {
        form->addRow(tr("Height"), height_);
    }
    form->addRow(tr("Output"), size_);
    form->addRow(tr("Look"), theme_);
    form->addRow(tr("Legend"), legend_);
    form->addRow(title_);
    form->addRow(transparent_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(unit_, &QComboBox::currentIndexChanged, this, &ExportDialog::unitChanged);
    connect(width_, &QDoubleSpinBox::valueChanged, this, &ExportDialog::widthChanged);
    connect(height_, &QDoubleSpinBox::valueChanged, this, &ExportDialog::update);
    connect(dpi_, &QSpinBox::valueChanged, this, &ExportDialog::update);
    connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::update);
}

double ExportDialog::pixelsPerUnit() const
{
    return unit_->currentIndex() == 1 ? pixelsPerCentimetre : 1.0;
}

void ExportDialog::unitChanged()
{
    const bool centimetres = unit_->currentIndex() == 1;
    const QSignalBlocker blockWidth(width_), blockHeight(height_);
    for (QDoubleSpinBox* box : {width_, height_}) {
        const double value = box->value();
        box->setDecimals(centimetres ? 2 : 0);
        box->setRange(100 / pixelsPerUnit(), maximumFigureSide / pixelsPerUnit());
        box->setValue(centimetres ? value / pixelsPerCentimetre : std::round(value * pixelsPerCentimetre));
    }
    update();
}

// The height follows the width in the view's shape (it can still be set apart afterwards).
void ExportDialog::widthChanged()
{
    const QSignalBlocker block(height_);
    height_->setValue(width_->value() * aspect_);
    update();
}

void ExportDialog::update()
{
    const bool png = format() == FigureFormat::Png; // the only format with pixels and transparency
    dpi_->setEnabled(png);
    transparent_->setEnabled(png);
    size_->setText(sizeText());
}

QString ExportDialog::sizeText() const
{
    const FigureExportOptions o = options();
    const bool png = o.format == FigureFormat::Png;
    const QSize pixels = figurePixels(o.size, o.dpi);
    if (everyView_)
        return png ? tr("%1 pixels wide at %2 dpi").arg(pixels.width()).arg(o.dpi)
                   : tr("%1 cm wide, vector").arg(o.size.width() / pixelsPerCentimetre, 0, 'f', 1);
    if (!png)
        return tr("%1 \u00D7 %2 cm, vector")
            .arg(o.size.width() / pixelsPerCentimetre, 0, 'f', 1)
            .arg(o.size.height() / pixelsPerCentimetre, 0, 'f', 1);
    return tr("%1 \u00D7 %2 pixels at %3 dpi").arg(pixels.width()).arg(pixels.height()).arg(o.dpi);
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
    const double scale = pixelsPerUnit();
    options.size = QSize(int(std::lround(width_->value() * scale)),
                         everyView_ ? 0 : int(std::lround(height_->value() * scale)));
    options.transparent = transparent_->isChecked();
    options.theme = FigureTheme(theme_->currentData().toInt());
    options.showTitle = title_->isChecked();
    options.legend = FigureLegend(legend_->currentData().toInt());
    return options;
}

void ExportDialog::accept()
{
    settings::ExportChoices choices = settings::exportChoices(); // keeps the folder
    choices.options = options();
    choices.centimetres = unit_->currentIndex() == 1;
    settings::setExportChoices(choices);
    QDialog::accept();
}

QSize exportSize(const QSize& asked, const QSize& shown, const QSize& least)
{
    if (asked.height() > 0 && asked.width() > 0)
        return asked;
    const QSize natural = figureSizeFor(shown);
    if (asked.width() <= 0)
        return natural.expandedTo(least);
    const int height = std::max(100, int(std::lround(double(asked.width()) * natural.height() / natural.width())));
    return {asked.width(), std::max(height, least.height())};
}
