// The one exporter: a view to PNG (true dpi), SVG (vector, text as text) or PDF (vector, one
// page the size of the figure), written atomically. Serves the window and the command line.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSize>
#include <QString>
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
};

// Renders widget in memory, then writes it to path with writeOutput (a temporary file renamed
// into place, so a failure leaves any old file as it was). With a size, the widget
// is resized (and laid out off screen if hidden). Returns an empty string, or a message naming
// the path and the problem (bad options, unwritable folder, path is a folder).
QString exportFigure(QWidget& widget, const QString& path, const FigureExportOptions& options);
