// Adam (Kingma & Ba 2015), the network's optimiser.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace sme {

struct AdamSettings {
    double learningRate = 1e-3;
    double beta1 = 0.9;
    double beta2 = 0.999;
    double epsilon = 1e-8;
};

// Everything Adam remembers between steps, to save a run and continue it exactly.
template <class Scalar>
struct AdamState {
    long steps = 0;
    std::vector<Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>> firstMoments;
    std::vector<Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>> secondMoments;
};

template <class Scalar>
class Adam {
public:
    using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;

    explicit Adam(AdamSettings settings = {}) : settings_(settings) {}

    AdamSettings& settings() { return settings_; }
    long steps() const { return steps_; }

    // One update of every parameter from its gradient (same shapes, same order every call):
    // m = b1 m + (1-b1) g, v = b2 v + (1-b2) g^2, p -= lr * m_hat / (sqrt(v_hat) + eps).
    // Returns the largest |p| after the update, NaN when any p is NaN or infinite: the
    // trainer's check for runaway weights, taken in the same pass.
    Scalar step(std::vector<Matrix>& parameters, const std::vector<Matrix>& gradients);

    // The same step in parts, for a caller that has the gradients one parameter at a time
    // (the network's backward pass: each parameter is updated while it and its gradient are
    // still in cache). beginStep() counts the step (starting the moments afresh when the
    // shapes changed); then update() once for every parameter, in any order, gives exactly
    // what step() gives. update() returns the parameter's largest |p| after the update, NaN
    // when any p is NaN or infinite; largestOf() combines two such values.
    void beginStep(const std::vector<Matrix>& parameters);
    Scalar update(std::size_t index, Matrix& parameter, const Matrix& gradient);
    // update() with the gradient inputsTransposed * delta (in x rows times rows x out, a layer's
    // weight gradient), computed a tile at a time and applied while the tile is in registers:
    // the gradient is never stored, and the square roots and divisions of one tile overlap the
    // multiply-adds of the next. Same update as update(index, parameter, inputsTransposed *
    // delta): each gradient element is summed over the rows in order, as Eigen's product does.
    Scalar updateWithProduct(std::size_t index, Matrix& parameter, const Matrix& inputsTransposed,
                             const Matrix& delta);
    static Scalar largestOf(Scalar a, Scalar b)
    {
        return std::isnan(a) || std::isnan(b) ? std::numeric_limits<Scalar>::quiet_NaN() : std::max(a, b);
    }

    // Forgets the moments (a new run).
    void reset();

    AdamState<Scalar> state() const { return {steps_, firstMoments_, secondMoments_}; }
    // Takes a saved state; throws sme::Error unless both moment lists have the same shapes.
    void restore(const AdamState<Scalar>& state);

private:
    AdamSettings settings_;
    long steps_ = 0;
    Scalar stepSize_ = 0; // of this step: the learning rate with both bias corrections
    Scalar epsilon_ = 0;  // of this step: epsilon with the second bias correction
    std::vector<Matrix> firstMoments_;
    std::vector<Matrix> secondMoments_;
};

extern template class Adam<float>;
extern template class Adam<double>;

} // namespace sme
