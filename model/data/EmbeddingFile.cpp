// Reading a user's embeddings (the format picked by content and name, the labels found beside
// them), the checks every format shares, and the Projector's files written back.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/data/EmbeddingFile.h"

#include "model/base/Error.h"
#include "model/data/EmbeddingText.h"
#include "model/data/ReaderMessages.h"
#include "model/data/Gzip.h"
#include "model/data/NpyFormat.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>

namespace sme {
namespace {

enum class EmbeddingFormat { npy, csv, projectorTsv };

bool nameEndsWith(std::string name, std::string_view ending)
{
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (name.ends_with(".gz"))
        name.resize(name.size() - 3);
    return name.ends_with(ending);
}

// The .npy magic decides; then the name (.npy, .csv, .tsv or .txt, each perhaps with .gz); then
// the first line: a tab makes it the Projector's TSV, else a comma CSV.
EmbeddingFormat formatOf(std::span<const unsigned char> bytes, const std::string& name)
{
    if (isNpy(bytes) || nameEndsWith(name, ".npy"))
        return EmbeddingFormat::npy;
    if (nameEndsWith(name, ".csv"))
        return EmbeddingFormat::csv;
    if (nameEndsWith(name, ".tsv") || nameEndsWith(name, ".txt"))
        return EmbeddingFormat::projectorTsv;
    const auto lineEnd = std::find(bytes.begin(), bytes.end(), '\n');
    const bool tab = std::find(bytes.begin(), lineEnd, '\t') != lineEnd;
    return !tab && std::find(bytes.begin(), lineEnd, ',') != lineEnd ? EmbeddingFormat::csv : EmbeddingFormat::projectorTsv;
}

std::string_view textOf(std::span<const unsigned char> bytes)
{
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// The metadata file beside a vectors file, as stored or gzip-compressed; a message saying where
// it was looked for when there is none.
std::string metadataBeside(const std::string& vectorsPath)
{
    const std::string path = projectorMetadataPath(vectorsPath);
    for (const std::string& candidate : {path, path + ".gz"})
        if (std::filesystem::is_regular_file(candidate))
            return candidate;
    throw Error(Message(readermessages::noLabelsBeside, {readermessages::prefixOf(fileNameOf(vectorsPath)), path}));
}

// The checks every format shares, once points and labels are read.
void checkEmbeddings(const Dataset& data, const std::string& labelsName)
{
    namespace msg = readermessages;
    const Message prefix = msg::prefixOf(data.name);
    const Eigen::Index points = data.features.rows();
    require(data.features.cols() >= 2, [&] { return Message(msg::dimensionTooSmall, {prefix, data.features.cols()}); });
    require(Eigen::Index(data.labels.size()) == points,
            [&] { return Message(msg::labelCount, {labelsName, data.labels.size(), points}); });
    const int label = data.labels.front();
    if (std::all_of(data.labels.begin(), data.labels.end(), [label](int l) { return l == label; })) {
        const auto named = data.classNames.find(label);
        throw Error(Message(msg::allOneClass, {msg::prefixOf(labelsName), points,
                                               named != data.classNames.end() ? named->second : std::to_string(label)}));
    }
    const auto nonZero = (data.features.array() != 0.0f).rowwise().any().eval();
    if (!nonZero.all()) {
        Eigen::Index row = 0;
        while (nonZero(row))
            ++row;
        throw Error(Message(msg::zeroVector, {prefix, row + 1}));
    }
}

} // namespace

Dataset parseEmbeddings(std::span<const unsigned char> vectors, const std::string& vectorsName,
                        std::span<const unsigned char> labels, const std::string& labelsName,
                        const std::string& labelColumn, const Progress& progress)
{
    const EmbeddingFormat format = formatOf(vectors, vectorsName);
    Dataset data;
    data.name = vectorsName;
    std::vector<std::string_view> labelTexts;
    const Progress parsing = progressPart(progress, 0.0, 0.95);
    if (format == EmbeddingFormat::npy) {
        data.features = parseNpy(vectors, vectorsName, parsing);
    } else {
        EmbeddingTable table = parseEmbeddingText(textOf(vectors), format == EmbeddingFormat::csv ? EmbeddingTextFormat::csv
                                                                                                   : EmbeddingTextFormat::projectorTsv,
                                                  labelsName.empty(), labelColumn, vectorsName, parsing);
        data.features = std::move(table.points);
        labelTexts = std::move(table.labels);
    }
    if (!labelsName.empty())
        labelTexts = parseProjectorMetadata(textOf(labels), labelColumn, labelsName);
    else
        require(format == EmbeddingFormat::csv,
                [&] { return Message(readermessages::noLabelsFile, {readermessages::prefixOf(vectorsName)}); });
    LabelClasses classes = classesOfLabels(labelTexts);
    data.labels = std::move(classes.labels);
    data.classNames = std::move(classes.classNames);
    checkEmbeddings(data, labelsName.empty() ? vectorsName : labelsName);
    data.validate();
    reportProgress(progress, 1.0);
    return data;
}

Dataset readEmbeddings(const std::string& path, const EmbeddingFileOptions& options, const Progress& progress)
{
    // Parsing text takes several times longer than reading it; a .npy is mostly read.
    const bool npyByName = nameEndsWith(path, ".npy");
    const double readShare = npyByName ? 0.7 : 0.25;
    const std::vector<unsigned char> vectors = readDataFile(path, progressPart(progress, 0.0, readShare));
    const std::string name = fileNameOf(path);
    const EmbeddingFormat format = formatOf(vectors, name);
    if (format == EmbeddingFormat::npy)
        parseNpyHeader(vectors, name); // a damaged file is named before its missing labels
    std::string labelsPath = options.labelsPath;
    if (labelsPath.empty() && format != EmbeddingFormat::csv)
        labelsPath = metadataBeside(path);
    const std::vector<unsigned char> labels = labelsPath.empty() ? std::vector<unsigned char>() : readDataFile(labelsPath);
    return parseEmbeddings(vectors, name, labels, labelsPath.empty() ? std::string() : fileNameOf(labelsPath),
                           options.labelColumn, progressPart(progress, readShare, 1.0));
}

std::string projectorVectorsTsv(const Eigen::Ref<const Eigen::MatrixXf>& points)
{
    std::string text;
    text.reserve(std::size_t(points.size()) * 12);
    char number[32];
    for (Eigen::Index i = 0; i < points.rows(); ++i)
        for (Eigen::Index j = 0; j < points.cols(); ++j) {
            // The shortest text that reads back as the same float, bit for bit.
            text.append(number, std::to_chars(number, number + sizeof number, points(i, j)).ptr);
            text.push_back(j + 1 < points.cols() ? '\t' : '\n');
        }
    return text;
}

std::string projectorMetadataTsv(std::span<const int> labels, const std::map<int, std::string>& classNames)
{
    std::string text;
    for (const int label : labels) {
        const auto named = classNames.find(label);
        std::string line = named != classNames.end() ? named->second : std::to_string(label);
        // A tab would make the first line a header, a newline a second label.
        std::replace_if(line.begin(), line.end(), [](char c) { return c == '\t' || c == '\n' || c == '\r'; }, ' ');
        text += line;
        text += '\n';
    }
    return text;
}

std::string projectorMetadataPath(const std::string& vectorsPath)
{
    const std::filesystem::path path(vectorsPath);
    std::string stem = path.filename().string();
    if (stem.ends_with(".gz"))
        stem.resize(stem.size() - 3);
    const std::size_t dot = stem.rfind('.');
    if (dot != std::string::npos && dot > 0)
        stem.resize(dot);
    return (path.parent_path() / (stem + "-metadata.tsv")).string();
}

} // namespace sme
