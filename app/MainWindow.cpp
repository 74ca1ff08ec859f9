// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/MainWindow.h"

#include "model/Error.h"
#include "model/FigureData.h"
#include "model/SphereGeometry.h"
#include "widgets/DensityChartView.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QMenuBar>
#include <QMessageBox>
#include <QSpinBox>
#include <QStatusBar>

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , densityView_(new DensityChartView)
    , dimension_(new QSpinBox)
    , samples_(new QSpinBox)
{
    setWindowTitle(tr("Sampling Matters Explorer"));

    dimension_->setRange(2, 4096);
    dimension_->setValue(128);
    dimension_->setToolTip(tr("Embedding dimension n: the sphere S^(n-1) the embeddings live on."));
    samples_->setRange(0, 5000);
    samples_->setSingleStep(100);
    samples_->setValue(1000);
    samples_->setToolTip(tr("Uniform random points whose pairwise distances make the histogram "
                            "(0 hides it)."));

    auto* geometry = new QGroupBox(tr("Geometry"));
    auto* form = new QFormLayout(geometry);
    form->addRow(tr("Dimension n"), dimension_);
    form->addRow(tr("Monte Carlo points"), samples_);

    auto* central = new QWidget;
    auto* layout = new QHBoxLayout(central);
    layout->addWidget(geometry, 0, Qt::AlignTop);
    layout->addWidget(densityView_, 1);
    setCentralWidget(central);

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, &MainWindow::showAbout);

    connect(dimension_, &QSpinBox::valueChanged, this, &MainWindow::recomputeDensity);
    connect(samples_, &QSpinBox::valueChanged, this, &MainWindow::recomputeDensity);
    recomputeDensity();
    resize(1200, 720);
}

void MainWindow::recomputeDensity()
{
    sme::DensitySettings settings;
    settings.dimension = dimension_->value();
    settings.samples = samples_->value();
    try {
        const sme::DensityFigure figure = sme::densityFigure(settings);
        densityView_->setFigure(figure, settings.dimension);
        statusBar()->showMessage(tr("n = %1: mean distance %2, total variation to the Gaussian "
                                    "limit %3")
                                     .arg(settings.dimension)
                                     .arg(sme::SphereDistanceLaw(settings.dimension).mean(), 0, 'f', 4)
                                     .arg(figure.totalVariation, 0, 'f', 4));
    } catch (const sme::Error& e) {
        statusBar()->showMessage(tr("Cannot compute the density: %1").arg(QString::fromStdString(e.what())));
    }
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Sampling Matters Explorer"),
        tr("<p><b>Sampling Matters Explorer</b> %1</p>"
           "<p>Shows how sampling and losses shape deep embedding learning, after "
           "C.-Y. Wu, R. Manmatha, A. J. Smola and P. Kr\u00e4henb\u00fchl, "
           "<i>Sampling Matters in Deep Embedding Learning</i>, ICCV 2017.</p>"
           "<p>Handwritten digits: UCI \"Optical Recognition of Handwritten Digits\" "
           "(E. Alpaydin, C. Kaynak, 1998), UCI Machine Learning Repository, CC BY 4.0.</p>"
           "<p>Free software under the GNU General Public License, version 3 or later.</p>")
            .arg(QStringLiteral(PROJECT_VERSION)));
}
