// Benchmark: the time of `figure all` for the idealised views at n = 128 (the numbers, the four
// views filled, and their PNG, SVG and PDF files), excluding the training run. Prints figures;
// asserts nothing about time.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/render/FigureExporter.h"
#include "app/render/FigureViews.h"
#include "widgets/DensityChartView.h"
#include "widgets/GradientVarianceView.h"
#include "widgets/LossFunctionsView.h"
#include "widgets/SampledDistancesView.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <cstdio>

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;
    std::printf("figure all, idealised views at n = 128, 800 x 560 (target: under 2 s)\n");
    for (FigureFormat format : {FigureFormat::Png, FigureFormat::Svg, FigureFormat::Pdf}) {
        for (int round = 0; round < 3; ++round) {
            QElapsedTimer clock;
            clock.start();
            sme::ExplorerParameters parameters;
            const sme::IdealisedFigures figures = sme::computeIdealisedFigures(parameters);
            const qint64 computed = clock.elapsed();
            DensityChartView density;
            GradientVarianceView gradient;
            SampledDistancesView sampled;
            LossFunctionsView losses;
            showIdealisedFigures(figures, parameters, density, gradient, &sampled, losses);
            FigureExportOptions options;
            options.format = format;
            options.size = QSize(800, 560);
            int index = 0;
            for (QWidget* view : {static_cast<QWidget*>(&density), static_cast<QWidget*>(&gradient),
                                  static_cast<QWidget*>(&sampled), static_cast<QWidget*>(&losses)}) {
                const QString path = dir.filePath(QStringLiteral("view%1.%2").arg(index++).arg(figureFormatSuffix(format)));
                if (const QString failure = exportFigure(*view, path, options); !failure.isEmpty()) {
                    std::fprintf(stderr, "%s\n", qPrintable(failure));
                    return 1;
                }
            }
            std::printf("  %s round %d: %5lld ms in all (%lld ms computing the numbers)\n",
                        qPrintable(figureFormatSuffix(format)), round + 1, clock.elapsed(), computed);
        }
    }
    return 0;
}
