// Presets: one click sets every parameter to reproduce a figure of the paper or a lesson, with a
// short text of what to look for. They are data: one JSON file each under :/presets.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ExplorerParameters.h"
#include "model/figures/ViewId.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

struct Preset {
    QString id;
    int order = 0;
    QString title;   // in the language asked for, English when it has none
    QString lookFor; // what to look for
    QJsonObject parameters; // the parameters it names; the others take their defaults
    std::optional<sme::ViewId> view; // the grid view to enlarge ("view": its name), or none
    QString animateParameter; // a parameter's JSON key stepped through values, or empty
    QJsonArray animateValues;
    int animateIntervalMs = 2500;
    bool train = false; // start training once set
    std::optional<sme::ViewId> open; // a view in a window of its own to open ("open": "race")
};

struct PresetLoad {
    std::vector<Preset> presets; // sorted by order, then id
    QStringList problems;        // one line per file refused, naming it
};

// Reads every *.json preset in folder. A file that is not a valid preset is refused (named in
// problems) and the others still load. language is e.g. "zh_CN"; texts fall back to "en".
PresetLoad loadPresets(const QString& folder = QStringLiteral(":/presets"),
                       const QString& language = QStringLiteral("en"));

// The default parameters with the preset's own on top: a preset always gives the same state.
sme::ExplorerParameters presetParameters(const Preset& preset);

// parameters with one JSON key set to value (the keys of the session format), or, when the
// value is out of range for that key, unchanged with problem set.
sme::ExplorerParameters withParameter(const sme::ExplorerParameters& parameters, const QString& key,
                                      const QJsonValue& value, QString* problem = nullptr);
