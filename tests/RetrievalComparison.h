// Retrieval scores compared bit for bit and written out in full, for the tests that check two
// ways of computing them agree.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/metrics/RetrievalMetrics.h"

#include <QString>
#include <cstring>

namespace testing {

// Recall@1, 2, 4, 8 and MAP@R to 17 digits (the scores of ks = {1, 2, 4, 8}).
inline QString describe(const sme::RetrievalScores& s)
{
    return QStringLiteral("R@1 %1 R@2 %2 R@4 %3 R@8 %4 MAP@R %5")
        .arg(s.recall[0], 0, 'g', 17).arg(s.recall[1], 0, 'g', 17).arg(s.recall[2], 0, 'g', 17)
        .arg(s.recall[3], 0, 'g', 17).arg(s.mapAtR, 0, 'g', 17);
}

inline bool sameBits(const sme::RetrievalScores& a, const sme::RetrievalScores& b)
{
    return a.recall.size() == b.recall.size()
        && std::memcmp(a.recall.data(), b.recall.data(), a.recall.size() * sizeof(double)) == 0
        && std::memcmp(&a.mapAtR, &b.mapAtR, sizeof(double)) == 0;
}

} // namespace testing
