// Axes whose text fits them: round ticks for the axis' length, log axes that skip decades,
// titles that shrink and wrap.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "widgets/AxisTicks.h"

#include <QFontMetricsF>
#include <QLocale>
#include <QLogValueAxis>
#include <QTextBoundaryFinder>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace {

// What ChartPanel and these functions remember on an axis (dynamic properties).
const char* const roundTicksProperty = "smeRoundTicks";   // ticks are ours to fit
const char* const lengthProperty = "smeAxisLength";       // pixels, from the last layout
const char* const fullTitleProperty = "smeFullTitle";     // the title as the view set it
const char* const shownTitleProperty = "smeShownTitle";   // the title as we set it (wrapped)
const char* const shownFontProperty = "smeShownTitleFont";
const char* const baseTitleFontProperty = "smeBaseTitleFont"; // the font as the style set it

constexpr int maximumIntervals = 10;

// Pixels a tick label needs along the axis: the widest label and a gap of about an em, or two
// lines on a vertical axis.
double tickExtent(const QValueAxis* axis, double step)
{
    const QFontMetricsF metrics(axis->labelsFont());
    if (axis->orientation() == Qt::Vertical)
        return 2.2 * metrics.height();
    const int decimals = tickDecimals(step);
    double widest = 0.0;
    for (double value : {std::ceil(axis->min() / step) * step, std::floor(axis->max() / step) * step})
        widest = std::max(widest, metrics.horizontalAdvance(QLocale::c().toString(value, 'f', decimals)));
    return widest + 1.2 * metrics.height();
}

// The round step whose labels fit along length: start dense, then widen while the labels need
// more room than the step leaves them (wider steps have fewer decimals, so this settles).
double fittedStep(const QValueAxis* axis, double length)
{
    const double span = axis->max() - axis->min();
    double step = roundTickStep(span, maximumIntervals);
    for (int pass = 0; pass < 4; ++pass) {
        const int room = std::clamp(int(length / tickExtent(axis, step)), 1, maximumIntervals);
        const double wider = roundTickStep(span, room);
        if (wider <= step)
            break;
        step = wider;
    }
    return step;
}

// Qt Charts gives a vertical axis' title the room of the tick labels' width plus the title's
// height, less the width of "..." (the narrowest a label may be elided to): with labels
// narrower than "..." (0, 1, 2) the title no longer fits and becomes "..." itself, drawn "⋮"
// (seen with 密度 and 损失). Such labels are padded with non-breaking spaces (labels are HTML)
// on the side away from the plot, where they show as nothing.
QString paddedFormat(const QValueAxis* axis, const QString& format, double step)
{
    if (axis->orientation() != Qt::Vertical)
        return format;
    const QFontMetricsF metrics(axis->labelsFont());
    double widest = 0.0;
    for (double value : {std::round(axis->min() / step) * step, std::round(axis->max() / step) * step})
        widest = std::max(widest, metrics.horizontalAdvance(QString::asprintf(qPrintable(format), value)));
    const double missing = metrics.horizontalAdvance(QStringLiteral("...")) + 2.0 - widest;
    if (missing <= 0.0)
        return format;
    const QString pad = QStringLiteral("&nbsp;").repeated(int(std::ceil(missing / metrics.horizontalAdvance(QChar(0xA0)))));
    return axis->alignment() & Qt::AlignRight ? format + pad : pad + format;
}

bool setFormat(QValueAxis* axis, const QString& format)
{
    if (axis->labelFormat() == format)
        return false;
    axis->setLabelFormat(format);
    return true;
}

// Qt Charts draws dynamic ticks from the first at or above the minimum, adding the interval
// while the value stays at or below the maximum. In floating point a tick exactly on an end
// (0 to 1 by 0.2) came and went with the rounding, and the tick at 0 came out as -2.8e-17
// (printed "-5.6e-17", or "-0.0"). So the ticks are steered by a hair (1e-10 of a step, far
// above the rounding, far below a pixel or a printed digit): the interval is that much shorter
// per step, so the last tick stays at or below the maximum, and the first tick that much higher
// per step it lies below 0, plus half, so the tick at 0 is a hair above 0 and prints as 0.
bool applyStep(QValueAxis* axis, double step)
{
    constexpr double hair = 1e-10;
    double first = std::round(axis->min() / step) * step;
    if (first < axis->min())
        first = std::ceil(axis->min() / step - hair) * step;
    const double stepsBelowZero = std::max(0.0, std::round(-first / step));
    const double anchor = std::max(first, axis->min()) + (stepsBelowZero + 0.5) * hair * step;
    const double interval = step * (1.0 - hair);
    bool changed = false;
    if (axis->tickType() != QValueAxis::TicksDynamic) {
        axis->setTickType(QValueAxis::TicksDynamic);
        changed = true;
    }
    if (axis->tickAnchor() != anchor) {
        axis->setTickAnchor(anchor);
        changed = true;
    }
    if (axis->tickInterval() != interval) {
        axis->setTickInterval(interval);
        changed = true;
    }
    return setFormat(axis, paddedFormat(axis, tickLabelFormat(step), step)) || changed;
}

// Ticks at every power of base, base a power of ten: wide enough that the labels fit.
bool fitLogAxis(QLogValueAxis* axis, double length)
{
    if (!(axis->min() > 0.0 && axis->max() > axis->min()))
        return false;
    const QFontMetricsF metrics(axis->labelsFont());
    const double extent = axis->orientation() == Qt::Vertical
                              ? 2.2 * metrics.height()
                              : metrics.horizontalAdvance(QStringLiteral("1e-05")) + 1.2 * metrics.height();
    const double decades = std::log10(axis->max() / axis->min());
    const int room = std::max(1, int(length / extent));
    const double base = std::pow(10.0, std::max(1.0, std::ceil(decades / room)));
    if (axis->base() == base)
        return false;
    axis->setBase(base);
    return true;
}

QFont scaledFont(QFont font, double scale)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * scale);
    else if (font.pixelSize() > 0)
        font.setPixelSize(std::max(1, int(std::floor(font.pixelSize() * scale))));
    return font;
}

double pointSize(const QFont& font)
{
    return font.pointSizeF() > 0 ? font.pointSizeF() : font.pixelSize() * 0.75;
}

// text in lines no wider than width, broken where the script allows (spaces; between CJK
// characters), joined by <br> (Qt Charts draws axis titles as HTML).
QString wrapped(const QString& text, const QFont& font, double width)
{
    const QFontMetricsF metrics(font);
    QStringList lines;
    QString line;
    QTextBoundaryFinder finder(QTextBoundaryFinder::Line, text);
    qsizetype start = 0;
    while (finder.toNextBoundary() != -1) {
        const QString piece = text.mid(start, finder.position() - start);
        start = finder.position();
        if (!line.isEmpty() && metrics.horizontalAdvance((line + piece).trimmed()) > width) {
            lines << line.trimmed().toHtmlEscaped();
            line.clear();
        }
        line += piece;
    }
    if (!line.trimmed().isEmpty())
        lines << line.trimmed().toHtmlEscaped();
    return lines.join(QStringLiteral("<br>"));
}

// A title longer than its axis is shrunk (down to titleFloorScale of its font, never below
// minimumTitlePoints), then wrapped onto as many lines as it needs. Not a shorter text with the
// full one in a tooltip: an exported figure has no tooltip, and every title would need a short
// form in both languages; a title over two lines still says everything.
bool fitTitle(QAbstractAxis* axis, double length)
{
    if (axis->titleText() != axis->property(shownTitleProperty).toString())
        axis->setProperty(fullTitleProperty, axis->titleText()); // the view set a new title
    if (axis->titleFont() != axis->property(shownFontProperty).value<QFont>())
        axis->setProperty(baseTitleFontProperty, axis->titleFont()); // a style set a new font
    const QString full = axis->property(fullTitleProperty).toString();
    const QFont base = axis->property(baseTitleFontProperty).value<QFont>();
    QFont font = base;
    QString text = full;
    const double room = length - 14.0; // Qt measures the title with a margin of a few pixels around it
    const double natural = QFontMetricsF(base).horizontalAdvance(full);
    if (!full.isEmpty() && room > 0.0 && natural > room) {
        const double floor = std::min(1.0, std::max(titleFloorScale, minimumTitlePoints / pointSize(base)));
        font = scaledFont(base, std::max(room / natural, floor));
        if (QFontMetricsF(font).horizontalAdvance(full) > room)
            text = wrapped(full, font, room);
    }
    axis->setProperty(shownTitleProperty, text);
    axis->setProperty(shownFontProperty, font);
    bool changed = false;
    if (axis->titleFont() != font) {
        axis->setTitleFont(font);
        changed = true;
    }
    if (axis->titleText() != text) {
        axis->setTitleText(text);
        changed = true;
    }
    return changed;
}

} // namespace

double roundTickStep(double span, int maxIntervals)
{
    if (!(span > 0.0) || !std::isfinite(span))
        return 1.0;
    const double raw = span / std::max(1, maxIntervals);
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    for (double mantissa : {1.0, 2.0, 5.0})
        if (mantissa * decade >= raw * (1.0 - 1e-9))
            return mantissa * decade;
    return 10.0 * decade;
}

int tickDecimals(double step)
{
    for (int decimals = 0; decimals < 8; ++decimals) {
        const double scaled = step * std::pow(10.0, decimals);
        if (std::abs(scaled - std::round(scaled)) < 1e-6 * scaled)
            return decimals;
    }
    return 8;
}

QString tickLabelFormat(double step)
{
    return QStringLiteral("%.%1f").arg(tickDecimals(step));
}

void useRoundTicks(QValueAxis* axis, int intervals)
{
    const double span = axis->max() - axis->min();
    if (!(span > 0.0) || !std::isfinite(span))
        return;
    axis->setProperty(roundTicksProperty, true);
    const double length = axis->property(lengthProperty).toDouble();
    applyStep(axis, length > 0.0 ? fittedStep(axis, length) : roundTickStep(span, intervals));
}

bool fitAxisText(QAbstractAxis* axis, double length)
{
    if (!(length > 0.0))
        return false;
    axis->setProperty(lengthProperty, length);
    bool changed = false;
    if (auto* value = qobject_cast<QValueAxis*>(axis)) {
        const double span = value->max() - value->min();
        const bool ours = value->tickType() == QValueAxis::TicksFixed || value->property(roundTicksProperty).toBool();
        if (ours && span > 0.0 && std::isfinite(span)) {
            value->setProperty(roundTicksProperty, true);
            changed = applyStep(value, fittedStep(value, length));
        } else if (!ours) {
            changed = setFormat(value, paddedFormat(value, tickLabelFormat(value->tickInterval()), value->tickInterval()));
        }
    } else if (auto* log = qobject_cast<QLogValueAxis*>(axis)) {
        changed = fitLogAxis(log, length);
    }
    return fitTitle(axis, length) || changed;
}

QFont axisBaseTitleFont(const QAbstractAxis* axis)
{
    const QVariant base = axis->property(baseTitleFontProperty);
    return base.isValid() ? base.value<QFont>() : axis->titleFont();
}
