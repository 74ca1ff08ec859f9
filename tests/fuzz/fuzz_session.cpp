// libFuzzer target: the session loader (parseSession: JSON, format, version, every parameter).
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/io/ParameterJson.h"
#include "app/io/SessionFile.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const SessionLoad load
        = parseSession(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)), QStringLiteral("fuzz.json"));
    // Exactly one of the two: parameters, or a message naming the file.
    if (load.parameters.has_value() == !load.error.isEmpty())
        __builtin_trap();
    if (!load.parameters) {
        if (!load.error.startsWith(QLatin1String("fuzz.json: ")))
            __builtin_trap();
        return 0;
    }
    // Accepted parameters are within the controls' ranges and survive a save and a load unchanged.
    const sme::ExplorerParameters& p = *load.parameters;
    if (p.dimension < 2 || p.dimension > 4096 || p.batchK < 1 || p.batchClasses < 2 || p.hidden.size() > 8)
        __builtin_trap();
    const QJsonObject again{{"format", "sampling-matters-explorer-session"},
                            {"version", sessionFormatVersion},
                            {"parameters", parametersToJson(p)}};
    const SessionLoad reloaded = parseSession(QJsonDocument(again).toJson(), QStringLiteral("again.json"));
    if (!reloaded.parameters || !(*reloaded.parameters == p))
        __builtin_trap();
    return 0;
}
