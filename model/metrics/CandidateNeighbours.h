// The near points of a query found from float distances and recomputed exactly: what the
// retrieval scores read at large sizes, the same bits as from the double tiles at half the cost.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/metrics/QueryTiles.h"

#include <Eigen/Core>
#include <span>
#include <vector>

namespace sme {

// Whether the float tiles and exact recomputation can stand in for the double tiles, bit for
// bit: the double product's rows are then sums in one known order (see ExactDistances).
bool candidatesReproduceDoubleTiles(Eigen::Index points, Eigen::Index dimension);

// A rigorous bound on |float tile entry - double tile entry| for points of squared norm at
// most largestSquaredNorm in the given dimension (Higham's gamma_n for both dot products, the
// rounding of the coordinates and norms to float, and of the three additions).
double floatTileErrorBound(Eigen::Index dimension, double largestSquaredNorm);

// Recomputes entries of a double tile (QueryTiles.h: fillTile) exactly, the same bits.
// Eigen's matrix product (with AVX-512) sums each entry's dot product over the dimension in
// order, one fused multiply-add at a time, for every row but the last few (up to 15), which its
// kernel takes in smaller, differently summed steps; those rows are recomputed by the same
// product on them alone, which takes them in the same steps.
// A tile of one query is a matrix-vector product, summed otherwise: its column is recomputed
// whole. The checks in tst_blockedevaluation pin this down for every remainder of rows mod 8.
class ExactDistances {
public:
    // points: the double points; rowMajorPoints: the same, transposed (a point contiguous);
    // squaredNorms: points.rowwise().squaredNorm().
    ExactDistances(const Eigen::Ref<const Eigen::MatrixXd>& points, const Eigen::MatrixXd& rowMajorPoints,
                   const Eigen::VectorXd& squaredNorms);

    // Called once per tile before distance().
    void startTile(Eigen::Index firstQuery, const Eigen::MatrixXd& exactQueries);
    // The double tile's entry (point, query), query in the tile last started; for many points at once.
    void distances(std::span<const int> points, Eigen::Index query, double* out) const;

private:
    void startSingleQueryTile(Eigen::Index firstQuery, const Eigen::MatrixXd& exactQueries);
    const Eigen::Ref<const Eigen::MatrixXd>& points_;
    const Eigen::MatrixXd& rowMajor_;
    const Eigen::VectorXd& squaredNorms_;
    Eigen::Index tailStart_; // the first row the product sums otherwise
    Eigen::Index firstQuery_ = 0;
    const Eigen::MatrixXd* queries_ = nullptr;
    Eigen::MatrixXd tail_; // the tile's last rows from the product itself
    Eigen::MatrixXd single_; // a tile of one query: its whole column (the double tile's is a matrix-vector product)
};

// Scratch space of one thread: the candidates of a query and their exact distances, compact,
// the query itself first (at distance 0), as NeighbourSelection and the recall scan read them.
class CandidateNeighbours {
public:
    // The points whose exact distance can be at most the r-th smallest (query excluded) plus
    // tolerance: all with float distance <= an upper bound of the r-th float distance + 2 bound
    // + tolerance. Afterwards points(), distances(), labels() hold them, the query first.
    void gatherNearest(const float* toQuery, Eigen::Index query, std::span<const int> labels, std::ptrdiff_t r,
                       double errorBound, double tolerance, const ExactDistances& exact);
    // The same for every point within tolerance of the nearest point of the query's class.
    void gatherAroundNearestPositive(const float* toQuery, Eigen::Index query, std::span<const int> labels,
                                     double errorBound, double tolerance, const ExactDistances& exact);

    const std::vector<double>& distances() const { return distances_; }
    const std::vector<int>& labels() const { return labels_; }

private:
    void gatherBelow(const float* toQuery, Eigen::Index query, std::span<const int> labels, double bound,
                     const ExactDistances& exact);
    std::vector<int> points_;
    std::vector<double> distances_;
    std::vector<int> labels_;
    std::vector<float> sample_;
};

} // namespace sme
