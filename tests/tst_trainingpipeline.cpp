// Tests of the one training pipeline (its evaluation policy and record), the parallel-runs
// helper (exceptions carried back, progress one call at a time) and the ablation built on both.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SmallTraining.h"
#include "model/base/Error.h"
#include "model/training/Ablation.h"
#include "model/training/ParallelRuns.h"
#include "model/training/TrainingPipeline.h"
#include "model/training/TrainingRun.h"

#include <QtTest>
#include <atomic>
#include <chrono>
#include <new>
#include <thread>

namespace {

using testing::smallData;
using testing::smallModel;
using testing::stallingData;
using testing::stallingModel;

std::vector<long> evaluatedSteps(const sme::RunHistory& history)
{
    std::vector<long> steps;
    for (const sme::Evaluation& e : history.evaluations)
        steps.push_back(e.step);
    return steps;
}

bool sameEvaluation(const sme::Evaluation& a, const sme::Evaluation& b)
{
    return a.step == b.step && a.recall == b.recall && a.nmi == b.nmi && a.mapAtR == b.mapAtR;
}

// Adam moves every weight by about the learning rate per step: at 1e30 the first step that
// has a gradient sends the weights far past Trainer::runawayWeight.
sme::TrainerSettings divergingModel()
{
    sme::TrainerSettings settings = smallModel();
    settings.learningRate = 1e30;
    return settings;
}

} // namespace

class TrainingPipelineTest : public QObject {
    Q_OBJECT
private slots:
    void evaluatesEveryEStepsAndTheLastOfARun();
    void evaluationFollowsTheTrainersStepCount();
    void evaluateEveryZeroEvaluatesOnlyAtTheEnd();
    void evaluationOnRequestIsRecorded();
    void recordsAverageTheStepsSinceTheLastEvaluation();
    void divergedStepIsNeitherRecordedNorEvaluated();
    void runTrainingRecordsThePipelinesEvaluations();
    void runTrainingScoresEveryHeldOutPointInItsLastRecord();
    void runTrainingOfNoStepsScoresEveryPoint();
    void figureRunMapsTheEvaluationSample();
    void stalledAfterStalledAfterStepsWithoutAnActiveTriplet();
    void anActiveStepOrARestartEndsTheStall();
    void parallelRunsDoEveryJobOnce();
    void parallelRunsCarryAnErrorBack();
    void parallelRunsCarryBadAllocBack();
    void serialCallsNeverOverlap();
    void ablationEqualsThePerCellLoop_data();
    void ablationEqualsThePerCellLoop();
    void ablationCarriesAnExceptionBack();
    void ablationProgressCountsEveryRunOnce();
};

void TrainingPipelineTest::evaluatesEveryEStepsAndTheLastOfARun()
{
    sme::Trainer trainer(smallData(), smallModel());
    sme::TrainingPipeline pipeline(trainer, 10);
    std::vector<long> recorded;
    const auto end = pipeline.run(25, [&](long done, const sme::TrainingPipeline::Step& step) {
        QCOMPARE(step.result.step, done);
        if (step.record)
            recorded.push_back(step.record->step);
    });
    QVERIFY(!end.diverged);
    QCOMPARE(recorded, (std::vector<long>{10, 20, 25}));
    QCOMPARE(evaluatedSteps(pipeline.history()), recorded);
    QCOMPARE(pipeline.history().steps.size(), std::size_t(25));
    // A single step outside a run: evaluated only on a multiple of E, or when it is a run's last.
    QVERIFY(!pipeline.step().record);
    QVERIFY(pipeline.step(true).record);
}

void TrainingPipelineTest::evaluationFollowsTheTrainersStepCount()
{
    // A model that trained 7 steps already: the multiples of E are the trainer's steps (10, 15),
    // not 5 and 10 steps into this run.
    sme::Trainer trainer(smallData(), smallModel());
    for (int i = 0; i < 7; ++i)
        trainer.trainStep();
    sme::TrainingPipeline pipeline(trainer, 5);
    pipeline.run(10);
    QCOMPARE(evaluatedSteps(pipeline.history()), (std::vector<long>{10, 15, 17}));
}

void TrainingPipelineTest::evaluateEveryZeroEvaluatesOnlyAtTheEnd()
{
    sme::Trainer trainer(smallData(), smallModel());
    sme::TrainingPipeline pipeline(trainer, 0, {}, sme::StepRecording::EvaluationsOnly);
    pipeline.run(30);
    QCOMPARE(evaluatedSteps(pipeline.history()), std::vector<long>{30});
    QVERIFY(pipeline.history().steps.empty()); // only the evaluations were asked for
    QVERIFY_THROWS_EXCEPTION(sme::Error, pipeline.setEvaluateEvery(-1));
}

void TrainingPipelineTest::evaluationOnRequestIsRecorded()
{
    sme::Trainer trainer(smallData(), smallModel());
    sme::RunHistory earlier;
    earlier.evaluations.push_back(trainer.evaluate());
    sme::TrainingPipeline pipeline(trainer, 100, std::move(earlier));
    pipeline.evaluateUnlessCurrent(); // step 0 has its evaluation already
    QCOMPARE(evaluatedSteps(pipeline.history()), std::vector<long>{0});
    pipeline.run(3);
    const sme::TrainingRecord asked = pipeline.evaluate(); // recorded even at step 3 again
    QCOMPARE(asked.step, 3L);
    QVERIFY(!asked.loss); // no step since the run's last evaluation
    QCOMPARE(evaluatedSteps(pipeline.history()), (std::vector<long>{0, 3, 3}));
    pipeline.restart();
    QCOMPARE(trainer.steps(), 0L);
    QVERIFY(pipeline.history().evaluations.empty() && pipeline.history().steps.empty());
}

void TrainingPipelineTest::recordsAverageTheStepsSinceTheLastEvaluation()
{
    sme::Trainer trainer(smallData(), smallModel());
    sme::TrainingPipeline pipeline(trainer, 4);
    std::vector<sme::TrainingRecord> records;
    pipeline.run(10, [&](long, const sme::TrainingPipeline::Step& step) {
        if (step.record)
            records.push_back(*step.record);
    });
    QCOMPARE(records.size(), std::size_t(3)); // steps 4, 8, 10
    const std::vector<sme::StepPoint>& points = pipeline.history().steps;
    std::size_t first = 0;
    for (const sme::TrainingRecord& record : records) {
        double loss = 0.0, active = 0.0, beta = 0.0;
        const std::size_t end = std::size_t(record.step);
        for (std::size_t i = first; i < end; ++i) {
            loss += points[i].loss;
            active += points[i].activeFraction;
            beta += points[i].beta;
        }
        const double count = double(end - first);
        QCOMPARE(*record.loss, loss / count);
        QCOMPARE(*record.activeFraction, active / count);
        QCOMPARE(record.beta, beta / count);
        first = end;
    }
}

void TrainingPipelineTest::divergedStepIsNeitherRecordedNorEvaluated()
{
    sme::Trainer trainer(smallData(), smallModel());
    sme::TrainingPipeline pipeline(trainer, 1);
    pipeline.run(5);
    trainer.setLearningRate(divergingModel().learningRate);
    long calls = 0;
    const auto end = pipeline.run(1000, [&](long, const sme::TrainingPipeline::Step&) { ++calls; });
    QVERIFY(end.diverged);
    QVERIFY(!end.divergence.empty());
    QCOMPARE(calls, 0L);
    QCOMPARE(trainer.steps(), 5L); // the diverged step did not count
    QCOMPARE(pipeline.history().steps.size(), std::size_t(5));
    QCOMPARE(evaluatedSteps(pipeline.history()), (std::vector<long>{1, 2, 3, 4, 5}));
}

void TrainingPipelineTest::runTrainingRecordsThePipelinesEvaluations()
{
    // runTraining: the evaluation where the trainer is, then the pipeline's.
    sme::Trainer trainer(smallData(), smallModel());
    const sme::TrainingRunResult run = sme::runTraining(trainer, 25, 10);
    std::vector<long> steps;
    for (const sme::TrainingRecord& r : run.records)
        steps.push_back(r.step);
    QCOMPARE(steps, (std::vector<long>{0, 10, 20, 25}));
    QVERIFY(!run.records.front().loss);
    QCOMPARE(run.records.front().beta, smallModel().beta0);

    sme::Trainer again(smallData(), smallModel());
    sme::TrainingPipeline pipeline(again, 10);
    pipeline.evaluate();
    pipeline.run(25);
    QCOMPARE(pipeline.history().evaluations.size(), run.records.size());
    for (std::size_t i = 0; i < run.records.size(); ++i)
        QVERIFY(sameEvaluation(pipeline.history().evaluations[i], run.records[i].evaluation));
}

void TrainingPipelineTest::runTrainingScoresEveryHeldOutPointInItsLastRecord()
{
    // smallData holds out 100 points; a sample of 30 is scored along the run. The sample has
    // no say in the training, so a run that scores every point has the same models.
    sme::TrainerSettings sampledModel = smallModel();
    sampledModel.evaluationSample = 30;
    sme::TrainerSettings everyPointModel = smallModel();
    everyPointModel.evaluationSample = 0;
    sme::Trainer sampledTrainer(smallData(), sampledModel);
    sme::Trainer everyPointTrainer(smallData(), everyPointModel);
    int lastCalls = 0;
    const sme::TrainingRunResult sampled = sme::runTraining(sampledTrainer, 25, 10, {}, sme::EvaluationScope::AllHeldOut,
                                                            [&](double) { return ++lastCalls > 0; });
    const sme::TrainingRunResult everyPoint = sme::runTraining(everyPointTrainer, 25, 10);
    QCOMPARE(sampled.records.size(), std::size_t(4));
    QCOMPARE(everyPoint.records.size(), std::size_t(4));
    for (std::size_t i = 0; i + 1 < sampled.records.size(); ++i) {
        const sme::Evaluation& e = sampled.records[i].evaluation;
        QCOMPARE(e.points, long(sampledTrainer.evaluationRows().size()));
        QCOMPARE(e.heldOutPoints, 100L);
        QVERIFY(e.sampled());
        QVERIFY(!sameEvaluation(e, everyPoint.records[i].evaluation));
    }
    const sme::Evaluation& last = sampled.records.back().evaluation;
    QCOMPARE(last.step, 25L);
    QCOMPARE(last.points, 100L);
    QVERIFY(sameEvaluation(last, everyPoint.records.back().evaluation));
    QCOMPARE(last.spread, everyPoint.records.back().evaluation.spread);
    QVERIFY(lastCalls > 0); // the progress of that evaluation, and of no other
    QCOMPARE(sampled.records.back().loss, everyPoint.records.back().loss);

    // Asked to, the last record scores the sample like the others.
    sme::Trainer again(smallData(), sampledModel);
    const sme::TrainingRunResult onTheSample = sme::runTraining(again, 25, 10, {}, sme::EvaluationScope::Sample);
    QVERIFY(onTheSample.records.back().evaluation.sampled());
    QVERIFY(sameEvaluation(onTheSample.records[1].evaluation, sampled.records[1].evaluation));
}

void TrainingPipelineTest::runTrainingOfNoStepsScoresEveryPoint()
{
    sme::TrainerSettings sampledModel = smallModel();
    sampledModel.evaluationSample = 30;
    sme::Trainer trainer(smallData(), sampledModel);
    const sme::TrainingRunResult run = sme::runTraining(trainer, 0, 10);
    QCOMPARE(run.records.size(), std::size_t(1)); // its only row is its last
    QCOMPARE(run.records.front().evaluation.points, 100L);
}

void TrainingPipelineTest::figureRunMapsTheEvaluationSample()
{
    sme::TrainerSettings sampledModel = smallModel();
    sampledModel.evaluationSample = 30;
    sme::Trainer trainer(smallData(), sampledModel);
    const sme::FigureTrainingRun run = sme::trainForFigures(trainer, {}, 5, 5);
    QVERIFY(trainer.evaluationRows().size() < trainer.heldOutLabels().size());
    QCOMPARE(run.embeddings.rows(), Eigen::Index(trainer.evaluationRows().size()));
    QVERIFY(run.labels == trainer.sampleLabels());
    QVERIFY(run.embeddings == trainer.sampleEmbeddings());

    // Data of no more held-out points than the sample is mapped whole, as before the sample.
    sme::Trainer whole(smallData(), smallModel());
    const sme::FigureTrainingRun wholeRun = sme::trainForFigures(whole, {}, 5, 5);
    QCOMPARE(wholeRun.embeddings.rows(), Eigen::Index(100));
    QVERIFY(wholeRun.labels == whole.heldOutLabels());
    QVERIFY(wholeRun.embeddings == whole.heldOutEmbeddings());
}

void TrainingPipelineTest::stalledAfterStalledAfterStepsWithoutAnActiveTriplet()
{
    constexpr long stallSteps = sme::TrainingPipeline::stalledAfterSteps;
    sme::Trainer trainer(stallingData(), stallingModel());
    sme::TrainingPipeline pipeline(trainer, 100);
    std::vector<sme::TrainingRecord> records;
    pipeline.run(stallSteps - 1, [&](long, const sme::TrainingPipeline::Step& step) {
        QCOMPARE(step.result.activeFraction, 0.0);
        if (step.record)
            records.push_back(*step.record);
    });
    QVERIFY(!pipeline.stalled()); // one step short
    QCOMPARE(records.size(), std::size_t(2)); // steps 100 and 199, the run's last
    for (const sme::TrainingRecord& record : records)
        QVERIFY(!record.stalled());

    const sme::TrainingPipeline::Step last = pipeline.step();
    QCOMPARE(last.result.step, stallSteps);
    QCOMPARE(pipeline.stalledSince(), std::optional<long>(1)); // no step was ever active
    QVERIFY(last.record); // step 200, a multiple of 100
    QCOMPARE(last.record->stalledSince, std::optional<long>(1));
}

void TrainingPipelineTest::anActiveStepOrARestartEndsTheStall()
{
    constexpr long stallSteps = sme::TrainingPipeline::stalledAfterSteps;
    sme::Trainer trainer(stallingData(), stallingModel());
    sme::TrainingPipeline pipeline(trainer, 0);
    pipeline.run(stallSteps + 10);
    QVERIFY(pipeline.stalled());

    // A margin of 2 exceeds any distance on the unit sphere: every triplet is active.
    trainer.setAlpha(2.0);
    QVERIFY(pipeline.step().result.activeFraction > 0.0);
    QVERIFY(!pipeline.stalled());
    QVERIFY(!pipeline.evaluate().stalled());

    // The count starts again from the active step: a new stall needs as many steps again, and
    // dates from its own first step.
    trainer.setAlpha(0.0);
    const long firstInactive = trainer.steps() + 1;
    pipeline.run(stallSteps - 1);
    QVERIFY(!pipeline.stalled());
    pipeline.step();
    QCOMPARE(pipeline.stalledSince(), std::optional<long>(firstInactive));

    pipeline.restart();
    QVERIFY(!pipeline.stalled());
    QCOMPARE(trainer.steps(), 0L);
}

void TrainingPipelineTest::parallelRunsDoEveryJobOnce()
{
    std::vector<std::atomic<int>> done(50);
    sme::runInParallel(done.size(), [&](std::size_t job, sme::SerialCalls&) { ++done[job]; });
    for (const std::atomic<int>& count : done)
        QCOMPARE(count.load(), 1);
    bool ran = false;
    sme::runInParallel(0, [&](std::size_t, sme::SerialCalls&) { ran = true; });
    QVERIFY(!ran);
}

void TrainingPipelineTest::parallelRunsCarryAnErrorBack()
{
    // Before, an exception on a worker thread called std::terminate: here it must reach the
    // caller, after every thread joined (the test would crash otherwise).
    std::atomic<int> finished{0};
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::runInParallel(8, [&](std::size_t job, sme::SerialCalls&) {
        if (job == 3)
            throw sme::Error("job 3 failed");
        ++finished;
    }));
    QVERIFY(finished < 8);
}

void TrainingPipelineTest::parallelRunsCarryBadAllocBack()
{
    QVERIFY_THROWS_EXCEPTION(std::bad_alloc, sme::runInParallel(8, [](std::size_t job, sme::SerialCalls&) {
        if (job % 2 == 1)
            throw std::bad_alloc();
    }));
}

void TrainingPipelineTest::serialCallsNeverOverlap()
{
    // Every job reports many times; a report that saw another one inside would be an overlap.
    // Each report lingers a little so that, without the lock, two threads would meet.
    std::atomic<int> inside{0};
    std::atomic<bool> overlapped{false};
    long reports = 0; // unguarded on purpose: only SerialCalls' lock protects it
    sme::runInParallel(8, [&](std::size_t, sme::SerialCalls& serial) {
        for (int i = 0; i < 20; ++i)
            serial([&] {
                if (++inside != 1)
                    overlapped = true;
                ++reports;
                std::this_thread::sleep_for(std::chrono::microseconds(200));
                --inside;
            });
    });
    QVERIFY(!overlapped);
    QCOMPARE(reports, 8L * 20L);
}

void TrainingPipelineTest::ablationEqualsThePerCellLoop_data()
{
    QTest::addColumn<double>("learningRate");
    QTest::newRow("trains") << smallModel().learningRate;
    QTest::newRow("diverges") << divergingModel().learningRate;
}

void TrainingPipelineTest::ablationEqualsThePerCellLoop()
{
    // The loop `ablate` had: every sampler x loss, seeds base.seed + run, `steps` steps or
    // until a divergence, one evaluation at the end.
    QFETCH(double, learningRate);
    const sme::DataSplit data = smallData();
    sme::TrainerSettings base = smallModel();
    base.learningRate = learningRate;
    base.seed = 5;
    const long steps = 8;
    const int seeds = 2;
    const sme::AblationResult ablation = sme::runAblation(data, base, steps, seeds);
    QCOMPARE(ablation.cells.size(), sme::allSamplerKinds.size() * sme::allLossKinds.size());
    bool anyDiverged = false;
    std::size_t index = 0;
    for (sme::SamplerKind sampler : sme::allSamplerKinds)
        for (sme::LossKind loss : sme::allLossKinds) {
            const sme::AblationCell& cell = ablation.cells[index++];
            QCOMPARE(cell.sampler, sampler);
            QCOMPARE(cell.loss, loss);
            QCOMPARE(cell.runs.size(), std::size_t(seeds));
            double recall = 0.0;
            for (int run = 0; run < seeds; ++run) {
                sme::TrainerSettings settings = base;
                settings.sampler = sampler;
                settings.loss = loss;
                settings.seed = base.seed + run;
                sme::Trainer trainer(data, settings);
                bool diverged = false;
                for (long s = 0; s < steps && !diverged; ++s)
                    diverged = trainer.trainStep().diverged;
                const sme::AblationRun& got = cell.runs[std::size_t(run)];
                QCOMPARE(got.seed, settings.seed);
                QCOMPARE(got.diverged, diverged);
                QVERIFY(sameEvaluation(got.evaluation, trainer.evaluate()));
                recall += got.evaluation.recall[0] / seeds;
                anyDiverged = anyDiverged || diverged;
            }
            QCOMPARE(cell.recallAt1, recall);
            const double a = cell.runs[0].evaluation.recall[0], b = cell.runs[1].evaluation.recall[0];
            QCOMPARE(cell.recallAt1Sd, std::abs(a - b) / std::sqrt(2.0)); // sample sd of two
        }
    QCOMPARE(ablation.anyDiverged(), anyDiverged);
    QCOMPARE(anyDiverged, learningRate > 1.0);
}

void TrainingPipelineTest::ablationCarriesAnExceptionBack()
{
    // Settings the trainer refuses, found on the runs' threads: an sme::Error for the caller.
    sme::TrainerSettings bad = smallModel();
    bad.batchK = 0;
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::runAblation(smallData(), bad, 5, 1));
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::runAblation(smallData(), smallModel(), 5, 0));
}

void TrainingPipelineTest::ablationProgressCountsEveryRunOnce()
{
    // Called on the runs' threads: recorded there, checked here. Each call lingers as a slow
    // terminal would, so that unserialised calls would meet.
    std::vector<std::size_t> reported, totals;
    std::atomic<int> inside{0};
    std::atomic<bool> overlapped{false};
    sme::runAblation(smallData(), smallModel(), 2, 2, {.progress = [&](std::size_t done, std::size_t total) {
        if (++inside != 1)
            overlapped = true;
        reported.push_back(done);
        totals.push_back(total);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        --inside;
    }});
    QVERIFY(!overlapped);
    QCOMPARE(totals, std::vector<std::size_t>(32, 32));
    QCOMPARE(reported.size(), std::size_t(32));
    for (std::size_t i = 0; i < reported.size(); ++i)
        QCOMPARE(reported[i], i + 1); // one at a time, so in order
}

QTEST_GUILESS_MAIN(TrainingPipelineTest)
#include "tst_trainingpipeline.moc"
