// The look of an exported figure (publication, light as on screen, dark), put on the views for
// the export and taken off afterwards, so a window's view looks exactly as before.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QPointer>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QChartView;
class QColor;

// publication: white (or transparent), no card, small margins, fonts in points, data lines
// heavier than the grid. light: the screen's look. dark: publication on a dark ground.
enum class FigureTheme { Publication, Light, Dark };
enum class FigureLegend { Top, Bottom, Hidden };

struct FigureLook {
    FigureTheme theme = FigureTheme::Publication;
    bool transparent = false;
    bool showTitle = true;
    FigureLegend legend = FigureLegend::Top;
};

// Widgets carrying this property (true) are interactive overlays (the triplet inspector's box
// and its ×): hidden while an export draws their parent, shown again afterwards.
inline constexpr char hiddenInExportsProperty[] = "smeHiddenInExports";

// Line weights of every theme, in pixels at 96 dpi, scaled with the figure like the text
// (non-cosmetic pens): the grid hairline, and the least width of a data line (beta's 1-px
// line and the grid's 0.5 give the ratio 2 at any dpi).
inline constexpr double exportGridWidth = 0.5;
inline constexpr double exportLeastDataWidth = 1.0;

// The look applied to every chart under root while the object lives; the destructor puts back
// every property it changed and shows the overlays it hid.
class ExportLook {
public:
    ExportLook(QWidget& root, const FigureLook& look);
    ~ExportLook();
    ExportLook(const ExportLook&) = delete;
    ExportLook& operator=(const ExportLook&) = delete;

    struct SavedChart; // one chart view's properties before the export

private:
    std::vector<std::unique_ptr<SavedChart>> saved_;
    std::vector<QPointer<QWidget>> hiddenOverlays_;
};

// The colour of a theme's ground (publication: white; dark: the dark theme's, as
// widgets/PresentationStyle's applyDarkTheme paints the charts).
QColor figureBackground(FigureTheme theme);

// "publication", "light", "dark": the names of the figure command and the settings.
QString figureThemeName(FigureTheme theme);
std::optional<FigureTheme> figureThemeFromName(const QString& name);
// "top", "bottom", "none".
QString figureLegendName(FigureLegend legend);
std::optional<FigureLegend> figureLegendFromName(const QString& name);
