// The training step's matrix products as hand-written AVX-512 kernels, for CPUs that have it
// (sme::avx512Available()); elsewhere the step keeps Eigen's products and Adam's own kernel.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

namespace sme::stepkernels {

// Every function here runs AVX-512 instructions: call them only when avx512Available().
// Matrices are raw column-major float arrays (the memory of Eigen::MatrixXf); no Eigen here,
// so that nothing of Eigen is compiled for AVX-512 (see ARCHITECTURE.md, run-time dispatch).
using Index = std::ptrdiff_t;

// out (rows x columns; or its transpose, columns x rows, when transposedOut) = X W, then + bias
// (one value per column, when given) and max(0, .) (when relu), for X given transposed (xt: depth x rows, one example per column: the memory
// of a row-major X) and W (depth x columns). Both are read along the depth, the sum of a
// product, so nothing is packed or transposed: each output is 16 partial sums along the depth,
// added in a fixed tree at the end.
void forwardProduct(const float* xt, const float* w, Index rows, Index depth, Index columns,
                    float* out, const float* bias, bool relu, bool transposedOut = false);

// The factors of G = A B, a product whose output is read down its columns: A (height x inner,
// column-major), B(t, c) = b[t * bInnerStride + c * bColumnStride] (inner x columns, any
// layout), G height x columns. Each element of G is summed over t in order, one multiply-add
// at a time (Adam's own kernel sums X^T delta the same way).
struct ColumnProduct {
    const float* a;
    Index height;
    Index inner;
    const float* b;
    Index bInnerStride;
    Index bColumnStride;
    Index columns;
};

// A layer's weight gradient X^T delta: xt (inputs x batch, one example per column), delta
// (batch x outputs).
inline ColumnProduct weightGradient(const float* xt, const float* delta, Index batch, Index outputs,
                                    Index inputs)
{
    return {xt, inputs, batch, delta, 1, batch, outputs};
}

// G stored into g (column-major, height x columns), zero where mask (the same shape), when
// given, is not positive (a ReLU's gradient).
void columnProduct(const ColumnProduct& product, float* g, const float* mask);

// Adam's update of the parameter p (height x columns) with its moments m and v, from the
// gradient G, each tile as it is summed: m = b1 m + (1-b1) G, v = b2 v + (1-b2) G^2,
// p -= stepSize m / (sqrt(v) + epsilon), in the same operations as Adam::update. Returns the
// largest |p| after the update, NaN when any p is NaN or infinite.
struct AdamUpdate {
    float* p;
    float* m;
    float* v;
    float beta1, beta2, stepSize, epsilon;
};
float columnProductAdam(const ColumnProduct& product, const AdamUpdate& adam);

} // namespace sme::stepkernels
