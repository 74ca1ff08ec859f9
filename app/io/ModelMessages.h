// The core's messages in the window's language: an sme::Error thrown with a Message is said
// through the translations loaded (none on the command line: the English).
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <exception>

namespace sme {
class Message;
}

// The message in the language of the translations loaded: its pattern looked up in the
// context "sme::Message", each place filled with its part, a message said the same way or a
// text as it is (in one pass: a text holding "%2" stays as it is). The English without them.
QString translatedMessage(const sme::Message& message);

// What an exception says: translatedMessage for an sme::Error thrown with a Message, else its
// what() as it is.
QString errorText(const std::exception& error);
