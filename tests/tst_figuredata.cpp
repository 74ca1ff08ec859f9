// Tests of the figure data shared by the window and the command line, and of the CSV writer.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Error.h"
#include "model/figures/FigureData.h"
#include "model/figures/IdealisedFigures.h"
#include "model/geometry/SphereGeometry.h"

#include <QtTest>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace {

double integral(const std::vector<double>& density, double width)
{
    double sum = 0.0;
    for (double v : density)
        sum += v * width;
    return sum;
}

std::vector<std::string> split(const std::string& line)
{
    std::vector<std::string> cells;
    std::stringstream stream(line);
    std::string cell;
    while (std::getline(stream, cell, ','))
        cells.push_back(cell);
    if (!line.empty() && line.back() == ',')
        cells.emplace_back();
    return cells;
}

} // namespace

class FigureDataTest : public QObject {
    Q_OBJECT
private slots:
    void densityFigureIsTheModelsDensity();
    void densityWithoutSamplesHasEmptyColumn();
    void sampledDistancesAreNormalisedPerSampler();
    void sampledDistancesShowTheSamplersOrder();
    void sampledDistancesWithoutClassesLeaveSemiHardEmpty();
    void sameSeedSameFigures();
    void lossTableHasTheDocumentedColumns();
    void csvRoundTripsEveryDouble();
    void csvWritesWholeNumbersInFull();
    void csvQuotesAwkwardNamesAndLeavesEmptyCells();
    void figureTableIsEachIdealisedViewsTable();
};

void FigureDataTest::densityFigureIsTheModelsDensity()
{
    sme::DensitySettings settings;
    settings.dimension = 32;
    settings.samples = 400;
    settings.bins = 50;
    const auto figure = sme::densityFigure(settings);
    const sme::SphereDistanceLaw law(32);
    QCOMPARE(figure.distance.size(), std::size_t(50));
    QCOMPARE(figure.distance.front(), 0.02);
    QCOMPARE(figure.distance.back(), 1.98);
    for (std::size_t i = 0; i < figure.distance.size(); ++i) {
        QCOMPARE(figure.exact[i], law.density(figure.distance[i]));
        QCOMPARE(figure.gaussianLimit[i], law.gaussianLimitDensity(figure.distance[i]));
    }
    QCOMPARE(figure.totalVariation, law.totalVariationToGaussianLimit());
    // Every pair distance lies in [0, 2]: the histogram density integrates to 1 up to rounding.
    QVERIFY(std::abs(integral(figure.monteCarlo, 2.0 / 50) - 1.0) < 1e-12);
    const sme::Table table = sme::toTable(figure);
    QCOMPARE(table.columns, (std::vector<std::string>{"d", "exact", "gaussian_limit", "monte_carlo"}));
    QCOMPARE(table.rows.size(), std::size_t(50));
    QCOMPARE(*table.rows[10][3], figure.monteCarlo[10]);
}

void FigureDataTest::densityWithoutSamplesHasEmptyColumn()
{
    sme::DensitySettings settings;
    settings.samples = 0;
    const auto table = sme::toTable(sme::densityFigure(settings));
    for (const auto& cell : table.column("monte_carlo"))
        QVERIFY(!cell.has_value());
    for (const auto& cell : table.column("exact"))
        QVERIFY(cell.has_value());
    settings.dimension = 1;
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::densityFigure(settings));
    settings.dimension = 8;
    settings.samples = -1;
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::densityFigure(settings));
}

void FigureDataTest::sampledDistancesAreNormalisedPerSampler()
{
    sme::SampledDistancesSettings settings;
    settings.batch.dimension = 16;
    settings.batches = 5;
    settings.bins = 40;
    const auto figure = sme::sampledDistancesFigure(settings);
    // 12 classes x 5: one pick per (anchor, positive) pair, 60 * 4 per batch, for every sampler.
    for (std::size_t k = 0; k < 4; ++k) {
        QVERIFY(figure.density[k].has_value());
        QCOMPARE(figure.picks[k], std::size_t(5 * 60 * 4));
        QVERIFY(std::abs(integral(*figure.density[k], 2.0 / 40) - 1.0) < 1e-12);
    }
}

void FigureDataTest::sampledDistancesShowTheSamplersOrder()
{
    // On the same batches, the hardest negatives are closer on average than semi-hard ones,
    // which are no farther than uniform picks: the order the figure exists to show.
    sme::SampledDistancesSettings settings;
    settings.batch.dimension = 128;
    settings.batches = 10;
    const auto figure = sme::sampledDistancesFigure(settings);
    const auto mean = [&](sme::SamplerKind kind) {
        const auto& density = *figure.density[static_cast<std::size_t>(kind)];
        double m = 0.0;
        for (std::size_t i = 0; i < density.size(); ++i)
            m += figure.distance[i] * density[i] * (2.0 / density.size());
        return m;
    };
    QVERIFY(mean(sme::SamplerKind::HardNegative) <= mean(sme::SamplerKind::SemiHard));
    QVERIFY(mean(sme::SamplerKind::SemiHard) < mean(sme::SamplerKind::Uniform));
    QVERIFY(mean(sme::SamplerKind::DistanceWeighted) < mean(sme::SamplerKind::Uniform));
}

void FigureDataTest::sampledDistancesWithoutClassesLeaveSemiHardEmpty()
{
    sme::SampledDistancesSettings settings;
    settings.batch.dimension = 8;
    settings.batch.classes = 50;
    settings.batch.perClass = 1;
    settings.batches = 2;
    const auto figure = sme::sampledDistancesFigure(settings);
    QVERIFY(!figure.density[static_cast<std::size_t>(sme::SamplerKind::SemiHard)]);
    QCOMPARE(figure.picks[static_cast<std::size_t>(sme::SamplerKind::Uniform)], std::size_t(100));
    const auto table = sme::toTable(figure);
    QCOMPARE(table.columns[3], std::string("semi_hard"));
    for (const auto& cell : table.column("semi_hard"))
        QVERIFY(!cell);
    for (const auto& cell : table.column("distance_weighted"))
        QVERIFY(cell);
}

void FigureDataTest::sameSeedSameFigures()
{
    sme::SampledDistancesSettings settings;
    settings.batches = 3;
    const std::string first = sme::toCsv(sme::toTable(sme::sampledDistancesFigure(settings)));
    QCOMPARE(sme::toCsv(sme::toTable(sme::sampledDistancesFigure(settings))), first);
    settings.seed = 2;
    QVERIFY(sme::toCsv(sme::toTable(sme::sampledDistancesFigure(settings))) != first);

    sme::GradientNoiseSettings noise;
    QCOMPARE(sme::gradientVarianceFigure(noise, 5).variance,
             sme::gradientVarianceFigure(noise, 5).variance);
    sme::DensitySettings density;
    QCOMPARE(sme::densityFigure(density).monteCarlo, sme::densityFigure(density).monteCarlo);
}

void FigureDataTest::lossTableHasTheDocumentedColumns()
{
    const auto table = sme::toTable(sme::lossCurves(0.2, 1.2, 1.2, 21));
    QCOMPARE(table.columns,
             (std::vector<std::string>{"d", "contrastive_pos", "contrastive_neg",
                                       "triplet_squared_pos", "triplet_squared_neg", "triplet_pos",
                                       "triplet_neg", "margin_pos", "margin_neg"}));
    QCOMPARE(table.rows.size(), std::size_t(21));
    // d = 1.6: contrastive positive 1.6^2; margin negative inactive; margin positive
    // 0.2 + 1.6 - 1.2 = 0.6; triplet squared positive 1.6^2 - 1.2^2 + 0.2 = 1.32.
    const auto& row = table.rows[16];
    QCOMPARE(*row[0], 1.6);
    QVERIFY(std::abs(*row[1] - 2.56) < 1e-12);
    QCOMPARE(*row[8], 0.0);
    QVERIFY(std::abs(*row[7] - 0.6) < 1e-12);
    QVERIFY(std::abs(*row[3] - 1.32) < 1e-12);
}

void FigureDataTest::csvRoundTripsEveryDouble()
{
    sme::Table table{{"x"}, {}};
    const std::vector<double> values{0.1, 1.0 / 3.0, 1e-300, 6.02214076e23, -2.5, 0.0, 1.4142135623730951};
    for (double v : values)
        table.addRow({v});
    std::istringstream in(sme::toCsv(table));
    std::string line;
    std::getline(in, line);
    QCOMPARE(line, std::string("x"));
    for (double v : values) {
        std::getline(in, line);
        QCOMPARE(std::strtod(line.c_str(), nullptr), v);
    }
    QVERIFY_THROWS_EXCEPTION(sme::Error, table.addRow({1.0, 2.0}));
    QVERIFY_THROWS_EXCEPTION(sme::Error, table.column("y"));
}

void FigureDataTest::csvWritesWholeNumbersInFull()
{
    // Counts as a reader expects them (analyse wrote "points" 100,000 as 1e+05); the rest in
    // their shortest form.
    sme::Table table{{"x"}, {}};
    const std::pair<double, const char*> values[] = {
        {100000.0, "100000"}, {2e6, "2000000"}, {30000.0, "30000"}, {-250000.0, "-250000"},
        {9007199254740991.0, "9007199254740991"}, {1e20, "1e+20"}, {1e-5, "1e-05"}, {0.5, "0.5"}, {7.0, "7"}};
    for (const auto& [value, text] : values)
        table.addRow({value});
    std::istringstream in(sme::toCsv(table));
    std::string line;
    std::getline(in, line);
    for (const auto& [value, text] : values) {
        std::getline(in, line);
        QCOMPARE(line, std::string(text));
        QCOMPARE(std::strtod(line.c_str(), nullptr), value);
    }
}

void FigureDataTest::csvQuotesAwkwardNamesAndLeavesEmptyCells()
{
    sme::Table table{{"a", "b,c", "say \"hi\""}, {}};
    table.addRow({1.5, std::nullopt, 2.0});
    table.addRow({std::nullopt, std::nullopt, std::nullopt});
    std::istringstream in(sme::toCsv(table));
    std::string header, first, second;
    std::getline(in, header);
    std::getline(in, first);
    std::getline(in, second);
    QCOMPARE(header, std::string("a,\"b,c\",\"say \"\"hi\"\"\""));
    QCOMPARE(first, std::string("1.5,,2"));
    QCOMPARE(second, std::string(",,"));
    QCOMPARE(split(first).size(), std::size_t(3));
}

// The one mapping from a view to its table, which the window's and the figure command's
// exports write: each idealised view's own figure, none for the views of a training run.
void FigureDataTest::figureTableIsEachIdealisedViewsTable()
{
    sme::ExplorerParameters parameters;
    parameters.dimension = 16;
    parameters.monteCarloPoints = 50;
    const sme::IdealisedFigures figures = sme::computeIdealisedFigures(parameters);
    const std::pair<sme::ViewId, sme::Table> expected[] = {
        {sme::ViewId::Density, sme::toTable(figures.density)},
        {sme::ViewId::GradientVariance, sme::toTable(figures.gradientVariance)},
        {sme::ViewId::SampledDistances, sme::toTable(figures.sampledDistances)},
        {sme::ViewId::Losses, sme::toTable(figures.losses)}};
    for (const auto& [view, table] : expected) {
        QVERIFY(sme::isIdealised(view));
        QCOMPARE(sme::toCsv(sme::figureTable(figures, view)), sme::toCsv(table));
    }
    for (sme::ViewId view : {sme::ViewId::TrainingCurves, sme::ViewId::EmbeddingMap, sme::ViewId::SamplerRace}) {
        QVERIFY(!sme::isIdealised(view));
        QVERIFY_THROWS_EXCEPTION(sme::Error, sme::figureTable(figures, view));
    }
}

QTEST_APPLESS_MAIN(FigureDataTest)
#include "tst_figuredata.moc"
