// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/EmbeddingNetwork.h"

#include "model/base/CpuFeatures.h"
#include "model/base/Error.h"
#include "model/training/StepKernels.h"

#include <cmath>
#include <string>
#include <type_traits>

namespace sme {
namespace {

// Norms below this are treated as this: the direction of a zero output is undefined, and a
// division by zero would put NaN into every gradient.
template <class Scalar>
constexpr Scalar smallestNorm = Scalar(1e-12);

// Whether this pass runs the AVX-512 kernels (float, on a CPU that has them), else Eigen's.
template <class Scalar>
bool useStepKernels()
{
    return std::is_same_v<Scalar, float> && avx512Available();
}

} // namespace

void NetworkShape::validate() const
{
    require(input >= 1 && input <= 100'000,
            "the input must have between 1 and 100000 features, got " + std::to_string(input));
    require(hidden.size() <= 8, "at most 8 hidden layers");
    for (int width : hidden)
        require(width >= 1 && width <= 4096,
                "a hidden layer must have between 1 and 4096 units, got " + std::to_string(width));
    require(embedding >= 2 && embedding <= 1024,
            "the embedding dimension must be between 2 and 1024, got " + std::to_string(embedding));
}

template <class Scalar>
EmbeddingNetwork<Scalar>::EmbeddingNetwork(const NetworkShape& shape)
    : shape_(shape)
{
    shape_.validate();
    std::vector<int> widths{shape_.input};
    widths.insert(widths.end(), shape_.hidden.begin(), shape_.hidden.end());
    widths.push_back(shape_.embedding);
    for (std::size_t l = 0; l + 1 < widths.size(); ++l) {
        parameters_.push_back(Matrix::Zero(widths[l], widths[l + 1]));
        parameters_.push_back(Matrix::Zero(1, widths[l + 1]));
    }
    gradients_ = parameters_;
}

template <class Scalar>
EmbeddingNetwork<Scalar>::EmbeddingNetwork(const NetworkShape& shape, Rng& rng)
    : EmbeddingNetwork(shape)
{
    for (std::size_t l = 0; l < layers(); ++l) {
        Matrix& weights = parameters_[2 * l];
        Eigen::MatrixXd draws(weights.rows(), weights.cols());
        fillStandardNormal(draws, rng);
        const double gain = l + 1 < layers() ? 2.0 : 1.0; // He for ReLU layers
        weights = (draws * std::sqrt(gain / double(weights.rows()))).template cast<Scalar>();
    }
}

template <class Scalar>
auto EmbeddingNetwork<Scalar>::forward(const Eigen::Ref<const Matrix>& inputs) -> const Matrix&
{
    return forwardTransposed(inputs.transpose());
}

template <class Scalar>
auto EmbeddingNetwork<Scalar>::forwardTransposed(const Eigen::Ref<const Matrix>& inputsTransposed)
    -> const Matrix&
{
    require(inputsTransposed.rows() == shape_.input, [&] { // (every step: the message only on failure)
        return "the network expects " + std::to_string(shape_.input) + " features, got "
               + std::to_string(inputsTransposed.rows());
    });
    const Eigen::Index rows = inputsTransposed.cols();
    layerInputsTransposed_.resize(layers());
    layerInputs_.resize(layers());
    layerInputsTransposed_[0] = inputsTransposed;
    for (std::size_t l = 0; l < layers(); ++l) {
        // Into the buffers of the last pass: no allocation when the batch keeps its size.
        Matrix& out = l + 1 < layers() ? layerInputs_[l + 1] : output_;
        out.resize(rows, parameters_[2 * l].cols());
        if constexpr (std::is_same_v<Scalar, float>) {
            if (useStepKernels<Scalar>()) {
                // Product, bias and ReLU in one pass; a hidden layer's output straight into the
                // next layer's input, transposed (the ReLU's mask in backward() is read there).
                const Matrix& weights = parameters_[2 * l];
                const bool hidden = l + 1 < layers();
                Matrix& target = hidden ? layerInputsTransposed_[l + 1] : output_;
                if (hidden)
                    target.resize(weights.cols(), rows);
                stepkernels::forwardProduct(layerInputsTransposed_[l].data(), weights.data(), rows,
                                            weights.rows(), weights.cols(), target.data(),
                                            parameters_[2 * l + 1].data(), hidden, hidden);
                continue;
            }
        }
        out.noalias() = layerInputsTransposed_[l].transpose() * parameters_[2 * l];
        if (l + 1 < layers()) { // bias and ReLU in one pass
            out = (out.rowwise() + parameters_[2 * l + 1].row(0)).cwiseMax(Scalar(0));
            layerInputsTransposed_[l + 1] = out.transpose();
        } else {
            out.rowwise() += parameters_[2 * l + 1].row(0);
        }
    }
    // Squares summed across the columns: whole columns at a time (a row's norm() reads one
    // element per column).
    outputNorms_ = output_.cwiseAbs2().rowwise().sum().cwiseSqrt().cwiseMax(smallestNorm<Scalar>);
    embeddings_.resize(output_.rows(), output_.cols());
    for (Eigen::Index j = 0; j < output_.cols(); ++j) // by columns: vectorised, unlike colwise() /
        embeddings_.col(j) = output_.col(j).cwiseQuotient(outputNorms_);
    return embeddings_;
}

template <class Scalar>
auto EmbeddingNetwork<Scalar>::embed(const Eigen::Ref<const Matrix>& inputs) const -> Matrix
{
    require(inputs.cols() == shape_.input, "the network expects " + std::to_string(shape_.input)
                                               + " features, got " + std::to_string(inputs.cols()));
    Matrix current = inputs;
    for (std::size_t l = 0; l < layers(); ++l) {
        Matrix out(current.rows(), parameters_[2 * l].cols());
        out.noalias() = current * parameters_[2 * l];
        out.rowwise() += parameters_[2 * l + 1].row(0);
        current = l + 1 < layers() ? Matrix(out.cwiseMax(Scalar(0))) : out;
    }
    const auto norms = current.rowwise().norm().cwiseMax(smallestNorm<Scalar>).eval();
    return current.array().colwise() / norms.array();
}

template <class Scalar>
void EmbeddingNetwork<Scalar>::backward(const Eigen::Ref<const Matrix>& embeddingGradient,
                                        const std::function<void(std::size_t)>& parameterDone)
{
    backward(embeddingGradient, {}, parameterDone);
}

template <class Scalar>
void EmbeddingNetwork<Scalar>::backward(const Eigen::Ref<const Matrix>& embeddingGradient,
                                        const WeightGradient& applyWeightGradient,
                                        const std::function<void(std::size_t)>& parameterDone)
{
    require(!layerInputsTransposed_.empty(), "backward() needs a forward() pass first");
    require(embeddingGradient.rows() == embeddings_.rows()
                && embeddingGradient.cols() == embeddings_.cols(),
            "the embedding gradient does not match the last forward pass");
    // e = y / ||y||: dy = (de - e <e, de>) / ||y||, row by row.
    const auto along = (embeddingGradient.cwiseProduct(embeddings_)).rowwise().sum().eval();
    Matrix delta(embeddings_.rows(), embeddings_.cols());
    for (Eigen::Index j = 0; j < delta.cols(); ++j) // by columns: vectorised, unlike colwise() /
        delta.col(j) = (embeddingGradient.col(j) - embeddings_.col(j).cwiseProduct(along))
                           .cwiseQuotient(outputNorms_);
    Matrix previous, previousTransposed;
    for (std::size_t l = layers(); l-- > 0;) {
        if constexpr (std::is_same_v<Scalar, float>) {
            if (!applyWeightGradient && useStepKernels<Scalar>())
                stepkernels::columnProduct(stepkernels::weightGradient(layerInputsTransposed_[l].data(),
                                                                       delta.data(), delta.rows(),
                                                                       delta.cols(), parameters_[2 * l].rows()),
                                           gradients_[2 * l].data(), nullptr);
        }
        if (!applyWeightGradient && !useStepKernels<Scalar>())
            gradients_[2 * l].noalias() = layerInputsTransposed_[l] * delta;
        // The bias gradient, the sum of delta's rows, as a product with a row of ones: Eigen
        // sums a column of 25 floats one at a time, the product many columns together.
        gradients_[2 * l + 1].noalias() = RowVector::Ones(delta.rows()) * delta;
        if (l > 0 && useStepKernels<Scalar>()) {
            if constexpr (std::is_same_v<Scalar, float>) {
                // delta W^T, transposed: read down W's columns, with the ReLU's mask (this
                // layer's input, transposed, has its shape).
                const Matrix& weights = parameters_[2 * l];
                previousTransposed.resize(weights.rows(), delta.rows());
                stepkernels::columnProduct({weights.data(), weights.rows(), weights.cols(), delta.data(),
                                            delta.rows(), 1, delta.rows()},
                                           previousTransposed.data(), layerInputsTransposed_[l].data());
                previous = previousTransposed.transpose();
            }
        } else if (l > 0) { // (the input's gradient is of no use)
            previous.resize(delta.rows(), parameters_[2 * l].rows());
            previous.noalias() = delta * parameters_[2 * l].transpose();
            // ReLU: the gradient passes where the layer's output (this layer's input) is
            // positive.
            previous = (layerInputs_[l].array() > Scalar(0)).select(previous, Scalar(0));
        }
        if (applyWeightGradient)
            applyWeightGradient(2 * l, layerInputsTransposed_[l], delta);
        else if (parameterDone)
            parameterDone(2 * l);
        if (parameterDone)
            parameterDone(2 * l + 1);
        delta.swap(previous);
    }
}

template <class Scalar>
bool EmbeddingNetwork<Scalar>::allFinite() const
{
    for (const Matrix& p : parameters_)
        if (!p.allFinite())
            return false;
    return true;
}

template class EmbeddingNetwork<float>;
template class EmbeddingNetwork<double>;

} // namespace sme
