// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/Adam.h"

#include "model/base/Error.h"

#include <cmath>

namespace sme {

template <class Scalar>
void Adam<Scalar>::step(std::vector<Matrix>& parameters, const std::vector<Matrix>& gradients)
{
    require(parameters.size() == gradients.size(), "Adam: parameters and gradients differ in number");
    bool sameShapes = firstMoments_.size() == parameters.size();
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        require(parameters[i].rows() == gradients[i].rows() && parameters[i].cols() == gradients[i].cols(),
                "Adam: a gradient does not have the shape of its parameter");
        sameShapes = sameShapes && firstMoments_[i].rows() == parameters[i].rows()
                     && firstMoments_[i].cols() == parameters[i].cols();
    }
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
    const auto b1 = Scalar(settings_.beta1);
    const auto b2 = Scalar(settings_.beta2);
    // Bias corrections folded into the step size (the paper's "efficient" form).
    const double correction1 = 1.0 - std::pow(settings_.beta1, double(steps_));
    const double correction2 = 1.0 - std::pow(settings_.beta2, double(steps_));
    const auto stepSize = Scalar(settings_.learningRate * std::sqrt(correction2) / correction1);
    const auto epsilon = Scalar(settings_.epsilon * std::sqrt(correction2));
    for (std::size_t i = 0; i < parameters.size(); ++i) {
        firstMoments_[i] = b1 * firstMoments_[i] + (Scalar(1) - b1) * gradients[i];
        secondMoments_[i] = b2 * secondMoments_[i] + (Scalar(1) - b2) * gradients[i].cwiseAbs2();
        parameters[i].array()
            -= stepSize * firstMoments_[i].array() / (secondMoments_[i].array().sqrt() + epsilon);
    }
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
