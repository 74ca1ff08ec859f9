// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/io/DataSource.h"

#include "model/data/CsvDataset.h"
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

sme::DataSplit loadDataSplit(const DataChoice& choice)
{
    if (choice.dataset == QLatin1String("synthetic")) {
        sme::SyntheticSettings settings;
        settings.noise = choice.noise;
        settings.seed = choice.dataSeed;
        return sme::splitByClass(sme::syntheticNuisanceClusters(settings), 0.5);
    }
    if (choice.dataset == QLatin1String("digits"))
        return sme::splitByClass(embeddedDigits(), 0.5);

    const std::string path = QFile::encodeName(choice.dataset).toStdString();
    if (!QFileInfo::exists(choice.dataset))
        throw sme::Error(path + ": no such file (the data set is synthetic, digits, or a .csv or IDX file)");
    if (choice.dataset.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        return sme::splitByClass(sme::loadCsvDataset(path), 0.5);
    const std::string labels = sme::idxLabelsPathFor(path);
    if (labels.empty())
        throw sme::Error(path + ": not a .csv file, and no IDX labels file beside it (for "
                                "'...-images-idx3-ubyte' the labels are '...-labels-idx1-ubyte')");
    return sme::splitByClass(sme::loadIdx(path, labels), 0.5);
}

std::unique_ptr<sme::Trainer> restoredTrainer(const sme::ExplorerParameters& parameters,
                                              const sme::TrainerState& state)
{
    DataChoice data;
    data.dataset = QString::fromStdString(parameters.dataset);
    data.noise = parameters.syntheticNoise;
    auto trainer = std::make_unique<sme::Trainer>(loadDataSplit(data), sme::trainerSettingsFor(parameters));
    trainer->restoreState(state);
    return trainer;
}
