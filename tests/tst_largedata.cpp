// Tests of large data in the window: Fashion-MNIST offered by the data set control when
// installed, loading in the background with progress and cancel, the evaluation of every
// held-out point on request, the views saying when scores are on a sample, and sessions on large
// data opened in the background.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/ExplorerController.h"
#include "app/control/TrainingController.h"
#include "app/gui/MainWindow.h"
#include "app/gui/WorkProgress.h"
#include "app/io/DataSource.h"
#include "app/io/SessionFile.h"
#include "model/base/Error.h"
#include "widgets/ControlPanel.h"
#include "widgets/ChartPanel.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/TrainingCurvesView.h"
#include "SmallTraining.h"

#include <QAction>
#include <QComboBox>
#include <QDataStream>
#include <QDoubleSpinBox>
#include <QFile>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QXYSeries>
#include <QtTest>
#include <atomic>
#include <chrono>
#include <thread>

namespace {

using testing::quickExplorer;
using testing::smallData;
using testing::smallModel;

// Whether the status bar said something starting with PREFIX since SPY (on
// QStatusBar::messageChanged) began: its messages last a few seconds, and a slow build (the
// sanitizers) may be past them by the time a test looks, so the test looks at what was said.
bool statusBarSaid(const QSignalSpy& spy, QLatin1String prefix, QString* all)
{
    bool said = false;
    for (const QList<QVariant>& message : spy) {
        all->append(message.at(0).toString() + QLatin1String(" | "));
        said = said || message.at(0).toString().startsWith(prefix);
    }
    return said;
}

// A stand-in for Fashion-MNIST's loader that takes its time (steps of 20 ms, reporting
// progress), or until it is stopped, and records the thread it ran on. Its data are
// testing::smallData(). Other data load as usual.
struct SlowLoader {
    int steps = 10;
    std::shared_ptr<std::atomic<int>> finished = std::make_shared<std::atomic<int>>(0);
    std::shared_ptr<std::atomic<bool>> onGuiThread = std::make_shared<std::atomic<bool>>(false);

    ExplorerController::DataLoader loader(QThread* gui) const
    {
        return [steps = steps, finished = finished, onGuiThread = onGuiThread, gui](const DataChoice& choice,
                                                                                   const sme::Progress& progress) {
            if (choice.dataset != QLatin1String("fashion-mnist"))
                return loadDataSplit(choice, progress);
            if (QThread::currentThread() == gui)
                onGuiThread->store(true);
            for (int i = 0; i < steps; ++i) {
                sme::reportProgress(progress, double(i) / steps);
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
            ++*finished;
            return smallData();
        };
    }
};

sme::ExplorerParameters fashionMnist()
{
    sme::ExplorerParameters p = quickExplorer();
    p.dataset = "fashion-mnist";
    return p;
}

void setUpQuietly(ExplorerController& explorer, const sme::ExplorerParameters& parameters)
{
    QSignalSpy figures(&explorer, &ExplorerController::figuresReady);
    explorer.setUp(parameters);
    QVERIFY(figures.wait(20000));
}

// An IDX file of count items of the given shape (all values 0 but labels 0..9 in turn).
void writeIdx(const QString& path, bool images, int count)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QDataStream out(&file); // big-endian, as IDX is
    out << quint32(images ? 0x0803 : 0x0801) << quint32(count);
    if (images)
        out << quint32(2) << quint32(2);
    for (int i = 0; i < count; ++i)
        if (images)
            out << quint8(i) << quint8(0) << quint8(0) << quint8(0);
        else
            out << quint8(i % 10);
}

bool fashionItemEnabled(const ControlPanel& panel)
{
    auto* box = panel.findChild<QComboBox*>(QStringLiteral("dataset"));
    auto* items = qobject_cast<QStandardItemModel*>(box->model());
    return items->item(2)->isEnabled();
}

sme::Evaluation evaluationOf(long points, long heldOut)
{
    sme::Evaluation e;
    e.step = 10;
    e.recall = {0.5, 0.6, 0.7, 0.8};
    e.nmi = 0.4;
    e.mapAtR = 0.3;
    e.spread = 0.9;
    e.points = points;
    e.heldOutPoints = heldOut;
    return e;
}

// A session on the (stand-in) Fashion-MNIST, trained steps steps, saved with its model and a view state.
void saveFashionSession(const QString& path, long steps)
{
    MainWindow window(false);
    window.explorer()->setDataLoader(SlowLoader{}.loader(QThread::currentThread()));
    QSignalSpy ended(window.explorer(), &ExplorerController::backgroundLoadEnded);
    window.applyParameters(fashionMnist());
    QVERIFY(ended.wait(20000));
    for (long i = 0; i < steps; ++i)
        window.controller()->step();
    QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), steps, 20000);
    window.setViewState(SessionViewState{sme::ViewId::Losses, true, false, false});
    QCOMPARE(window.saveSessionTo(path, false), QString());
}

} // namespace

class LargeDataTest : public QObject {
    Q_OBJECT
private slots:
    void fashionMnistIsOfferedWhenInstalledAndSaysHowToInstallWhenNot();
    void openDataFileOffersCompressedFiles();
    void largeDataLoadsInTheBackgroundWhileTheGuiThreadRuns();
    void cancelledLoadLeavesThePreviousModelAndParameters();
    void aNewChangeSupersedesALoadUnderWay();
    void fullEvaluationScoresEveryHeldOutPoint();
    void theMapAndTheLiveEvaluationsUseTheSample();
    void sampleNoteAppearsOnlyWhenSampled();
    void fashionMnistSnapshotsNameTheHeldOutClasses();
    void windowEvaluatesAllHeldOutPointsOnRequest();
    void sessionOnLargeDataOpensInTheBackground();
    void cancelledOrSupersededSessionChangesNothing();

private:
    QTemporaryDir dir_;
};

// File > Open data file lists the files the loaders read, gzip-compressed ones too (as MNIST,
// Fashion-MNIST and KMNIST are distributed), and not the labels files found beside the images.
void LargeDataTest::openDataFileOffersCompressedFiles()
{
    const QStringList patterns = dataFilePatterns();
    for (const char* name : {"digits.csv", "digits.csv.gz", "train-images-idx3-ubyte", "train-images-idx3-ubyte.gz",
                             "t10k-images.idx3-ubyte.gz", "kmnist.idx", "kmnist.idx.gz"})
        QVERIFY2(QDir::match(patterns, QLatin1String(name)), name);
    for (const char* name : {"train-labels-idx1-ubyte", "train-labels-idx1-ubyte.gz", "notes.txt", "csv"})
        QVERIFY2(!QDir::match(patterns, QLatin1String(name)), name);
}

void LargeDataTest::fashionMnistIsOfferedWhenInstalledAndSaysHowToInstallWhenNot()
{
    const QString installed = dir_.filePath(QStringLiteral("fmnist"));
    QVERIFY(QDir().mkpath(installed));
    writeIdx(installed + QStringLiteral("/train-images-idx3-ubyte"), true, 20);
    writeIdx(installed + QStringLiteral("/train-labels-idx1-ubyte"), false, 20);
    qputenv("SME_FASHION_MNIST_DIR", installed.toLocal8Bit());
    {
        ControlPanel panel;
        QVERIFY(fashionItemEnabled(panel));
        sme::ExplorerParameters p = quickExplorer();
        p.dataset = "fashion-mnist";
        panel.setParameters(p);
        QCOMPARE(panel.parameters().dataset, std::string("fashion-mnist"));
        // Like the digits, Fashion-MNIST has no nuisance level.
        QVERIFY(!panel.findChild<QDoubleSpinBox*>(QStringLiteral("synthetic_noise"))->isEnabled());
    }
    qputenv("SME_FASHION_MNIST_DIR", dir_.filePath(QStringLiteral("empty")).toLocal8Bit());
    ControlPanel panel;
    QVERIFY(!fashionItemEnabled(panel));
    auto* box = panel.findChild<QComboBox*>(QStringLiteral("dataset"));
    const QString tip = box->itemData(2, Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("apt install dataset-fashion-mnist")), qPrintable(tip));
    QVERIFY(box->itemText(2).contains(QLatin1String("Fashion-MNIST")));
    qunsetenv("SME_FASHION_MNIST_DIR");
}

void LargeDataTest::largeDataLoadsInTheBackgroundWhileTheGuiThreadRuns()
{
    ExplorerController explorer;
    SlowLoader slow;
    explorer.setDataLoader(slow.loader(QThread::currentThread()));
    setUpQuietly(explorer, quickExplorer());
    QSignalSpy reset(&explorer, &ExplorerController::modelReset);
    QSignalSpy progress(&explorer, &ExplorerController::backgroundLoadProgress);
    QSignalSpy ended(&explorer, &ExplorerController::backgroundLoadEnded);
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, [&ticks] { ++ticks; });
    timer.start(5);
    explorer.applyParameters(fashionMnist());
    QVERIFY(explorer.loadingInBackground());
    QCOMPARE(reset.count(), 0); // not yet: the data is still coming
    QCOMPARE(explorer.parameters().dataset, std::string("fashion-mnist"));
    QVERIFY(ended.wait(20000));
    QCOMPARE(reset.count(), 1);
    QCOMPARE(reset.at(0).at(0).toString(), QStringLiteral("the data set changed"));
    QVERIFY(!slow.onGuiThread->load());
    QVERIFY2(ticks >= 5, qPrintable(QString::number(ticks))); // the GUI thread ran meanwhile
    QVERIFY(!progress.isEmpty());
    QVERIFY(!explorer.loadingInBackground());
    // Small data stays on this thread, at once.
    QVERIFY(!ExplorerController::loadsInBackground(dataChoiceFor(quickExplorer())));
}

void LargeDataTest::cancelledLoadLeavesThePreviousModelAndParameters()
{
    ExplorerController explorer;
    SlowLoader endless;
    endless.steps = 100000; // until stopped
    explorer.setDataLoader(endless.loader(QThread::currentThread()));
    setUpQuietly(explorer, quickExplorer());
    for (int i = 0; i < 3; ++i)
        explorer.training()->step();
    QTRY_COMPARE_WITH_TIMEOUT(explorer.training()->captureRun()->state.steps, 3L, 20000);
    QSignalSpy reset(&explorer, &ExplorerController::modelReset);
    QSignalSpy replaced(&explorer, &ExplorerController::parametersReplaced);
    QSignalSpy errors(&explorer, &ExplorerController::error);
    QSignalSpy ended(&explorer, &ExplorerController::backgroundLoadEnded);
    sme::ExplorerParameters next = fashionMnist();
    next.learningRate = 0.003; // a live change made with it stays
    explorer.applyParameters(next);
    QVERIFY(explorer.loadingInBackground());
    explorer.cancelLoading();
    QCOMPARE(ended.count(), 1); // at once
    QCOMPARE(reset.count(), 0);
    QCOMPARE(errors.count(), 0);
    sme::ExplorerParameters expected = quickExplorer();
    expected.learningRate = 0.003;
    QCOMPARE(explorer.parameters(), expected);
    QCOMPARE(replaced.last().at(0).value<sme::ExplorerParameters>(), expected); // the control put back
    QCOMPARE(explorer.training()->captureRun()->state.steps, 3L); // the same model
    QTest::qWait(300); // the stopped load's end changes nothing
    QCOMPARE(reset.count(), 0);
    QCOMPARE(explorer.parameters(), expected);
    QCOMPARE(*endless.finished, 0);
}

void LargeDataTest::aNewChangeSupersedesALoadUnderWay()
{
    ExplorerController explorer;
    SlowLoader slow;
    explorer.setDataLoader(slow.loader(QThread::currentThread()));
    setUpQuietly(explorer, quickExplorer());
    QSignalSpy reset(&explorer, &ExplorerController::modelReset);
    explorer.applyParameters(fashionMnist());
    sme::ExplorerParameters second = fashionMnist();
    second.seed = 7;
    explorer.applyParameters(second);
    QTRY_VERIFY_WITH_TIMEOUT(!explorer.loadingInBackground(), 20000);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(explorer.parameters(), second);
    QCOMPARE(explorer.training()->captureRun()->state.steps, 0L);
    // Back to the data the model has while a load is under way: the load is dropped.
    explorer.applyParameters(quickExplorer());
    QCOMPARE(reset.count(), 2);
    explorer.applyParameters(fashionMnist());
    QVERIFY(explorer.loadingInBackground());
    explorer.applyParameters(quickExplorer());
    QVERIFY(!explorer.loadingInBackground());
    QTest::qWait(400); // the dropped load's end
    QCOMPARE(reset.count(), 2);
    QCOMPARE(explorer.parameters(), quickExplorer());
}

void LargeDataTest::fullEvaluationScoresEveryHeldOutPoint()
{
    TrainingController controller;
    sme::TrainerSettings settings = smallModel();
    settings.evaluationSample = 20; // of the 100 held-out points
    controller.configure(smallData(), settings);
    QSignalSpy evaluated(&controller, &TrainingController::fullyEvaluated);
    QSignalSpy ended(&controller, &TrainingController::fullEvaluationEnded);
    controller.requestFullEvaluation();
    QVERIFY(ended.wait(20000));
    QCOMPARE(evaluated.count(), 1);
    const auto evaluation = evaluated.at(0).at(0).value<sme::Evaluation>();
    QCOMPARE(evaluation.heldOutPoints, 100L);
    QCOMPARE(evaluation.points, evaluation.heldOutPoints);
    QVERIFY(!evaluation.sampled());
}

void LargeDataTest::theMapAndTheLiveEvaluationsUseTheSample()
{
    TrainingController controller;
    sme::TrainerSettings settings = smallModel();
    settings.evaluationSample = 20;
    std::shared_ptr<const sme::TrainingSnapshot> first;
    connect(&controller, &TrainingController::snapshotReady, this,
            [&first](std::shared_ptr<const sme::TrainingSnapshot> s) { first = first ? first : s; });
    controller.configure(smallData(), settings);
    QTRY_VERIFY_WITH_TIMEOUT(first != nullptr, 20000);
    QCOMPARE(first->evaluations.size(), std::size_t(1));
    QCOMPARE(first->evaluations.front().points, 20L);
    QVERIFY(first->evaluations.front().sampled());
    QCOMPARE(first->heldOutEmbeddings->rows(), Eigen::Index(20));
    QCOMPARE(first->heldOutLabels->size(), std::size_t(20));
}

void LargeDataTest::sampleNoteAppearsOnlyWhenSampled()
{
    TrainingCurvesView curves;
    const QString note = QStringLiteral("Scores on a class-stratified sample of 2,000 of the 30,000 held-out images");
    curves.addEvaluations({evaluationOf(30000, 30000)});
    QVERIFY(!curves.retrievalChart()->title().contains(QLatin1String("sample")));
    curves.addEvaluations({evaluationOf(2000, 30000)});
    QVERIFY2(curves.retrievalChart()->title().contains(note), qPrintable(curves.retrievalChart()->title()));
    curves.addFullEvaluation(evaluationOf(30000, 30000));
    QCOMPARE(curves.fullEvaluationSeries(QStringLiteral("Recall@1"))->count(), 1);
    QCOMPARE(curves.fullEvaluationSeries(QStringLiteral("MAP@R"))->at(0), QPointF(10.0, 0.3));
    QCOMPARE(curves.fullEvaluationSeries(QStringLiteral("Recall@1"))->pointLabelsFormat(),
             QStringLiteral("all 30,000 held-out"));
    curves.startNewRun();
    QCOMPARE(curves.fullEvaluationSeries(QStringLiteral("Recall@1"))->count(), 0);
    QVERIFY(!curves.retrievalChart()->title().contains(QLatin1String("sample")));
}

void LargeDataTest::fashionMnistSnapshotsNameTheHeldOutClasses()
{
    const QString installed = dir_.filePath(QStringLiteral("fmnist-named"));
    QVERIFY(QDir().mkpath(installed));
    writeIdx(installed + QStringLiteral("/train-images-idx3-ubyte"), true, 60); // 6 of each class
    writeIdx(installed + QStringLiteral("/train-labels-idx1-ubyte"), false, 60);
    qputenv("SME_FASHION_MNIST_DIR", installed.toLocal8Bit());
    ExplorerController explorer; // with the real loader
    setUpQuietly(explorer, quickExplorer());
    std::shared_ptr<const sme::TrainingSnapshot> named;
    connect(explorer.training(), &TrainingController::snapshotReady, this,
            [&named](std::shared_ptr<const sme::TrainingSnapshot> s) {
                if (s->heldOutClassNames && !s->heldOutClassNames->empty())
                    named = s;
            });
    QSignalSpy ended(&explorer, &ExplorerController::backgroundLoadEnded);
    explorer.applyParameters(fashionMnist());
    QVERIFY(ended.wait(20000));
    QTRY_VERIFY_WITH_TIMEOUT(named != nullptr, 20000);
    const std::map<int, std::string> heldOut{{5, "Sandal"}, {6, "Shirt"}, {7, "Sneaker"}, {8, "Bag"}, {9, "Ankle boot"}};
    QCOMPARE(*named->heldOutClassNames, heldOut);
    QCOMPARE(named->classNames(), heldOut);
    qunsetenv("SME_FASHION_MNIST_DIR");
}

void LargeDataTest::windowEvaluatesAllHeldOutPointsOnRequest()
{
    MainWindow window(false);
    QVERIFY(!window.evaluateAllAction()->isEnabled()); // every held-out point is scored live
    window.explorer()->setEvaluationSample(20);
    sme::ExplorerParameters next = window.parameters();
    next.seed = 5; // a new model, on the smaller sample
    window.applyParameters(next);
    QTRY_VERIFY_WITH_TIMEOUT(window.evaluateAllAction()->isEnabled(), 20000);
    // (The sample takes some of every class, so it may be larger than asked.)
    const QString note = window.curvesView()->sampleNote();
    QVERIFY2(note.startsWith(QLatin1String("Scores on a class-stratified sample of ")), qPrintable(note));
    QVERIFY(window.curvesView()->retrievalChart()->title().contains(note));
    QVERIFY2(window.mapView()->title().contains(QLatin1String("; a sample of ")), qPrintable(window.mapView()->title()));
    QSignalSpy ended(window.controller(), &TrainingController::fullEvaluationEnded);
    QSignalSpy status(window.statusBar(), &QStatusBar::messageChanged);
    window.evaluateAllAction()->trigger();
    QVERIFY(!window.evaluateAllAction()->isEnabled());
    QVERIFY(ended.wait(20000));
    QTRY_COMPARE(window.curvesView()->fullEvaluationSeries(QStringLiteral("Recall@1"))->count(), 1);
    QString said;
    QVERIFY2(statusBarSaid(status, QLatin1String("Step "), &said)
                 && said.contains(QLatin1String(" held-out images: Recall@1 ")),
             qPrintable(said));
    QVERIFY(window.evaluateAllAction()->isEnabled());
    QVERIFY(!window.evaluationProgress()->underWay());
}

void LargeDataTest::sessionOnLargeDataOpensInTheBackground()
{
    const QString path = dir_.filePath(QStringLiteral("fashion.smx.json"));
    saveFashionSession(path, 4);
    MainWindow window(false);
    SlowLoader slow;
    slow.steps = 50; // a second: time for the window's own work and the timer
    window.explorer()->setDataLoader(slow.loader(QThread::currentThread()));
    const sme::ExplorerParameters before = window.parameters();
    QSignalSpy ended(window.explorer(), &ExplorerController::backgroundLoadEnded);
    int ticks = 0;
    QTimer timer;
    connect(&timer, &QTimer::timeout, [&ticks] { ++ticks; });
    timer.start(5);
    QSignalSpy status(window.statusBar(), &QStatusBar::messageChanged);
    QCOMPARE(window.openSession(path), QString());
    QVERIFY(window.explorer()->loadingInBackground());
    QVERIFY(window.loadProgress()->underWay());
    QCOMPARE(window.parameters(), before); // not until the model is in
    QVERIFY(ended.wait(20000));
    QVERIFY(!slow.onGuiThread->load());
    QVERIFY2(ticks >= 5, qPrintable(QString::number(ticks))); // the GUI thread ran meanwhile
    QCOMPARE(window.parameters(), fashionMnist());
    QCOMPARE(window.controls()->parameters(), fashionMnist());
    QCOMPARE(window.controller()->captureRun()->state.steps, 4L); // the kept model
    QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), 4L, 20000);
    QCOMPARE(window.viewState(), (SessionViewState{sme::ViewId::Losses, true, false, false}));
    QString said;
    QVERIFY2(statusBarSaid(status, QLatin1String("Opened the session"), &said), qPrintable(said));
    QVERIFY(!window.loadProgress()->underWay());
}

void LargeDataTest::cancelledOrSupersededSessionChangesNothing()
{
    const QString path = dir_.filePath(QStringLiteral("fashion-cancelled.smx.json"));
    saveFashionSession(path, 2);
    MainWindow window(false);
    SlowLoader endless;
    endless.steps = 100000; // until stopped
    window.explorer()->setDataLoader(endless.loader(QThread::currentThread()));
    sme::ExplorerParameters before = quickExplorer();
    before.learningRate = 0.003;
    window.applyParameters(before);
    for (int i = 0; i < 3; ++i)
        window.controller()->step();
    QTRY_COMPARE_WITH_TIMEOUT(window.displayedStep(), 3L, 20000);
    QSignalSpy reset(window.explorer(), &ExplorerController::modelReset);
    QSignalSpy errors(window.explorer(), &ExplorerController::error);
    QSignalSpy said(window.explorer(), &ExplorerController::message);
    QCOMPARE(window.openSession(path), QString());
    QVERIFY(window.explorer()->loadingInBackground());
    window.explorer()->cancelLoading();
    QCOMPARE(said.count(), 1);
    QVERIFY2(said.at(0).at(0).toString().contains(QLatin1String("cancelled; nothing changed")),
             qPrintable(said.at(0).at(0).toString()));
    QTest::qWait(300); // the stopped load's end changes nothing
    QCOMPARE(reset.count(), 0);
    QCOMPARE(errors.count(), 0);
    QCOMPARE(window.parameters(), before);
    QCOMPARE(window.controls()->parameters(), before);
    QCOMPARE(window.controller()->captureRun()->state.steps, 3L);
    QCOMPARE(*endless.finished, 0);

    // A later change gives the session up: the change stays, the session does not come.
    QCOMPARE(window.openSession(path), QString());
    sme::ExplorerParameters later = before;
    later.alpha = 0.4;
    window.applyParameters(later);
    QVERIFY(!window.explorer()->loadingInBackground());
    QCOMPARE(said.count(), 2);
    QTest::qWait(300);
    QCOMPARE(window.parameters(), later);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(window.controller()->captureRun()->state.steps, 3L);

    // Data that cannot be loaded: an error, and nothing changes.
    window.explorer()->setDataLoader([](const DataChoice& choice, const sme::Progress& progress) {
        if (choice.dataset == QLatin1String("fashion-mnist"))
            throw sme::Error("the images are damaged");
        return loadDataSplit(choice, progress);
    });
    QSignalSpy ended(window.explorer(), &ExplorerController::backgroundLoadEnded);
    QCOMPARE(window.openSession(path), QString());
    QVERIFY(ended.wait(20000));
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors.at(0).at(0).toString().contains(QLatin1String("nothing changed: the images are damaged")),
             qPrintable(errors.at(0).at(0).toString()));
    QCOMPARE(window.parameters(), later);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(window.controller()->captureRun()->state.steps, 3L);
}

QTEST_MAIN(LargeDataTest)
#include "tst_largedata.moc"
