// Tests of the one exporter: PNG at a true resolution, vector SVG and PDF, atomic writes.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/render/FigureExporter.h"
#include "model/figures/FigureData.h"
#include "widgets/ChartPanel.h"
#include "widgets/DensityChartView.h"

#include <QImageReader>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QValueAxis>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

namespace {

// A density view with real content, as the window shows it.
std::unique_ptr<DensityChartView> densityView()
{
    auto view = std::make_unique<DensityChartView>();
    sme::DensitySettings settings;
    settings.dimension = 16;
    settings.samples = 300;
    view->setFigure(sme::densityFigure(settings), 16);
    view->setMarkers(0.5, 1.4);
    return view;
}

// A chart with one horizontal data line of the thinnest width a view uses (beta's 1 pixel),
// pure blue at y = 3.3, between the grid lines at 2.5 and 5.
class OneLineChart : public ChartPanel {
public:
    OneLineChart()
        : ChartPanel(QStringLiteral("one line"))
    {
        QValueAxis* x = addValueAxis(Qt::AlignBottom, QStringLiteral("x"));
        QValueAxis* y = addValueAxis(Qt::AlignLeft, QStringLiteral("y"));
        x->setRange(0, 10);
        y->setRange(0, 10);
        y->setTickCount(5);
        setPoints(addLine(QStringLiteral("data"), QColor(0, 0, 255), 1.0, x, y), {0, 10}, {3.3, 3.3});
    }
};

// The width of each line met going down column x of image: its darkness (255 minus the
// least channel) summed over the run and divided by the darkest pixel's, so antialiased edges
// count by their coverage. Blue lines and grey lines apart.
struct LineWidths {
    std::vector<double> data, grid;
};
LineWidths lineWidthsDown(const QImage& image, int x, int top, int bottom)
{
    LineWidths widths;
    double sum = 0, peak = 0;
    bool blue = false;
    for (int y = top; y <= bottom; ++y) {
        const QColor c = image.pixelColor(x, y);
        const int darkness = 255 - std::min({c.red(), c.green(), c.blue()});
        if (darkness > 3) {
            sum += darkness;
            peak = std::max(peak, double(darkness));
            blue = blue || c.blue() - c.red() > 40;
        } else if (sum > 0) {
            (blue ? widths.data : widths.grid).push_back(sum / peak);
            sum = peak = 0;
            blue = false;
        }
    }
    return widths;
}

QByteArray readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

class FigureExportTest : public QObject {
    Q_OBJECT
private slots:
    void pngKeepsThePhysicalSizeAtEveryDpi_data();
    void pngKeepsThePhysicalSizeAtEveryDpi();
    void transparentPngHasNoBackground();
    void svgIsVectorWithTextAsText();
    void pdfIsOneVectorPageOfTheFiguresSize();
    void unwritableTargetsAreRefusedWithoutAFile();
    void badOptionsAreRefused();
    void dataLinesAreHeavierThanTheGrid_data();
    void dataLinesAreHeavierThanTheGrid();
    void publicationLookHasNoCardAndNoTitleWhenAsked();
    void theLookIsPutBackAfterTheExport_data();
    void theLookIsPutBackAfterTheExport();
    void overlaysAreLeftOutAndShownAgain();
    void figureSizeKeepsTheShape();

private:
    QTemporaryDir dir_;
};

void FigureExportTest::pngKeepsThePhysicalSizeAtEveryDpi_data()
{
    QTest::addColumn<int>("dpi");
    QTest::newRow("96") << 96;
    QTest::newRow("300") << 300;
    QTest::newRow("600") << 600;
}

void FigureExportTest::pngKeepsThePhysicalSizeAtEveryDpi()
{
    // 600 x 400 pixels at 96 dpi is 6.25 x 4.17 inches; at D dpi that is 6.25 D x 4.17 D pixels,
    // and the file says D dots per inch (stored as dots per metre, D / 0.0254, rounded).
    QFETCH(int, dpi);
    auto view = densityView();
    const QString path = dir_.filePath(QStringLiteral("density-%1.png").arg(dpi));
    FigureExportOptions options;
    options.dpi = dpi;
    options.size = QSize(600, 400);
    QCOMPARE(exportFigure(*view, path, options), QString());
    const QImage image(path);
    QCOMPARE(image.size(), QSize(600 * dpi / 96, 400 * dpi / 96));
    QCOMPARE(image.dotsPerMeterX(), int(std::lround(dpi / 0.0254)));
    QCOMPARE(image.dotsPerMeterY(), int(std::lround(dpi / 0.0254)));
    QCOMPARE(std::lround(image.dotsPerMeterX() * 0.0254), long(dpi));
    // Content, not a blank page: many colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4)
            colours.insert(image.pixel(x, y));
    QVERIFY(colours.size() > 30);
}

void FigureExportTest::transparentPngHasNoBackground()
{
    auto view = densityView();
    const QString path = dir_.filePath(QStringLiteral("transparent.png"));
    FigureExportOptions options;
    options.size = QSize(500, 350);
    options.transparent = true;
    QCOMPARE(exportFigure(*view, path, options), QString());
    const QImage image = QImage(path).convertToFormat(QImage::Format_ARGB32);
    QVERIFY(image.hasAlphaChannel());
    QCOMPARE(qAlpha(image.pixel(1, 1)), 0);
    QVERIFY(view->chart()->isBackgroundVisible()); // restored after the export
}

void FigureExportTest::svgIsVectorWithTextAsText()
{
    auto view = densityView();
    const QString path = dir_.filePath(QStringLiteral("density.svg"));
    FigureExportOptions options;
    options.format = FigureFormat::Svg;
    options.size = QSize(640, 420);
    QCOMPARE(exportFigure(*view, path, options), QString());
    QXmlStreamReader xml(readAll(path));
    int paths = 0, images = 0;
    QString text;
    QString width;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("svg"))
                width = xml.attributes().value(QLatin1String("width")).toString();
            paths += xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline");
            images += xml.name() == QLatin1String("image");
        }
        if (xml.isCharacters())
            text += xml.text();
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(paths > 5);
    QCOMPARE(images, 0);
    QVERIFY2(text.contains(QStringLiteral("distance d")), qPrintable(text.left(300))); // axis title
    QVERIFY(text.contains(QStringLiteral("density")));
    QVERIFY(width.startsWith(QStringLiteral("169"))); // 640 px at 96 dpi = 169.33 mm
}

void FigureExportTest::pdfIsOneVectorPageOfTheFiguresSize()
{
    auto view = densityView();
    const QString path = dir_.filePath(QStringLiteral("density.pdf"));
    FigureExportOptions options;
    options.format = FigureFormat::Pdf;
    options.size = QSize(640, 480);
    QCOMPARE(exportFigure(*view, path, options), QString());
    const QByteArray pdf = readAll(path);
    QVERIFY(pdf.startsWith("%PDF"));
    QCOMPARE(pdf.count("/Type /Page\n") + pdf.count("/Type /Page ") + pdf.count("/Type /Page/"), 1);
    // 640 x 480 px at 96 dpi = 480 x 360 pt.
    const QRegularExpressionMatch box
        = QRegularExpression(QStringLiteral("/MediaBox \\[\\s*0\\s+0\\s+([0-9.]+)\\s+([0-9.]+)\\s*\\]"))
              .match(QString::fromLatin1(pdf));
    QVERIFY2(box.hasMatch(), "no MediaBox");
    QVERIFY(std::abs(box.captured(1).toDouble() - 480.0) < 1.0);
    QVERIFY(std::abs(box.captured(2).toDouble() - 360.0) < 1.0);
    QVERIFY(!pdf.contains("/Subtype /Image")); // vector: no embedded raster
}

void FigureExportTest::unwritableTargetsAreRefusedWithoutAFile()
{
    auto view = densityView();
    FigureExportOptions options;
    options.size = QSize(300, 200);
    const QString missing = dir_.filePath(QStringLiteral("no/such/folder/figure.png"));
    QVERIFY(exportFigure(*view, missing, options).contains(QStringLiteral("does not exist")));
    QVERIFY(!QFile::exists(missing));
    QVERIFY(exportFigure(*view, dir_.path(), options).contains(QStringLiteral("is a directory")));
    // An existing file is replaced only by a complete new one: no temporary file stays.
    const QString path = dir_.filePath(QStringLiteral("again.png"));
    QCOMPARE(exportFigure(*view, path, options), QString());
    QCOMPARE(exportFigure(*view, path, options), QString());
    QCOMPARE(QDir(dir_.path()).entryList({QStringLiteral("again.png*")}, QDir::Files | QDir::Hidden).size(), 1);
}

void FigureExportTest::badOptionsAreRefused()
{
    auto view = densityView();
    FigureExportOptions options;
    options.dpi = 1200;
    QVERIFY(exportFigure(*view, dir_.filePath(QStringLiteral("x.png")), options).contains(QStringLiteral("dpi")));
    options.dpi = 96;
    options.size = QSize(50000, 10);
    QVERIFY(!exportFigure(*view, dir_.filePath(QStringLiteral("y.png")), options).isEmpty());
    QCOMPARE(figureFormatFromName(QStringLiteral("SVG")), std::optional(FigureFormat::Svg));
    QVERIFY(!figureFormatFromName(QStringLiteral("gif")));
}

void FigureExportTest::dataLinesAreHeavierThanTheGrid_data()
{
    QTest::addColumn<int>("theme");
    QTest::addColumn<int>("dpi");
    // (At 96 dpi a half-pixel grid line smears over two pixels: the widths are set, not seen.)
    for (const int dpi : {300, 600}) {
        QTest::addRow("publication %d", dpi) << int(FigureTheme::Publication) << dpi;
        QTest::addRow("screen look %d", dpi) << int(FigureTheme::Light) << dpi;
    }
}

void FigureExportTest::dataLinesAreHeavierThanTheGrid()
{
    // Qt draws series with cosmetic pens (one device pixel whatever the dpi) and the grid with
    // a pen of 1 that scales: at 300 dpi the grid came out 3 pixels, the data 1. Measured in
    // the image, down a column crossing grid lines and the data line.
    QFETCH(int, theme);
    QFETCH(int, dpi);
    OneLineChart chart;
    FigureExportOptions options;
    options.theme = FigureTheme(theme);
    options.dpi = dpi;
    options.size = QSize(400, 300);
    const QString path = dir_.filePath(QStringLiteral("lines-%1-%2.png").arg(theme).arg(dpi));
    QCOMPARE(exportFigure(chart, path, options), QString());
    const QImage image(path);
    const double scale = dpi / 96.0;
    // The middle half of the height: inside the plot, below the legend and above the x axis.
    const LineWidths widths = lineWidthsDown(image, image.width() * 6 / 10, image.height() / 4,
                                             image.height() * 3 / 4);
    QCOMPARE(widths.data.size(), std::size_t(1));
    QVERIFY(widths.grid.size() >= 2); // the grid lines at 7.5, 5, 2.5
    for (double grid : widths.grid)
        QVERIFY2(widths.data[0] >= 1.5 * grid,
                 qPrintable(QStringLiteral("data %1 px, grid %2 px").arg(widths.data[0]).arg(grid)));
    QVERIFY(widths.data[0] >= 0.8 * exportLeastDataWidth * scale); // it scales with the dpi
}

void FigureExportTest::publicationLookHasNoCardAndNoTitleWhenAsked()
{
    auto view = densityView();
    FigureExportOptions options;
    options.size = QSize(500, 350);
    options.showTitle = false;
    options.legend = FigureLegend::Hidden;
    const QString path = dir_.filePath(QStringLiteral("plain.png"));
    QCOMPARE(exportFigure(*view, path, options), QString());
    const QImage image(path);
    // White to the corners: no grey window around a rounded card.
    for (const QPoint corner : {QPoint(0, 0), QPoint(image.width() - 1, 0), QPoint(0, image.height() - 1),
                                QPoint(image.width() - 1, image.height() - 1), QPoint(3, 3)})
        QCOMPARE(image.pixelColor(corner), QColor(Qt::white));
    // The title is gone for the export only.
    QVERIFY(view->titleVisible());
    QVERIFY(view->chart()->legend()->isVisible());
    options.showTitle = true;
    options.legend = FigureLegend::Top;
    const QString titled = dir_.filePath(QStringLiteral("titled.png"));
    QCOMPARE(exportFigure(*view, titled, options), QString());
    const auto inkInTopRows = [](const QImage& figure) {
        int dark = 0;
        for (int y = 0; y < 20; ++y) // the middle, where the title is and no tick label
            for (int x = figure.width() * 40 / 100; x < figure.width() * 58 / 100; ++x)
                dark += qGray(figure.pixel(x, y)) < 128;
        return dark;
    };
    QCOMPARE(inkInTopRows(image), 0);
    QVERIFY(inkInTopRows(QImage(titled)) > 50);
}

void FigureExportTest::theLookIsPutBackAfterTheExport_data()
{
    QTest::addColumn<int>("theme");
    QTest::addColumn<bool>("transparent");
    QTest::newRow("publication") << int(FigureTheme::Publication) << false;
    QTest::newRow("publication, transparent") << int(FigureTheme::Publication) << true;
    QTest::newRow("dark") << int(FigureTheme::Dark) << false;
    QTest::newRow("screen look") << int(FigureTheme::Light) << true;
}

void FigureExportTest::theLookIsPutBackAfterTheExport()
{
    // The window's views are exported in place: afterwards they must look exactly as before.
    QFETCH(int, theme);
    QFETCH(bool, transparent);
    auto view = densityView();
    view->resize(420, 330);
    view->show();
    QVERIFY(QTest::qWaitForWindowExposed(view.get()));
    QTest::qWait(100); // the chart's title, legend and ticks are laid out on the next turns
    const QImage before = view->grab().toImage();
    FigureExportOptions options;
    options.theme = FigureTheme(theme);
    options.transparent = transparent;
    options.dpi = 300;
    options.size = QSize(640, 480);
    options.showTitle = false;
    options.legend = FigureLegend::Bottom;
    QCOMPARE(exportFigure(*view, dir_.filePath(QStringLiteral("inplace.png")), options), QString());
    QCOMPARE(view->size(), QSize(420, 330));
    QVERIFY(view->titleVisible());
    QCOMPARE(view->legendPlacement(), ChartPanel::LegendPlacement::Top);
    QTest::qWait(100); // the chart's title, legend and ticks are laid out on the next turns
    QCOMPARE(view->grab().toImage(), before);
}

void FigureExportTest::overlaysAreLeftOutAndShownAgain()
{
    auto view = densityView();
    view->resize(400, 300);
    view->show();
    auto* overlay = new QLabel(view.get()); // an interactive box over the chart, pure red
    overlay->setAutoFillBackground(true);
    overlay->setStyleSheet(QStringLiteral("background: #ff0000"));
    overlay->setGeometry(100, 100, 120, 80);
    overlay->setProperty(hiddenInExportsProperty, true);
    overlay->show();
    FigureExportOptions options;
    options.size = QSize(400, 300);
    const auto redPixels = [](const QImage& image) {
        int red = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                red += image.pixel(x, y) == qRgb(255, 0, 0);
        return red;
    };
    const QString path = dir_.filePath(QStringLiteral("overlay.png"));
    QCOMPARE(exportFigure(*view, path, options), QString());
    QCOMPARE(redPixels(QImage(path).convertToFormat(QImage::Format_RGB32)), 0);
    QVERIFY(overlay->isVisible()); // back for the person at the screen
    overlay->setProperty(hiddenInExportsProperty, false); // unmarked, it is drawn
    QCOMPARE(exportFigure(*view, path, options), QString());
    QVERIFY(redPixels(QImage(path).convertToFormat(QImage::Format_RGB32)) > 1000);
}

void FigureExportTest::figureSizeKeepsTheShape()
{
    // 16 cm wide at 96 dpi is 605 pixels; the view's shape on screen is kept.
    QCOMPARE(figureSizeFor(QSize(344, 449)), QSize(605, 790));
    QCOMPARE(figureSizeFor(QSize(900, 300)), QSize(605, 202));
    QCOMPARE(figurePixels(QSize(344, 449), 300), QSize(1075, 1403));
}

QTEST_MAIN(FigureExportTest)
#include "tst_figureexport.moc"
