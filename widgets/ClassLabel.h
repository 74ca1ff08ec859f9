// How the views name a class, in one place for the map, its legend and class list, and the
// triplet inspector: the data set's own name for it when it has one, else "class 5".
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QString>
#include <map>
#include <string>

// names: sme::Dataset::classNames, empty for data that names no class. A name is data, shown as
// the data set gives it, never translated: Fashion-MNIST's "Sandal" is English in every language.
inline QString classLabel(int label, const std::map<int, std::string>& names)
{
    const auto named = names.find(label);
    if (named != names.end())
        return QString::fromStdString(named->second);
    // The map's context: the string (and its translation) the map has always had.
    return QCoreApplication::translate("EmbeddingMapView", "class %1").arg(label);
}
