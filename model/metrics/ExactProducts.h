// The points' rows in double precision and their dot products, many queries with many points at
// once: what decides the candidate retrieval's distances, summed in one order on every kernel.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

namespace sme {

// The rows of points as a contiguous array, each padded with zeros to a multiple of 8
// coordinates: float when every coordinate is a float (then exact, and half the memory to
// read), else double.
class ExactRows {
public:
    explicit ExactRows(const Eigen::Ref<const Eigen::MatrixXd>& points);

    // The dot products of the points queries[t] with the points rows[u], in double, into
    // out[t * outStride + u]. Each is summed in one fixed order, whichever kernel runs
    // (AVX-512, AVX2 or plain) and whatever other pairs are computed with it: eight partial
    // sums, sum l a chain of fused multiply-adds over the coordinates k = l mod 8 in order,
    // then ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7)). So a pair's product has the same
    // bits in a block of a tile's queries and alone (the padding's zeros add exact zeros).
    // Queries are taken a few at a time against 8 rows (AVX-512: 3 x 8, 24 accumulators):
    // each row read from memory once for all the queries, rows in increasing order read
    // sequentially.
    void dots(std::span<const std::int32_t> queries, std::span<const std::int32_t> rows, double* out,
              Eigen::Index outStride) const;

    // The same for one query: out[u] is its dot product with rows[u].
    void dots(std::int32_t query, std::span<const std::int32_t> rows, double* out) const
    {
        dots({&query, 1}, rows, out, 0);
    }

    // The dot products of pairs, out[u] that of lefts[u] with rights[u], the same bits as
    // dots gives them: for many pairs that share their rights, rights in increasing order (the
    // rows read once each, in the order of memory).
    void pairDots(std::span<const std::int32_t> lefts, std::span<const std::int32_t> rights, double* out) const;

private:
    Eigen::Index paddedDimension_;
    std::vector<float> floatRows_;   // when every coordinate is a float
    std::vector<double> doubleRows_; // otherwise
};

} // namespace sme
