// The one exporter: a view rendered to PNG, SVG or PDF bytes, written through writeOutput.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/render/FigureExporter.h"

#include "app/io/OutputFile.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImage>
#include <QLayout>
#include <QPointer>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QWidget>
#include <algorithm>
#include <cmath>

namespace {

// The ground under the charts: the window's colour in the screen's look, else the theme's
// (around and between a view's charts), none when transparent.
void paint(QWidget& widget, QPainter& painter, bool windowBackground, const std::optional<QColor>& ground = {})
{
    if (ground)
        painter.fillRect(QRect(QPoint(0, 0), widget.size()), *ground);
    const QWidget::RenderFlags flags = windowBackground ? QWidget::DrawWindowBackground | QWidget::DrawChildren
                                                        : QWidget::DrawChildren;
    widget.render(&painter, QPoint(), QRegion(), flags);
}

// The widget's size and visibility before an export, put back when it ends. A layout holding
// the widget is switched off meanwhile, or it would put the widget back in its cell as soon
// as anything in the window asks for a new layout.
class KeptGeometry {
public:
    explicit KeptGeometry(QWidget& widget)
        : widget_(widget)
        , size_(widget.size())
        , visible_(widget.isVisible())
        , offScreen_(widget.testAttribute(Qt::WA_DontShowOnScreen))
        , layout_(widget.parentWidget() ? widget.parentWidget()->layout() : nullptr)
    {
        if (layout_ && layout_->isEnabled())
            layout_->setEnabled(false);
        else
            layout_ = nullptr;
    }
    ~KeptGeometry()
    {
        widget_.resize(size_);
        if (!visible_) {
            widget_.hide();
            widget_.setAttribute(Qt::WA_DontShowOnScreen, offScreen_);
        }
        if (layout_) {
            layout_->setEnabled(true);
            layout_->invalidate();
        }
    }

private:
    QWidget& widget_;
    QSize size_;
    bool visible_;
    bool offScreen_;
    QPointer<QLayout> layout_;
};

// Gives widget the size asked for (laid out off screen if hidden); empty, or why it cannot.
QString resizeForExport(QWidget& widget, const QSize& asked)
{
    if (asked.width() > maximumFigureSide || asked.height() > maximumFigureSide)
        return QStringLiteral("a figure can be at most %1 x %1 pixels").arg(maximumFigureSide);
    if (!widget.isVisible()) {
        widget.setAttribute(Qt::WA_DontShowOnScreen);
        widget.show();
    }
    widget.resize(asked);
    QCoreApplication::processEvents(); // lay the charts out at the new size
    if (widget.size() != asked) {
        const QSize least = widget.minimumSizeHint().expandedTo(widget.minimumSize());
        return QStringLiteral("this view needs at least %1 x %2 pixels (asked for %3 x %4)")
            .arg(least.width()).arg(least.height()).arg(asked.width()).arg(asked.height());
    }
    return {};
}

// widget drawn at size into the format's bytes; nullopt when the encoder fails.
std::optional<QByteArray> encodeFigure(QWidget& widget, const QSize& size, const FigureExportOptions& options)
{
    QByteArray encoded;
    QBuffer buffer(&encoded);
    buffer.open(QIODevice::WriteOnly);
    const bool transparent = options.transparent && options.format == FigureFormat::Png;
    const ExportLook look(widget, {options.theme, transparent, options.showTitle, options.legend});
    QCoreApplication::processEvents(); // lay the charts out in the new look
    // The screen's look keeps the window colour around the charts; the others are plain.
    const bool windowBackground = !transparent && options.theme == FigureTheme::Light;
    const std::optional<QColor> ground = transparent || windowBackground ? std::nullopt
                                                                         : std::optional(figureBackground(options.theme));
    bool written = true;
    switch (options.format) {
    case FigureFormat::Png: {
        const double scale = options.dpi / 96.0;
        QImage image(figurePixels(size, options.dpi), QImage::Format_ARGB32_Premultiplied);
        image.fill(transparent ? Qt::transparent : Qt::white);
        image.setDotsPerMeterX(int(std::lround(options.dpi / 0.0254)));
        image.setDotsPerMeterY(int(std::lround(options.dpi / 0.0254)));
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.scale(scale, scale); // vectors drawn at the full resolution, not an upscaled bitmap
        paint(widget, painter, windowBackground, ground);
        painter.end();
        written = image.save(&buffer, "PNG");
        break;
    }
    case FigureFormat::Svg: {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setResolution(96); // user units are 96-dpi pixels
        generator.setTitle(QStringLiteral("Sampling Matters Explorer"));
        QPainter painter(&generator);
        paint(widget, painter, windowBackground, ground);
        written = painter.end();
        break;
    }
    case FigureFormat::Pdf: {
        QPdfWriter writer(&buffer);
        writer.setCreator(QStringLiteral("Sampling Matters Explorer"));
        writer.setResolution(96);
        const QSizeF millimetres(size.width() * 25.4 / 96.0, size.height() * 25.4 / 96.0);
        writer.setPageSize(QPageSize(millimetres, QPageSize::Millimeter, QString(), QPageSize::ExactMatch));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QPainter painter(&writer);
        paint(widget, painter, windowBackground, ground);
        written = painter.end();
        break;
    }
    }
    if (!written)
        return std::nullopt;
    return encoded;
}

} // namespace


std::optional<FigureFormat> figureFormatFromName(const QString& name)
{
    const QString lower = name.toLower();
    if (lower == QLatin1String("png"))
        return FigureFormat::Png;
    if (lower == QLatin1String("svg"))
        return FigureFormat::Svg;
    if (lower == QLatin1String("pdf"))
        return FigureFormat::Pdf;
    return std::nullopt;
}

QString figureFormatSuffix(FigureFormat format)
{
    switch (format) {
    case FigureFormat::Png: return QStringLiteral("png");
    case FigureFormat::Svg: return QStringLiteral("svg");
    case FigureFormat::Pdf: return QStringLiteral("pdf");
    }
    return {};
}

QSize figurePixels(const QSize& size, int dpi)
{
    const double scale = dpi / 96.0;
    return {int(std::lround(size.width() * scale)), int(std::lround(size.height() * scale))};
}

QSize figureSizeFor(const QSize& shown, double widthCm)
{
    const int width = int(std::lround(widthCm / 2.54 * 96.0));
    if (shown.isEmpty())
        return {width, width * 3 / 4};
    const int height = int(std::lround(double(width) * shown.height() / shown.width()));
    return {width, std::clamp(height, 100, maximumFigureSide)};
}

QString exportFigure(QWidget& widget, const QString& path, const FigureExportOptions& options)
{
    if (options.dpi < minimumFigureDpi || options.dpi > maximumFigureDpi)
        return QStringLiteral("the resolution must be between %1 and %2 dpi, not %3")
            .arg(minimumFigureDpi).arg(maximumFigureDpi).arg(options.dpi);
    const KeptGeometry kept(widget);
    if (!options.size.isEmpty())
        if (const QString problem = resizeForExport(widget, options.size); !problem.isEmpty())
            return problem;
    const QSize size = widget.size();
    if (size.isEmpty())
        return QStringLiteral("the figure has no size");
    if (const QString problem = outputProblem(path); !problem.isEmpty())
        return problem;
    // Encoded in memory first, then handed to the one writer (temporary file, checked write,
    // rename): an encoder that meets a full disk half-way may neither notice nor clean up.
    const std::optional<QByteArray> encoded = encodeFigure(widget, size, options);
    if (!encoded)
        return QStringLiteral("cannot write '%1': the %2 could not be produced")
            .arg(path, figureFormatSuffix(options.format).toUpper());
    return writeOutput(path, *encoded);
}

QString inspectAsExported(QWidget& widget, const FigureExportOptions& options, const std::function<void()>& inspect)
{
    const KeptGeometry kept(widget);
    if (!options.size.isEmpty())
        if (const QString problem = resizeForExport(widget, options.size); !problem.isEmpty())
            return problem;
    const bool transparent = options.transparent && options.format == FigureFormat::Png;
    const ExportLook look(widget, {options.theme, transparent, options.showTitle, options.legend});
    QCoreApplication::processEvents(); // as encodeFigure lays the charts out in the look
    inspect();
    return {};
}
