// The explorer's parameters as JSON: for the remembered settings and for sessions.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ExplorerParameters.h"

#include <QJsonObject>
#include <QStringList>

QJsonObject parametersToJson(const sme::ExplorerParameters& parameters);

// Reads what it can: a missing field keeps its default; a field of the wrong type or out of
// range keeps its default and is named in problems (when given).
sme::ExplorerParameters parametersFromJson(const QJsonObject& json, QStringList* problems = nullptr);

// Every parameter outside the schema's ranges (model/figures/ParameterSchema.h, which the controls
// take too), as parametersFromJson names them ("alpha must be a number from 0 to 2"); empty when
// all are good.
QStringList parameterProblems(const sme::ExplorerParameters& parameters);
