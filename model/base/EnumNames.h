// Lookup between an enumeration whose values are 0, 1, ... and its command-line names.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace sme {

template <class Kind, std::size_t N>
std::optional<Kind> enumFromName(const std::array<std::string_view, N>& names,
                                 std::string_view name)
{
    for (std::size_t i = 0; i < N; ++i)
        if (names[i] == name)
            return static_cast<Kind>(i);
    return std::nullopt;
}

} // namespace sme
