// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/io/DataSource.h"

#include "model/data/CsvDataset.h"
#include "model/data/FashionMnist.h"
#include "model/base/Error.h"
#include "model/data/IdxFormat.h"
#include "model/data/SyntheticData.h"

#include <QFile>
#include <QFileInfo>

sme::Dataset embeddedDigits()
{
    QFile file(QStringLiteral(":/data/optdigits-8x8.csv"));
    if (!file.open(QIODevice::ReadOnly))
        throw sme::Error("the embedded digits data is missing from this build");
    const QByteArray text = file.readAll();
    sme::Dataset digits = sme::parseCsvDataset(std::string_view(text.constData(), size_t(text.size())),
                                               "digits");
    digits.name = "handwritten digits (UCI optdigits 8x8)";
    return digits;
}

DataChoice dataChoiceFor(const sme::ExplorerParameters& parameters)
{
    DataChoice data;
    data.dataset = QString::fromStdString(parameters.dataset);
    data.noise = parameters.syntheticNoise;
    data.labelNoise = parameters.labelNoise;
    return data;
}

namespace {

sme::DataSplit splitData(const DataChoice& choice, const sme::Progress& progress)
{
    if (choice.dataset == QLatin1String("synthetic")) {
        sme::SyntheticSettings settings;
        settings.noise = choice.noise;
        settings.seed = choice.dataSeed;
        return sme::splitByClass(sme::syntheticNuisanceClusters(settings), 0.5);
    }
    if (choice.dataset == QLatin1String("digits"))
        return sme::splitByClass(embeddedDigits(), 0.5);
    if (choice.dataset == QLatin1String("fashion-mnist"))
        return sme::splitByClass(sme::loadFashionMnist(progress), 0.5);

    const std::string path = QFile::encodeName(choice.dataset).toStdString();
    if (!QFileInfo::exists(choice.dataset))
        throw sme::Error(path + ": no such file (the data set is synthetic, digits, fashion-mnist, or a "
                                ".csv or IDX file)");
    if (choice.dataset.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)
        || choice.dataset.endsWith(QLatin1String(".csv.gz"), Qt::CaseInsensitive))
        return sme::splitByClass(sme::loadCsvDataset(path, progress), 0.5);
    QString images = QFileInfo(choice.dataset).fileName();
    if (images.contains(QLatin1String("labels-idx1")) || images.contains(QLatin1String("labels.idx1"))) {
        images.replace(QLatin1String("labels-idx1"), QLatin1String("images-idx3"))
            .replace(QLatin1String("labels.idx1"), QLatin1String("images.idx3"));
        throw sme::Error(path + ": a labels file: open its images, " + QFile::encodeName(images).toStdString()
                         + ", instead (their labels are read from this file beside them)");
    }
    const std::string labels = sme::idxLabelsPathFor(path);
    if (labels.empty())
        throw sme::Error(path + ": not a .csv (or .csv.gz) file, and no IDX labels file beside it (for "
                                "'...-images-idx3-ubyte[.gz]' the labels are '...-labels-idx1-ubyte[.gz]')");
    return sme::splitByClass(sme::loadIdx(path, labels, progress), 0.5);
}

} // namespace

QStringList dataFilePatterns()
{
    QStringList patterns;
    for (const char* name : {"*.csv", "*-idx3-ubyte", "*.idx3-ubyte", "*.idx"})
        for (const char* compressed : {"", ".gz"})
            patterns.append(QLatin1String(name) + QLatin1String(compressed));
    return patterns;
}

sme::DataSplit loadDataSplit(const DataChoice& choice, const sme::Progress& progress)
{
    sme::DataSplit split = splitData(choice, progress);
    if (choice.labelNoise > 0.0)
        sme::addLabelNoise(split.training, choice.labelNoise, choice.dataSeed);
    return split;
}

std::unique_ptr<sme::Trainer> restoredTrainer(const sme::ExplorerParameters& parameters,
                                              const sme::TrainerState& state)
{
    auto trainer = std::make_unique<sme::Trainer>(loadDataSplit(dataChoiceFor(parameters)),
                                                  sme::trainerSettingsFor(parameters));
    trainer->restoreState(state);
    return trainer;
}
