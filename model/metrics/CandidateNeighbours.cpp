// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/metrics/CandidateNeighbours.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sme {
namespace {

// Higham's gamma_n = n u / (1 - n u): a dot product of length n summed in any order, with or
// without fused multiply-adds, is within gamma_n sum |x_k y_k| of the exact one.
double gamma(double n, double unitRoundoff)
{
    return n * unitRoundoff / (1.0 - n * unitRoundoff);
}

// The smallest float not below value: a float bound that stays a bound.
float floatAtLeast(double value)
{
    const auto rounded = float(value);
    return double(rounded) >= value ? rounded : std::nextafter(rounded, std::numeric_limits<float>::infinity());
}

// Eigen's product kernel (AVX-512, 8 doubles a packet) takes the rows in blocks of 24 (three
// packets), then 16, each entry summed in order by fused multiply-adds; the rows left (fewer
// than 16 after the blocks of 24, or past the 16) go by 8, 4, 2 and 1, summed otherwise. Its
// row blocks (mc) are multiples of 24, so those rows are the last ones. Checked for every
// remainder in tst_blockedevaluation.
Eigen::Index otherwiseSummedRows(Eigen::Index rows)
{
    const Eigen::Index remainder = rows % 24;
    return remainder >= 16 ? remainder - 16 : remainder;
}

} // namespace

bool candidatesReproduceDoubleTiles(Eigen::Index points, Eigen::Index dimension)
{
    // Below 16 dimensions a small product of the last rows is done coefficient by coefficient
    // (Eigen's lazy product); past 256 the product may split the dimension in blocks. Checked
    // in between, from 512 points.
    // The order of the kernel's sums is known for AVX-512 (8 doubles a packet) only: elsewhere
    // the double tiles are used.
    return Eigen::internal::packet_traits<double>::size == 8 && points >= 512 && dimension >= 16
        && dimension <= 256;
}

double floatTileErrorBound(Eigen::Index dimension, double largestSquaredNorm)
{
    const double u = std::ldexp(1.0, -24), ud = std::ldexp(1.0, -53);
    const double n = double(dimension);
    // Float: coordinates rounded (2u + u^2 on each product), the dot product (gamma_n), both
    // doubled; norms rounded (u each) and two additions of terms up to 4 |x|^2 (u each, on up to
    // 4M); the double tile's own error likewise. With 10% to spare for the second-order terms.
    const double floatError = 2.0 * (2.0 * u + u * u + gamma(n, u) * (1.0 + u) * (1.0 + u)) + 2.0 * u + 8.0 * u;
    const double doubleError = 2.0 * gamma(n, ud) + 2.0 * gamma(n, ud) + 8.0 * ud;
    return 1.1 * (floatError + doubleError) * largestSquaredNorm;
}

ExactDistances::ExactDistances(const Eigen::Ref<const Eigen::MatrixXd>& points, const Eigen::MatrixXd& rowMajorPoints,
                               const Eigen::VectorXd& squaredNorms)
    : points_(points), rowMajor_(rowMajorPoints), squaredNorms_(squaredNorms),
      tailStart_(points.rows() - otherwiseSummedRows(points.rows()))
{
}

void ExactDistances::startTile(Eigen::Index firstQuery, const Eigen::MatrixXd& exactQueries)
{
    if (exactQueries.cols() == 1) {
        startSingleQueryTile(firstQuery, exactQueries);
        return;
    }
    single_.resize(0, 0);
    firstQuery_ = firstQuery;
    queries_ = &exactQueries;
    const Eigen::Index tail = points_.rows() - tailStart_;
    if (tail == 0)
        return;
    // One row alone would be a matrix-vector product, summed otherwise again: three rows, of
    // which the product treats the last as it does in the whole (checked).
    const Eigen::Index rows = std::min(points_.rows(), tail == 1 ? Eigen::Index{3} : tail);
    tail_.resize(rows, exactQueries.cols());
    tail_.noalias() = -2.0 * points_.bottomRows(rows) * exactQueries;
}

void ExactDistances::startSingleQueryTile(Eigen::Index firstQuery, const Eigen::MatrixXd& exactQueries)
{
    firstQuery_ = firstQuery;
    queries_ = &exactQueries;
    single_.resize(points_.rows(), 1);
    single_.noalias() = -2.0 * points_ * exactQueries; // a matrix-vector product, as the double tile's
}

void ExactDistances::distances(std::span<const int> points, Eigen::Index query, double* out) const
{
    const Eigen::Index column = query - firstQuery_;
    const double* q = queries_->col(column).data();
    const Eigen::Index dimension = rowMajor_.rows();
    const double queryNorm = squaredNorms_[query];
    const auto finish = [&](int j, double product) {
        return j == query ? 0.0 : std::max((product + squaredNorms_[j]) + queryNorm, 0.0);
    };
    if (single_.size() > 0) {
        for (std::size_t i = 0; i < points.size(); ++i)
            out[i] = finish(points[i], single_(points[i], 0));
        return;
    }
    constexpr std::size_t lanes = 8; // independent sums, each in order over the dimension
    std::size_t i = 0;
    for (; i < points.size(); i += lanes) {
        const std::size_t count = std::min(lanes, points.size() - i);
        const double* rows[lanes];
        for (std::size_t l = 0; l < lanes; ++l)
            rows[l] = rowMajor_.col(points[i + std::min(l, count - 1)]).data();
        double sums[lanes] = {};
        for (Eigen::Index k = 0; k < dimension; ++k)
            for (std::size_t l = 0; l < lanes; ++l)
                sums[l] = std::fma(rows[l][k], q[k], sums[l]);
        for (std::size_t l = 0; l < count; ++l) {
            const int j = points[i + l];
            const double product = j < tailStart_ ? -2.0 * sums[l] : tail_(tail_.rows() - (points_.rows() - j), column);
            out[i + l] = finish(j, product);
        }
    }
}

void CandidateNeighbours::gatherBelow(const float* toQuery, Eigen::Index query, std::span<const int> labels,
                                      double bound, const ExactDistances& exact)
{
    const float limit = floatAtLeast(bound);
    const auto size = Eigen::Index(labels.size());
    points_.resize(std::size_t(size) + 1);
    points_[0] = int(query);
    std::size_t count = 1;
    for (Eigen::Index j = 0; j < size; ++j) { // branch-free: write always, keep when below
        points_[count] = int(j);
        count += (toQuery[j] <= limit) & (j != query);
    }
    points_.resize(count);
    distances_.resize(count);
    exact.distances(points_, query, distances_.data());
    labels_.resize(count);
    for (std::size_t c = 0; c < count; ++c)
        labels_[c] = labels[std::size_t(points_[c])];
}

void CandidateNeighbours::gatherNearest(const float* toQuery, Eigen::Index query, std::span<const int> labels,
                                        std::ptrdiff_t r, double errorBound, double tolerance,
                                        const ExactDistances& exact)
{
    // An upper bound of the r-th smallest float distance: a quantile of a sample of the others a
    // little above r / size, checked (at least r others at or below it), else found exactly.
    const auto size = Eigen::Index(labels.size());
    const Eigen::Index stride = std::max<Eigen::Index>(1, size / 2048);
    sample_.clear();
    for (Eigen::Index j = 0; j < size; j += stride)
        if (j != query)
            sample_.push_back(toQuery[j]);
    const double share = double(r) / double(size - 1);
    const auto rank = std::min(sample_.size() - 1, std::size_t(share * 1.2 * double(sample_.size())) + 8);
    std::nth_element(sample_.begin(), sample_.begin() + std::ptrdiff_t(rank), sample_.end());
    float upper = sample_[rank];
    const Eigen::Map<const Eigen::ArrayXf> all(toQuery, size);
    const Eigen::Index atOrBelow = (all <= upper).count() - (toQuery[query] <= upper);
    if (atOrBelow < r) { // the sample misled: the r-th smallest itself
        sample_.assign(toQuery, toQuery + size);
        sample_.erase(sample_.begin() + query);
        std::nth_element(sample_.begin(), sample_.begin() + (r - 1), sample_.end());
        upper = sample_[std::size_t(r - 1)];
    }
    gatherBelow(toQuery, query, labels, double(upper) + 2.0 * errorBound + tolerance, exact);
}

void CandidateNeighbours::gatherAroundNearestPositive(const float* toQuery, Eigen::Index query,
                                                      std::span<const int> labels, double errorBound,
                                                      double tolerance, const ExactDistances& exact)
{
    const int label = labels[std::size_t(query)];
    float nearest = std::numeric_limits<float>::infinity();
    for (std::size_t j = 0; j < labels.size(); ++j)
        if (labels[j] == label && Eigen::Index(j) != query)
            nearest = std::min(nearest, toQuery[j]);
    gatherBelow(toQuery, query, labels, double(nearest) + 2.0 * errorBound + tolerance, exact);
}

} // namespace sme
