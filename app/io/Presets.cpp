// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/io/Presets.h"

#include "app/io/ParameterJson.h"
#include "model/figures/ViewId.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <algorithm>

namespace {

QString localised(const QJsonValue& text, const QString& language)
{
    if (text.isString())
        return text.toString();
    const QJsonObject byLanguage = text.toObject();
    for (const QString& key : {language, language.section(QLatin1Char('_'), 0, 0), QStringLiteral("en")})
        if (byLanguage.value(key).isString())
            return byLanguage.value(key).toString();
    return {};
}

// The preset in json, or why it is not one.
QString readPreset(const QJsonObject& json, const QString& language, Preset& preset)
{
    preset.id = json.value(QLatin1String("id")).toString();
    preset.order = json.value(QLatin1String("order")).toInt(1000);
    preset.title = localised(json.value(QLatin1String("title")), language);
    preset.lookFor = localised(json.value(QLatin1String("look_for")), language);
    if (preset.id.isEmpty() || preset.title.isEmpty() || preset.lookFor.isEmpty())
        return QStringLiteral("needs an id, a title and a look_for text");
    if (!json.value(QLatin1String("parameters")).isObject())
        return QStringLiteral("needs a parameters object");
    preset.parameters = json.value(QLatin1String("parameters")).toObject();
    QStringList problems;
    parametersFromJson(preset.parameters, &problems);
    for (auto it = preset.parameters.begin(); it != preset.parameters.end(); ++it)
        if (!parametersToJson({}).contains(it.key()))
            problems << QStringLiteral("%1: not a parameter").arg(it.key());
    if (!problems.isEmpty())
        return problems.join(QStringLiteral("; "));
    if (const QString view = json.value(QLatin1String("view")).toString(); !view.isEmpty()) {
        preset.view = sme::gridViewFromName(view.toStdString());
        if (!preset.view)
            return QStringLiteral("view: '%1' is not a view (%2)")
                .arg(view, QString::fromStdString(sme::gridViewNameList()));
    }
    const QJsonObject animate = json.value(QLatin1String("animate")).toObject();
    if (!animate.isEmpty()) {
        preset.animateParameter = animate.value(QLatin1String("parameter")).toString();
        preset.animateValues = animate.value(QLatin1String("values")).toArray();
        preset.animateIntervalMs = animate.value(QLatin1String("interval_ms")).toInt(2500);
        if (preset.animateValues.size() < 2 || preset.animateIntervalMs < 200)
            return QStringLiteral("animate needs two values or more and interval_ms of at least 200");
        for (const QJsonValue& value : preset.animateValues) {
            QString problem;
            withParameter({}, preset.animateParameter, value, &problem);
            if (!problem.isEmpty())
                return QStringLiteral("animate: %1").arg(problem);
        }
    }
    preset.train = json.value(QLatin1String("train")).toBool(false);
    // The race is the one view with a window of its own.
    if (const QString open = json.value(QLatin1String("open")).toString(); !open.isEmpty()) {
        preset.open = sme::viewFromName(open.toStdString());
        if (preset.open != sme::ViewId::SamplerRace)
            return QStringLiteral("open: '%1' is not something to open (%2)")
                .arg(open, QString::fromUtf8(sme::viewName(sme::ViewId::SamplerRace)));
    }
    return {};
}

} // namespace

PresetLoad loadPresets(const QString& folder, const QString& language)
{
    PresetLoad load;
    const QDir dir(folder);
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        QFile file(dir.filePath(name));
        QJsonParseError parse{};
        const QJsonDocument document = file.open(QIODevice::ReadOnly) && file.size() < 1024 * 1024
                                           ? QJsonDocument::fromJson(file.readAll(), &parse)
                                           : QJsonDocument();
        Preset preset;
        QString problem = document.isObject() ? readPreset(document.object(), language, preset)
                                              : QStringLiteral("not a JSON object (%1)").arg(parse.errorString());
        if (problem.isEmpty() && std::any_of(load.presets.begin(), load.presets.end(),
                                             [&](const Preset& p) { return p.id == preset.id; }))
            problem = QStringLiteral("the id '%1' is taken").arg(preset.id);
        if (problem.isEmpty())
            load.presets.push_back(preset);
        else
            load.problems << QStringLiteral("%1: %2").arg(name, problem);
    }
    std::stable_sort(load.presets.begin(), load.presets.end(), [](const Preset& a, const Preset& b) {
        return a.order != b.order ? a.order < b.order : a.id < b.id;
    });
    return load;
}

sme::ExplorerParameters presetParameters(const Preset& preset)
{
    return parametersFromJson(preset.parameters);
}

sme::ExplorerParameters withParameter(const sme::ExplorerParameters& parameters, const QString& key,
                                      const QJsonValue& value, QString* problem)
{
    QJsonObject json = parametersToJson(parameters);
    if (!json.contains(key)) {
        if (problem)
            *problem = QStringLiteral("'%1' is not a parameter").arg(key);
        return parameters;
    }
    json.insert(key, value);
    QStringList problems;
    const sme::ExplorerParameters next = parametersFromJson(json, &problems);
    if (!problems.isEmpty()) {
        if (problem)
            *problem = problems.join(QStringLiteral("; "));
        return parameters;
    }
    return next;
}
