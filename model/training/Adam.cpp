// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/Adam.h"

#include "model/base/CpuFeatures.h"
#include "model/base/Error.h"
#include "model/training/StepKernels.h"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <type_traits>

// Packet types as template arguments lose their alignment attribute, which GCC warns about;
// nothing here relies on it (loads and stores are unaligned).
#pragma GCC diagnostic ignored "-Wignored-attributes"

namespace sme {

namespace {

// Eigen's SIMD packets (16 floats with AVX-512, 8 with AVX2; the same operations as its array
// expressions, e.g. its square root); the same templates take a bare Scalar for the elements
// left over.
using namespace Eigen::internal;

template <class Scalar>
using PacketOf = typename packet_traits<Scalar>::type;

template <class Scalar>
struct Coefficients {
    Scalar beta1, beta2, stepSize, epsilon;
};

// One update of m, v and p from g (a packet of each, or one value): written with explicit
// multiply-adds, so that every path rounds alike whatever the compiler would contract.
template <class Scalar, class Packet>
void adamUpdate(Packet& p, Packet& m, Packet& v, const Packet& g, const Coefficients<Scalar>& c)
{
    m = pmadd(pset1<Packet>(c.beta1), m, pmul(pset1<Packet>(Scalar(1) - c.beta1), g));
    v = pmadd(pset1<Packet>(c.beta2), v, pmul(pset1<Packet>(Scalar(1) - c.beta2), pmul(g, g)));
    p = psub(p, pdiv(pmul(pset1<Packet>(c.stepSize), m), padd(psqrt(v), pset1<Packet>(c.epsilon))));
}

// The largest |p| and the sum of 0 * p (NaN once any p is NaN or infinite: cheaper than a
// maximum that propagates NaN, which takes masks), packet-wide until the end.
template <class Packet>
struct Largest {
    Packet largest = pset1<Packet>(0);
    Packet nonFinite = pset1<Packet>(0);

    void add(const Packet& p)
    {
        largest = pmax(largest, pabs(p));
        nonFinite = padd(nonFinite, pmul(p, pset1<Packet>(0)));
    }
    template <class Scalar>
    Scalar result() const
    {
        const Scalar sum = predux(nonFinite);
        return std::isnan(sum) ? sum : Scalar(predux_max(largest));
    }
};

// Parameters, moments and gradient of one parameter, elements at an offset.
template <class Scalar>
struct Elements {
    Scalar* p;
    Scalar* m;
    Scalar* v;
    Coefficients<Scalar> coefficients;

    template <class Packet>
    void update(Eigen::Index at, const Packet& g, Largest<Packet>& largest) const
    {
        Packet pp = ploadu<Packet>(p + at), mm = ploadu<Packet>(m + at), vv = ploadu<Packet>(v + at);
        adamUpdate(pp, mm, vv, g, coefficients);
        pstoreu(p + at, pp);
        pstoreu(m + at, mm);
        pstoreu(v + at, vv);
        largest.add(pp);
    }
};

// A tile of the gradient X^T delta, rows [k, k + Rows * packet) of columns [j, j + Columns),
// summed over the batch rows r in order, then applied. xt is X^T (in x rows), column-major.
template <int Rows, int Columns, class Scalar, class Packet>
void updateTile(const Scalar* xt, const Scalar* delta, Eigen::Index in, Eigen::Index batch,
                Eigen::Index k, Eigen::Index j, const Elements<Scalar>& elements,
                Largest<Packet>& largest)
{
    constexpr int size = unpacket_traits<Packet>::size;
    Packet sums[Rows][Columns];
    for (auto& row : sums)
        for (Packet& sum : row)
            sum = pset1<Packet>(0);
    for (Eigen::Index r = 0; r < batch; ++r) {
        Packet x[Rows];
        for (int a = 0; a < Rows; ++a)
            x[a] = ploadu<Packet>(xt + r * in + k + a * size);
        for (int b = 0; b < Columns; ++b) {
            const Packet d = pset1<Packet>(delta[r + batch * (j + b)]);
            for (int a = 0; a < Rows; ++a)
                sums[a][b] = pmadd(x[a], d, sums[a][b]);
        }
    }
    for (int b = 0; b < Columns; ++b)
        for (int a = 0; a < Rows; ++a)
            elements.update((j + b) * in + k + a * size, sums[a][b], largest);
}

// Every column of the rows [k, k + Rows * packet): Columns at a time, then one by one.
template <int Rows, int Columns, class Scalar, class Packet>
void updateRows(const Scalar* xt, const Scalar* delta, Eigen::Index in, Eigen::Index batch,
                Eigen::Index out, Eigen::Index k, const Elements<Scalar>& elements,
                Largest<Packet>& largest)
{
    Eigen::Index j = 0;
    for (; j + Columns <= out; j += Columns)
        updateTile<Rows, Columns>(xt, delta, in, batch, k, j, elements, largest);
    for (; j < out; ++j)
        updateTile<Rows, 1>(xt, delta, in, batch, k, j, elements, largest);
}
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
    using Packet = PacketOf<Scalar>;
    constexpr Eigen::Index size = unpacket_traits<Packet>::size;
    const Elements<Scalar> elements{parameter.data(), firstMoments_[index].data(),
                                    secondMoments_[index].data(),
                                    {Scalar(settings_.beta1), Scalar(settings_.beta2), stepSize_, epsilon_}};
    Largest<Packet> largest;
    Largest<Scalar> largestLeft;
    const Eigen::Index count = parameter.size();
    Eigen::Index at = 0;
    for (; at + size <= count; at += size)
        elements.update(at, ploadu<Packet>(gradient.data() + at), largest);
    for (; at < count; ++at)
        elements.update(at, gradient.data()[at], largestLeft);
    return largestOf(largest.template result<Scalar>(), largestLeft.template result<Scalar>());
}

template <class Scalar>
Scalar Adam<Scalar>::updateWithProduct(std::size_t index, Matrix& parameter,
                                       const Matrix& inputsTransposed,
                                       const Matrix& delta)
{
    require(index < firstMoments_.size() && parameter.rows() == firstMoments_[index].rows()
                && parameter.cols() == firstMoments_[index].cols(),
            "Adam: a parameter does not have the shape it had at beginStep()");
    require(inputsTransposed.rows() == parameter.rows() && delta.cols() == parameter.cols()
                && inputsTransposed.cols() == delta.rows(),
            "Adam: the gradient's factors do not fit the parameter");
    if constexpr (std::is_same_v<Scalar, float>) {
        if (avx512Available()) // the same sums and operations, in AVX-512's tiles
            return stepkernels::columnProductAdam(
                stepkernels::weightGradient(inputsTransposed.data(), delta.data(), delta.rows(),
                                            delta.cols(), inputsTransposed.rows()),
                {parameter.data(), firstMoments_[index].data(), secondMoments_[index].data(),
                 Scalar(settings_.beta1), Scalar(settings_.beta2), stepSize_, epsilon_});
    }
    using Packet = PacketOf<Scalar>;
    constexpr Eigen::Index size = unpacket_traits<Packet>::size;
    // Tiles of 2 packets x 6 columns: 12 sums in registers (AVX2 has 16), the columns' x
    // loaded once per row; rows of tiles outermost, so X^T's rows in use stay in cache.
    constexpr int rows = 2, columns = 6;
    const Elements<Scalar> elements{parameter.data(), firstMoments_[index].data(),
                                    secondMoments_[index].data(),
                                    {Scalar(settings_.beta1), Scalar(settings_.beta2), stepSize_, epsilon_}};
    const Eigen::Index in = parameter.rows(), out = parameter.cols(), batch = delta.rows();
    const Scalar* xt = inputsTransposed.data();
    const Scalar* d = delta.data();
    Largest<Packet> largest;
    Largest<Scalar> largestLeft;
    Eigen::Index k = 0;
    for (; k + rows * size <= in; k += rows * size)
        updateRows<rows, columns>(xt, d, in, batch, out, k, elements, largest);
    for (; k + size <= in; k += size)
        updateRows<1, columns>(xt, d, in, batch, out, k, elements, largest);
    for (; k < in; ++k)
        updateRows<1, 1>(xt, d, in, batch, out, k, elements, largestLeft);
    return largestOf(largest.template result<Scalar>(), largestLeft.template result<Scalar>());
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
