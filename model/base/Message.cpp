// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Message.h"

namespace sme {

std::string Message::text() const
{
    std::vector<std::string> texts;
    texts.reserve(parts_.size());
    for (const Part& part : parts_)
        texts.push_back(part.text());
    return fillPlaces(pattern_.english, texts);
}

std::string fillPlaces(std::string_view pattern, const std::vector<std::string>& texts)
{
    std::string out;
    out.reserve(pattern.size() + 32);
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '%' && i + 1 < pattern.size() && pattern[i + 1] >= '1' && pattern[i + 1] <= '9') {
            const auto place = std::size_t(pattern[i + 1] - '1');
            if (place < texts.size()) {
                out += texts[place];
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

} // namespace sme
