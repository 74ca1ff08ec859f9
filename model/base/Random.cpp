// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Random.h"

#include <cmath>

namespace sme {

Rng seededStream(std::uint64_t seed, std::uint64_t stream)
{
    std::seed_seq sequence{static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
                           static_cast<std::uint32_t>(stream), static_cast<std::uint32_t>(stream >> 32)};
    Rng rng(sequence);
    return rng;
}

void fillStandardNormal(Eigen::Ref<Eigen::MatrixXd> m, Rng& rng)
{
    // Box-Muller on pairs: two normals per two uniforms, no rejection loop, and the same
    // sequence on every standard library (std::normal_distribution is not specified).
    constexpr double twoPi = 6.283185307179586476925286766559;
    const Eigen::Index size = m.size();
    const auto fill = [&](auto&& at) {
        Eigen::Index i = 0;
        for (; i + 1 < size; i += 2) {
            const double u1 = 1.0 - uniformUnit(rng); // (0, 1]: log is finite
            const double u2 = uniformUnit(rng);
            const double r = std::sqrt(-2.0 * std::log(u1));
            at(i) = r * std::cos(twoPi * u2);
            at(i + 1) = r * std::sin(twoPi * u2);
        }
        if (i < size) {
            const double u1 = 1.0 - uniformUnit(rng);
            at(i) = std::sqrt(-2.0 * std::log(u1)) * std::cos(twoPi * uniformUnit(rng));
        }
    };
    if (m.innerStride() == 1 && m.outerStride() == m.rows()) {
        double* data = m.data();
        fill([data](Eigen::Index i) -> double& { return data[i]; });
    } else {
        const Eigen::Index rows = m.rows();
        fill([&m, rows](Eigen::Index i) -> double& { return m(i % rows, i / rows); });
    }
}

std::size_t uniformIndex(std::size_t count, Rng& rng)
{
    // Rejection below 2^64 mod count leaves a range that count divides: exactly uniform.
    const std::uint64_t n = count;
    const std::uint64_t threshold = (std::uint64_t{0} - n) % n;
    std::uint64_t x;
    do {
        x = rng();
    } while (x < threshold);
    return static_cast<std::size_t>(x % n);
}

double uniformUnit(Rng& rng)
{
    // 53 random bits: every value a multiple of 2^-53 in [0, 1).
    return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

} // namespace sme
