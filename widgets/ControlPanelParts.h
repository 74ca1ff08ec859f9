// What the control panel's files share: the speeds and built-in data sets its boxes offer, and
// the boxes made from the parameter schema (ControlPanel.cpp, ControlPanelGroups.cpp).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ExplorerParameters.h"
#include "model/figures/ParameterSchema.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QRegularExpression>
#include <QSpinBox>
#include <iterator>

namespace controlpanel {

using Parameters = sme::ExplorerParameters;

inline constexpr double speeds[] = {0.0, 1.0, 5.0, 20.0, 100.0};

// The data sets built in, by name, in the order of the data set box; a file and "Open file…" follow.
inline constexpr const char* builtInDataSets[] = {"synthetic", "digits", "fashion-mnist"};
inline constexpr int builtInDataSetCount = int(std::size(builtInDataSets));
inline constexpr int fileItem = builtInDataSetCount; // when a file was chosen

// A box over the schema's range for the field, named after its JSON key (tst_parameters finds it so).
inline QDoubleSpinBox* doubleBox(const sme::ParameterMember& member, double step, int decimals, const QString& tip)
{
    const sme::ParameterField& field = sme::parameterField(member);
    auto* box = new QDoubleSpinBox;
    box->setObjectName(QLatin1String(field.key));
    box->setRange(field.minimum, field.maximum);
    box->setSingleStep(step);
    box->setDecimals(decimals);
    box->setToolTip(tip);
    box->setKeyboardTracking(false);
    return box;
}

inline QSpinBox* intBox(const sme::ParameterMember& member, const QString& tip)
{
    const sme::ParameterField& field = sme::parameterField(member);
    auto* box = new QSpinBox;
    box->setObjectName(QLatin1String(field.key));
    box->setRange(int(field.minimum), int(field.maximum));
    box->setToolTip(tip);
    box->setKeyboardTracking(false);
    return box;
}

// "none" or up to maximumLength widths of as many digits as the largest width has.
inline QRegularExpression widthListPattern(const sme::ParameterField& field)
{
    const QString width = QStringLiteral("\\d{1,%1}").arg(QString::number(int(field.maximum)).size());
    return QRegularExpression(QStringLiteral("^(none|%1(,%1){0,%2})$").arg(width).arg(field.maximumLength - 1));
}

inline QFormLayout* form(QGroupBox* group)
{
    auto* layout = new QFormLayout(group);
    layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return layout;
}

} // namespace controlpanel
