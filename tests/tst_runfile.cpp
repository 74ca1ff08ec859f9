// Tests of saving a run: the trainer's state and curves to bytes and back, continuing exactly,
// and refusing damaged, truncated, foreign, newer or ill-fitting files without a change.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Error.h"
#include "model/training/RunFile.h"
#include "model/data/SyntheticData.h"
#include "model/training/Trainer.h"

#include "SameBits.h"

#include <QtTest>

namespace {

sme::DataSplit smallSplit()
{
    sme::SyntheticSettings settings;
    settings.classes = 20;
    settings.perClass = 10;
    return sme::splitByClass(sme::syntheticNuisanceClusters(settings), 0.5);
}

sme::TrainerSettings smallSettings()
{
    sme::TrainerSettings settings;
    settings.hidden = {16};
    settings.embeddingDimension = 8;
    settings.batchClasses = 4;
    settings.batchK = 3;
    settings.learnImageBeta = true; // every part of the state is exercised
    return settings;
}

sme::SavedRun trainedRun(sme::Trainer& trainer, long steps)
{
    sme::SavedRun run;
    for (long i = 0; i < steps; ++i) {
        const sme::StepResult r = trainer.trainStep();
        run.history.steps.push_back({r.step, r.loss, r.activeFraction, r.meanBeta});
    }
    run.history.evaluations.push_back(trainer.evaluate());
    run.state = trainer.state();
    return run;
}

// Little-endian COUNT bytes of V appended to BYTES, as run files are written.
void put(std::string& bytes, std::uint64_t v, int count)
{
    for (int i = 0; i < count; ++i)
        bytes.push_back(char((v >> (8 * i)) & 0xffu));
}

// The start of a run file of the current format: magic, version, 0 steps.
std::string runFileStart()
{
    std::string bytes("SME-RUN\n", 8);
    put(bytes, sme::runFileVersion, 4);
    put(bytes, 0, 8); // steps
    return bytes;
}

} // namespace

class RunFileTest : public QObject {
    Q_OBJECT
private slots:
    void savedRunContinuesBitForBit();
    void curvesRoundTripExactly();
    void everyTruncationIsRefused();
    void aChangedByteIsRefused();
    void foreignAndNewerFilesAreRefusedWithTheirReason();
    void absurdMatrixSizesAreRefused();
    void emptyMatricesWithLongSidesRoundTrip();
    void stateOfAnotherModelIsRefusedAndChangesNothing();
};

void RunFileTest::savedRunContinuesBitForBit()
{
    // Train 40 steps, save, load into a fresh trainer, train 30 more: the weights, beta and
    // the losses of those 30 steps must equal those of an uninterrupted 70-step run, bit for bit
    // (same operations in the same order on the same numbers: no tolerance is needed).
    sme::Trainer original(smallSplit(), smallSettings());
    const std::string bytes = sme::encodeRun(trainedRun(original, 40));

    sme::Trainer resumed(smallSplit(), smallSettings());
    resumed.restoreState(sme::decodeRun(bytes).state);
    QCOMPARE(resumed.steps(), 40L);
    for (int i = 0; i < 30; ++i) {
        const sme::StepResult a = original.trainStep();
        const sme::StepResult b = resumed.trainStep();
        QCOMPARE(b.step, a.step);
        QCOMPARE(b.loss, a.loss);
        QCOMPARE(b.negativeDistances, a.negativeDistances);
    }
    QVERIFY(sameBits(resumed.network().parameters(), original.network().parameters()));
    QCOMPARE(resumed.beta0(), original.beta0());
    const sme::Evaluation ea = original.evaluate();
    const sme::Evaluation eb = resumed.evaluate();
    QCOMPARE(eb.recall, ea.recall);
    QCOMPARE(eb.nmi, ea.nmi);
    // The sampler comparison works from the saved last batch as well.
    QCOMPARE(resumed.samplerComparison(), original.samplerComparison());
}

void RunFileTest::curvesRoundTripExactly()
{
    sme::Trainer trainer(smallSplit(), smallSettings());
    const sme::SavedRun run = trainedRun(trainer, 25);
    const sme::SavedRun back = sme::decodeRun(sme::encodeRun(run));
    QCOMPARE(back.history.steps.size(), run.history.steps.size());
    for (std::size_t i = 0; i < run.history.steps.size(); ++i) {
        QCOMPARE(back.history.steps[i].step, run.history.steps[i].step);
        QCOMPARE(back.history.steps[i].loss, run.history.steps[i].loss);
        QCOMPARE(back.history.steps[i].activeFraction, run.history.steps[i].activeFraction);
        QCOMPARE(back.history.steps[i].beta, run.history.steps[i].beta);
    }
    QCOMPARE(back.history.evaluations.size(), std::size_t(1));
    QCOMPARE(back.history.evaluations[0].recall, run.history.evaluations[0].recall);
    QCOMPARE(back.history.evaluations[0].mapAtR, run.history.evaluations[0].mapAtR);
    QCOMPARE(back.state.lastEmbeddings, run.state.lastEmbeddings);
    QCOMPARE(back.state.lastLabels, run.state.lastLabels);
    QCOMPARE(back.state.boundary.perImage, run.state.boundary.perImage);
    QCOMPARE(back.state.batchRandom, run.state.batchRandom);
}

void RunFileTest::everyTruncationIsRefused()
{
    sme::Trainer trainer(smallSplit(), smallSettings());
    const std::string bytes = sme::encodeRun(trainedRun(trainer, 3));
    // Every prefix of the file, down to nothing, is refused (the file is small enough that
    // trying every 7th length and the last 64 covers the header, each field and the checksum).
    for (std::size_t length = 0; length < bytes.size(); length += (length + 64 < bytes.size() ? 7 : 1)) {
        try {
            sme::decodeRun(std::string_view(bytes).substr(0, length));
            QFAIL(qPrintable(QStringLiteral("a prefix of %1 of %2 bytes was accepted").arg(length).arg(bytes.size())));
        } catch (const sme::Error&) {
        }
    }
}

void RunFileTest::aChangedByteIsRefused()
{
    sme::Trainer trainer(smallSplit(), smallSettings());
    const std::string bytes = sme::encodeRun(trainedRun(trainer, 3));
    for (std::size_t at : {std::size_t(20), bytes.size() / 2, bytes.size() - 1}) {
        std::string damaged = bytes;
        damaged[at] = char(damaged[at] ^ 0x10);
        QVERIFY_THROWS_EXCEPTION(sme::Error, sme::decodeRun(damaged));
    }
}

void RunFileTest::foreignAndNewerFilesAreRefusedWithTheirReason()
{
    const auto reason = [](const std::string& bytes) -> QString {
        try {
            sme::decodeRun(bytes);
        } catch (const sme::Error& e) {
            return QString::fromStdString(e.what());
        }
        return {};
    };
    QVERIFY(reason("").contains("not a Sampling Matters Explorer run file"));
    QVERIFY(reason("{\"format\": \"json\"}").contains("not a Sampling Matters Explorer run file"));

    sme::Trainer trainer(smallSplit(), smallSettings());
    std::string newer = sme::encodeRun(trainedRun(trainer, 1));
    newer[8] = char(sme::runFileVersion + 1); // the version follows the 8-byte magic
    QVERIFY2(reason(newer).contains("newer version"), qPrintable(reason(newer)));
}

void RunFileTest::absurdMatrixSizesAreRefused()
{
    // Found by fuzz_runfile: an empty matrix (0 rows) with 2^63 columns passed the size check
    // (nothing to read) and became a negative Eigen index. Sides are now bounded on their own.
    const auto withFirstMatrix = [](std::uint64_t rows, std::uint64_t cols) {
        std::string bytes = runFileStart();
        put(bytes, 1, 8); // one parameter matrix
        put(bytes, rows, 8);
        put(bytes, cols, 8);
        put(bytes, sme::runChecksum(bytes), 8);
        return bytes;
    };
    for (const auto& [rows, cols] : {std::pair<std::uint64_t, std::uint64_t>{0, std::uint64_t(1) << 63},
                                     {std::uint64_t(1) << 63, 0}, {1u << 20, 1u << 20}, {0, ~std::uint64_t(0)}}) {
        try {
            sme::decodeRun(withFirstMatrix(rows, cols));
            QFAIL("an absurd matrix size was accepted");
        } catch (const sme::Error& e) {
            QVERIFY2(QString(e.what()).contains("matrix"), e.what());
        }
    }
}

void RunFileTest::emptyMatricesWithLongSidesRoundTrip()
{
    // Found by fuzz_runfile: a 0 x 2^31 matrix is read (nothing to read) and was written back
    // column by column, 2^31 empty columns, past the fuzzer's 10 s. Both sides of the largest
    // accepted length, empty, are written back to the same bytes.
    const std::uint64_t longest = std::uint64_t(1) << 31;
    std::string bytes = runFileStart();
    put(bytes, 1, 8); // one parameter matrix, 0 x 2^31
    put(bytes, 0, 8);
    put(bytes, longest, 8);
    for (int field = 0; field < 16; ++field) // Adam's steps and moments, boundaries, velocities, streams...
        put(bytes, 0, 8);
    put(bytes, longest, 8); // the last embeddings, 2^31 x 0
    put(bytes, 0, 8);
    for (int field = 0; field < 3; ++field) // labels, steps, evaluations
        put(bytes, 0, 8);
    put(bytes, sme::runChecksum(bytes), 8);
    const sme::SavedRun run = sme::decodeRun(bytes);
    QCOMPARE(run.state.parameters.at(0).cols(), Eigen::Index(longest));
    QCOMPARE(run.state.lastEmbeddings.rows(), Eigen::Index(longest));
    QVERIFY(sme::encodeRun(run) == bytes);
}

void RunFileTest::stateOfAnotherModelIsRefusedAndChangesNothing()
{
    sme::Trainer small(smallSplit(), smallSettings());
    const sme::TrainerState saved = trainedRun(small, 5).state;

    sme::TrainerSettings wider = smallSettings();
    wider.hidden = {24};
    sme::Trainer other(smallSplit(), wider);
    other.trainStep();
    const sme::TrainerState before = other.state();
    try {
        other.restoreState(saved);
        QFAIL("a state of another shape was accepted");
    } catch (const sme::Error& e) {
        QVERIFY2(QString(e.what()).contains("16"), e.what()); // names the saved width
    }
    QVERIFY(sameBits(other.network().parameters(), before.parameters));
    QCOMPARE(other.steps(), before.steps);

    sme::TrainerState poisoned = saved;
    poisoned.parameters[0](0, 0) = std::numeric_limits<float>::quiet_NaN();
    sme::Trainer target(smallSplit(), smallSettings());
    QVERIFY_THROWS_EXCEPTION(sme::Error, target.restoreState(poisoned));
    QCOMPARE(target.steps(), 0L);
}

QTEST_APPLESS_MAIN(RunFileTest)
#include "tst_runfile.moc"
