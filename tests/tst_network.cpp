// Tests of the training pieces: the embedding network's gradients through every loss against
// central differences, its normalisation, Adam's steps, and the batch loss on hand-made batches.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/Adam.h"
#include "model/BatchLoss.h"
#include "model/EmbeddingNetwork.h"
#include "model/Error.h"
#include "model/Random.h"
#include "model/Sampler.h"
#include "model/SpherePoints.h"

#include <QtTest>

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
        fillStandardNormal(p.network.parameters()[l], rng);
        p.network.parameters()[l] *= 0.1;
    }
    Eigen::MatrixXd centres(classes, shape.input);
    fillStandardNormal(centres, rng);
    fillStandardNormal(p.inputs, rng);
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
        case LossKind::TripletSquared: pattern.push_back(hasPositive && dp * dp - dn * dn + alpha > 0.0); break;
        case LossKind::Triplet: pattern.push_back(hasPositive && dp - dn + alpha > 0.0); break;
        case LossKind::Margin:
            pattern.push_back(hasPositive && alpha + (dp - beta) > 0.0);
            pattern.push_back(alpha - (dn - beta) > 0.0);
            break;
        }
    }
    return pattern;
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
    // for every weight and bias, the triplets held fixed. Away from kinks L is smooth:
    // - truncation h^2/6 |L'''|: the layers, the normalisation (|y| ~ 1 here) and the losses
    //   have third derivatives of order 1-100, so <= 2e-10 at h = 1e-6;
    // - rounding: L is computed through ~30 dependent operations (fan-ins <= 7, a norm, a
    //   distance, a mean of <= 48 terms), each adding a relative eps: |dL| <= 64 eps S, S the
    //   sum of |terms| (>= |L|); the difference of two such values over 2h gives 64 eps S / h,
    //   ~1e-8 S. The step is taken as the computed (p + h) - (p - h), so the rounding of p +- h
    //   does not enter.
    // Relative 1e-7 on top covers the truncation for entries of any size. A wrong gradient (a
    // missing ReLU mask, a transposed weight, the normalisation's projection left out) is off
    // by a fraction of order 1 of the largest entries.
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
    // S: the loss terms' absolute sum bounds |L| times the number of terms; 1 + ... guards
    // against an accidental cancellation.
    const double scale = 1.0 + std::abs(at.loss) * at.terms;
    constexpr double h = 1e-6;
    const double absolute = 64.0 * epsilon * scale / h;

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
            const double tolerance = 1e-7 * std::abs(a) + absolute;
            worst = std::max(worst, std::abs(a - difference) / tolerance);
            largest = std::max(largest, std::abs(a));
            VERIFY_NEAR(QString("parameter %1, entry %2").arg(m).arg(k), a, difference, tolerance);
        }
    }
    qInfo("checked %d of %d entries, largest gradient %.3g, worst error %.2g of the tolerance "
          "(absolute part %.2g)", checked, total, largest, worst, absolute);
    QVERIFY2(checked >= total * 9 / 10, "more than a tenth of the entries sit on a kink");
    QVERIFY2(largest > 1e4 * absolute, "the gradient is too small for the check to mean much");
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
            const int pairs = at.terms;
            const double active = std::round(at.activeFraction * pairs);
            const double tolerance = pairs * epsilon * pairs * (0.2 + 2.0 + 0.1 * 1.5) / (active * 1e-4);
            const std::vector<char> pattern = kinkPattern(p, p.network);
            int checked = 0;
            int total = 0;
            const auto check = [&](const QString& what, double& beta, double analytic) {
                ++total;
                constexpr double h = 1e-4;
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

QTEST_APPLESS_MAIN(TestNetwork)
#include "tst_network.moc"
