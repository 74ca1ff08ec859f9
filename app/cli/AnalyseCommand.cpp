// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/AnalyseCommand.h"

#include "app/cli/HeadlessCommand.h"
#include "app/cli/RunNotes.h"
#include "app/cli/TrainingOptions.h"
#include "app/io/OutputFile.h"
#include "app/render/EmbeddingFigures.h"
#include "app/render/FigureExporter.h"
#include "model/analysis/EmbeddingAnalysis.h"
#include "model/base/Error.h"
#include "model/data/EmbeddingFile.h"
#include "model/data/Gzip.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>
#include <cstdio>
#include <optional>
#include <string_view>

namespace {

const char* const analyseDescription = R"(Analyses embeddings from a model of your own, as sampling sees them, and writes one CSV row:
  points,dimension,classes,recall_at_1,recall_at_2,recall_at_4,recall_at_8,nmi,map_at_r,
  mean_norm,mean_distance,positive_mean_distance,negative_mean_distance,tv_to_sphere_law
The embeddings: the Embedding Projector's vectors TSV (its labels in a metadata TSV, by default
FILE-metadata.tsv beside it, as train --save-embeddings writes them), a CSV (numbers, an
optional header, the label in the last or the named column) or a NumPy .npy (float32 or
float64); any of them may be gzip-compressed. --embeddings - reads them from standard input
(a TSV or .npy there takes its labels from --labels FILE). mean_norm is of the points as read; everything
else is of the L2-normalised points, the paper's geometry. The retrieval scores rank every
point against every other (tied distances scored by their expectation over a random order).
tv_to_sphere_law is the total variation between the pair distances' law and q(d) of points
uniform on the sphere of the same dimension: 0 uniform, 1 collapsed. --figures DIR writes
pair-distances, pair-distances-by-class, norms and sampled-distances (what each sampler
picks from P x K batches of the points, and its share of picks with non-zero margin loss),
each with its numbers as CSV beside it. Progress goes to standard error.
Exit status: 0 done, 1 a file not written, 2 bad arguments or data.)";

void addAnalyseOptions(CommandOptions& options)
{
    addOutputOption(options);
    options.add("embeddings", "The embeddings: a vectors .tsv, a .csv or a .npy (each may be .gz); - reads standard input.", "FILE");
    options.add("labels", "Their labels, one a line, or a metadata TSV whose header names its columns (default: "
                          "the CSV's own column, or FILE-metadata.tsv beside a .tsv or .npy).", "FILE");
    options.add("label-column", "The labels' column by its header name (default: the only column of a metadata "
                                "file, the last of a CSV).", "NAME");
    options.add("batch-classes", "Classes per batch P of the samplers' batches (default 12).", "P");
    options.add("batch-k", "Points per class K (default 5).", "K");
    options.add("alpha", "Margin alpha (default 0.2).", "A");
    options.add("beta", "Margin loss boundary beta (default 1.2).", "B");
    addSeedOption(options, QStringLiteral("the pairs sampled and the batches"));
    options.add("figures", "Render the figures into DIR (created if need be), each with its CSV.", "DIR");
    options.add("format", "The figures' format: png (default), svg or pdf.", "F");
    options.add("dpi", "PNG resolution, 96 to 600 (default 96).", "D");
}

// The settings from the options; throws sme::Error naming the first one out of range.
sme::EmbeddingAnalysisSettings readSettings(const CommandOptions& options)
{
    sme::EmbeddingAnalysisSettings settings;
    settings.batchClasses = options.integer("batch-classes", settings.batchClasses);
    settings.batchK = options.integer("batch-k", settings.batchK);
    settings.alpha = options.real("alpha", settings.alpha);
    settings.beta = options.real("beta", settings.beta);
    settings.seed = options.seed(settings.seed);
    settings.validate();
    return settings;
}

// --figures, --format, --dpi: the export options, or nullopt without --figures. Throws
// sme::Error for a bad format or dpi, or --format / --dpi without --figures.
std::optional<FigureExportOptions> readFigureOptions(const CommandOptions& options)
{
    if (options.text("figures").isEmpty()) {
        for (const char* name : {"format", "dpi"})
            if (options.isSet(QLatin1String(name)))
                throw sme::Error(QStringLiteral("--%1 applies only with --figures DIR").arg(QLatin1String(name)).toStdString());
        return std::nullopt;
    }
    const QString format = options.text("format").isEmpty() ? QStringLiteral("png") : options.text("format");
    const std::optional<FigureFormat> chosen = figureFormatFromName(format);
    if (!chosen)
        throw sme::Error("unknown format '" + format.toStdString() + "' (expected png, svg or pdf)");
    FigureExportOptions exportOptions;
    exportOptions.format = *chosen;
    exportOptions.dpi = options.integer("dpi", minimumFigureDpi);
    if (exportOptions.dpi < minimumFigureDpi || exportOptions.dpi > maximumFigureDpi)
        throw sme::Error(QStringLiteral("--dpi must be %1 to %2").arg(minimumFigureDpi).arg(maximumFigureDpi).toStdString());
    exportOptions.size = QSize(800, 560); // as the figure command's distance views
    return exportOptions;
}

// The embeddings on standard input ("--embeddings -"): read whole (inflated when gzip), their
// labels from options' labels file, or a CSV's own column. Throws sme::Error as readEmbeddings
// does, naming "standard input".
sme::Dataset readStandardInput(const sme::EmbeddingFileOptions& options, const sme::Progress& progress)
{
    const std::string name = "standard input";
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        throw sme::Error(name + ": cannot be read");
    QTextStream(stderr) << "analyse: reading the embeddings from standard input" << Qt::endl;
    std::vector<unsigned char> bytes;
    char block[1 << 16];
    for (qint64 read; (read = input.read(block, sizeof block)) > 0;) {
        if (qint64(bytes.size()) + read > sme::maxFileBytes)
            throw sme::Error(name + ": more than 2 GiB, the most read");
        bytes.insert(bytes.end(), block, block + read);
    }
    if (bytes.empty())
        throw sme::Error(name + ": empty (nothing came before its end)");
    if (sme::isGzip(bytes))
        bytes = sme::inflateGzip(bytes, name);
    const std::vector<unsigned char> labels =
        options.labelsPath.empty() ? std::vector<unsigned char>() : sme::readDataFile(options.labelsPath);
    try {
        return sme::parseEmbeddings(bytes, name, labels,
                                    options.labelsPath.empty() ? std::string() : sme::fileNameOf(options.labelsPath),
                                    options.labelColumn, progress);
    } catch (const sme::Error& error) {
        // The parser's "no labels file" knows nothing of options: say which one gives them.
        if (options.labelsPath.empty() && std::string_view(error.what()).ends_with("no labels file"))
            throw sme::Error(name + ": no labels: give them with --labels FILE (a CSV may hold them in a column)");
        throw;
    }
}

// Writes each figure and its CSV into folder; 0, or 1 after reporting what was not written.
int writeFigures(const QString& folder, const FigureExportOptions& exportOptions,
                 const sme::EmbeddingAnalysis& analysis, const sme::EmbeddingAnalysisSettings& settings)
{
    for (EmbeddingFigure figure : allEmbeddingFigures) {
        const QString name = embeddingFigureName(figure);
        const std::unique_ptr<QWidget> view = embeddingFigureView(figure, analysis, settings);
        const QString path = QDir(folder).filePath(name + "." + figureFormatSuffix(exportOptions.format));
        if (const QString failure = exportFigure(*view, path, exportOptions); !failure.isEmpty()) {
            reportError("analyse", failure);
            return 1;
        }
        if (writeTable("analyse", QDir(folder).filePath(name + ".csv"), embeddingFigureTable(figure, analysis)) != 0)
            return 1;
    }
    QTextStream(stderr) << "analyse: figures written to " << folder << Qt::endl;
    return 0;
}

// Why the row or the figures could not be written, found before any work; empty when none.
QString outputsProblem(const QString& output, const QString& folder)
{
    if (const QString problem = outputProblem(output); !problem.isEmpty())
        return problem;
    if (!folder.isEmpty() && !QDir().mkpath(folder))
        return QStringLiteral("cannot create the folder '%1'").arg(folder);
    return {};
}

int runAnalyse(const CommandOptions& options, const QStringList& positional)
{
    refusePositionals(positional);
    const QString output = options.text("output");
    if (output.isEmpty())
        throw sme::Error("missing -o FILE (use -o - for standard output)");
    const QString path = options.text("embeddings");
    if (path.isEmpty())
        throw sme::Error("missing --embeddings FILE (a vectors .tsv, a .csv or a .npy)");
    const sme::EmbeddingAnalysisSettings settings = readSettings(options); // options first, then data
    const std::optional<FigureExportOptions> figureOptions = readFigureOptions(options);
    const QString folder = options.text("figures");
    if (const QString problem = outputsProblem(output, folder); !problem.isEmpty()) {
        reportError("analyse", problem);
        return 1;
    }

    sme::EmbeddingFileOptions fileOptions;
    fileOptions.labelsPath = options.text("labels").toStdString();
    fileOptions.labelColumn = options.text("label-column").toStdString();
    const bool standardInput = path == QStringLiteral("-");
    const QString fileName = standardInput ? QStringLiteral("standard input") : QFileInfo(path).fileName();
    const sme::Progress reading = tenthsProgressPrinter("analyse", "reading " + fileName, 1000);
    const sme::Dataset embeddings = standardInput ? readStandardInput(fileOptions, reading)
                                                  : sme::readEmbeddings(path.toStdString(), fileOptions, reading);
    QTextStream(stderr) << "analyse: " << fileName << ": " << countText(embeddings.features.rows()) << " points of "
                        << embeddings.features.cols() << " dimensions in " << embeddings.classCount() << " classes"
                        << Qt::endl;
    const sme::EmbeddingAnalysis analysis = sme::analyseEmbeddings(
        embeddings, settings, tenthsProgressPrinter("analyse", QStringLiteral("analysing"), 1000));
    if (writeTable("analyse", output, sme::analysisSummary(analysis)) != 0)
        return 1;
    return figureOptions ? writeFigures(folder, *figureOptions, analysis, settings) : 0;
}

} // namespace

int runAnalyseCommand(const QStringList& arguments)
{
    return runHeadlessCommand({"analyse", QString::fromUtf8(analyseDescription), {}, addAnalyseOptions, runAnalyse},
                              arguments);
}
