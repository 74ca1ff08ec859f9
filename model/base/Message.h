// A message for a person, kept as its English pattern and what fills its places, so that a
// window can say it in its own language.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sme {

// A message's English text with numbered places %1 .. %9. Patterns are declared once, named
// (see model/data/ReaderMessages.h), so that the window's translations can list them all.
struct MessagePattern {
    const char* english;
};

// A message: its pattern, and what fills each place, in order: a text said as it is (a file's
// name, a number, a field read from a file) or another message (a phrase, said in the window's
// language too). text() is the English. A window looks the pattern up in its translations
// (context "sme::Message") and fills the places of the translated pattern the same way.
class Message {
public:
    class Part {
    public:
        Part(std::string text) : text_(std::move(text)) {}
        Part(const char* text) : text_(text) {}
        Part(std::string_view text) : text_(text) {}
        template <class Number>
            requires(std::is_integral_v<Number> && !std::is_same_v<Number, char> && !std::is_same_v<Number, bool>)
        Part(Number number) : text_(std::to_string(number))
        {
        }
        Part(Message message) : message_(std::make_shared<const Message>(std::move(message))) {}

        const Message* message() const { return message_.get(); }
        // The text, or the message's English.
        std::string text() const { return message_ ? message_->text() : text_; }
        const std::string& plainText() const { return text_; }

    private:
        std::string text_;
        std::shared_ptr<const Message> message_;
    };

    Message(MessagePattern pattern, std::initializer_list<Part> parts = {}) : pattern_(pattern), parts_(parts) {}

    MessagePattern pattern() const { return pattern_; }
    const std::vector<Part>& parts() const { return parts_; }
    std::string text() const;

private:
    MessagePattern pattern_;
    std::vector<Part> parts_;
};

// pattern with its places %1 .. %9 filled by texts[0] .. texts[8], in one pass: a text holding
// "%2" is put in as it is. A place without a text is left as it is.
std::string fillPlaces(std::string_view pattern, const std::vector<std::string>& texts);

} // namespace sme
