// Tests of the sampler race: identical starts, runs that advance together and end up apart,
// controls acting on all four, the headless race, and the race window.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"
#include "app/control/RaceController.h"
#include "app/gui/RaceWindow.h"
#include "app/control/TrainingController.h"
#include "SmallTraining.h"
#include "model/training/SamplerRace.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/RaceCurvesView.h"
#include "widgets/SamplerLabel.h"

#include <QChart>
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QPushButton>
#include <QValueAxis>
#include "widgets/ExplanationPanel.h"

#include <QPushButton>
#include <QtTest>
#include <algorithm>

namespace {

constexpr std::size_t four = sme::raceSize;

using testing::smallData;
using testing::smallModel;

// Every snapshot of a live race, by sampler, in arrival order.
struct RaceLog {
    std::array<std::vector<std::shared_ptr<const sme::TrainingSnapshot>>, four> snapshots;
    long largestSpread = 0; // max - min of the race's step counts, over every arrival

    std::vector<sme::StepPoint> steps(std::size_t run) const
    {
        std::vector<sme::StepPoint> all;
        for (const auto& s : snapshots[run]) {
            if (s->reset)
                all.clear();
            all.insert(all.end(), s->steps.begin(), s->steps.end());
        }
        return all;
    }
    std::shared_ptr<const Eigen::MatrixXf> lastEmbeddings(std::size_t run) const
    {
        for (auto s = snapshots[run].rbegin(); s != snapshots[run].rend(); ++s)
            if ((*s)->heldOutEmbeddings)
                return (*s)->heldOutEmbeddings;
        return nullptr;
    }
};

void record(RaceController& race, RaceLog& log)
{
    QObject::connect(&race, &RaceController::snapshotReady, &race,
                     [&race, &log](sme::SamplerKind kind, std::shared_ptr<const sme::TrainingSnapshot> s) {
                         log.snapshots[std::size_t(kind)].push_back(s);
                         log.largestSpread = std::max(log.largestSpread, race.fastestSteps() - race.slowestSteps());
                     });
}

bool allAt(const RaceController& race, long step)
{
    return std::all_of(sme::allSamplerKinds.begin(), sme::allSamplerKinds.end(),
                       [&](sme::SamplerKind k) { return race.steps(k) == step; });
}

bool noControllerRuns(const RaceController& race)
{
    return std::none_of(sme::allSamplerKinds.begin(), sme::allSamplerKinds.end(),
                        [&](sme::SamplerKind k) { return race.controller(k)->isRunning(); });
}

} // namespace

class RaceTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    // The model: sme::SamplerRace.
    void settingsDifferOnlyInTheSampler();
    void fourRunsStartFromIdenticalWeights();
    void headlessRaceIsTheSameWhateverTheThreads();
    void raceTableHasOneRowPerEvaluationAndSampler();
    void curvesDifferAfterTraining();
    // The live race: RaceController.
    void liveRunsStartFromIdenticalWeights();
    void runsAdvanceTogetherEvenWhenOneIsSlow();
    void stepMovesEveryRunOnce();
    void pauseAndResetActOnAllFour();
    void raceStopsWhereTheLessonSaysAndGoesOn();
    void lossChangeLandsAtTheSameStepInAllFour();
    // The window.
    void raceWindowShowsFourRunsAndSteps();
    void raceWindowMarksTheCollapsedRunner();
    void raceOnTheDigitsSettles();
    void mainWindowOpensTheRace();
};

void RaceTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_race"));
}

void RaceTest::settingsDifferOnlyInTheSampler()
{
    sme::TrainerSettings base = smallModel();
    base.seed = 7;
    base.loss = sme::LossKind::Contrastive;
    base.learningRate = 3e-3;
    const auto settings = sme::raceSettings(base);
    for (sme::SamplerKind kind : sme::allSamplerKinds) {
        sme::TrainerSettings s = settings[std::size_t(kind)];
        QCOMPARE(s.sampler, kind);
        QCOMPARE(s.seed, base.seed);
        QCOMPARE(s.loss, base.loss);
        QCOMPARE(s.learningRate, base.learningRate);
        QCOMPARE(s.hidden, base.hidden);
    }
}

void RaceTest::fourRunsStartFromIdenticalWeights()
{
    // Trainer.cpp draws the initial weights from the seed's weights stream and the network's
    // shape only: the sampler plays no part, so the four must be equal to the bit.
    std::vector<sme::Trainer> trainers = sme::raceTrainers(smallData(), smallModel());
    QCOMPARE(trainers.size(), four);
    const auto& first = trainers[0].network().parameters();
    QVERIFY(!first.empty());
    for (std::size_t run = 1; run < four; ++run) {
        QCOMPARE(trainers[run].settings().sampler, sme::allSamplerKinds[run]);
        const auto& other = trainers[run].network().parameters();
        QCOMPARE(other.size(), first.size());
        for (std::size_t p = 0; p < first.size(); ++p) {
            QCOMPARE(other[p].rows(), first[p].rows());
            QCOMPARE(other[p].cols(), first[p].cols());
            QVERIFY2((other[p].array() == first[p].array()).all(), qPrintable(QString("parameter %1").arg(p)));
        }
        QVERIFY((trainers[run].heldOutEmbeddings().array() == trainers[0].heldOutEmbeddings().array()).all());
    }
}

void RaceTest::headlessRaceIsTheSameWhateverTheThreads()
{
    const sme::DataSplit data = smallData();
    const sme::RaceResult a = sme::runRace(data, smallModel(), 30, 10);
    const sme::RaceResult b = sme::runRace(data, smallModel(), 30, 10);
    QCOMPARE(sme::toCsv(sme::toRaceTable(a)), sme::toCsv(sme::toRaceTable(b)));
    // And the same as each run trained alone, on this thread, with nothing beside it.
    for (sme::SamplerKind kind : sme::allSamplerKinds) {
        sme::TrainerSettings settings = smallModel();
        settings.sampler = kind;
        sme::Trainer alone(data, settings);
        const sme::TrainingRunResult run = sme::runTraining(alone, 30, 10);
        QCOMPARE(sme::toCsv(sme::toTable(run.records)),
                 sme::toCsv(sme::toTable(a.runs[std::size_t(kind)].records)));
    }
}

void RaceTest::raceTableHasOneRowPerEvaluationAndSampler()
{
    long lastProgress = 0;
    bool progressGrew = true;
    const sme::RaceResult race = sme::runRace(smallData(), smallModel(), 25, 10, [&](long done) {
        progressGrew = progressGrew && done > lastProgress;
        lastProgress = done;
    });
    QVERIFY(progressGrew);
    QCOMPARE(lastProgress, 25L);
    QVERIFY(!race.anyDiverged());
    const sme::Table table = sme::toRaceTable(race);
    QCOMPARE(table.columns, (std::vector<std::string>{"step", "sampler", "loss", "recall_at_1", "nmi", "map_at_r", "spread"}));
    const std::vector<long> steps{0, 10, 20, 25}; // every 10 steps and after the last
    QCOMPARE(table.rows.size(), steps.size() * four);
    for (std::size_t i = 0; i < table.rows.size(); ++i) {
        const auto& row = table.rows[i];
        QCOMPARE(*row[0], double(steps[i / four]));
        QCOMPARE(row[1].text(), std::string(sme::samplerName(sme::allSamplerKinds[i % four])));
        QCOMPARE(row[2].has_value(), i >= four); // no loss before training
        for (std::size_t c = 3; c < 6; ++c)
            QVERIFY(*row[c] >= 0.0 && *row[c] <= 1.0);
    }
}

void RaceTest::curvesDifferAfterTraining()
{
    // "Differ": the four start equal (step 0 rows) and draw the same batches (the batch stream
    // does not depend on the sampler), so any difference is the sampler's. Each pair of samplers
    // must give a different loss curve: a sampler that picked the same negatives as another on
    // every batch would not be a different sampler.
    const sme::RaceResult race = sme::runRace(smallData(), smallModel(), 40, 10);
    std::array<std::vector<double>, four> losses;
    for (std::size_t run = 0; run < four; ++run) {
        const auto& records = race.runs[run].records;
        QCOMPARE(records.front().evaluation.recall, race.runs[0].records.front().evaluation.recall);
        for (const sme::TrainingRecord& r : records)
            if (r.loss)
                losses[run].push_back(*r.loss);
        QCOMPARE(losses[run].size(), std::size_t(4));
    }
    for (std::size_t a = 0; a < four; ++a)
        for (std::size_t b = a + 1; b < four; ++b)
            QVERIFY2(losses[a] != losses[b], qPrintable(QString("runs %1 and %2").arg(a).arg(b)));
}

void RaceTest::liveRunsStartFromIdenticalWeights()
{
    // The weights live on the runs' threads; the step-0 held-out embeddings each run publishes
    // are a function of its weights alone, so they must be bit-identical.
    RaceController race(10);
    RaceLog log;
    record(race, log);
    race.configure(smallData(), smallModel());
    for (std::size_t run = 0; run < four; ++run)
        QTRY_VERIFY(log.lastEmbeddings(run) != nullptr);
    for (std::size_t run = 1; run < four; ++run) {
        QVERIFY(log.snapshots[run].front()->reset);
        QVERIFY((log.lastEmbeddings(run)->array() == log.lastEmbeddings(0)->array()).all());
    }
}

void RaceTest::runsAdvanceTogetherEvenWhenOneIsSlow()
{
    // One run held to 150 steps/s while the others could do thousands: without the chunks they
    // would be hundreds of steps ahead within a second.
    constexpr long chunk = 10;
    RaceController race(chunk);
    RaceLog log;
    record(race, log);
    race.configure(smallData(), smallModel());
    race.controller(sme::SamplerKind::SemiHard)->setStepsPerSecond(150);
    race.start();
    QVERIFY(race.isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(race.slowestSteps() >= 80, 20000);
    // The steps as the runs reported them lag their true steps by a snapshot at most, and the
    // bound holds for those too: all had reported the chunk's start before any was let go.
    QVERIFY2(log.largestSpread <= chunk, qPrintable(QString::number(log.largestSpread)));
    race.pause();
    QTRY_VERIFY(!race.isRunning());
    QVERIFY(log.largestSpread <= chunk);
    // The pause lands every run on the same chunk end.
    QVERIFY(noControllerRuns(race));
    const long stopped = race.steps(sme::SamplerKind::Uniform);
    QVERIFY(allAt(race, stopped));
    QCOMPARE(stopped % chunk, 0L);
    QTest::qWait(200);
    QVERIFY(allAt(race, stopped));
}

void RaceTest::stepMovesEveryRunOnce()
{
    RaceController race(10);
    RaceLog log;
    record(race, log);
    race.configure(smallData(), smallModel());
    race.step();
    QTRY_VERIFY(allAt(race, 1));
    race.step();
    race.step();
    QTRY_VERIFY(allAt(race, 3));
    QVERIFY(!race.isRunning());
    for (std::size_t run = 0; run < four; ++run) {
        const auto steps = log.steps(run);
        QCOMPARE(steps.size(), std::size_t(3));
        QCOMPARE(steps.back().step, 3L);
    }
}

void RaceTest::raceStopsWhereTheLessonSaysAndGoesOn()
{
    // Chunks of 10 and a stop at 25: the chunk that would pass it ends on it; Play goes on.
    RaceController race(10);
    race.configure(smallData(), smallModel());
    race.setStopAfter(25);
    race.start();
    QTRY_VERIFY_WITH_TIMEOUT(!race.isRunning(), 20000);
    QVERIFY(allAt(race, 25));
    race.start();
    QTRY_VERIFY_WITH_TIMEOUT(race.slowestSteps() >= 45, 20000);
    race.pause();
    QTRY_VERIFY(!race.isRunning());
}

void RaceTest::pauseAndResetActOnAllFour()
{
    RaceController race(10);
    RaceLog log;
    record(race, log);
    QSignalSpy running(&race, &RaceController::runningChanged);
    race.configure(smallData(), smallModel());
    race.start();
    QTRY_VERIFY_WITH_TIMEOUT(race.slowestSteps() >= 30, 20000);
    race.pause();
    QTRY_VERIFY(!race.isRunning());
    QCOMPARE(running.count(), 2); // on, then off once all four stopped
    QVERIFY(noControllerRuns(race));
    const long paused = race.steps(sme::SamplerKind::Uniform);
    QVERIFY(allAt(race, paused));

    race.reset();
    QVERIFY(!race.isRunning());
    for (std::size_t run = 0; run < four; ++run)
        QTRY_VERIFY(log.snapshots[run].back()->reset);
    QVERIFY(allAt(race, 0));
    QVERIFY(noControllerRuns(race));
    for (std::size_t run = 1; run < four; ++run) // back to the common initial weights
        QVERIFY((log.lastEmbeddings(run)->array() == log.lastEmbeddings(0)->array()).all());
    // And it runs again from there, together.
    race.start();
    QTRY_VERIFY_WITH_TIMEOUT(race.slowestSteps() >= 10, 20000);
    race.pause();
    QTRY_VERIFY(!race.isRunning());
    QVERIFY(allAt(race, race.steps(sme::SamplerKind::Uniform)));
}

void RaceTest::lossChangeLandsAtTheSameStepInAllFour()
{
    // Under the margin loss a step's mean beta changes from batch to batch (learned, per class);
    // under any other loss it is beta0, constant. So the first step of the new loss is the first
    // step from which beta stays constant, and it must be the same in all four, after a chunk.
    RaceController race(10);
    RaceLog log;
    record(race, log);
    race.configure(smallData(), smallModel()); // margin
    race.start();
    QTRY_VERIFY_WITH_TIMEOUT(race.slowestSteps() >= 5, 20000);
    race.setLoss(sme::LossKind::TripletSquared);
    // The change waits for the chunk under way (and, seen from here, for the snapshots that say
    // it ended), so three chunks on from the furthest run there are steps of the new loss.
    const long asked = race.fastestSteps();
    QTRY_VERIFY_WITH_TIMEOUT(race.slowestSteps() >= asked + 3 * race.chunkSteps(), 20000);
    race.pause();
    QTRY_VERIFY(!race.isRunning());
    std::array<long, four> firstOfNewLoss{};
    for (std::size_t run = 0; run < four; ++run) {
        const auto steps = log.steps(run);
        std::size_t first = steps.size() - 1;
        while (first > 0 && steps[first - 1].beta == steps.back().beta)
            --first;
        firstOfNewLoss[run] = steps[first].step;
    }
    for (std::size_t run = 0; run < four; ++run) {
        QCOMPARE(firstOfNewLoss[run], firstOfNewLoss[0]);
        QCOMPARE((firstOfNewLoss[run] - 1) % race.chunkSteps(), 0L);
    }
}

void RaceTest::raceOnTheDigitsSettles()
{
    // The digits at the default model: their maps have a legend of five classes, and at the
    // race's size the axes' range (+-1 or +-1.5) and the plot area chased each other for ever,
    // a relayout at every turn of the event loop, the window frozen. Once shown and idle, a
    // map's plot area must stop changing.
    sme::ExplorerParameters parameters;
    parameters.dataset = "digits";
    RaceWindow window(parameters);
    window.resize(1400, 850); // the size it froze at (offscreen, the window fits an 800 x 600 screen)
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    EmbeddingMapView* map = window.map(sme::SamplerKind::Uniform);
    QTRY_VERIFY_WITH_TIMEOUT(map->classSeriesCount() > 0, 20000);
    QTest::qWait(500); // the first layouts
    QSignalSpy relayouts(map->chart(), &QChart::plotAreaChanged);
    QTest::qWait(1000);
    QVERIFY2(relayouts.count() <= 2, qPrintable(QStringLiteral("%1 relayouts in a second").arg(relayouts.count())));
}

void RaceTest::raceWindowShowsFourRunsAndSteps()
{
    sme::ExplorerParameters parameters;
    parameters.dataset = "digits"; // 900 held-out examples: cheaper evaluations than synthetic
    parameters.hidden = {16};
    parameters.dimension = 8;
    RaceWindow window(parameters);
    window.show();
    QVERIFY(window.playButton()->isEnabled());
    for (sme::SamplerKind kind : sme::allSamplerKinds) {
        QVERIFY(window.map(kind));
        QTRY_VERIFY_WITH_TIMEOUT(window.map(kind)->classSeriesCount() > 0, 20000);
        QVERIFY(window.curves()->series(kind));
    }
    window.stepButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(allAt(*window.race(), 1), 20000);
    QTRY_COMPARE(window.stepLabel()->text(), QStringLiteral("Step 1"));
    for (sme::SamplerKind kind : sme::allSamplerKinds) // step 0 and step 1 evaluated
        QTRY_COMPARE(window.curves()->series(kind)->count(), 2);
    window.metricSelector()->setCurrentIndex(int(RaceCurvesView::Metric::Loss));
    QCOMPARE(window.curves()->shownMetric(), RaceCurvesView::Metric::Loss);
    for (sme::SamplerKind kind : sme::allSamplerKinds) // no loss before training
        QCOMPARE(window.curves()->series(kind)->count(), 1);
    window.playButton()->click();
    QTRY_COMPARE(window.playButton()->text(), QStringLiteral("Pause"));
    window.playButton()->click();
    QTRY_COMPARE(window.playButton()->text(), QStringLiteral("Play"));
    window.resetButton()->click();
    QTRY_VERIFY(allAt(*window.race(), 0));

    // "What am I seeing?" shows the race's explanation, and hides it again.
    auto* explain = window.findChild<QPushButton*>(QStringLiteral("explainRace"));
    QVERIFY(explain);
    auto* panel = window.findChild<ExplanationPanel*>();
    QVERIFY(panel && !panel->isVisible());
    explain->click();
    QVERIFY(panel->isVisible());
    QCOMPARE(panel->explainedView(), sme::ViewId::SamplerRace);
    QVERIFY(panel->plainText().contains(QStringLiteral("four samplers")));
    explain->click();
    QVERIFY(!panel->isVisible());

    // Data that cannot be loaded: said, and nothing to press.
    parameters.dataset = "/no/such/file.csv";
    RaceWindow broken(parameters);
    QVERIFY(!broken.playButton()->isEnabled());
}

void RaceTest::raceWindowMarksTheCollapsedRunner()
{
    // The paper's collapse: hard negatives under the squared triplet loss, on noisy data. Headless
    // (race --data-noise 3 --loss triplet-squared) hard negative mining has collapsed by step
    // 100 (spread 0.03) while the others spread out (0.6 to 0.9).
    sme::ExplorerParameters parameters;
    parameters.syntheticNoise = 3.0;
    parameters.loss = sme::LossKind::TripletSquared;
    RaceWindow window(parameters);
    window.show();
    for (sme::SamplerKind kind : sme::allSamplerKinds) // step 0: no one has collapsed
        QTRY_COMPARE_WITH_TIMEOUT(window.mapName(kind)->text(), samplerLabel(kind), 20000);
    window.playButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(window.race()->slowestSteps() >= 150, 120000);
    window.playButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(window.playButton()->text(), QStringLiteral("Play"), 20000);
    const sme::SamplerKind hard = sme::SamplerKind::HardNegative;
    QVERIFY2(window.mapName(hard)->text().startsWith(samplerLabel(hard) + QStringLiteral(" \u2014 collapsed (spread 0.0")),
             qPrintable(window.mapName(hard)->text()));
    QCOMPARE(window.curves()->series(hard)->name(), window.mapName(hard)->text());
    for (sme::SamplerKind kind : {sme::SamplerKind::Uniform, sme::SamplerKind::SemiHard,
                                  sme::SamplerKind::DistanceWeighted})
        QCOMPARE(window.mapName(kind)->text(), samplerLabel(kind));
    // A reset: no run has collapsed at step 0.
    window.resetButton()->click();
    QTRY_COMPARE_WITH_TIMEOUT(window.mapName(hard)->text(), samplerLabel(hard), 20000);
}

void RaceTest::mainWindowOpensTheRace()
{
    MainWindow window(false);
    QVERIFY(window.findChildren<RaceWindow*>().isEmpty());
    window.openRace();
    const auto races = window.findChildren<RaceWindow*>();
    QCOMPARE(races.size(), 1);
    QVERIFY(races.front()->isVisible());
    QVERIFY(races.front()->isWindow());
    races.front()->close(); // deletes itself
    QTRY_VERIFY(window.findChildren<RaceWindow*>().isEmpty());
}

QTEST_MAIN(RaceTest)
#include "tst_race.moc"
