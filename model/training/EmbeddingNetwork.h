// The embedding model: an MLP with ReLU hidden layers ending in an L2-normalised embedding.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Random.h"

#include <Eigen/Core>
#include <functional>
#include <vector>

namespace sme {

struct NetworkShape {
    int input = 64;                   // features per example
    std::vector<int> hidden{256, 256}; // widths of the ReLU layers (may be empty: a linear map)
    int embedding = 128;              // n, the embedding dimension (2 to 1024)

    // Throws sme::Error naming the first size that is out of range.
    void validate() const;
};

// x -> ReLU(x W1 + b1) -> ... -> y = h W + b -> e = y / ||y||, one example per row.
// Float for speed in training, double for the gradient checks: both are instantiated.
template <class Scalar>
class EmbeddingNetwork {
public:
    using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
    using RowVector = Eigen::Matrix<Scalar, 1, Eigen::Dynamic>;

    // He-normal weights (variance 2 / fan-in) for the ReLU layers, variance 1 / fan-in for the
    // last, biases 0. Throws sme::Error for an invalid shape.
    EmbeddingNetwork(const NetworkShape& shape, Rng& rng);

    const NetworkShape& shape() const { return shape_; }

    // Forward pass over the rows of inputs; keeps the activations that backward() needs.
    const Matrix& forward(const Eigen::Ref<const Matrix>& inputs);
    // The same over the columns of inputsTransposed, one example per column: the memory of a
    // row-major batch, which a gather of examples writes without transposing.
    const Matrix& forwardTransposed(const Eigen::Ref<const Matrix>& inputsTransposed);
    // Embeddings of the rows of inputs, without touching the cached activations.
    Matrix embed(const Eigen::Ref<const Matrix>& inputs) const;

    // Gradients of the loss with respect to every parameter, from d loss / d embedding for the
    // rows of the last forward(). Overwrites the previous gradients. parameterDone(i), when
    // given, is called once gradients()[i] is final and the pass no longer reads parameter i
    // (last layer first): the caller may then update the parameter, while it is in cache.
    void backward(const Eigen::Ref<const Matrix>& embeddingGradient,
                  const std::function<void(std::size_t)>& parameterDone = {});
    // backward() for a caller that applies each weight's gradient X^T delta without it being
    // stored (Adam::updateWithProduct): instead of computing gradients()[i] of a weight, calls
    // applyWeightGradient(i, X^T, delta) (X the layer's input, one example per row, given
    // transposed; delta d loss / d the layer's output) once the pass no longer reads weight i.
    // Biases as backward(): gradient stored, then parameterDone(i). Last layer first, each
    // weight before its bias.
    using WeightGradient = std::function<void(std::size_t index, const Matrix& inputsTransposed,
                                              const Matrix& delta)>;
    void backward(const Eigen::Ref<const Matrix>& embeddingGradient,
                  const WeightGradient& applyWeightGradient,
                  const std::function<void(std::size_t)>& parameterDone);

    // Weights and biases in layer order (W1, b1, W2, b2, ...); biases are 1 x width.
    std::vector<Matrix>& parameters() { return parameters_; }
    const std::vector<Matrix>& parameters() const { return parameters_; }
    const std::vector<Matrix>& gradients() const { return gradients_; }

    bool allFinite() const;

    // The same network in another scalar type (for the double-precision gradient check).
    template <class Other>
    EmbeddingNetwork<Other> cast() const
    {
        EmbeddingNetwork<Other> result(shape_);
        for (std::size_t i = 0; i < parameters_.size(); ++i)
            result.parameters()[i] = parameters_[i].template cast<Other>();
        return result;
    }

    explicit EmbeddingNetwork(const NetworkShape& shape); // all parameters zero

private:
    std::size_t layers() const { return parameters_.size() / 2; }

    NetworkShape shape_;
    std::vector<Matrix> parameters_;
    std::vector<Matrix> gradients_;
    // Cached by forward(): the input of every layer (transposed, one example per column: the
    // weight gradient X^T delta is then a plain product; and one per row from the second layer
    // on, for the ReLU's mask), the pre-normalisation output, its norms and the embeddings.
    std::vector<Matrix> layerInputsTransposed_;
    std::vector<Matrix> layerInputs_;
    Matrix output_;
    Eigen::Matrix<Scalar, Eigen::Dynamic, 1> outputNorms_;
    Matrix embeddings_;
};

extern template class EmbeddingNetwork<float>;
extern template class EmbeddingNetwork<double>;

} // namespace sme
