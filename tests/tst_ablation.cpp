// Tests of the ablation grid in the model: cells handed over as they finish, cancel, shards that
// merge into the full grid, the count of collapsed seeds, and the Markdown and LaTeX tables.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "HandMadeAblation.h"
#include "SmallTraining.h"
#include "model/base/Error.h"
#include "model/training/Ablation.h"

#include <QtTest>
#include <atomic>
#include <set>

using testing::smallData;
using testing::smallModel;

namespace {

bool sameCell(const sme::AblationCell& a, const sme::AblationCell& b)
{
    if (a.sampler != b.sampler || a.loss != b.loss || a.runs.size() != b.runs.size())
        return false;
    for (std::size_t r = 0; r < a.runs.size(); ++r)
        if (a.runs[r].seed != b.runs[r].seed || a.runs[r].evaluation.recall != b.runs[r].evaluation.recall
            || a.runs[r].evaluation.nmi != b.runs[r].evaluation.nmi)
            return false;
    return a.recallAt1 == b.recallAt1 && a.recallAt1Sd == b.recallAt1Sd && a.nmi == b.nmi && a.mapAtR == b.mapAtR
        && a.collapsed == b.collapsed;
}

} // namespace

class AblationTest : public QObject {
    Q_OBJECT
private slots:
    void cellsArriveOneAtATimeWhenTheirSeedsAreDone();
    void cancelStopsTheGridEarly();
    void shardsTogetherAreTheFullGridBitForBit();
    void aShardOutsideOneToNIsRefused();
    void collapsedSeedsAreCounted();
    void markdownTableIsExact();
    void latexTableIsBooktabsWithMeanAndSd();
};

void AblationTest::cellsArriveOneAtATimeWhenTheirSeedsAreDone()
{
    const int seeds = 2;
    std::vector<std::pair<std::size_t, sme::AblationCell>> arrived;
    std::vector<std::size_t> runsDoneAtArrival;
    std::size_t runsDone = 0;
    std::atomic<int> inside = 0;
    std::atomic<bool> overlapped = false;
    sme::AblationControl control;
    control.progress = [&](std::size_t done, std::size_t) { runsDone = done; };
    control.cellFinished = [&](std::size_t index, const sme::AblationCell& cell) {
        if (++inside != 1)
            overlapped = true;
        arrived.emplace_back(index, cell);
        runsDoneAtArrival.push_back(runsDone);
        --inside;
    };
    const sme::AblationResult result = sme::runAblation(smallData(), smallModel(), 3, seeds, control);
    QVERIFY(!overlapped);
    QVERIFY(!result.cancelled);
    QCOMPARE(arrived.size(), sme::ablationCellCount);
    std::set<std::size_t> indices;
    for (std::size_t i = 0; i < arrived.size(); ++i) {
        const auto& [index, cell] = arrived[i];
        indices.insert(index);
        QCOMPARE(cell.sampler, sme::ablationSampler(index));
        QCOMPARE(cell.loss, sme::ablationLoss(index));
        QVERIFY(sameCell(cell, result.cells[index])); // summarised, every seed in
        // Handed over with its last seed, before that run's progress report: by then the runs
        // of every earlier cell and all but one of this one's were reported.
        QVERIFY(runsDoneAtArrival[i] >= std::size_t(seeds) * (i + 1) - 1);
    }
    QCOMPARE(indices.size(), sme::ablationCellCount);
}

void AblationTest::cancelStopsTheGridEarly()
{
    // Cancelled once the first cell is in: the runs under way stop at their next step, those
    // not started never start, and only whole cells are kept.
    std::atomic<bool> cancel = false;
    std::size_t runsReported = 0;
    sme::AblationControl control;
    control.cancelled = [&] { return cancel.load(); };
    control.progress = [&](std::size_t done, std::size_t) { runsReported = done; };
    control.cellFinished = [&](std::size_t, const sme::AblationCell&) { cancel = true; };
    const sme::AblationResult result = sme::runAblation(smallData(), smallModel(), 40, 2, control);
    QVERIFY(result.cancelled);
    QVERIFY2(result.cells.size() < 4, qPrintable(QString::number(result.cells.size())));
    QVERIFY(runsReported < 2 * sme::ablationCellCount);
    for (const sme::AblationCell& cell : result.cells)
        QCOMPARE(cell.runs.size(), std::size_t(2));
    // Not cancelled: not marked so.
    QVERIFY(!sme::runAblation(smallData(), smallModel(), 1, 1).cancelled);
}

void AblationTest::shardsTogetherAreTheFullGridBitForBit()
{
    const sme::AblationResult full = sme::runAblation(smallData(), smallModel(), 4, 2);
    QCOMPARE(full.cells.size(), sme::ablationCellCount);
    std::vector<std::optional<sme::AblationCell>> merged(sme::ablationCellCount);
    for (int k = 1; k <= 3; ++k) {
        sme::AblationControl control;
        control.shard = {k, 3};
        const sme::AblationResult shard = sme::runAblation(smallData(), smallModel(), 4, 2, control);
        for (const sme::AblationCell& cell : shard.cells) {
            const std::size_t index = sme::ablationCellIndex(cell.sampler, cell.loss);
            QCOMPARE(int(index % 3), k - 1); // shard K holds index % N == K - 1
            QVERIFY(!merged[index]);
            merged[index] = cell;
        }
    }
    for (std::size_t index = 0; index < sme::ablationCellCount; ++index) {
        QVERIFY(merged[index]);
        QVERIFY(sameCell(*merged[index], full.cells[index]));
    }
}

void AblationTest::aShardOutsideOneToNIsRefused()
{
    for (const sme::AblationShard shard : {sme::AblationShard{0, 3}, sme::AblationShard{4, 3}, sme::AblationShard{1, 0}}) {
        sme::AblationControl control;
        control.shard = shard;
        QVERIFY_THROWS_EXCEPTION(sme::Error, sme::runAblation(smallData(), smallModel(), 1, 1, control));
    }
}

void AblationTest::collapsedSeedsAreCounted()
{
    // Held-out examples all alike: whatever the weights, every embedding is the same point, so
    // every seed's final model counts as collapsed (spread 0).
    sme::DataSplit alike = smallData();
    alike.heldOut.features.setConstant(0.5f);
    const sme::AblationResult collapsed = sme::runAblation(alike, smallModel(), 1, 2);
    const sme::AblationResult learning = sme::runAblation(smallData(), smallModel(), 1, 2);
    for (std::size_t index = 0; index < sme::ablationCellCount; ++index) {
        QCOMPARE(collapsed.cells[index].collapsed, 2);
        QCOMPARE(learning.cells[index].collapsed, 0);
    }
    QCOMPARE(sme::toAblationTable(collapsed).column("collapsed").front(), sme::Cell(2.0));
}

void AblationTest::markdownTableIsExact()
{
    QCOMPARE(QString::fromStdString(sme::ablationMarkdown(sme::toAblationTable(testing::handMadeAblation()))),
             QStringLiteral("| sampler | loss | recall_at_1 | recall_at_1_sd | nmi | map_at_r | collapsed |\n"
                            "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n"
                            "| uniform | margin | 0.812 | 0.010 | 0.500 | 0.333 | 0 |\n"
                            "| hard | triplet-squared | 0.079 | 0.011 | 0.100 | 0.020 | 2 |\n"));
}

void AblationTest::latexTableIsBooktabsWithMeanAndSd()
{
    QCOMPARE(QString::fromStdString(sme::ablationLatex(sme::toAblationTable(testing::handMadeAblation()))),
             QStringLiteral("% Sampler x loss ablation (sampling-explorer ablate); needs \\usepackage{booktabs}.\n"
                            "\\begin{tabular}{llrrrr}\n"
                            "\\toprule\n"
                            "Sampler & Loss & Recall@1 & NMI & MAP@R & Collapsed \\\\\n"
                            "\\midrule\n"
                            "uniform & margin & $0.812 \\pm 0.010$ & 0.500 & 0.333 & 0 \\\\\n"
                            "hard & triplet-squared & $0.079 \\pm 0.011$ & 0.100 & 0.020 & 2 \\\\\n"
                            "\\bottomrule\n"
                            "\\end{tabular}\n"));
}

QTEST_GUILESS_MAIN(AblationTest)
#include "tst_ablation.moc"
