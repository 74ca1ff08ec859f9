// Tests of the training pieces: the embedding network's gradients through every loss against
// central differences, its normalisation, Adam's steps, and the batch loss on hand-made batches.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/Adam.h"
#include "model/losses/BatchLoss.h"
#include "model/training/EmbeddingNetwork.h"
#include "model/base/Error.h"
#include "model/base/Random.h"
#include "model/sampling/Sampler.h"
#include "model/geometry/SpherePoints.h"

#include <QtTest>

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

using sme::LossKind;
using sme::SamplerKind;
using sme::Triplet;
using Network = sme::EmbeddingNetwork<double>;

// A call that must throw sme::Error for every loss kind it is given.
using LossCall = std::function<void(LossKind)>;

Q_DECLARE_METATYPE(sme::NetworkShape)
Q_DECLARE_METATYPE(sme::LossKind)
Q_DECLARE_METATYPE(sme::SamplerKind)
Q_DECLARE_METATYPE(LossCall)

namespace {

constexpr double epsilon = std::numeric_limits<double>::epsilon();
constexpr double notANumber = std::numeric_limits<double>::quiet_NaN();

QString mismatch(const QString& what, double actual, double expected, double tolerance)
{
    return QString("%1: got %2, expected %3, tolerance %4")
        .arg(what).arg(actual, 0, 'g', 17).arg(expected, 0, 'g', 17).arg(tolerance, 0, 'g', 3);
}

#define VERIFY_NEAR(what, actual, expected, tolerance)                                          \
    QVERIFY2(std::abs((actual) - (expected)) <= (tolerance),                                    \
             qPrintable(mismatch((what), (actual), (expected), (tolerance))))

// A labelled batch pushed through a network, with the triplets a sampler chose on its first
// embeddings; the triplets stay fixed while parameters move.
struct GradientProblem {
    Network network;
    Eigen::MatrixXd inputs;
    std::vector<int> classIndex; // the label of each row
    std::vector<int> imageIndex; // each row's own index (for beta_img)
    std::vector<Triplet> triplets;
    sme::LossSettings settings;
    sme::MarginBoundary boundary;

    sme::BatchLossResult lossOf(const Eigen::MatrixXd& embeddings) const
    {
        return sme::batchLoss(embeddings, classIndex, imageIndex, triplets, settings, boundary);
    }
};

// 4 classes x 3 rows around random class centres, random non-zero biases, margin boundary
// with learned class and image parts and nu = 0.1.
GradientProblem gradientProblem(const sme::NetworkShape& shape, LossKind kind, SamplerKind sampler)
{
    constexpr int classes = 4;
    constexpr int perClass = 3;
    constexpr int rows = classes * perClass;
    sme::Rng rng(2024);
    GradientProblem p{Network(shape, rng), Eigen::MatrixXd(rows, shape.input), {}, {}, {}, {}, {}};
    for (std::size_t l = 1; l < p.network.parameters().size(); l += 2) {
        sme::fillStandardNormal(p.network.parameters()[l], rng);
        p.network.parameters()[l] *= 0.1;
    }
    Eigen::MatrixXd centres(classes, shape.input);
    sme::fillStandardNormal(centres, rng);
    sme::fillStandardNormal(p.inputs, rng);
    for (int i = 0; i < rows; ++i) {
        p.inputs.row(i) = centres.row(i / perClass) + 0.7 * p.inputs.row(i);
        p.classIndex.push_back(i / perClass);
        p.imageIndex.push_back(i);
    }
    sme::SamplerSettings samplerSettings;
    samplerSettings.dimension = shape.embedding;
    p.triplets = sme::sampleTriplets(sampler, sme::pairwiseDistances(p.network.embed(p.inputs)),
                                     p.classIndex, samplerSettings, rng);
    p.settings.kind = kind;
    p.settings.alpha = sme::defaultAlpha(kind);
    if (kind == LossKind::Margin) {
        p.settings.nu = 0.1;
        for (int c = 0; c < classes; ++c)
            p.boundary.perClass.push_back(0.2 * sme::uniformUnit(rng) - 0.1);
        for (int i = 0; i < rows; ++i)
            p.boundary.perImage.push_back(0.1 * sme::uniformUnit(rng) - 0.05);
    }
    return p;
}

// Which side of every kink the problem sits on: the sign of each hidden pre-activation (ReLU)
// and of each hinge argument of the loss (PAPER.md §4). Two points with the same pattern lie
// in one smooth piece of the loss (for the step sizes used, where nothing crosses twice).
std::vector<char> kinkPattern(const GradientProblem& p, const Network& network)
{
    std::vector<char> pattern;
    const auto& parameters = network.parameters();
    Eigen::MatrixXd current = p.inputs;
    for (std::size_t l = 0; l + 2 < parameters.size(); l += 2) {
        Eigen::MatrixXd z = current * parameters[l];
        z.rowwise() += parameters[l + 1].row(0);
        for (Eigen::Index k = 0; k < z.size(); ++k)
            pattern.push_back(z(k) > 0.0);
        current = z.cwiseMax(0.0);
    }
    const Eigen::MatrixXd e = network.embed(p.inputs);
    const double alpha = p.settings.alpha;
    const auto distance = [&](int i, int j) { return (e.row(i) - e.row(j)).norm(); };
    for (const Triplet& t : p.triplets) {
        const bool hasPositive = t.positive != Triplet::noPositive;
        const double dn = distance(t.anchor, t.negative);
        const double dp = hasPositive ? distance(t.anchor, t.positive) : 0.0;
        const double beta = p.boundary.at(p.classIndex[std::size_t(t.anchor)], t.anchor);
        switch (p.settings.kind) {
        case LossKind::Contrastive: pattern.push_back(alpha - dn > 0.0); break;
        case LossKind::TripletSquared:
            pattern.push_back(hasPositive && dp * dp - dn * dn + alpha > 0.0);
            break;
        case LossKind::Triplet: pattern.push_back(hasPositive && dp - dn + alpha > 0.0); break;
        case LossKind::Margin:
            pattern.push_back(hasPositive && alpha + (dp - beta) > 0.0);
            pattern.push_back(alpha - (dn - beta) > 0.0);
            break;
        }
    }
    return pattern;
}

// Standard normal inputs and embedding gradient for a batch of rows.
std::pair<Eigen::MatrixXf, Eigen::MatrixXf> randomPass(const sme::NetworkShape& shape, int rows, sme::Rng& rng)
{
    Eigen::MatrixXd draws(rows, shape.input), gradientDraws(rows, shape.embedding);
    sme::fillStandardNormal(draws, rng);
    sme::fillStandardNormal(gradientDraws, rng);
    return {draws.cast<float>(), gradientDraws.cast<float>()};
}

// forward(), backward(), then Adam's step(): the reference for the trainer's fused passes.
float stepWhole(sme::EmbeddingNetwork<float>& network, sme::Adam<float>& adam,
                const Eigen::MatrixXf& inputs, const Eigen::MatrixXf& embeddingGradient)
{
    network.forward(inputs);
    network.backward(embeddingGradient);
    return adam.step(network.parameters(), network.gradients());
}

} // namespace

class TestNetwork : public QObject {
    Q_OBJECT

private slots:
    void networkGradientsMatchCentralDifferences_data();
    void networkGradientsMatchCentralDifferences();
    void marginBetaGradientsMatchCentralDifferences();

    void forwardGivesUnitRows();
    void embedEqualsForwardAndKeepsTheCache();
    void floatNetworkMatchesItsDoubleCast();
    void networkRejectsMismatchedShapes();
    void shapeValidation_data();
    void shapeValidation();

    void adamConvergesOnLeastSquares();
    void adamFirstStepMovesByLearningRate();
    void adamResetRestarts();
    void adamReturnsTheLargestWeightOrNaN();
    void adamInPartsDuringBackwardEqualsStep();
    void adamFromProductEqualsBackwardThenStep();

    void batchLossOnHandMadeLine_data();
    void batchLossOnHandMadeLine();
    void tripletsWithoutPositive();
    void coincidentEmbeddingsGiveZeroGradient_data();
    void coincidentEmbeddingsGiveZeroGradient();
    void validBatchLossInputDoesNotThrow();
    void batchLossBadInputThrows_data();
    void batchLossBadInputThrows();
};

// ---------------------------------------------------------------------------------------------
// Gradients against central differences

namespace {

const sme::NetworkShape deepShape{6, {7, 5}, 4};
const sme::NetworkShape linearShape{6, {}, 4};

} // namespace

void TestNetwork::networkGradientsMatchCentralDifferences_data()
{
    QTest::addColumn<sme::NetworkShape>("shape");
    QTest::addColumn<LossKind>("kind");
    QTest::addColumn<SamplerKind>("sampler");
    for (const auto& [shapeName, shape] : {std::pair{"6-7-5-4", deepShape}, {"6-4", linearShape}})
        for (LossKind kind : sme::allLossKinds)
            for (SamplerKind sampler : {SamplerKind::HardNegative, SamplerKind::Uniform})
                QTest::addRow("%s %s %s", shapeName, std::string(sme::lossName(kind)).c_str(),
                              std::string(sme::samplerName(sampler)).c_str())
                    << shape << kind << sampler;
}

void TestNetwork::networkGradientsMatchCentralDifferences()
{
    // forward -> batchLoss().embeddingGradient -> backward() against (L(p + h) - L(p - h)) / 2h
    // for every weight and bias, the triplets held fixed. Away from kinks L is smooth and the
    // error of the central difference is truncation + rounding:
    // - truncation h^2 |L'''| / 6: the layers (weights and inputs of order 1), the
    //   normalisation (||y|| of order 1 here) and the losses have third derivatives of order
    //   1 to 100, so 100 h^2 = 1e-10 at h = 1e-6 bounds it;
    // - rounding: every loss term is >= 0, so no cancellation: each carries ~30 roundings
    //   along its chain (fan-ins <= 7, a norm, a distance, a hinge), and their mean over T
    //   <= 48 terms adds T more (naive summation): |dL| <= (30 + T) eps |L| < 128 eps |L|,
    //   and the difference of two such values over 2h gives 128 eps |L| / h = 3e-8 |L|.
    //   The step is taken as the computed (p + h) - (p - h), so the rounding of p +- h does
    //   not enter.
    // That is ~1e-7 of the largest gradient entries (0.2 to 0.9). A wrong gradient (a missing
    // ReLU mask, a transposed weight, the normalisation's projection left out) is off by a
    // fraction of order 1 of them.
    QFETCH(sme::NetworkShape, shape);
    QFETCH(LossKind, kind);
    QFETCH(SamplerKind, sampler);
    GradientProblem p = gradientProblem(shape, kind, sampler);
    Network& network = p.network;
    const sme::BatchLossResult at = p.lossOf(network.forward(p.inputs));
    QVERIFY2(at.activeFraction > 0.0 && at.loss > 0.0, "nothing to differentiate");
    network.backward(at.embeddingGradient);
    const std::vector<Network::Matrix> analytic = network.gradients();
    const std::vector<char> pattern = kinkPattern(p, network);
    constexpr double h = 1e-6;
    const double tolerance = 100.0 * h * h + 128.0 * epsilon * std::abs(at.loss) / h;
    int total = 0;
    int checked = 0;
    double worst = 0.0;
    double largest = 0.0;
    for (std::size_t m = 0; m < network.parameters().size(); ++m) {
        for (Eigen::Index k = 0; k < network.parameters()[m].size(); ++k) {
            ++total;
            double& entry = network.parameters()[m](k);
            const double saved = entry;
            const double up = saved + h;
            const double down = saved - h;
            entry = up;
            const double lossUp = p.lossOf(network.embed(p.inputs)).loss;
            const bool smoothUp = kinkPattern(p, network) == pattern;
            entry = down;
            const double lossDown = p.lossOf(network.embed(p.inputs)).loss;
            const bool smoothDown = kinkPattern(p, network) == pattern;
            entry = saved;
            if (!smoothUp || !smoothDown)
                continue; // a ReLU or a hinge switches inside [p - h, p + h]
            ++checked;
            const double difference = (lossUp - lossDown) / (up - down);
            const double a = analytic[m](k);
            worst = std::max(worst, std::abs(a - difference));
            largest = std::max(largest, std::abs(a));
            VERIFY_NEAR(QString("parameter %1, entry %2").arg(m).arg(k), a, difference, tolerance);
        }
    }
    qInfo("checked %d of %d entries, largest gradient %.3g, worst error %.2g, tolerance %.2g",
          checked, total, largest, worst, tolerance);
    QVERIFY2(checked >= total * 9 / 10, "more than a tenth of the entries sit on a kink");
    QVERIFY2(largest > 1e5 * tolerance, "the gradient is too small for the check to mean much");
}

void TestNetwork::marginBetaGradientsMatchCentralDifferences()
{
    // The margin loss is linear in beta0, beta_class and beta_img while no hinge switches (the
    // normalisation by active pairs is then constant): no truncation error, so a large step
    // h = 1e-4 is safe and shrinks the rounding. Rounding as in tst_losses: the sum of P terms
    // carries P eps sum|terms| (naive summation), over A active pairs and 2h: with P <= 48,
    // sum|terms| <= P (alpha + 2 + nu beta) and A >= 1 that is < 2e-8. A wrong beta gradient
    // is off by >= nu / A or 1 / A.
    for (const sme::NetworkShape& shape : {deepShape, linearShape})
        for (SamplerKind sampler : {SamplerKind::HardNegative, SamplerKind::Uniform}) {
            GradientProblem p = gradientProblem(shape, LossKind::Margin, sampler);
            const Eigen::MatrixXd embeddings = p.network.embed(p.inputs);
            const sme::BatchLossResult at = p.lossOf(embeddings);
            QVERIFY(at.activeFraction > 0.0 && at.activeFraction < 1.0);
            constexpr double h = 1e-4;
            const int pairs = at.terms;
            const double active = std::round(at.activeFraction * pairs);
            const double termSum = pairs * (0.2 + 2.0 + 0.1 * 1.5);
            const double tolerance = pairs * epsilon * termSum / (active * h);
            const std::vector<char> pattern = kinkPattern(p, p.network);
            int checked = 0;
            int total = 0;
            const auto check = [&](const QString& what, double& beta, double analytic) {
                ++total;
                const double saved = beta;
                const double up = saved + h;
                const double down = saved - h;
                beta = up;
                const double lossUp = p.lossOf(embeddings).loss;
                const bool smoothUp = kinkPattern(p, p.network) == pattern;
                beta = down;
                const double lossDown = p.lossOf(embeddings).loss;
                const bool smoothDown = kinkPattern(p, p.network) == pattern;
                beta = saved;
                if (!smoothUp || !smoothDown)
                    return; // a hinge switches inside [beta - h, beta + h]
                ++checked;
                VERIFY_NEAR(what, analytic, (lossUp - lossDown) / (up - down), tolerance);
            };
            check("dBeta0", p.boundary.beta0, at.dBeta0);
            QCOMPARE(at.dPerClass.size(), p.boundary.perClass.size());
            for (std::size_t c = 0; c < at.dPerClass.size(); ++c)
                check(QString("dPerClass[%1]").arg(c), p.boundary.perClass[c], at.dPerClass[c]);
            QCOMPARE(at.dPerImage.size(), p.boundary.perImage.size());
            for (std::size_t i = 0; i < at.dPerImage.size(); ++i)
                check(QString("dPerImage[%1]").arg(i), p.boundary.perImage[i], at.dPerImage[i]);
            QVERIFY2(checked >= total * 9 / 10, "more than a tenth of the betas sit on a hinge");
        }
}

// ---------------------------------------------------------------------------------------------
// The network: normalisation, float and double, shapes

namespace {

const sme::NetworkShape wideShape{16, {32, 32}, 8};

// Rows of standard normal features, rounded to float so that a float and a double network
// see the very same inputs.
Eigen::MatrixXd floatExactInputs(Eigen::Index rows, int features, sme::Rng& rng)
{
    Eigen::MatrixXd x(rows, features);
    sme::fillStandardNormal(x, rng);
    return x.cast<float>().cast<double>();
}

} // namespace

void TestNetwork::forwardGivesUnitRows()
{
    // e = y / ||y||: the norm of n terms carries n + 2 roundings (squares, sum, sqrt, the
    // division), and the check's own norm of e as many again: |1 - ||e||| <= 2 (n + 2) eps
    // of the scalar type, to first order.
    sme::Rng rng(1);
    const Eigen::MatrixXd inputs = floatExactInputs(50, wideShape.input, rng);
    for (const sme::NetworkShape& shape : {wideShape, sme::NetworkShape{16, {}, 2}}) {
        sme::Rng networkRng(2);
        Network network(shape, networkRng);
        const Eigen::VectorXd norms = network.forward(inputs).rowwise().norm();
        QCOMPARE(norms.size(), inputs.rows());
        QVERIFY(((norms.array() - 1.0).abs() <= 2.0 * (shape.embedding + 2) * epsilon).all());
        sme::EmbeddingNetwork<float> single(shape, networkRng);
        const Eigen::VectorXf singleNorms = single.forward(inputs.cast<float>()).rowwise().norm();
        const float singleEpsilon = std::numeric_limits<float>::epsilon();
        const float singleTolerance = 2.0f * float(shape.embedding + 2) * singleEpsilon;
        QVERIFY(((singleNorms.array() - 1.0f).abs() <= singleTolerance).all());
    }
}

void TestNetwork::embedEqualsForwardAndKeepsTheCache()
{
    // embed() and forward() compute the same expressions: the same embeddings up to the
    // rounding of a different evaluation order at most (each entry of a unit row through
    // fan-ins <= 32 carries < 100 eps ~ 2e-14; 1e-12 leaves room and is far below a missing
    // bias or ReLU, which moves entries by ~0.1).
    sme::Rng rng(3);
    Network network(wideShape, rng);
    for (std::size_t l = 1; l < network.parameters().size(); l += 2)
        sme::fillStandardNormal(network.parameters()[l], rng);
    const Eigen::MatrixXd a = floatExactInputs(20, wideShape.input, rng);
    const Eigen::MatrixXd b = floatExactInputs(7, wideShape.input, rng);
    const Eigen::MatrixXd forwardA = network.forward(a);
    QVERIFY((network.embed(a) - forwardA).cwiseAbs().maxCoeff() <= 1e-12);
    // embed() between forward() and backward() must not disturb what backward() uses.
    Eigen::MatrixXd gradient(a.rows(), wideShape.embedding);
    sme::fillStandardNormal(gradient, rng);
    network.backward(gradient);
    const std::vector<Network::Matrix> expected = network.gradients();
    network.forward(a);
    const Eigen::MatrixXd embeddedB = network.embed(b);
    QCOMPARE(embeddedB.rows(), b.rows());
    network.backward(gradient);
    for (std::size_t m = 0; m < expected.size(); ++m)
        QVERIFY(network.gradients()[m] == expected[m]);
}

void TestNetwork::floatNetworkMatchesItsDoubleCast()
{
    // The float network against its exact cast to double, on float-exact inputs. Running
    // error bound (Higham): a layer y = x W + b with fan-in k computed in float is off by at
    // most |E||W| + gamma_{k+1} ((|x| + |E|)|W| + |b|), E the error of its input, gamma_k =
    // k u / (1 - k u), u = 2^-24; ReLU does not increase it. The normalisation
    // e = y / ||y|| has Jacobian (I - e e^T) / ||y||, of norm 1 / ||y||, and its own n + 2
    // roundings: |de_i| <= ||E_y|| / ||y|| + gamma_{n+2}. First order; the dropped terms are
    // O((k u)^2). The double network's own rounding (~1e-15) is negligible.
    sme::Rng rng(4);
    sme::EmbeddingNetwork<float> single(wideShape, rng);
    for (std::size_t l = 1; l < single.parameters().size(); l += 2) { // biases are cast too
        Eigen::MatrixXd bias(1, single.parameters()[l].cols());
        sme::fillStandardNormal(bias, rng);
        single.parameters()[l] = (0.1 * bias).cast<float>();
    }
    const Network exact = single.cast<double>();
    const Eigen::MatrixXd inputs = floatExactInputs(40, wideShape.input, rng);
    const Eigen::MatrixXd fromFloat = single.embed(inputs.cast<float>()).cast<double>();
    const Eigen::MatrixXd fromDouble = exact.embed(inputs);

    const double u = std::ldexp(1.0, -24);
    const auto gamma = [u](Eigen::Index k) { return double(k) * u / (1.0 - double(k) * u); };
    const auto& parameters = exact.parameters();
    Eigen::MatrixXd x = inputs;
    Eigen::MatrixXd error = Eigen::MatrixXd::Zero(x.rows(), x.cols());
    for (std::size_t l = 0; l < parameters.size(); l += 2) {
        const Eigen::MatrixXd& w = parameters[l];
        const Eigen::RowVectorXd b = parameters[l + 1].row(0);
        Eigen::MatrixXd y = x * w;
        y.rowwise() += b;
        Eigen::MatrixXd next = ((x.cwiseAbs() + error) * w.cwiseAbs()) * gamma(w.rows() + 1);
        next.rowwise() += gamma(w.rows() + 1) * b.cwiseAbs();
        error = next + error * w.cwiseAbs();
        x = l + 2 < parameters.size() ? Eigen::MatrixXd(y.cwiseMax(0.0)) : y;
    }
    const Eigen::VectorXd bound = error.rowwise().norm().cwiseQuotient(x.rowwise().norm()).array()
                                  + gamma(wideShape.embedding + 2);
    const auto verifyWithinBound = [&](const Eigen::MatrixXd& embeddings) {
        for (Eigen::Index i = 0; i < inputs.rows(); ++i) {
            const double difference = (fromFloat.row(i) - embeddings.row(i)).cwiseAbs().maxCoeff();
            if (difference > bound[i])
                return QString("row %1 differs by %2, bound %3").arg(i).arg(difference).arg(bound[i]);
        }
        return QString();
    };
    const QString problem = verifyWithinBound(fromDouble);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    qInfo("largest difference %.2g, bounds from %.2g to %.2g",
          (fromFloat - fromDouble).cwiseAbs().maxCoeff(), bound.minCoeff(), bound.maxCoeff());
    // The bound is a worst case (every rounding aligned, |W| in place of W): ~1e3 times the
    // observed difference, yet far below what a cast that loses or misplaces a parameter
    // produces (~0.1). Control: one bias off by 0.01 must break it.
    QVERIFY(bound.maxCoeff() < 1e-3);
    Network altered = exact;
    altered.parameters()[1](0, 3) += 0.01;
    QVERIFY(!verifyWithinBound(altered.embed(inputs)).isEmpty());
}

void TestNetwork::networkRejectsMismatchedShapes()
{
    sme::Rng rng(5);
    Network network(deepShape, rng);
    QVERIFY_THROWS_EXCEPTION(sme::Error, network.forward(Eigen::MatrixXd::Zero(3, 5)));
    QVERIFY_THROWS_EXCEPTION(sme::Error, network.embed(Eigen::MatrixXd::Zero(3, 7)));
    network.forward(Eigen::MatrixXd::Ones(3, 6));
    QVERIFY_THROWS_EXCEPTION(sme::Error, network.backward(Eigen::MatrixXd::Zero(3, 3)));
    QVERIFY_THROWS_EXCEPTION(sme::Error, network.backward(Eigen::MatrixXd::Zero(2, 4)));
    network.backward(Eigen::MatrixXd::Zero(3, 4)); // the control
}

void TestNetwork::shapeValidation_data()
{
    QTest::addColumn<sme::NetworkShape>("shape");
    QTest::addColumn<bool>("valid");
    QTest::newRow("embedding 1") << sme::NetworkShape{6, {7}, 1} << false;
    QTest::newRow("embedding 2") << sme::NetworkShape{6, {7}, 2} << true;
    QTest::newRow("embedding 1024") << sme::NetworkShape{6, {7}, 1024} << true;
    QTest::newRow("embedding 1025") << sme::NetworkShape{6, {7}, 1025} << false;
    QTest::newRow("hidden width 0") << sme::NetworkShape{6, {7, 0}, 4} << false;
    QTest::newRow("hidden width 1") << sme::NetworkShape{6, {1}, 4} << true;
    QTest::newRow("no hidden layer") << sme::NetworkShape{6, {}, 4} << true;
    QTest::newRow("input 0") << sme::NetworkShape{0, {7}, 4} << false;
    QTest::newRow("input 1") << sme::NetworkShape{1, {7}, 4} << true;
    QTest::newRow("input -3") << sme::NetworkShape{-3, {7}, 4} << false;
}

void TestNetwork::shapeValidation()
{
    QFETCH(sme::NetworkShape, shape);
    QFETCH(bool, valid);
    sme::Rng rng(6);
    if (valid) {
        shape.validate();
        const Network network(shape, rng);
        QCOMPARE(network.parameters().size(), 2 * (shape.hidden.size() + 1));
        QCOMPARE(network.parameters().back().cols(), Eigen::Index(shape.embedding));
    } else {
        QVERIFY_THROWS_EXCEPTION(sme::Error, shape.validate());
        QVERIFY_THROWS_EXCEPTION(sme::Error, Network(shape, rng));
        QVERIFY_THROWS_EXCEPTION(sme::Error, sme::EmbeddingNetwork<float>{shape});
    }
}

// ---------------------------------------------------------------------------------------------
// Adam

void TestNetwork::adamConvergesOnLeastSquares()
{
    // f(p) = 0.5 ||A p - b||^2, gradient A^T (A p - b), minimum at the least-squares solution.
    // Adam's step per coordinate is at most lr (1 - b1) / sqrt(1 - b2) ~ 3.2 lr (Kingma & Ba
    // §2.1), so with a constant rate it can only settle within a few steps of the minimum: the
    // rate is halved every 400 steps from 0.05 to 0.05 / 2^15 ~ 1.5e-6 over 6400 steps. The
    // distance left is then a few final steps per coordinate: 10 sqrt(4) * 1.5e-6 = 3e-5. A
    // wrong update (a sign, m and v swapped, a step not scaled by the rate) ends far from it;
    // the bias correction is pinned down by the first step below.
    sme::Rng rng(7);
    Eigen::MatrixXd a(10, 4);
    Eigen::MatrixXd b(10, 1);
    sme::fillStandardNormal(a, rng);
    sme::fillStandardNormal(b, rng);
    const Eigen::MatrixXd solution = (a.transpose() * a).ldlt().solve(a.transpose() * b);
    std::vector<Eigen::MatrixXd> parameters{Eigen::MatrixXd::Zero(4, 1)};
    sme::Adam<double> adam({0.05, 0.9, 0.999, 1e-8});
    for (int step = 0; step < 6400; ++step) {
        if (step > 0 && step % 400 == 0)
            adam.settings().learningRate /= 2.0;
        adam.step(parameters, {a.transpose() * (a * parameters[0] - b)});
    }
    QCOMPARE(adam.steps(), 6400L);
    const double finalRate = adam.settings().learningRate;
    const double distance = (parameters[0] - solution).norm();
    const double tolerance = 10.0 * std::sqrt(4.0) * finalRate;
    qInfo("distance to the least-squares solution %.3g (tolerance %.3g)", distance, tolerance);
    QVERIFY2(distance <= tolerance, qPrintable(QString("distance %1").arg(distance)));
}

namespace {

// Gradients over many magnitudes and both signs, with an exact zero, in two matrices.
template <class Scalar>
std::vector<Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>> spreadGradients()
{
    Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic> g(2, 4);
    g << Scalar(1e-6), Scalar(-3e-4), Scalar(0.02), Scalar(-1), //
        Scalar(7), Scalar(-250), Scalar(1e3), Scalar(0);
    return {g, Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>::Constant(1, 3, Scalar(-0.5))};
}

template <class Scalar>
void verifyFirstStep()
{
    // Step 1: m_hat = g, v_hat = g^2 (bias corrections exact), so the move is
    // -lr g / (|g| + eps_adam): lr sign(g) within 1% for |g| >= 1e-6 = 100 eps_adam, and
    // exactly 0 for g = 0. Rounding: ~10 operations on the update (the moments, a sqrt, the
    // folded corrections) and one on p - update: |error| <= 16 eps lr + 2 eps |p| in the
    // scalar's own eps.
    using Matrix = typename sme::Adam<Scalar>::Matrix;
    const double eps = std::numeric_limits<Scalar>::epsilon();
    sme::Rng rng(8);
    const std::vector<Matrix> gradients = spreadGradients<Scalar>();
    std::vector<Matrix> parameters;
    for (const Matrix& g : gradients) {
        Eigen::MatrixXd p(g.rows(), g.cols());
        sme::fillStandardNormal(p, rng);
        parameters.push_back(p.cast<Scalar>());
    }
    const std::vector<Matrix> before = parameters;
    const sme::AdamSettings settings{1e-3, 0.9, 0.999, 1e-8};
    sme::Adam<Scalar> adam(settings);
    adam.step(parameters, gradients);
    QCOMPARE(adam.steps(), 1L);
    for (std::size_t m = 0; m < gradients.size(); ++m)
        for (Eigen::Index k = 0; k < gradients[m].size(); ++k) {
            const double g = double(gradients[m](k));
            const double expected = -settings.learningRate * g / (std::abs(g) + settings.epsilon);
            const double moved = double(parameters[m](k)) - double(before[m](k));
            const double tolerance
                = 16.0 * eps * settings.learningRate + 2.0 * eps * std::abs(double(before[m](k)));
            VERIFY_NEAR(QString("matrix %1, entry %2 (g = %3)").arg(m).arg(k).arg(g), moved,
                        expected, tolerance);
            if (g != 0.0)
                QVERIFY(std::abs(std::abs(moved) - settings.learningRate)
                        <= 0.01 * settings.learningRate + tolerance);
        }
}

} // namespace

void TestNetwork::adamFirstStepMovesByLearningRate()
{
    verifyFirstStep<double>();
    if (QTest::currentTestFailed())
        return;
    verifyFirstStep<float>();
    std::vector<Eigen::MatrixXd> parameters{Eigen::MatrixXd::Zero(2, 2)};
    sme::Adam<double> adam;
    QVERIFY_THROWS_EXCEPTION(sme::Error, adam.step(parameters, {}));
}

void TestNetwork::adamResetRestarts()
{
    // After reset() the next step is a first step again: bit for bit the step of a fresh
    // optimiser (the same operations on the same numbers), and not the step without reset.
    sme::Rng rng(9);
    std::vector<Eigen::MatrixXd> gradients{Eigen::MatrixXd(3, 2), Eigen::MatrixXd(1, 2)};
    std::vector<Eigen::MatrixXd> start{Eigen::MatrixXd(3, 2), Eigen::MatrixXd(1, 2)};
    for (auto* set : {&gradients, &start})
        for (Eigen::MatrixXd& m : *set)
            sme::fillStandardNormal(m, rng);

    sme::Adam<double> used;
    std::vector<Eigen::MatrixXd> scratch = start;
    for (int step = 0; step < 5; ++step) {
        std::vector<Eigen::MatrixXd> noise = gradients;
        for (Eigen::MatrixXd& m : noise)
            sme::fillStandardNormal(m, rng);
        used.step(scratch, noise);
    }
    QCOMPARE(used.steps(), 5L);
    std::vector<Eigen::MatrixXd> withoutReset = start;
    sme::Adam<double> continued = used;
    continued.step(withoutReset, gradients);

    used.reset();
    QCOMPARE(used.steps(), 0L);
    std::vector<Eigen::MatrixXd> afterReset = start;
    used.step(afterReset, gradients);
    QCOMPARE(used.steps(), 1L);
    std::vector<Eigen::MatrixXd> fresh = start;
    sme::Adam<double>().step(fresh, gradients);
    for (std::size_t m = 0; m < fresh.size(); ++m) {
        QVERIFY(afterReset[m] == fresh[m]);
        QVERIFY(withoutReset[m] != fresh[m]);
    }
}

// ---------------------------------------------------------------------------------------------
// The batch loss on hand-made batches

namespace {

// Five points on a line (1-D embeddings, dyadic so distances are exact), classes 0 0 1 1 2:
//   row:   0      1      2       3      4
//   e:     0      0.5    0.625   1.5    0.125
// Triplets (anchor, positive, negative):
//   T1 (0, 1, 2): D_ap = 0.5,   D_an = 0.625
//   T2 (2, 3, 1): D_ap = 0.875, D_an = 0.125
//   T3 (3, 2, 0): D_ap = 0.875, D_an = 1.5
//   T4 (4, -, 0):               D_an = 0.125   (class 2 has no other member)
// On a line dD_ij/de_i = sign(e_i - e_j) = -dD_ij/de_j.
Eigen::MatrixXd handLine()
{
    Eigen::MatrixXd e(5, 1);
    e << 0.0, 0.5, 0.625, 1.5, 0.125;
    return e;
}
const std::vector<int> handClasses{0, 0, 1, 1, 2};
const std::vector<int> handImages{0, 1, 2, 3, 4};
const Triplet t1{0, 1, 2};
const Triplet t2{2, 3, 1};
const Triplet t3{3, 2, 0};
const Triplet t4{4, Triplet::noPositive, 0};
const std::vector<Triplet> handTriplets{t1, t2, t3, t4};

// Margin: beta(i) = 0.625 + perClass[c(i)], perClass = {0, 0.25, 0.5}; nu = 0.5.
const sme::MarginBoundary handBoundary{0.625, {0.0, 0.25, 0.5}, {}};

sme::LossSettings handSettings(LossKind kind)
{
    return {kind, kind == LossKind::Contrastive ? 1.0 : 0.25, kind == LossKind::Margin ? 0.5 : 0.0};
}

sme::BatchLossResult handLoss(LossKind kind, const std::vector<Triplet>& triplets,
                              const Eigen::MatrixXd& e = handLine())
{
    return sme::batchLoss(e, handClasses, handImages, triplets, handSettings(kind), handBoundary);
}

// Every hand value is a few (< 10) roundings of numbers below 8 away from exact: < 1e-14.
constexpr double handTolerance = 1e-14;

} // namespace

void TestNetwork::batchLossOnHandMadeLine_data()
{
    QTest::addColumn<LossKind>("kind");
    QTest::addColumn<double>("loss");
    QTest::addColumn<double>("activeFraction");
    QTest::addColumn<int>("terms");
    QTest::addColumn<std::vector<double>>("gradient");
    // Contrastive, alpha = 1: pairs (0,1)+ (0,2)- (2,3)+ (2,1)- (3,2)+ (3,0)- (4,0)-: 7 terms.
    // Values 0.5^2, (1 - 0.625)^2 = 0.140625, 0.875^2 = 0.765625, (1 - 0.125)^2 = 0.765625,
    // 0.765625, 0 (D = 1.5 > alpha: inactive), 0.765625: sum 3.453125, 6 active.
    // dL/dD: 1, -0.75, 1.75, -1.75, 1.75, 0, -1.75 (2D, -2(alpha - D)), all over 7. Gradient:
    // e0: -1 + 0.75 + 1.75 = 1.5; e1: 1 + 1.75 = 2.75; e2: -0.75 - 1.75 - 1.75 - 1.75 = -6;
    // e3: 1.75 + 1.75 = 3.5; e4: -1.75.
    QTest::newRow("contrastive") << LossKind::Contrastive << 3.453125 / 7 << 6.0 / 7 << 7
                                 << std::vector<double>{1.5 / 7, 2.75 / 7, -6.0 / 7, 3.5 / 7,
                                                        -1.75 / 7};
    // Triplet squared, alpha = 0.25; T4 skipped: 3 terms.
    // T1: 0.25 - 0.390625 + 0.25 = 0.109375; T2: 0.765625 - 0.015625 + 0.25 = 1;
    // T3: 0.765625 - 2.25 + 0.25 < 0. Loss 1.109375 / 3, 2 of 3 active.
    // dL/dD_ap = 2 D_ap / 3, dL/dD_an = -2 D_an / 3. T1: e0 -1 + 1.25, e1 +1, e2 -1.25;
    // T2: e2 -1.75 - 0.25, e3 +1.75, e1 +0.25 (all over 3).
    QTest::newRow("triplet-squared") << LossKind::TripletSquared << 1.109375 / 3 << 2.0 / 3 << 3
                                     << std::vector<double>{0.25 / 3, 1.25 / 3, -3.25 / 3,
                                                            1.75 / 3, 0.0};
    // Triplet, alpha = 0.25. T1: 0.5 - 0.625 + 0.25 = 0.125; T2: 0.875 - 0.125 + 0.25 = 1;
    // T3: 0.875 - 1.5 + 0.25 < 0. Loss 1.125 / 3; dL/dD = +-1/3.
    // T1: e0 -1 + 1 = 0, e1 +1, e2 -1; T2: e2 -1 - 1, e3 +1, e1 +1.
    QTest::newRow("triplet") << LossKind::Triplet << 1.125 / 3 << 2.0 / 3 << 3
                             << std::vector<double>{0.0, 2.0 / 3, -1.0, 1.0 / 3, 0.0};
    // Margin, alpha = 0.25, beta = 0.625 (rows 0, 1), 0.875 (rows 2, 3), 1.125 (row 4),
    // nu = 0.5; the same 7 pairs. Hinges: (0,1)+ 0.25 + 0.5 - 0.625 = 0.125;
    // (0,2)- 0.25 - (0.625 - 0.625) = 0.25; (2,3)+ 0.25 + 0.875 - 0.875 = 0.25;
    // (2,1)- 0.25 - (0.125 - 0.875) = 1; (3,2)+ 0.25; (3,0)- 0.25 - (1.5 - 0.875) < 0;
    // (4,0)- 0.25 - (0.125 - 1.125) = 1.25. 6 active; hinge sum 3.125, beta sum 5.875:
    // loss (3.125 + 0.5 * 5.875) / 6. dL/dD = +-1/6 on the active pairs: e0 -1 + 1 + 1,
    // e1 +1 + 1, e2 -1 - 1 - 1 - 1, e3 +1 + 1, e4 -1 (over 6).
    QTest::newRow("margin") << LossKind::Margin << 6.0625 / 6 << 6.0 / 7 << 7
                            << std::vector<double>{1.0 / 6, 2.0 / 6, -4.0 / 6, 2.0 / 6, -1.0 / 6};
}

void TestNetwork::batchLossOnHandMadeLine()
{
    QFETCH(LossKind, kind);
    QFETCH(double, loss);
    QFETCH(double, activeFraction);
    QFETCH(int, terms);
    QFETCH(std::vector<double>, gradient);
    const sme::BatchLossResult r = handLoss(kind, handTriplets);
    VERIFY_NEAR("loss", r.loss, loss, handTolerance);
    VERIFY_NEAR("activeFraction", r.activeFraction, activeFraction, handTolerance);
    QCOMPARE(r.terms, terms);
    QCOMPARE(r.embeddingGradient.rows(), Eigen::Index(5));
    QCOMPARE(r.embeddingGradient.cols(), Eigen::Index(1));
    for (int i = 0; i < 5; ++i)
        VERIFY_NEAR(QString("gradient of row %1").arg(i), r.embeddingGradient(i, 0),
                    gradient[std::size_t(i)], handTolerance);
    if (kind != LossKind::Margin)
        return;
    // dL/dbeta(i) per pair: -y' when active, plus nu: -0.5, 1.5, -0.5, 1.5, -0.5, 0.5 (the
    // inactive (3,0)), 1.5; over 6. Class 0: pairs (0,1), (0,2); class 1: (2,3), (2,1), (3,2),
    // (3,0); class 2: (4,0). Mean beta over the 7 pairs' anchors: 5.875 / 7.
    VERIFY_NEAR("dBeta0", r.dBeta0, 3.5 / 6, handTolerance);
    QCOMPARE(r.dPerClass.size(), std::size_t(3));
    VERIFY_NEAR("dPerClass[0]", r.dPerClass[0], 1.0 / 6, handTolerance);
    VERIFY_NEAR("dPerClass[1]", r.dPerClass[1], 1.0 / 6, handTolerance);
    VERIFY_NEAR("dPerClass[2]", r.dPerClass[2], 1.5 / 6, handTolerance);
    QVERIFY(r.dPerImage.empty());
    VERIFY_NEAR("meanBeta", r.meanBeta, 5.875 / 7, handTolerance);
}

void TestNetwork::tripletsWithoutPositive()
{
    for (LossKind kind : {LossKind::TripletSquared, LossKind::Triplet}) {
        // Skipped: adding T4 changes nothing, and T4 alone gives no term at all.
        const sme::BatchLossResult with = handLoss(kind, handTriplets);
        const sme::BatchLossResult without = handLoss(kind, {t1, t2, t3});
        QVERIFY(with.loss == without.loss && with.terms == without.terms);
        QVERIFY(with.activeFraction == without.activeFraction);
        QVERIFY(with.embeddingGradient == without.embeddingGradient);
        const sme::BatchLossResult alone = handLoss(kind, {t4});
        QCOMPARE(alone.terms, 0);
        QVERIFY(alone.loss == 0.0 && alone.activeFraction == 0.0);
        QVERIFY(alone.embeddingGradient.isZero(0.0));
    }
    // Pair losses: T4 alone is the one negative pair (4, 0) at D = 0.125. Contrastive, alpha
    // 1: (1 - 0.125)^2 = 0.765625, dL/dD = -1.75. Margin: hinge 0.25 - (0.125 - 1.125) = 1.25
    // plus nu beta = 0.5 * 1.125, dL/dD = -1, over 1 active pair.
    const sme::BatchLossResult contrastive = handLoss(LossKind::Contrastive, {t4});
    QCOMPARE(contrastive.terms, 1);
    VERIFY_NEAR("contrastive loss", contrastive.loss, 0.765625, handTolerance);
    QCOMPARE(contrastive.activeFraction, 1.0);
    VERIFY_NEAR("contrastive gradient of row 4", contrastive.embeddingGradient(4, 0), -1.75,
                handTolerance);
    VERIFY_NEAR("contrastive gradient of row 0", contrastive.embeddingGradient(0, 0), 1.75,
                handTolerance);
    const sme::BatchLossResult margin = handLoss(LossKind::Margin, {t4});
    QCOMPARE(margin.terms, 1);
    VERIFY_NEAR("margin loss", margin.loss, 1.25 + 0.5 * 1.125, handTolerance);
    VERIFY_NEAR("margin gradient of row 4", margin.embeddingGradient(4, 0), -1.0, handTolerance);
    VERIFY_NEAR("margin gradient of row 0", margin.embeddingGradient(0, 0), 1.0, handTolerance);
    for (const sme::BatchLossResult* r : {&contrastive, &margin})
        for (int i : {1, 2, 3})
            QVERIFY(r->embeddingGradient(i, 0) == 0.0);
}

void TestNetwork::coincidentEmbeddingsGiveZeroGradient_data()
{
    QTest::addColumn<LossKind>("kind");
    for (LossKind kind : sme::allLossKinds)
        QTest::newRow(std::string(sme::lossName(kind)).c_str()) << kind;
}

void TestNetwork::coincidentEmbeddingsGiveZeroGradient()
{
    // D = 0 has no direction: the pair must contribute exactly 0, never NaN.
    QFETCH(LossKind, kind);
    Eigen::MatrixXd e(5, 3);
    e.rowwise() = Eigen::RowVector3d(0.6, 0.0, 0.8);
    // Every row at one point: no gradient at all, a finite loss that still counts the pairs.
    const sme::BatchLossResult same = handLoss(kind, handTriplets, e);
    QVERIFY(std::isfinite(same.loss));
    QVERIFY(same.embeddingGradient.allFinite());
    QVERIFY(same.embeddingGradient.isZero(0.0));
    QCOMPARE(same.terms, handLoss(kind, handTriplets).terms);
    QVERIFY2(same.loss > 0.0, "every negative pair at D = 0 violates every margin");
    // T2 alone with its negative (row 1) on its anchor (row 2) and its positive (row 3)
    // elsewhere: row 1 is in no other pair, so its gradient is exactly 0, while the positive
    // pair (2, 3) still pulls.
    e.row(3) << 0.0, 1.0, 0.0;
    const sme::BatchLossResult one = handLoss(kind, {t2}, e);
    QVERIFY(std::isfinite(one.loss));
    QVERIFY(one.embeddingGradient.allFinite());
    QVERIFY(one.embeddingGradient.row(1).isZero(0.0));
    QVERIFY(!one.embeddingGradient.row(3).isZero(0.0));
}

void TestNetwork::validBatchLossInputDoesNotThrow()
{
    // The control for batchLossBadInputThrows: each of its rows differs from this in one thing.
    for (LossKind kind : sme::allLossKinds)
        QVERIFY(std::isfinite(handLoss(kind, handTriplets).loss));
}

void TestNetwork::batchLossBadInputThrows_data()
{
    QTest::addColumn<LossCall>("call");
    const auto withBatch = [](Eigen::MatrixXd e, std::vector<int> classes, std::vector<int> images,
                              std::vector<Triplet> triplets) {
        return LossCall([=](LossKind kind) {
            sme::batchLoss(e, classes, images, triplets, handSettings(kind), handBoundary);
        });
    };
    const auto withSettings = [](auto change) {
        return LossCall([change](LossKind kind) {
            sme::LossSettings settings = handSettings(kind);
            sme::MarginBoundary boundary = handBoundary;
            change(settings, boundary);
            sme::batchLoss(handLine(), handClasses, handImages, handTriplets, settings, boundary);
        });
    };
    const auto withTriplet = [&](Triplet t) {
        return withBatch(handLine(), handClasses, handImages, {t1, t});
    };
    QTest::newRow("fewer class indices")
        << withBatch(handLine(), {0, 0, 1, 1}, handImages, handTriplets);
    QTest::newRow("more image indices")
        << withBatch(handLine(), handClasses, {0, 1, 2, 3, 4, 5}, handTriplets);
    Eigen::MatrixXd withNaN = handLine();
    withNaN(3, 0) = notANumber;
    QTest::newRow("NaN embedding") << withBatch(withNaN, handClasses, handImages, handTriplets);
    Eigen::MatrixXd withInfinity = handLine();
    withInfinity(0, 0) = std::numeric_limits<double>::infinity();
    QTest::newRow("infinite embedding")
        << withBatch(withInfinity, handClasses, handImages, handTriplets);
    QTest::newRow("anchor out of range") << withTriplet({5, 1, 2});
    QTest::newRow("negative anchor") << withTriplet({-1, 1, 2});
    QTest::newRow("negative out of range") << withTriplet({0, 1, 5});
    QTest::newRow("negative index -1") << withTriplet({0, 1, -1});
    QTest::newRow("positive out of range") << withTriplet({0, 7, 2});
    QTest::newRow("positive -2") << withTriplet({0, -2, 2});
    QTest::newRow("alpha -0.1") << withSettings([](auto& s, auto&) { s.alpha = -0.1; });
    QTest::newRow("alpha NaN") << withSettings([](auto& s, auto&) { s.alpha = notANumber; });
    QTest::newRow("nu NaN") << withSettings([](auto& s, auto&) { s.nu = notANumber; });
    QTest::newRow("margin: class without a learned beta") << withSettings([](auto& s, auto& b) {
        s.kind = LossKind::Margin;
        b.perClass.pop_back();
    });
}

void TestNetwork::batchLossBadInputThrows()
{
    QFETCH(LossCall, call);
    for (LossKind kind : sme::allLossKinds)
        QVERIFY_THROWS_EXCEPTION(sme::Error, call(kind));
}

void TestNetwork::adamReturnsTheLargestWeightOrNaN()
{
    // The step returns max |p| after the update (the trainer's runaway check), over every
    // parameter and every chunk of a large one; NaN when any parameter is NaN or infinite.
    std::vector<Eigen::MatrixXf> parameters{Eigen::MatrixXf::Constant(70, 40, 0.5f),
                                            Eigen::MatrixXf::Constant(1, 40, 0.25f)};
    parameters[0](63, 37) = -7.0f; // beyond the first chunk of 1,024 values
    const std::vector<Eigen::MatrixXf> gradients{Eigen::MatrixXf::Zero(70, 40), Eigen::MatrixXf::Zero(1, 40)};
    sme::Adam<float> adam;
    QCOMPARE(adam.step(parameters, gradients), 7.0f); // zero gradients: nothing moves
    parameters[1](0, 3) = std::numeric_limits<float>::quiet_NaN();
    QVERIFY(std::isnan(adam.step(parameters, gradients)));
    parameters[1](0, 3) = std::numeric_limits<float>::infinity();
    QVERIFY(std::isnan(adam.step(parameters, gradients)));
}

void TestNetwork::adamInPartsDuringBackwardEqualsStep()
{
    // The trainer updates each layer inside backward() (beginStep, then update as each
    // parameter is done): the same bits as backward() followed by step(), over several steps;
    // parameters are handed over last layer first, each once, with their final gradient.
    sme::Rng rng(21);
    sme::EmbeddingNetwork<float> whole(sme::NetworkShape{9, {7, 5}, 4}, rng), inParts = whole;
    sme::Adam<float> wholeAdam, partsAdam;
    for (int step = 0; step < 3; ++step) {
        const auto [inputs, embeddingGradient] = randomPass(whole.shape(), 6, rng);
        const float wholeLargest = stepWhole(whole, wholeAdam, inputs, embeddingGradient);

        inParts.forward(inputs);
        partsAdam.beginStep(inParts.parameters());
        std::vector<std::size_t> order;
        float partsLargest = 0.0f;
        inParts.backward(embeddingGradient, [&](std::size_t i) {
            order.push_back(i);
            QVERIFY(inParts.gradients()[i] == whole.gradients()[i]);
            partsLargest = sme::Adam<float>::largestOf(
                partsLargest, partsAdam.update(i, inParts.parameters()[i], inParts.gradients()[i]));
        });
        QCOMPARE(order, (std::vector<std::size_t>{4, 5, 2, 3, 0, 1}));
        QCOMPARE(partsLargest, wholeLargest);
        QCOMPARE(partsAdam.steps(), wholeAdam.steps());
        for (std::size_t i = 0; i < whole.parameters().size(); ++i)
            QVERIFY(inParts.parameters()[i] == whole.parameters()[i]);
    }
    QVERIFY(std::isnan(sme::Adam<float>::largestOf(1.0f, std::numeric_limits<float>::quiet_NaN())));
    QVERIFY(std::isnan(sme::Adam<float>::largestOf(std::numeric_limits<float>::quiet_NaN(), 2.0f)));
    QCOMPARE(sme::Adam<float>::largestOf(1.0f, 2.0f), 2.0f);
}

void TestNetwork::adamFromProductEqualsBackwardThenStep()
{
    // The trainer's pass: each weight updated from the tiles of X^T delta (never stored),
    // biases as before. The same update as backward() then step(), up to the order of the
    // gradient's sums; over several steps, for sizes with every kind of tile and leftover
    // (75 inputs: whole tiles, a single-packet strip, single rows; 13 = 2 x 6 + 1 columns).
    sme::Rng rng(22);
    sme::EmbeddingNetwork<float> whole(sme::NetworkShape{75, {20, 13}, 4}, rng), fused = whole;
    sme::Adam<float> wholeAdam, fusedAdam;
    for (int step = 0; step < 3; ++step) {
        const auto [inputs, embeddingGradient] = randomPass(whole.shape(), 7, rng);
        const float wholeLargest = stepWhole(whole, wholeAdam, inputs, embeddingGradient);

        // The transposed entry, as the trainer gathers a batch: the same pass as forward().
        const Eigen::MatrixXf byRows = fused.forward(inputs);
        QVERIFY(fused.forwardTransposed(inputs.transpose()) == byRows);
        fusedAdam.beginStep(fused.parameters());
        std::vector<std::size_t> order;
        float fusedLargest = 0.0f;
        fused.backward(
            embeddingGradient,
            [&](std::size_t i, const Eigen::MatrixXf& inputsTransposed, const Eigen::MatrixXf& delta) {
                order.push_back(i);
                const Eigen::MatrixXf gradient = inputsTransposed * delta;
                QVERIFY(gradient.isApprox(whole.gradients()[i], 1e-5f));
                fusedLargest = sme::Adam<float>::largestOf(
                    fusedLargest, fusedAdam.updateWithProduct(i, fused.parameters()[i], inputsTransposed, delta));
            },
            [&](std::size_t i) {
                order.push_back(i);
                fusedLargest = sme::Adam<float>::largestOf(
                    fusedLargest, fusedAdam.update(i, fused.parameters()[i], fused.gradients()[i]));
            });
        QCOMPARE(order, (std::vector<std::size_t>{4, 5, 2, 3, 0, 1}));
        QVERIFY(std::abs(fusedLargest - wholeLargest) <= 1e-5f * wholeLargest);
        for (std::size_t i = 0; i < whole.parameters().size(); ++i) {
            // Adam moves every weight by about the learning rate, 1e-3: the moves agree.
            QVERIFY2((fused.parameters()[i] - whole.parameters()[i]).cwiseAbs().maxCoeff() <= 1e-6f,
                     qPrintable(QString("parameter %1 at step %2").arg(i).arg(step)));
        }
    }
}

QTEST_APPLESS_MAIN(TestNetwork)
#include "tst_network.moc"
