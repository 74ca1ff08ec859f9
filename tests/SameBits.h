// Bit-for-bit comparison of lists of float matrices (weights, optimiser moments), for tests
// that promise exactly the same numbers, not merely close ones.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>
#include <cstring>
#include <vector>

inline bool sameBits(const std::vector<Eigen::MatrixXf>& a, const std::vector<Eigen::MatrixXf>& b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].rows() != b[i].rows() || a[i].cols() != b[i].cols()
            || std::memcmp(a[i].data(), b[i].data(), sizeof(float) * std::size_t(a[i].size())) != 0)
            return false;
    return true;
}
