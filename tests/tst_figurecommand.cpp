// Tests of `sampling-explorer figure`: headless, every view, deterministic, clear failures.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CommandRunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QImage>
#include <QMap>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QtTest>

namespace {

const QStringList names{"density", "gradient-variance", "sampled-distances", "losses", "training", "retrieval", "embedding"};

// The command with no display at all: no DISPLAY, no WAYLAND_DISPLAY, no QT_QPA_PLATFORM.
testing::Run runWithoutDisplay(const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QLatin1String(name));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(SME_EXECUTABLE), QStringList{"figure"} + arguments);
    if (!process.waitForFinished(120000))
        process.kill();
    process.waitForFinished();
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            process.readAllStandardOutput(), process.readAllStandardError()};
}

QByteArray digest(const QString& path)
{
    return QCryptographicHash::hash(testing::readAll(path), QCryptographicHash::Sha256);
}

} // namespace

class FigureCommandTest : public QObject {
    Q_OBJECT
private slots:
    void allWritesSevenFiguresWithoutADisplay();
    void sameSettingsGiveIdenticalFigures();
    void formatsFollowTheSuffixOrTheOption();
    void lookOptionsChangeTheFigure();
    void badRequestsAreRefused_data();
    void badRequestsAreRefused();

private:
    QTemporaryDir dir_;
};

void FigureCommandTest::allWritesSevenFiguresWithoutADisplay()
{
    const QString folder = dir_.filePath(QStringLiteral("all"));
    const testing::Run run = runWithoutDisplay({"all", "--out-dir", folder, "--steps", "30", "--eval-every", "10"});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    // Each view its own default shape: the map is squarer.
    const QMap<QString, QSize> sizes{{"embedding", QSize(720, 680)}};
    for (const QString& name : names) {
        const QImage image(QDir(folder).filePath(name + ".png"));
        QCOMPARE(image.size(), sizes.value(name, QSize(800, 560)));
        QSet<QRgb> colours; // non-trivial content: axes, text and curves in many shades
        for (int y = 0; y < image.height(); y += 3)
            for (int x = 0; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 40, qPrintable(name));
    }
    // The idealised figures' data beside them, with the data command's columns.
    QVERIFY(testing::readAll(QDir(folder).filePath("density.csv")).startsWith("d,exact,gaussian_limit,monte_carlo\n"));
    QVERIFY(testing::readAll(QDir(folder).filePath("losses.csv")).startsWith("d,contrastive_pos,"));
}

void FigureCommandTest::sameSettingsGiveIdenticalFigures()
{
    const QString first = dir_.filePath(QStringLiteral("first"));
    const QString second = dir_.filePath(QStringLiteral("second"));
    for (const QString& folder : {first, second}) {
        const testing::Run run = runWithoutDisplay({"all", "--out-dir", folder, "--steps", "20", "--eval-every", "10",
                                                    "--dim", "32", "--format", "svg"});
        QVERIFY2(run.exitCode == 0, run.err.constData());
    }
    for (const QString& name : names)
        QCOMPARE(digest(QDir(second).filePath(name + ".svg")), digest(QDir(first).filePath(name + ".svg")));
}

void FigureCommandTest::formatsFollowTheSuffixOrTheOption()
{
    const QString pdf = dir_.filePath(QStringLiteral("density.pdf"));
    QCOMPARE(runWithoutDisplay({"density", "-o", pdf}).exitCode, 0);
    QVERIFY(testing::readAll(pdf).startsWith("%PDF"));
    const QString svg = dir_.filePath(QStringLiteral("losses.out"));
    QCOMPARE(runWithoutDisplay({"losses", "--format", "svg", "-o", svg, "--theme", "dark"}).exitCode, 0);
    QVERIFY(testing::readAll(svg).contains("<svg"));
    const QString png = dir_.filePath(QStringLiteral("hi.png"));
    QCOMPARE(runWithoutDisplay({"gradient-variance", "--dpi", "300", "--width", "400", "--height", "300", "-o", png}).exitCode, 0);
    QCOMPARE(QImage(png).size(), QSize(1250, 938));
    // --width alone keeps the view's default shape (the map's 720 x 680).
    const QString square = dir_.filePath(QStringLiteral("embedding.png"));
    QCOMPARE(runWithoutDisplay({"embedding", "--steps", "5", "--width", "360", "-o", square}).exitCode, 0);
    QCOMPARE(QImage(square).size(), QSize(360, 340));
    // The retrieval chart, a view of its own since #14, as `figure training` is.
    const QString retrieval = dir_.filePath(QStringLiteral("retrieval.png"));
    const testing::Run run = runWithoutDisplay({"retrieval", "--steps", "20", "--eval-every", "10", "-o", retrieval});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QCOMPARE(QImage(retrieval).size(), QSize(800, 560));
}

void FigureCommandTest::lookOptionsChangeTheFigure()
{
    // The publication look (default) is white to the corners; the screen's look keeps the
    // window colour around its card; transparent has no background; no title, no ink on top.
    const auto figure = [this](const QString& name, const QStringList& more) {
        const QString path = dir_.filePath(name + QStringLiteral(".png"));
        const testing::Run run = runWithoutDisplay(QStringList{"density", "-o", path} + more);
        return run.exitCode == 0 ? QImage(path).convertToFormat(QImage::Format_ARGB32) : QImage();
    };
    const QImage publication = figure("publication", {});
    QCOMPARE(publication.pixelColor(0, 0), QColor(Qt::white));
    const QImage screen = figure("screen", {"--theme", "light"});
    QVERIFY(!screen.isNull());
    QVERIFY(screen.pixelColor(0, 0) != QColor(Qt::white));
    QCOMPARE(qAlpha(figure("transparent", {"--transparent"}).pixel(0, 0)), 0);
    const QImage dark = figure("dark", {"--theme", "dark"});
    QVERIFY(qGray(dark.pixel(0, 0)) < 60);
    const auto topInk = [](const QImage& image) {
        int ink = 0;
        for (int y = 0; y < 16; ++y)
            for (int x = image.width() * 40 / 100; x < image.width() * 58 / 100; ++x)
                ink += qGray(image.pixel(x, y)) < 128;
        return ink;
    };
    QVERIFY(topInk(publication) > 20);
    QCOMPARE(topInk(figure("untitled", {"--no-title", "--legend", "none"})), 0);
}

void FigureCommandTest::badRequestsAreRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");
    const QString missing = dir_.filePath(QStringLiteral("no/folder/x.png"));
    QTest::newRow("unknown figure") << QStringList{"bogus", "-o", "x.png"} << 2 << "unknown figure 'bogus'";
    QTest::newRow("the race, a window of its own") << QStringList{"race", "-o", "x.png"} << 2
                                               << "unknown figure 'race' (expected density, gradient-variance, "
                                                  "sampled-distances, losses, training, retrieval, embedding or all)";
    QTest::newRow("unknown format") << QStringList{"density", "--format", "gif", "-o", "x.gif"} << 2 << "unknown format";
    QTest::newRow("dpi too high") << QStringList{"density", "--dpi", "1200", "-o", dir_.filePath("d.png")} << 1 << "dpi";
    QTest::newRow("all without folder") << QStringList{"all"} << 2 << "--out-dir";
    QTest::newRow("no output") << QStringList{"density"} << 2 << "missing -o";
    QTest::newRow("bad theme") << QStringList{"density", "--theme", "neon", "-o", "x.png"} << 2 << "theme";
    QTest::newRow("bad legend") << QStringList{"density", "--legend", "left", "-o", "x.png"} << 2
                                << "unknown legend 'left' (expected top, bottom or none)";
    QTest::newRow("n too large") << QStringList{"density", "--dim", "5000", "-o", dir_.filePath("n.png")} << 2 << "4096";
    QTest::newRow("unwritable") << QStringList{"losses", "-o", missing} << 1 << "does not exist";
}

void FigureCommandTest::badRequestsAreRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    const testing::Run run = runWithoutDisplay(arguments);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(mentions.toUtf8()), run.err.constData());
    QVERIFY(run.err.contains("sampling-explorer figure: "));
}

QTEST_MAIN(FigureCommandTest)
#include "tst_figurecommand.moc"
