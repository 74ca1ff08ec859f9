// The core's one exception type: a readable message about bad input or a failed computation.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

namespace sme {

// Thrown by model/ when it is given something it cannot work with (a dimension out of
// range, a negative noise level, a malformed file). The message is meant for a person.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// Throws Error(message) unless condition holds. For checking input, never for invariants.
inline void require(bool condition, const std::string& message)
{
    if (!condition)
        throw Error(message);
}

} // namespace sme
