// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/Adam.h"

#include "model/base/Error.h"

#include <algorithm>
#include <cmath>

namespace sme {

namespace {

// Parameters are updated this many at a time: the moments, the gradient and the parameter of a
// chunk stay in the first-level cache through the three updates (one pass over memory instead
// of three). A multiple of every SIMD width, so chunks start aligned as the whole arrays do
// and every element takes the same instructions as in one whole-array expression.
constexpr Eigen::Index chunkSize = 1024;

template <class Scalar>
using AlignedArray = Eigen::Map<Eigen::Array<Scalar, Eigen::Dynamic, 1>, Eigen::AlignedMax>;
template <class Scalar>
using ConstAlignedArray = Eigen::Map<const Eigen::Array<Scalar, Eigen::Dynamic, 1>, Eigen::AlignedMax>;

} // namespace

template <class Scalar>
Scalar Adam<Scalar>::step(std::vector<Matrix>& parameters, const std::vector<Matrix>& gradients)
{
    require(parameters.size() == gradients.size(), "Adam: parameters and gradients differ in number");
    for (std::size_t i = 0; i < parameters.size(); ++i) // before anything changes
        require(parameters[i].rows() == gradients[i].rows() && parameters[i].cols() == gradients[i].cols(),
                "Adam: a gradient does not have the shape of its parameter");
    beginStep(parameters);
    Scalar largest = 0;
    for (std::size_t i = 0; i < parameters.size(); ++i)
        largest = largestOf(largest, update(i, parameters[i], gradients[i]));
    return largest;
}

template <class Scalar>
void Adam<Scalar>::beginStep(const std::vector<Matrix>& parameters)
{
    bool sameShapes = firstMoments_.size() == parameters.size();
    for (std::size_t i = 0; sameShapes && i < parameters.size(); ++i)
        sameShapes = firstMoments_[i].rows() == parameters[i].rows()
                     && firstMoments_[i].cols() == parameters[i].cols();
    if (!sameShapes) { // a new model: start the moments afresh
        firstMoments_.clear();
        secondMoments_.clear();
        for (const Matrix& p : parameters) {
            firstMoments_.push_back(Matrix::Zero(p.rows(), p.cols()));
            secondMoments_.push_back(Matrix::Zero(p.rows(), p.cols()));
        }
        steps_ = 0;
    }
    ++steps_;
    // Bias corrections folded into the step size (the paper's "efficient" form).
    const double correction1 = 1.0 - std::pow(settings_.beta1, double(steps_));
    const double correction2 = 1.0 - std::pow(settings_.beta2, double(steps_));
    stepSize_ = Scalar(settings_.learningRate * std::sqrt(correction2) / correction1);
    epsilon_ = Scalar(settings_.epsilon * std::sqrt(correction2));
}

template <class Scalar>
Scalar Adam<Scalar>::update(std::size_t index, Matrix& parameter, const Matrix& gradient)
{
    require(index < firstMoments_.size() && parameter.rows() == firstMoments_[index].rows()
                && parameter.cols() == firstMoments_[index].cols(),
            "Adam: a parameter does not have the shape it had at beginStep()");
    require(parameter.rows() == gradient.rows() && parameter.cols() == gradient.cols(),
            "Adam: a gradient does not have the shape of its parameter");
    const auto b1 = Scalar(settings_.beta1);
    const auto b2 = Scalar(settings_.beta2);
    Scalar largest = 0;
    Scalar nonFinite = 0; // 0 * p summed: NaN once any p is NaN or infinite (cheaper than a
                          // maximum that propagates NaN, which takes masks)
    const Eigen::Index size = parameter.size();
    for (Eigen::Index start = 0; start < size; start += chunkSize) {
        const Eigen::Index count = std::min(chunkSize, size - start);
        AlignedArray<Scalar> p(parameter.data() + start, count);
        AlignedArray<Scalar> m(firstMoments_[index].data() + start, count);
        AlignedArray<Scalar> v(secondMoments_[index].data() + start, count);
        const ConstAlignedArray<Scalar> g(gradient.data() + start, count);
        m = b1 * m + (Scalar(1) - b1) * g;
        v = b2 * v + (Scalar(1) - b2) * g.abs2();
        p -= stepSize_ * m / (v.sqrt() + epsilon_);
        largest = std::max(largest, p.abs().maxCoeff());
        nonFinite += (p * Scalar(0)).sum();
    }
    return std::isnan(nonFinite) ? nonFinite : largest;
}

template <class Scalar>
void Adam<Scalar>::reset()
{
    firstMoments_.clear();
    secondMoments_.clear();
    steps_ = 0;
}

template <class Scalar>
void Adam<Scalar>::restore(const AdamState<Scalar>& state)
{
    require(state.steps >= 0, "Adam: a negative step count");
    require(state.firstMoments.size() == state.secondMoments.size(),
            "Adam: the first and second moments differ in number");
    for (std::size_t i = 0; i < state.firstMoments.size(); ++i)
        require(state.firstMoments[i].rows() == state.secondMoments[i].rows()
                    && state.firstMoments[i].cols() == state.secondMoments[i].cols(),
                "Adam: a first and a second moment differ in shape");
    steps_ = state.steps;
    firstMoments_ = state.firstMoments;
    secondMoments_ = state.secondMoments;
}

template class Adam<float>;
template class Adam<double>;

} // namespace sme
