// The one exporter: a view to PNG (true dpi), SVG (vector, text as text) or PDF (vector, one
// page the size of the figure), written atomically. Serves the window and the command line.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/render/PublicationStyle.h"

#include <QSize>
#include <QString>
#include <functional>
#include <optional>

class QWidget;

enum class FigureFormat { Png, Svg, Pdf };

// "png", "svg", "pdf" (any case); nullopt otherwise.
std::optional<FigureFormat> figureFormatFromName(const QString& name);
QString figureFormatSuffix(FigureFormat format);

// What the exporter takes; the export dialog offers the same.
inline constexpr int minimumFigureDpi = 96;
inline constexpr int maximumFigureDpi = 600;
inline constexpr int maximumFigureSide = 20000; // pixels at 96 dpi

struct FigureExportOptions {
    FigureFormat format = FigureFormat::Png;
    int dpi = 96;             // PNG: 96 to 600; the physical size is kept (pixels = size * dpi / 96)
    QSize size;               // in pixels at 96 dpi; empty: the widget's current size
    bool transparent = false; // PNG: no background
    FigureTheme theme = FigureTheme::Publication;
    bool showTitle = true;
    FigureLegend legend = FigureLegend::Top;
};

// The pixels a PNG of size (at 96 dpi) has at dpi: what the dialog announces.
QSize figurePixels(const QSize& size, int dpi);

// A figure of about widthCm centimetres wide with the shape of a view shown at shown (its
// aspect on screen), in pixels at 96 dpi, never under 100 pixels a side.
inline constexpr double defaultFigureWidthCm = 16.0;
QSize figureSizeFor(const QSize& shown, double widthCm = defaultFigureWidthCm);

// Renders widget in memory in the options' look (PublicationStyle.h; overlays marked
// hiddenInExportsProperty left out), then writes it to path with writeOutput (a temporary file
// renamed into place, so a failure leaves any old file as it was). With a size, the widget
// is resized (and laid out off screen if hidden). Afterwards the widget has its look, size and
// visibility back (a parent layout may then resize it again). Returns an empty string, or a
// message naming the path and the problem (bad options, unwritable folder, path is a folder).
QString exportFigure(QWidget& widget, const QString& path, const FigureExportOptions& options);

// Lays widget out as exportFigure draws it (the size, the look, overlays left out), calls
// inspect while it is so, then puts everything back: what a test of the figure's texts walks.
// Empty, or why the widget cannot take the size.
QString inspectAsExported(QWidget& widget, const FigureExportOptions& options, const std::function<void()>& inspect);
