// Tests of the embeddings window: a user's file opened in the background shows its scores and
// views; a bad file changes nothing and says why; cancel; a change of the batches draws only the
// samplers' picks again; sessions that remember the files (and notice a changed one); the
// command line's file dispatch.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "BadFiles.h"
#include "app/control/EmbeddingsController.h"
#include "app/gui/Application.h"
#include "app/gui/EmbeddingsWindow.h"
#include "app/gui/MainWindow.h"
#include "app/gui/WorkProgress.h"
#include "app/io/SessionFile.h"
#include "model/base/Error.h"
#include "model/data/EmbeddingFile.h"
#include "widgets/ChartPanel.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/MessageBanner.h"

#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>
#include <atomic>
#include <random>

namespace {

constexpr int waitMs = 120'000; // sanitizers on two loaded cores
constexpr int classes = 6, perClass = 30, dimension = 8;

void write(const QString& path, const std::string& content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content.data(), qint64(content.size()));
}

// Clustered points: a centre per class plus noise, not on the sphere (norms about 3).
void writeEmbeddings(const QString& path, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> noise(0.0f, 0.3f);
    Eigen::MatrixXf points(classes * perClass, dimension);
    std::vector<int> labels;
    for (int c = 0; c < classes; ++c)
        for (int i = 0; i < perClass; ++i) {
            for (int d = 0; d < dimension; ++d)
                points(c * perClass + i, d) = (d == c ? 3.0f : 0.0f) + noise(rng);
            labels.push_back(c);
        }
    write(path, sme::projectorVectorsTsv(points));
    write(QString::fromStdString(sme::projectorMetadataPath(path.toStdString())),
          sme::projectorMetadataTsv(labels, {}));
}

// The loader has ended and the window's banner says something.
bool saidWhyNot(const MainWindow& window)
{
    return !window.banner()->isHidden() && !window.embeddingsLoader()->busy();
}

// Waits until the window shows the embeddings, or its banner says why not.
bool waitForEmbeddings(MainWindow& window)
{
    const bool ended = QTest::qWaitFor([&] { return window.embeddingsWindow() || saidWhyNot(window); }, waitMs);
    return ended && window.embeddingsWindow();
}

#define OPEN_OR_FAIL(window)                                                                                           \
    do {                                                                                                               \
        if (!waitForEmbeddings(window))                                                                                \
            QFAIL(qPrintable(QStringLiteral("no embeddings window: ") + (window).banner()->text()));                  \
    } while (false)

EmbeddingsRequest requestFor(const QString& path)
{
    EmbeddingsRequest request;
    request.path = path;
    return request;
}

} // namespace

class EmbeddingsWindowTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void sessionEntryRoundTripsAndIsOptional();
    void openingShowsScoresAndViews();
    void badFileChangesNothing();
    void cancelLeavesNoWindow();
    void batchChangeDrawsOnlyThePicksAgain();
    void laterPicksSupersedeEarlierOnes();
    void mapIsTitledByTheFile();
    void sessionReopensTheWindow();
    void changedFileIsNamedAndTheRestOpens();
    void plainFileArgumentOpensByType();
    void quickCheckRefusesABadNpyBeforeAskingForLabels();

private:
    QTemporaryDir dir_;
    QString embeddings() const { return dir_.filePath(QStringLiteral("emb.tsv")); }
};

void EmbeddingsWindowTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_embeddingswindow"));
    QVERIFY(dir_.isValid());
    writeEmbeddings(embeddings(), 1);
}

void EmbeddingsWindowTest::sessionEntryRoundTripsAndIsOptional()
{
    const QString path = dir_.filePath(QStringLiteral("entry.smx.json"));
    SessionViewState view;
    QCOMPARE(saveSession(path, sme::ExplorerParameters{}, nullptr, &view), QString());
    SessionLoad load = loadSession(path);
    QVERIFY2(load.view, qPrintable(load.error));
    QVERIFY(!load.view->embeddings); // sessions without the window: no entry, and they still load

    view.embeddings = SessionEmbeddings{QStringLiteral("/a/emb.tsv"), fileSha256(embeddings()),
                                        QStringLiteral("/a/emb-metadata.tsv"), QStringLiteral("ab12"),
                                        QStringLiteral("species"), 7, 3, 0.25, 1.1};
    QCOMPARE(saveSession(path, sme::ExplorerParameters{}, nullptr, &view), QString());
    load = loadSession(path);
    QVERIFY2(load.view, qPrintable(load.error));
    QCOMPARE(*load.view, view);
    QCOMPARE(view.embeddings->sha256.size(), 64); // SHA-256 in hex
}

void EmbeddingsWindowTest::openingShowsScoresAndViews()
{
    MainWindow window(false);
    window.openEmbeddings(requestFor(embeddings()));
    OPEN_OR_FAIL(window);
    EmbeddingsWindow* shown = window.embeddingsWindow();
    QVERIFY(shown->isVisible());
    const QString header = shown->header()->text();
    for (const char* expected : {"emb.tsv", "180 points", "dimension 8", "6 classes", "L2-normalised", "Recall@1",
                                 "Recall@8", "NMI", "MAP@R"})
        QVERIFY2(header.contains(QLatin1String(expected)), qPrintable(header));
    QCOMPARE(shown->result()->analysis.points, std::size_t(180));
    for (EmbeddingFigure figure : allEmbeddingFigures)
        QVERIFY(shown->figureView(figure) && shown->figureView(figure)->isVisible());
    QCOMPARE(shown->mapView()->classSeriesCount(), classes);
    // Every view's plot fits inside it once the window has settled (no axis cut off below).
    QTest::qWait(500);
    for (EmbeddingFigure figure : allEmbeddingFigures) {
        QList<ChartPanel*> panels = shown->figureView(figure)->findChildren<ChartPanel*>();
        if (auto* panel = qobject_cast<ChartPanel*>(shown->figureView(figure)))
            panels << panel;
        QVERIFY(!panels.isEmpty());
        // Nor taller than it needs: at most the grid's least view height (380) or, where a
        // chart needs more, that (their sum bounds either). A new chart's title laid out at its
        // 0 x 0 size once made the samplers' view 947 high here, for good.
        qreal needed = 0.0;
        for (const ChartPanel* panel : panels)
            needed = std::max(needed, panel->chart()->minimumSize().height());
        QVERIFY2(shown->figureView(figure)->minimumHeight() <= 380 + needed,
                 qPrintable(QStringLiteral("%1: at least %2 high, its charts need %3")
                                .arg(embeddingFigureName(figure))
                                .arg(shown->figureView(figure)->minimumHeight())
                                .arg(needed)));
        for (const ChartPanel* panel : panels)
            QVERIFY2(!panel->isVisible() || panel->chart()->size().height() <= panel->viewport()->height() + 1,
                 qPrintable(QStringLiteral("%1: chart %2 high in a view %3 high")
                                .arg(embeddingFigureName(figure))
                                .arg(panel->chart()->size().height())
                                .arg(panel->viewport()->height())));
    }
    QCOMPARE(shown->viewTable(QStringLiteral("embedding-map")).rows.size(), std::size_t(180));
    QCOMPARE(shown->viewTable(QStringLiteral("norms")).columns, (std::vector<std::string>{"norm", "density"}));
    // Every view exports, with its CSV.
    FigureExportOptions options;
    options.format = FigureFormat::Svg;
    const QString folder = dir_.filePath(QStringLiteral("exports"));
    QCOMPARE(shown->exportAll(folder, options), QString());
    for (const QString& name : shown->viewNames()) {
        QVERIFY2(QFileInfo(folder + "/" + name + ".svg").size() > 0, qPrintable(name));
        QVERIFY2(QFileInfo(folder + "/" + name + ".csv").size() > 0, qPrintable(name));
    }
    // A newer open replaces the window: one at a time.
    const QPointer<EmbeddingsWindow> first = shown;
    window.openEmbeddings(requestFor(embeddings()));
    QTRY_VERIFY_WITH_TIMEOUT(window.embeddingsWindow() != first.data() && !first, waitMs);
}

void EmbeddingsWindowTest::badFileChangesNothing()
{
    const QString ragged = dir_.filePath(QStringLiteral("ragged.tsv"));
    write(ragged, "1\t2\t3\n4\t5\n");
    write(dir_.filePath(QStringLiteral("ragged-metadata.tsv")), "0\n1\n");
    MainWindow window(false);
    const sme::ExplorerParameters before = window.parameters();
    window.openEmbeddings(requestFor(ragged));
    QTRY_VERIFY_WITH_TIMEOUT(saidWhyNot(window), waitMs);
    QVERIFY2(window.banner()->text().contains(QLatin1String("ragged.tsv")), qPrintable(window.banner()->text()));
    QVERIFY(!window.embeddingsWindow());
    QCOMPARE(window.parameters(), before);
    QVERIFY(!window.embeddingsProgress()->underWay());
}

void EmbeddingsWindowTest::cancelLeavesNoWindow()
{
    MainWindow window(false);
    auto reported = std::make_shared<std::atomic<bool>>(false);
    window.embeddingsLoader()->setAnalyser([reported](const sme::Dataset&, const sme::EmbeddingAnalysisSettings&,
                                                      const sme::Progress& progress) -> sme::EmbeddingAnalysis {
        for (;;) { // until cancelled
            sme::reportProgress(progress, 0.5);
            reported->store(true);
            QThread::msleep(5);
        }
    });
    window.openEmbeddings(requestFor(embeddings()));
    QTRY_VERIFY_WITH_TIMEOUT(reported->load(), waitMs);
    QVERIFY(window.embeddingsProgress()->underWay());
    auto* cancel = window.embeddingsProgress()->findChild<QPushButton*>();
    QVERIFY(cancel);
    cancel->click();
    QVERIFY(!window.embeddingsLoader()->busy());
    QVERIFY(!window.embeddingsProgress()->underWay());
    QTest::qWait(300);
    QVERIFY(!window.embeddingsWindow());
    QVERIFY(window.banner()->isHidden()); // a cancel is no error
}

void EmbeddingsWindowTest::batchChangeDrawsOnlyThePicksAgain()
{
    MainWindow window(false);
    window.openEmbeddings(requestFor(embeddings()));
    OPEN_OR_FAIL(window);
    EmbeddingsWindow* shown = window.embeddingsWindow();
    // The whole analysis (retrieval, NMI, pairs) is not run again for new batches: counted here.
    auto analyses = std::make_shared<std::atomic<int>>(0);
    shown->controller()->setAnalyser([analyses](const sme::Dataset& data, const sme::EmbeddingAnalysisSettings& settings,
                                                const sme::Progress& progress) {
        ++*analyses;
        return sme::analyseEmbeddings(data, settings, progress);
    });
    const std::shared_ptr<const EmbeddingsResult> before = shown->result();
    const QString header = shown->header()->text();
    std::array<const QWidget*, 4> views{};
    for (EmbeddingFigure figure : allEmbeddingFigures)
        views[std::size_t(figure)] = shown->figureView(figure);
    shown->batchClassesBox()->setValue(3);
    shown->batchKBox()->setValue(4);
    QTRY_VERIFY_WITH_TIMEOUT(shown->result()->request.settings.batchClasses == 3
                                 && shown->result()->request.settings.batchK == 4 && !shown->controller()->busy(),
                             waitMs);
    QCOMPARE(analyses->load(), 0);
    const EmbeddingsResult& after = *shown->result();
    QVERIFY(after.work == EmbeddingsWork::SamplerPicks);
    QVERIFY(after.analysis.samplers[0].picks != before->analysis.samplers[0].picks); // 3 x 4 batches, not 12 x 5
    // The picks are those of a whole analysis with these batches.
    const sme::EmbeddingAnalysis whole = sme::analyseEmbeddings(*after.data, after.request.settings);
    for (std::size_t k = 0; k < 4; ++k) {
        QCOMPARE(after.analysis.samplers[k].density, whole.samplers[k].density);
        QCOMPARE(after.analysis.samplers[k].nonZeroLossShare, whole.samplers[k].nonZeroLossShare);
    }
    // Only the picks' view is new; the scores and the other views are as they were.
    QVERIFY(shown->figureView(EmbeddingFigure::SampledDistances) != views[std::size_t(EmbeddingFigure::SampledDistances)]);
    for (EmbeddingFigure figure : {EmbeddingFigure::PairDistances, EmbeddingFigure::PairDistancesByClass,
                                   EmbeddingFigure::Norms})
        QCOMPARE(shown->figureView(figure), views[std::size_t(figure)]);
    QCOMPARE(shown->header()->text(), header);
    QCOMPARE(after.analysis.recall, before->analysis.recall);
    QCOMPARE(after.analysis.nmi, before->analysis.nmi);
    QCOMPARE(after.analysis.points, std::size_t(180));

    // The boxes offer no batch the analysis refuses: P x K stays within maxBatchPoints.
    const int most = sme::EmbeddingAnalysisSettings::maxBatchPoints;
    shown->batchClassesBox()->setValue(1000);
    QCOMPARE(shown->batchKBox()->maximum(), most / 1000);
    shown->batchKBox()->setValue(1000);
    QCOMPARE(shown->batchKBox()->value(), most / 1000);
    shown->batchClassesBox()->setValue(2);
    shown->batchKBox()->setValue(1000);
    QCOMPARE(shown->batchClassesBox()->maximum(), most / 1000);
    QVERIFY(shown->settings().batchClasses * shown->settings().batchK <= most);
    QVERIFY_THROWS_NO_EXCEPTION(shown->settings().validate());
}

void EmbeddingsWindowTest::laterPicksSupersedeEarlierOnes()
{
    MainWindow window(false);
    window.openEmbeddings(requestFor(embeddings()));
    OPEN_OR_FAIL(window);
    EmbeddingsController* controller = window.embeddingsWindow()->controller();
    const std::shared_ptr<const EmbeddingsResult> result = window.embeddingsWindow()->result();
    QSignalSpy analysed(controller, &EmbeddingsController::analysed);
    sme::EmbeddingAnalysisSettings first = result->request.settings;
    first.batchClasses = 3;
    sme::EmbeddingAnalysisSettings second = first;
    second.batchClasses = 5;
    controller->repick(result, first);
    controller->repick(result, second); // before the first's result can come
    QTRY_VERIFY_WITH_TIMEOUT(!controller->busy(), waitMs);
    QTest::qWait(100);
    QCOMPARE(analysed.size(), 1);
    const auto last = analysed.at(0).at(0).value<std::shared_ptr<const EmbeddingsResult>>();
    QCOMPARE(last->request.settings.batchClasses, 5);
}

void EmbeddingsWindowTest::mapIsTitledByTheFile()
{
    MainWindow window(false);
    QVERIFY2(window.mapView()->title().startsWith(QLatin1String("Held-out embeddings")),
             qPrintable(window.mapView()->title())); // the trained model's
    window.openEmbeddings(requestFor(embeddings()));
    OPEN_OR_FAIL(window);
    const QString title = window.embeddingsWindow()->mapView()->title();
    QVERIFY2(title.startsWith(QLatin1String("Embeddings of emb.tsv: ")), qPrintable(title));
    QVERIFY2(!title.contains(QLatin1String("Held-out")), qPrintable(title));
}

void EmbeddingsWindowTest::sessionReopensTheWindow()
{
    const QString session = dir_.filePath(QStringLiteral("with-embeddings.smx.json"));
    SessionEmbeddings saved;
    {
        MainWindow window(false);
        window.openEmbeddings(requestFor(embeddings()));
        OPEN_OR_FAIL(window);
        window.embeddingsWindow()->batchKBox()->setValue(4);
        saved = window.embeddingsWindow()->sessionEntry();
        QCOMPARE(window.saveSessionTo(session, false), QString());
    }
    QCOMPARE(saved.path, QFileInfo(embeddings()).absoluteFilePath());
    QCOMPARE(saved.labelsPath, dir_.filePath(QStringLiteral("emb-metadata.tsv")));
    QCOMPARE(saved.sha256, fileSha256(embeddings()));
    QCOMPARE(saved.batchK, 4);
    MainWindow window(false);
    QCOMPARE(window.openSession(session, false), QString());
    OPEN_OR_FAIL(window);
    QCOMPARE(window.embeddingsWindow()->sessionEntry(), saved);
    QCOMPARE(window.embeddingsWindow()->result()->request.settings.batchK, 4);
}

void EmbeddingsWindowTest::changedFileIsNamedAndTheRestOpens()
{
    const QString vectors = dir_.filePath(QStringLiteral("changing.tsv"));
    writeEmbeddings(vectors, 2);
    const QString session = dir_.filePath(QStringLiteral("changing.smx.json"));
    sme::ExplorerParameters parameters;
    parameters.alpha = 0.35;
    SessionViewState view;
    view.embeddings = SessionEmbeddings{vectors, fileSha256(vectors), {}, {}, {}, 12, 5, 0.2, 1.2};
    QCOMPARE(saveSession(session, parameters, nullptr, &view), QString());
    writeEmbeddings(vectors, 3); // other points since

    MainWindow window(false);
    QCOMPARE(window.openSession(session, false), QString());
    QTRY_VERIFY_WITH_TIMEOUT(saidWhyNot(window), waitMs);
    const QString message = window.banner()->text();
    QVERIFY2(message.contains(QLatin1String("changing.tsv")) && message.contains(QLatin1String("changed")),
             qPrintable(message));
    QVERIFY(!window.embeddingsWindow());
    QCOMPARE(window.parameters().alpha, 0.35); // the rest of the session is open

    QFile::remove(vectors);
    MainWindow missing(false);
    QCOMPARE(missing.openSession(session, false), QString());
    QTRY_VERIFY_WITH_TIMEOUT(saidWhyNot(missing), waitMs);
    QVERIFY2(missing.banner()->text().contains(QLatin1String("missing")), qPrintable(missing.banner()->text()));
    QCOMPARE(missing.parameters().alpha, 0.35);
}

void EmbeddingsWindowTest::plainFileArgumentOpensByType()
{
    MainWindow window(false);
    QCOMPARE(openFile(window, embeddings()), QString());
    QVERIFY(window.embeddingsLoader()->busy() || window.embeddingsWindow()); // embeddings, not a session
    const QString session = dir_.filePath(QStringLiteral("plain.smx.json"));
    sme::ExplorerParameters parameters;
    parameters.alpha = 0.4;
    QCOMPARE(saveSession(session, parameters), QString());
    QCOMPARE(openFile(window, session), QString());
    QCOMPARE(window.parameters().alpha, 0.4);
    QVERIFY(!openFile(window, dir_.filePath(QStringLiteral("notes.txt"))).isEmpty()); // refused as a session
    OPEN_OR_FAIL(window);
}

// The file-open path asks for the labels only after this check: a .npy whose header is wrong is
// refused at once, naming the file and the fault, and what the check cannot tell without reading
// everything (text, compressed files) passes to the background reader.
void EmbeddingsWindowTest::quickCheckRefusesABadNpyBeforeAskingForLabels()
{
    const QString good = dir_.filePath(QStringLiteral("good.npy"));
    write(good, badfiles::npyFile("<f4", "(3, 2)", QByteArray(3 * 2 * 4, '\0')).toStdString());
    QCOMPARE(EmbeddingsController::quickCheck(good), QString());

    const QString integers = dir_.filePath(QStringLiteral("integers.npy"));
    write(integers, badfiles::npyFile("<i8", "(3, 2)", QByteArray(3 * 2 * 8, '\0')).toStdString());
    const QString integersSaid = EmbeddingsController::quickCheck(integers);
    QVERIFY2(integersSaid.contains(QLatin1String("integers.npy")) && integersSaid.contains(QLatin1String("<i8")),
             qPrintable(integersSaid));

    const QString truncated = dir_.filePath(QStringLiteral("truncated.npy"));
    write(truncated, badfiles::npyFile("<f4", "(3, 2)", QByteArray(3 * 2 * 4 - 1, '\0')).toStdString());
    QVERIFY(EmbeddingsController::quickCheck(truncated).contains(QLatin1String("truncated.npy")));

    const QString notNpy = dir_.filePath(QStringLiteral("text.npy")); // named .npy, holding text
    write(notNpy, "1\t2\n3\t4\n");
    QVERIFY(EmbeddingsController::quickCheck(notNpy).contains(QLatin1String("text.npy")));

    QCOMPARE(EmbeddingsController::quickCheck(embeddings()), QString()); // text: the reader judges it
    const QString compressed = dir_.filePath(QStringLiteral("packed.npy.gz"));
    write(compressed, std::string("\x1f\x8b\x08\x00", 4));
    QCOMPARE(EmbeddingsController::quickCheck(compressed), QString()); // inflating is the reader's work
    QVERIFY(EmbeddingsController::quickCheck(dir_.filePath(QStringLiteral("absent.npy")))
                .contains(QLatin1String("absent.npy")));
}

QTEST_MAIN(EmbeddingsWindowTest)
#include "tst_embeddingswindow.moc"
