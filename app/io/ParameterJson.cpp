// The explorer's parameters to and from JSON, each field range-checked on the way in.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/io/ParameterJson.h"

#include <QJsonArray>
#include <cmath>

namespace {

// Reads json[key] into value when it is a number within [minimum, maximum].
template <class T>
void readNumber(const QJsonObject& json, const char* key, T& value, double minimum, double maximum,
                QStringList* problems)
{
    if (!json.contains(QLatin1String(key)))
        return;
    const QJsonValue v = json.value(QLatin1String(key));
    const double number = v.toDouble(std::nan(""));
    if (!v.isDouble() || !(number >= minimum && number <= maximum)) {
        if (problems)
            *problems << QStringLiteral("%1 must be a number from %2 to %3").arg(QLatin1String(key)).arg(minimum).arg(maximum);
        return;
    }
    value = T(number);
}

void readBool(const QJsonObject& json, const char* key, bool& value, QStringList* problems)
{
    if (!json.contains(QLatin1String(key)))
        return;
    if (!json.value(QLatin1String(key)).isBool()) {
        if (problems)
            *problems << QStringLiteral("%1 must be true or false").arg(QLatin1String(key));
        return;
    }
    value = json.value(QLatin1String(key)).toBool();
}

template <class Kind, class Parse>
void readName(const QJsonObject& json, const char* key, Kind& value, Parse parse, QStringList* problems)
{
    if (!json.contains(QLatin1String(key)))
        return;
    const auto kind = parse(json.value(QLatin1String(key)).toString().toStdString());
    if (!kind) {
        if (problems)
            *problems << QStringLiteral("%1: unknown name").arg(QLatin1String(key));
        return;
    }
    value = *kind;
}

} // namespace

QJsonObject parametersToJson(const sme::ExplorerParameters& p)
{
    QJsonArray hidden;
    for (int width : p.hidden)
        hidden.append(width);
    return QJsonObject{
        {"dimension", p.dimension},
        {"gradient_noise", p.gradientNoise},
        {"monte_carlo_points", p.monteCarloPoints},
        {"sampler", QString::fromUtf8(sme::samplerName(p.sampler))},
        {"cutoff", p.cutoff},
        {"nonzero_loss_cutoff", p.nonzeroLossCutoff},
        {"loss", QString::fromUtf8(sme::lossName(p.loss))},
        {"alpha", p.alpha},
        {"beta0", p.beta0},
        {"learn_class_beta", p.learnClassBeta},
        {"learn_image_beta", p.learnImageBeta},
        {"nu", p.nu},
        {"dataset", QString::fromStdString(p.dataset)},
        {"synthetic_noise", p.syntheticNoise},
        {"batch_classes", p.batchClasses},
        {"batch_k", p.batchK},
        {"hidden", hidden},
        {"learning_rate", p.learningRate},
        {"seed", QString::number(p.seed)}, // as text: JSON numbers lose 64-bit integers
        {"steps_per_second", p.stepsPerSecond},
        {"stop_after", double(p.stopAfter)},
    };
}

sme::ExplorerParameters parametersFromJson(const QJsonObject& json, QStringList* problems)
{
    sme::ExplorerParameters p;
    readNumber(json, "dimension", p.dimension, 2, 4096, problems);
    readNumber(json, "gradient_noise", p.gradientNoise, 0, 10, problems);
    readNumber(json, "monte_carlo_points", p.monteCarloPoints, 0, 5000, problems);
    readName(json, "sampler", p.sampler, sme::samplerFromName, problems);
    readNumber(json, "cutoff", p.cutoff, 0, 1.99, problems);
    readNumber(json, "nonzero_loss_cutoff", p.nonzeroLossCutoff, 0.05, 2, problems);
    readName(json, "loss", p.loss, sme::lossFromName, problems);
    readNumber(json, "alpha", p.alpha, 0, 2, problems);
    readNumber(json, "beta0", p.beta0, 0, 2, problems);
    readBool(json, "learn_class_beta", p.learnClassBeta, problems);
    readBool(json, "learn_image_beta", p.learnImageBeta, problems);
    readNumber(json, "nu", p.nu, -1, 1, problems);
    if (json.contains(QLatin1String("dataset"))) {
        const QString dataset = json.value(QLatin1String("dataset")).toString();
        if (dataset.isEmpty()) {
            if (problems)
                *problems << QStringLiteral("dataset must be synthetic, digits or a file path");
        } else {
            p.dataset = dataset.toStdString();
        }
    }
    readNumber(json, "synthetic_noise", p.syntheticNoise, 0, 10, problems);
    readNumber(json, "batch_classes", p.batchClasses, 2, 100, problems);
    readNumber(json, "batch_k", p.batchK, 1, 50, problems);
    if (json.contains(QLatin1String("hidden"))) {
        const QJsonArray hidden = json.value(QLatin1String("hidden")).toArray();
        std::vector<int> widths;
        bool good = json.value(QLatin1String("hidden")).isArray() && hidden.size() <= 8;
        for (const QJsonValue& v : hidden) {
            // Whole numbers only: toInt() turns 2.5 into 0, a width no network can have (found by fuzz_session).
            good = good && v.isDouble() && v.toDouble() >= 1 && v.toDouble() <= 4096
                   && v.toDouble() == std::floor(v.toDouble());
            widths.push_back(v.toInt());
        }
        if (good)
            p.hidden = widths;
        else if (problems)
            *problems << QStringLiteral("hidden must be a list of up to 8 whole widths from 1 to 4096");
    }
    readNumber(json, "learning_rate", p.learningRate, 1e-6, 1e4, problems);
    if (json.contains(QLatin1String("seed"))) {
        bool ok = false;
        const qulonglong seed = json.value(QLatin1String("seed")).toString().toULongLong(&ok);
        if (ok && seed <= 1'000'000)
            p.seed = seed;
        else if (problems)
            *problems << QStringLiteral("seed must be a whole number from 0 to 1000000, as text");
    }
    readNumber(json, "steps_per_second", p.stepsPerSecond, 0, 1e6, problems);
    readNumber(json, "stop_after", p.stopAfter, 0, 1e7, problems);
    return p;
}

QStringList parameterProblems(const sme::ExplorerParameters& parameters)
{
    // The one set of ranges: the way in from a session checks them all.
    QStringList problems;
    parametersFromJson(parametersToJson(parameters), &problems);
    return problems;
}
