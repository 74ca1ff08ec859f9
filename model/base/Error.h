// The core's one exception type: a readable message about bad input or a failed computation.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Message.h"

#include <charconv>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace sme {

// Thrown by model/ when it is given something it cannot work with (a dimension out of
// range, a negative noise level, a malformed file). The message is meant for a person.
// A message given as a Message keeps it (what() is its English) for a window to translate.
class Error : public std::runtime_error {
public:
    explicit Error(const std::string& message) : std::runtime_error(message) {}
    explicit Error(Message message)
        : std::runtime_error(message.text()), message_(std::make_shared<const Message>(std::move(message)))
    {
    }

    // The message as given, or null for one given as text.
    const Message* message() const { return message_.get(); }

private:
    std::shared_ptr<const Message> message_;
};

// A number for a message, in the shortest form that reads back the same: 0.001, 1e-09, 2.5
// (std::to_string would print 0.000000).
inline std::string numberText(double value)
{
    char text[32];
    return std::string(text, std::to_chars(text, text + sizeof text, value).ptr);
}

// Throws Error(message) unless condition holds. For checking input, never for invariants.
inline void require(bool condition, const std::string& message)
{
    if (!condition)
        throw Error(message);
}

// The same with the message made only when it throws: for checks that run often.
template <class MakeMessage>
    requires std::is_invocable_r_v<std::string, MakeMessage>
inline void require(bool condition, MakeMessage&& makeMessage)
{
    if (!condition)
        throw Error(makeMessage());
}

// The same with a Message made only when it throws.
template <class MakeMessage>
    requires std::is_invocable_r_v<Message, MakeMessage>
inline void require(bool condition, MakeMessage&& makeMessage)
{
    if (!condition)
        throw Error(makeMessage());
}

// The same for a literal message: no std::string is built unless it throws (hot loops).
inline void require(bool condition, const char* message)
{
    if (!condition)
        throw Error(message);
}

} // namespace sme
