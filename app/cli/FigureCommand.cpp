// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/FigureCommand.h"

#include "app/io/DataSource.h"
#include "app/render/FigureExporter.h"
#include "app/render/FigureViews.h"
#include "model/training/TrainingRun.h"
#include "app/cli/HeadlessCommand.h"
#include "app/cli/RunNotes.h"
#include "app/io/OutputFile.h"
#include "app/io/SessionFile.h"
#include "model/base/Error.h"
#include "model/figures/ParameterSchema.h"
#include "model/geometry/SphereGeometry.h"
#include "widgets/DensityChartView.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/GradientVarianceView.h"
#include "widgets/LossFunctionsView.h"
#include "widgets/SampledDistancesView.h"

#include <QDir>
#include <QFileInfo>
#include <cmath>
#include <memory>
#include <stdexcept>
#include <type_traits>
#include <vector>

namespace {

const char* const figureDescription = R"(Renders views of the window headless (no display needed) to PNG, SVG or PDF.
NAME: density, gradient-variance, sampled-distances, losses, training, retrieval, embedding,
or all. training, retrieval and embedding train the model for --steps first. With all, --out-dir DIR receives
NAME.FORMAT for each view and NAME.csv beside the idealised ones (the data command's columns).
Figures are in the publication look unless --theme says otherwise: white, no card, fonts in
points, data lines heavier than the grid at any --dpi. Each view has its own default size
(density, gradient-variance, sampled-distances, losses 800 x 560; training 800 x 760;
embedding 720 x 680); --width alone keeps the view's shape.
The same settings give the same figures.)";

void addFigureOptions(CommandOptions& options)
{
    addOutputOption(options, "The file to write (its suffix chooses the format unless --format).");
    options.add("out-dir", "With all: the folder to write into.", "DIR");
    options.add("format", "png (default), svg or pdf.", "F");
    options.add("dpi", "PNG resolution, 96 to 600 (default 96); the physical size is kept.", "D");
    options.add("width", "Width in pixels at 96 dpi (default: the view's own, see above).", "W");
    options.add("height", "Height in pixels at 96 dpi (default: the width in the view's shape).", "H");
    options.add("theme", "publication (default), light (the screen's look) or dark.", "T");
    options.add("legend", "top (default), bottom or none.", "WHERE");
    options.addFlag("no-title", "Leave the title out (for a caption of its own).");
    options.addFlag("transparent", "PNG: no background.");
    addDimensionOption(options, sme::SphereDistanceLaw::maxDimension);
    options.add("noise", "Gradient noise sigma (default 0.1).", "SIGMA");
    options.add("samples", "Monte Carlo points of the density (default 1000).", "M");
    options.add("alpha", "Margin alpha (default 0.2).", "A");
    options.add("beta", "Margin loss boundary beta (default 1.2).", "B");
    options.add("lambda", "Distance weighted cutoff lambda (default 0.5).", "L");
    options.add("nonzero-loss-cutoff", "Distance weighted: weight 0 beyond (default 1.4).", "D");
    options.add("dataset", "Training data: synthetic (default), digits, fashion-mnist, or a file. The embedding "
                           "map shows the live evaluation sample (2000 held-out points) of a larger set.", "DATA");
    options.add("data-noise", "Synthetic data: the nuisance level (default 1).", "X");
    options.add("label-noise", "Share of training labels replaced by another class (default 0).", "X");
    options.add("sampler", "Training sampler (default distance-weighted).", "S");
    options.add("loss", "Training loss (default margin).", "L");
    options.add("lr", "Learning rate (default 0.001).", "X");
    options.add("steps", "Training steps for training, retrieval and embedding (default 500; 0 more when --session kept its trained model).", "N");
    options.add("eval-every", "Evaluate every E steps (default 50).", "E");
    addSeedOption(options);
    options.add("session", "Start from a saved session's parameters (options override them).", "FILE");
}

// Sets the field from its option when the option is given (the schema names the option).
void overrideFromOption(const CommandOptions& options, const sme::ParameterField& field, sme::ExplorerParameters& p)
{
    const QString option = QLatin1String(field.figureOption);
    std::visit([&](auto member) {
        auto& value = p.*member;
        using T = std::remove_reference_t<decltype(value)>;
        if constexpr (std::is_same_v<T, int> || std::is_same_v<T, std::uint64_t>)
            value = options.integer(option, value);
        else if constexpr (std::is_same_v<T, double>)
            value = options.real(option, value);
        else if constexpr (std::is_same_v<T, std::string>) {
            if (const QString text = options.text(option); !text.isEmpty())
                value = text.toStdString();
        } else if constexpr (std::is_same_v<T, sme::SamplerKind>) {
            value = options.choice(option, sme::allSamplerKinds, sme::samplerName, value);
        } else if constexpr (std::is_same_v<T, sme::LossKind>) {
            value = options.choice(option, sme::allLossKinds, sme::lossName, value);
        } else {
            throw std::logic_error("the figure command reads no option of this type: --" + option.toStdString());
        }
    }, field.member);
}

// The session's parameters (the options given override them) and its kept run, if any.
sme::ExplorerParameters readParameters(const CommandOptions& options, std::optional<sme::SavedRun>& run)
{
    sme::ExplorerParameters p;
    if (const QString path = options.text("session"); !path.isEmpty()) {
        SessionLoad load = loadSession(path);
        if (!load.parameters)
            throw sme::Error(load.error.toStdString());
        p = *load.parameters;
        run = std::move(load.run);
    }
    for (const sme::ParameterField& field : sme::parameterSchema())
        if (field.figureOption)
            overrideFromOption(options, field, p);
    return p;
}

// The views of one figure run, built lazily so `figure density` trains nothing.
struct Figures {
    sme::ExplorerParameters parameters;
    long steps = 500;
    long evalEvery = 50;
    std::shared_ptr<sme::IdealisedFigures> idealised;
    std::shared_ptr<sme::FigureTrainingRun> run;
    std::optional<sme::SavedRun> saved; // a session's kept run: training figures start from it

    const sme::IdealisedFigures& idealisedFigures()
    {
        if (!idealised)
            idealised = std::make_shared<sme::IdealisedFigures>(sme::computeIdealisedFigures(parameters));
        return *idealised;
    }
    const sme::FigureTrainingRun& training()
    {
        if (!run && saved) {
            std::unique_ptr<sme::Trainer> trainer = restoredTrainer(parameters, saved->state);
            run = std::make_shared<sme::FigureTrainingRun>(
                trainForFigures(*trainer, std::move(saved->history), steps, evalEvery));
        } else if (!run) {
            const DataChoice data = dataChoiceFor(parameters);
            run = std::make_shared<sme::FigureTrainingRun>(
                trainForFigures(loadDataSplit(data, tenthsProgressPrinter("figure", "loading " + dataName(data), 1000)),
                                trainerSettingsFor(parameters), steps, evalEvery));
        }
        return *run;
    }

    std::unique_ptr<QWidget> view(sme::ViewId id)
    {
        if (!sme::isIdealised(id)) {
            const sme::FigureTrainingRun& r = training();
            if (id == sme::ViewId::TrainingCurves || id == sme::ViewId::Retrieval)
                return trainingCurvesFigure(id, r.steps, r.evaluations);
            auto map = std::make_unique<EmbeddingMapView>();
            map->setEmbeddings(r.embeddings, r.labels, r.classNames);
            return map;
        }
        auto sampled = std::make_unique<SampledDistancesView>();
        auto density = std::make_unique<DensityChartView>();
        auto gradient = std::make_unique<GradientVarianceView>();
        auto losses = std::make_unique<LossFunctionsView>();
        showIdealisedFigures(idealisedFigures(), parameters, *density, *gradient, sampled.get(), *losses);
        switch (id) {
        case sme::ViewId::Density: return density;
        case sme::ViewId::GradientVariance: return gradient;
        case sme::ViewId::Losses: return losses;
        default: return sampled;
        }
    }
};

// Each view's default size, in pixels at 96 dpi: the training view stacks two charts, the map
// keeps a round cloud round beside its legend.
QSize defaultFigureSize(sme::ViewId view)
{
    switch (view) {
    case sme::ViewId::EmbeddingMap: return {720, 680};
    default: return {800, 560};
    }
}

// The size asked for, else the view's default (with --width alone, in the default's shape).
QSize figureSize(const CommandOptions& options, sme::ViewId view)
{
    const QSize natural = defaultFigureSize(view);
    const int width = options.integer("width", natural.width());
    const int height = options.integer("height", int(std::lround(double(width) * natural.height() / natural.width())));
    if (width < 100 || height < 100)
        throw sme::Error("--width and --height must be at least 100 pixels");
    return {width, height};
}

// The look options: --theme, --legend, --no-title, --transparent.
void readLook(const CommandOptions& options, FigureExportOptions& exportOptions)
{
    const QString theme = options.text("theme").isEmpty() ? QStringLiteral("publication") : options.text("theme");
    const std::optional<FigureTheme> chosenTheme = figureThemeFromName(theme);
    if (!chosenTheme)
        throw sme::Error("unknown theme '" + theme.toStdString() + "' (expected publication, light or dark)");
    const QString legend = options.text("legend").isEmpty() ? QStringLiteral("top") : options.text("legend");
    const std::optional<FigureLegend> chosenLegend = figureLegendFromName(legend);
    if (!chosenLegend)
        throw sme::Error("unknown legend '" + legend.toStdString() + "' (expected top, bottom or none)");
    exportOptions.theme = *chosenTheme;
    exportOptions.legend = *chosenLegend;
    exportOptions.showTitle = !options.isSet("no-title");
    exportOptions.transparent = options.isSet("transparent");
}

int runFigure(const CommandOptions& options, const QStringList& positional)
{
    if (positional.size() != 1)
        throw sme::Error("give exactly one NAME (" + sme::gridViewNameList() + " or all)");
    const QString name = positional[0];
    const bool all = name == QLatin1String("all");
    const std::optional<sme::ViewId> named = sme::gridViewFromName(name.toStdString());
    if (!all && !named)
        throw sme::Error("unknown figure '" + name.toStdString() + "' (expected " + sme::gridViewNameList()
                         + " or all)");
    FigureExportOptions exportOptions;
    exportOptions.dpi = options.integer("dpi", 96);
    figureSize(options, sme::ViewId::Density); // refuses a bad size before anything trains
    const QString output = options.text("output");
    const QString folder = options.text("out-dir");
    QString format = options.text("format");
    if (format.isEmpty() && !all)
        format = QFileInfo(output).suffix();
    if (format.isEmpty())
        format = QStringLiteral("png");
    const auto chosen = figureFormatFromName(format);
    if (!chosen)
        throw sme::Error("unknown format '" + format.toStdString() + "' (expected png, svg or pdf)");
    exportOptions.format = *chosen;
    readLook(options, exportOptions);
    if (all && folder.isEmpty())
        throw sme::Error("figure all needs --out-dir DIR");
    if (!all && output.isEmpty())
        throw sme::Error("missing -o FILE");

    Figures figures;
    figures.parameters = readParameters(options, figures.saved);
    figures.steps = options.integer("steps", figures.saved ? 0 : 500);
    figures.evalEvery = options.integer("eval-every", 50);
    if (figures.steps < 0 || figures.steps > 1'000'000 || figures.evalEvery < 1)
        throw sme::Error("--steps must be 0 to 1000000 and --eval-every at least 1");

    if (all && !QDir().mkpath(folder)) {
        reportError("figure", QStringLiteral("cannot create the folder '%1'").arg(folder));
        return 1;
    }
    const std::vector<sme::ViewId> views = all ? std::vector(sme::gridViews.begin(), sme::gridViews.end())
                                               : std::vector{*named};
    for (sme::ViewId each : views) {
        const QString fileName = QString::fromUtf8(sme::viewName(each));
        const QString path = all ? QDir(folder).filePath(fileName + "." + figureFormatSuffix(exportOptions.format))
                                 : output;
        std::unique_ptr<QWidget> view = figures.view(each);
        exportOptions.size = figureSize(options, each);
        if (const QString failure = exportFigure(*view, path, exportOptions); !failure.isEmpty()) {
            reportError("figure", failure);
            return 1;
        }
        if (all && sme::isIdealised(each)) { // the data command's table beside the figure
            const sme::Table table = sme::figureTable(figures.idealisedFigures(), each);
            if (writeTable("figure", QDir(folder).filePath(fileName + ".csv"), table) != 0)
                return 1;
        }
    }
    if (figures.run && !figures.run->divergence.empty())
        reportError("figure", QString::fromStdString(figures.run->divergence));
    return 0;
}

} // namespace

int runFigureCommand(const QStringList& arguments)
{
    return runHeadlessCommand({"figure", QString::fromUtf8(figureDescription), "NAME", addFigureOptions, runFigure},
                              arguments);
}
