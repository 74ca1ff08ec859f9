// Tests of the training engine: learning, determinism, divergence, live changes, batches.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Error.h"
#include "model/data/SyntheticData.h"
#include "model/training/Trainer.h"
#include "model/training/TrainingRun.h"

#include <QtTest>
#include <numeric>

namespace {

sme::DataSplit syntheticSplit(double noise = 1.0, int classes = 100)
{
    sme::SyntheticSettings settings;
    settings.noise = noise;
    settings.classes = classes;
    return sme::splitByClass(sme::syntheticNuisanceClusters(settings), 0.5);
}

// A smaller model and data set for the tests that do not measure learning itself.
sme::TrainerSettings smallSettings()
{
    sme::TrainerSettings settings;
    settings.hidden = {32};
    settings.embeddingDimension = 16;
    return settings;
}

} // namespace

class TrainerTest : public QObject {
    Q_OBJECT
private slots:
    void defaultRunLearnsToSeeThroughTheNuisance();
    void sameSeedSameRunBitForBit();
    void differentSeedsDiffer();
    void hugeLearningRateDivergesAndRestoresFiniteWeights();
    void liveChangesApplyAtTheNextStep();
    void resetReturnsToTheInitialWeights();
    void batchesAreCappedByTheTrainingSplit();
    void samplerComparisonOffersOneBatchToEverySampler();
    void badSettingsAreRefused();
};

void TrainerTest::defaultRunLearnsToSeeThroughTheNuisance()
{
    // The promise for the default configuration (distance weighted + margin):
    // held-out Recall@1 below 0.3 at step 0, at least 0.8 within 2000 steps, and beta moves.
    sme::Trainer trainer(syntheticSplit(), sme::TrainerSettings{});
    QCOMPARE(trainer.settings().sampler, sme::SamplerKind::DistanceWeighted);
    QCOMPARE(trainer.settings().loss, sme::LossKind::Margin);
    const sme::TrainingRunResult run = sme::runTraining(trainer, 2000, 250);
    QVERIFY(!run.diverged);
    QCOMPARE(run.records.size(), std::size_t(9));
    QVERIFY2(run.records.front().evaluation.recall[0] < 0.3,
             qPrintable(QString::number(run.records.front().evaluation.recall[0])));
    double best = 0.0;
    for (const auto& record : run.records)
        best = std::max(best, record.evaluation.recall[0]);
    QVERIFY2(best >= 0.8, qPrintable(QString::number(best)));
    QVERIFY(std::abs(trainer.beta0() - 1.2) > 0.05);
    QVERIFY(std::abs(run.records.back().beta - 1.2) > 0.05);
    // Recall@K grows with K, and every metric is a share.
    for (const auto& record : run.records) {
        const auto& e = record.evaluation;
        QVERIFY(e.recall[0] <= e.recall[1] && e.recall[1] <= e.recall[2] && e.recall[2] <= e.recall[3]);
        QVERIFY(e.nmi >= 0.0 && e.nmi <= 1.0 && e.mapAtR >= 0.0 && e.mapAtR <= 1.0);
    }
    QVERIFY(run.records.back().evaluation.nmi > run.records.front().evaluation.nmi);
}

void TrainerTest::sameSeedSameRunBitForBit()
{
    const auto table = [] {
        sme::Trainer trainer(syntheticSplit(1.0, 20), smallSettings());
        return sme::toCsv(sme::toTable(sme::runTraining(trainer, 60, 20).records));
    };
    const std::string first = table();
    QCOMPARE(table(), first);
    QCOMPARE(std::count(first.begin(), first.end(), '\n'), 5); // header + steps 0, 20, 40, 60
}

void TrainerTest::differentSeedsDiffer()
{
    sme::TrainerSettings a = smallSettings();
    sme::TrainerSettings b = smallSettings();
    b.seed = 2;
    sme::Trainer first(syntheticSplit(1.0, 20), a), second(syntheticSplit(1.0, 20), b);
    QVERIFY(first.network().parameters()[0] != second.network().parameters()[0]);
    QVERIFY(first.trainStep().loss != second.trainStep().loss);
}

void TrainerTest::hugeLearningRateDivergesAndRestoresFiniteWeights()
{
    sme::TrainerSettings settings;
    settings.learningRate = 1e3;
    sme::Trainer trainer(syntheticSplit(1.0, 20), settings);
    const auto initial = trainer.network().parameters();
    sme::StepResult step;
    long done = 0;
    while (done < 2000 && !(step = trainer.trainStep()).diverged)
        ++done;
    QVERIFY2(step.diverged, "no divergence in 2000 steps at lr = 1e3");
    QVERIFY(step.divergence.find("diverged at step") != std::string::npos);
    QVERIFY(step.divergence.find("learning rate") != std::string::npos);
    QVERIFY(step.cause != sme::DivergenceCause::None); // what the window says it from
    QCOMPARE(step.restoredStep, 0L);
    QCOMPARE(step.cause == sme::DivergenceCause::RunawayWeights, step.largestWeight > step.weightLimit);
    QCOMPARE(trainer.steps(), done); // the divergent step did not count
    QVERIFY(trainer.network().allFinite());
    QCOMPARE(trainer.network().parameters(), initial); // the healthy checkpoint of step 0
    // Usable afterwards: a sane learning rate trains on.
    trainer.setLearningRate(1e-3);
    const sme::StepResult next = trainer.trainStep();
    QVERIFY(!next.diverged);
    QVERIFY(std::isfinite(next.loss));
}

void TrainerTest::liveChangesApplyAtTheNextStep()
{
    sme::Trainer trainer(syntheticSplit(1.0, 20), smallSettings());
    trainer.trainStep();
    trainer.setSampler(sme::SamplerKind::HardNegative);
    trainer.setLoss(sme::LossKind::TripletSquared);
    const sme::StepResult hard = trainer.trainStep();
    // Hard negatives: for the batch just drawn, every pick is its anchor's closest negative, so
    // the mean picked distance is the smallest any sampler could give on it.
    const auto comparison = trainer.samplerComparison();
    const auto mean = [](const std::vector<double>& v) {
        return std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
    };
    QCOMPARE(mean(hard.negativeDistances), mean(comparison[std::size_t(sme::SamplerKind::HardNegative)]));
    QCOMPARE(trainer.settings().effectiveAlpha(), 0.2);
    trainer.setLoss(sme::LossKind::Contrastive);
    QCOMPARE(trainer.settings().effectiveAlpha(), 1.0);
    trainer.setAlpha(0.5);
    QCOMPARE(trainer.settings().effectiveAlpha(), 0.5);
    trainer.setBeta0(0.9);
    QCOMPARE(trainer.beta0(), 0.9);
    QCOMPARE(trainer.steps(), 2L);
}

void TrainerTest::resetReturnsToTheInitialWeights()
{
    sme::Trainer trainer(syntheticSplit(1.0, 20), smallSettings());
    const auto initial = trainer.network().parameters();
    const double firstLoss = trainer.trainStep().loss;
    trainer.trainStep();
    QVERIFY(trainer.network().parameters() != initial);
    trainer.reset();
    QCOMPARE(trainer.steps(), 0L);
    QCOMPARE(trainer.network().parameters(), initial);
    QCOMPARE(trainer.beta0(), 1.2);
    QCOMPARE(trainer.trainStep().loss, firstLoss); // same batches again
}

void TrainerTest::batchesAreCappedByTheTrainingSplit()
{
    // 6 training classes of 3 examples: P = 12 x K = 5 is capped at 6 x 3 = 18 rows, and a
    // triplet per (anchor, positive) pair: 18 x 2.
    sme::SyntheticSettings data;
    data.classes = 12;
    data.perClass = 3;
    sme::TrainerSettings settings = smallSettings();
    settings.loss = sme::LossKind::TripletSquared;
    sme::Trainer trainer(sme::splitByClass(sme::syntheticNuisanceClusters(data), 0.5), settings);
    QCOMPARE(trainer.trainStep().negativeDistances.size(), std::size_t(36));
}

void TrainerTest::samplerComparisonOffersOneBatchToEverySampler()
{
    sme::Trainer trainer(syntheticSplit(1.0, 20), smallSettings());
    for (const auto& picks : trainer.samplerComparison())
        QVERIFY(picks.empty()); // no batch yet
    trainer.trainStep();
    const auto comparison = trainer.samplerComparison();
    // 10 training classes: P = 10 x K = 5 = 50 rows, 4 positives each.
    for (const auto& picks : comparison)
        QCOMPARE(picks.size(), std::size_t(200));
    const auto minimum = [](const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); };
    const auto sum = [](const std::vector<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); };
    const auto& hard = comparison[std::size_t(sme::SamplerKind::HardNegative)];
    for (const auto& picks : comparison) {
        QVERIFY(minimum(picks) >= minimum(hard));
        QVERIFY(sum(picks) >= sum(hard) - 1e-9); // hard is the per-anchor minimum
    }
}

void TrainerTest::badSettingsAreRefused()
{
    const auto refused = [](auto change) {
        sme::TrainerSettings settings = smallSettings();
        change(settings);
        try {
            sme::Trainer trainer(syntheticSplit(1.0, 8), settings);
        } catch (const sme::Error&) {
            return true;
        }
        return false;
    };
    QVERIFY(refused([](sme::TrainerSettings& s) { s.embeddingDimension = 1; }));
    QVERIFY(refused([](sme::TrainerSettings& s) { s.embeddingDimension = 1025; }));
    QVERIFY(refused([](sme::TrainerSettings& s) { s.learningRate = 0.0; }));
    QVERIFY(refused([](sme::TrainerSettings& s) { s.learningRate = std::nan(""); }));
    QVERIFY(refused([](sme::TrainerSettings& s) { s.batchClasses = 1; }));
    QVERIFY(refused([](sme::TrainerSettings& s) { s.batchK = 0; }));
    QVERIFY(refused([](sme::TrainerSettings& s) { s.alpha = -1.0; }));
    QVERIFY(refused([](sme::TrainerSettings& s) { s.betaMomentum = 1.0; }));
    QVERIFY(refused([](sme::TrainerSettings& s) { s.hidden = {0}; }));
    QVERIFY(!refused([](sme::TrainerSettings& s) { s.batchK = 1; }));
    sme::Trainer trainer(syntheticSplit(1.0, 8), smallSettings());
    QVERIFY_THROWS_EXCEPTION(sme::Error, trainer.setLearningRate(-1.0));
    QVERIFY_THROWS_EXCEPTION(sme::Error, trainer.setAlpha(std::nan("")));
}

QTEST_APPLESS_MAIN(TrainerTest)
#include "tst_trainer.moc"
