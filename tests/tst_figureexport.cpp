// Tests of the one exporter: PNG at a true resolution, vector SVG and PDF, atomic writes.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/render/FigureExporter.h"
#include "model/figures/FigureData.h"
#include "widgets/DensityChartView.h"

#include <QImageReader>
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

QTEST_MAIN(FigureExportTest)
#include "tst_figureexport.moc"
