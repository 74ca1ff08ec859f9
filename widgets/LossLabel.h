// The losses' names as people see them, in one place for every view and chooser that names
// them (the command line's names are sme::lossName).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/losses/Losses.h"

#include <QCoreApplication>
#include <QString>
#include <array>

// In running text and legends: "contrastive", "triplet, squared", "triplet", "margin".
inline QString lossLabel(sme::LossKind kind)
{
    static constexpr std::array<const char*, sme::allLossKinds.size()> labels{
        QT_TRANSLATE_NOOP("LossLabel", "contrastive"), QT_TRANSLATE_NOOP("LossLabel", "triplet, squared"),
        QT_TRANSLATE_NOOP("LossLabel", "triplet"), QT_TRANSLATE_NOOP("LossLabel", "margin")};
    return QCoreApplication::translate("LossLabel", labels[std::size_t(kind)]);
}

// As an entry of a list to choose from: "Contrastive", "Triplet (squared)", "Triplet", "Margin".
inline QString lossChoiceLabel(sme::LossKind kind)
{
    static constexpr std::array<const char*, sme::allLossKinds.size()> labels{
        QT_TRANSLATE_NOOP("LossLabel", "Contrastive"), QT_TRANSLATE_NOOP("LossLabel", "Triplet (squared)"),
        QT_TRANSLATE_NOOP("LossLabel", "Triplet"), QT_TRANSLATE_NOOP("LossLabel", "Margin")};
    return QCoreApplication::translate("LossLabel", labels[std::size_t(kind)]);
}
