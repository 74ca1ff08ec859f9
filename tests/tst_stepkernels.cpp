// Tests of the step's AVX-512 kernels (model/training/StepKernels) against the AVX2 path (Eigen's
// products, Adam's own kernel) and exact products: within float rounding on odd shapes, Adam's
// moments the same bits, and a short training run learning on each path.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/CpuFeatures.h"
#include "model/base/Random.h"
#include "model/data/SyntheticData.h"
#include "model/training/Adam.h"
#include "model/training/EmbeddingNetwork.h"
#include "model/training/StepKernels.h"
#include "model/training/Trainer.h"

#include <QtTest>

#include <Eigen/Core>
#include <array>
#include <cmath>
#include <limits>
#include <vector>

namespace kernels = sme::stepkernels;

namespace {

// Rounding of a float sum of n products, in any order: |computed - exact| <= gamma(n) sum |a b|
// (Higham, Accuracy and Stability of Numerical Algorithms, 3.1), u = 2^-24. Two orders of the
// same sum differ by at most twice that.
double roundingBound(Eigen::Index n)
{
    const double u = std::ldexp(1.0, -24);
    return double(n) * u / (1.0 - double(n) * u);
}

Eigen::MatrixXf randomMatrix(Eigen::Index rows, Eigen::Index cols, sme::Rng& rng)
{
    Eigen::MatrixXd draws(rows, cols);
    sme::fillStandardNormal(draws, rng);
    return draws.cast<float>();
}

// Every element of got within bound of exact (both the same shape), with the worst in the message.
void verifyWithin(const Eigen::MatrixXf& got, const Eigen::MatrixXd& exact, const Eigen::MatrixXd& bound,
                  const char* what)
{
    QCOMPARE(got.rows(), exact.rows());
    QCOMPARE(got.cols(), exact.cols());
    const Eigen::ArrayXXd excess = (got.cast<double>() - exact).cwiseAbs().array() - bound.array();
    QVERIFY2(excess.maxCoeff() <= 0.0, qPrintable(QString("%1: off by %2 beyond the rounding bound")
                                                      .arg(what).arg(excess.maxCoeff())));
}

// Turns the AVX-512 kernels back on (where the CPU has them) at the end of a test.
struct KernelsRestored {
    ~KernelsRestored() { sme::setAvx512Allowed(true); }
};

bool cpuHasAvx512()
{
    sme::setAvx512Allowed(true);
    return sme::avx512Available();
}

} // namespace

class TestStepKernels : public QObject {
    Q_OBJECT

private slots:
    void forwardProductWithinRounding_data();
    void forwardProductWithinRounding();
    void columnProductsWithinRounding_data();
    void columnProductsWithinRounding();
    void adamFromProductAgreesOnBothPaths();
    void networkPathsAgree();
    void trainingLearnsOnEachPath();
};

void TestStepKernels::forwardProductWithinRounding_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("depth");
    QTest::addColumn<int>("columns");
    // Rows around the tile of 4 and the packet of 16, depths with and without a partial packet,
    // widths 1, 7 and 33 (tiles of 4 columns and leftovers).
    for (const int rows : {1, 5, 17, 25})
        for (const int depth : {1, 7, 33, 64})
            for (const int columns : {1, 7, 33})
                QTest::addRow("%d rows, %d deep, %d wide", rows, depth, columns) << rows << depth << columns;
}

void TestStepKernels::forwardProductWithinRounding()
{
    QFETCH(int, rows);
    QFETCH(int, depth);
    QFETCH(int, columns);
    if (!cpuHasAvx512())
        QSKIP("this CPU has no AVX-512: the AVX2 path alone runs");
    sme::Rng rng(std::uint64_t(rows * 10007 + depth * 101 + columns));
    const Eigen::MatrixXf x = randomMatrix(rows, depth, rng), w = randomMatrix(depth, columns, rng);
    const Eigen::MatrixXf bias = randomMatrix(1, columns, rng);
    const Eigen::MatrixXf xt = x.transpose();
    for (const bool relu : {false, true}) {
        Eigen::MatrixXf out(rows, columns);
        kernels::forwardProduct(xt.data(), w.data(), rows, depth, columns, out.data(), bias.data(), relu);
        Eigen::MatrixXd exact = (x.cast<double>() * w.cast<double>()).rowwise() + bias.cast<double>().row(0);
        if (relu)
            exact = exact.cwiseMax(0.0);
        // The bias is one more term of the sum; max(0, .) only shrinks the error.
        const Eigen::MatrixXd bound = roundingBound(depth + 1)
                                      * ((x.cast<double>().cwiseAbs() * w.cast<double>().cwiseAbs()).rowwise()
                                         + bias.cast<double>().cwiseAbs().row(0));
        verifyWithin(out, exact, bound, relu ? "X W + b, ReLU" : "X W + b");
        // Written transposed (a hidden layer's output, the next layer's input): the same values.
        Eigen::MatrixXf outTransposed(columns, rows);
        kernels::forwardProduct(xt.data(), w.data(), rows, depth, columns, outTransposed.data(), bias.data(),
                                relu, true);
        QVERIFY(outTransposed == out.transpose());
        // And the AVX2 path's Eigen product within the same bound: the two within twice it.
        Eigen::MatrixXf eigen = (x * w).rowwise() + bias.row(0);
        if (relu)
            eigen = eigen.cwiseMax(0.0f);
        verifyWithin(eigen, exact, bound, "Eigen's X W + b");
    }
    Eigen::MatrixXf plain(rows, columns);
    kernels::forwardProduct(xt.data(), w.data(), rows, depth, columns, plain.data(), nullptr, false);
    verifyWithin(plain, x.cast<double>() * w.cast<double>(),
                 roundingBound(depth) * x.cast<double>().cwiseAbs() * w.cast<double>().cwiseAbs(), "X W");
}

void TestStepKernels::columnProductsWithinRounding_data()
{
    QTest::addColumn<int>("batch");
    QTest::addColumn<int>("inputs");
    QTest::addColumn<int>("outputs");
    // Inputs (G's rows) around the strip of 64 and the packet of 16, outputs around the tile's 6.
    for (const int batch : {1, 7, 25})
        for (const int inputs : {1, 7, 33, 64, 100})
            for (const int outputs : {1, 7, 33})
                QTest::addRow("batch %d, %d -> %d", batch, inputs, outputs) << batch << inputs << outputs;
}

void TestStepKernels::columnProductsWithinRounding()
{
    QFETCH(int, batch);
    QFETCH(int, inputs);
    QFETCH(int, outputs);
    if (!cpuHasAvx512())
        QSKIP("this CPU has no AVX-512: the AVX2 path alone runs");
    sme::Rng rng(std::uint64_t(batch * 7919 + inputs * 31 + outputs));
    const Eigen::MatrixXf x = randomMatrix(batch, inputs, rng), delta = randomMatrix(batch, outputs, rng);
    const Eigen::MatrixXf w = randomMatrix(inputs, outputs, rng);
    const Eigen::MatrixXf xt = x.transpose();

    // The weight gradient X^T delta.
    Eigen::MatrixXf gradient(inputs, outputs);
    kernels::columnProduct(kernels::weightGradient(xt.data(), delta.data(), batch, outputs, inputs),
                           gradient.data(), nullptr);
    verifyWithin(gradient, x.cast<double>().transpose() * delta.cast<double>(),
                 roundingBound(batch) * x.cast<double>().cwiseAbs().transpose() * delta.cast<double>().cwiseAbs(),
                 "X^T delta");

    // The input gradient delta W^T, transposed, zero where the mask (a layer's input, X^T) is
    // not positive: negative, zero (a ReLU's output, often) or NaN.
    Eigen::MatrixXf mask = xt;
    for (Eigen::Index i = 0; i < mask.size(); i += 3)
        mask.data()[i] = i % 2 == 0 ? 0.0f : std::numeric_limits<float>::quiet_NaN();
    Eigen::MatrixXf inputGradient(inputs, batch);
    kernels::columnProduct({w.data(), inputs, outputs, delta.data(), batch, 1, batch}, inputGradient.data(),
                           mask.data());
    const Eigen::MatrixXd exact = (mask.array() > 0.0f).select(w.cast<double>() * delta.cast<double>().transpose(), 0.0);
    verifyWithin(inputGradient, exact,
                 roundingBound(outputs) * w.cast<double>().cwiseAbs() * delta.cast<double>().cwiseAbs().transpose(),
                 "(delta W^T)^T, masked");
}

void TestStepKernels::adamFromProductAgreesOnBothPaths()
{
    // The gradient's elements are summed over the batch in the same order on both paths and
    // the moments updated by the same operations: m and v the same bits. p -= lr m / (sqrt(v) +
    // eps) differs through the square root alone: exact here, Eigen's estimate of 1 / sqrt with
    // one Newton step on the AVX2 path (relative error below 2^-21), so the step differs by at
    // most 2^-20 of itself and the subtraction by one rounding of p. Several steps, odd shapes,
    // each step from the same parameters.
    if (!cpuHasAvx512())
        QSKIP("this CPU has no AVX-512: the AVX2 path alone runs");
    KernelsRestored restore;
    sme::Rng rng(5);
    const std::vector<std::array<int, 3>> shapes{{1, 1, 1}, {7, 33, 25}, {33, 7, 13}, {100, 13, 60}};
    for (const auto& [inputs, outputs, batch] : shapes) {
        std::vector<Eigen::MatrixXf> onAvx2{randomMatrix(inputs, outputs, rng)}, onAvx512 = onAvx2;
        sme::Adam<float> adamAvx512, adamAvx2;
        for (int step = 0; step < 3; ++step) {
            const Eigen::MatrixXf before = onAvx2[0];
            onAvx512[0] = before;
            const Eigen::MatrixXf xt = randomMatrix(inputs, batch, rng), delta = randomMatrix(batch, outputs, rng);
            adamAvx512.beginStep(onAvx512);
            adamAvx2.beginStep(onAvx2);
            sme::setAvx512Allowed(true);
            const float largestAvx512 = adamAvx512.updateWithProduct(0, onAvx512[0], xt, delta);
            sme::setAvx512Allowed(false);
            const float largestAvx2 = adamAvx2.updateWithProduct(0, onAvx2[0], xt, delta);
            const QString where = QString("%1 x %2, batch %3, step %4").arg(inputs).arg(outputs).arg(batch).arg(step);
            QVERIFY2(adamAvx512.state().firstMoments == adamAvx2.state().firstMoments, qPrintable(where));
            QVERIFY2(adamAvx512.state().secondMoments == adamAvx2.state().secondMoments, qPrintable(where));
            const Eigen::ArrayXXd moved = (onAvx2[0] - before).cast<double>().array().abs();
            const Eigen::ArrayXXd bound = std::ldexp(1.0, -20) * moved
                                          + std::ldexp(1.0, -23) * onAvx2[0].cast<double>().array().abs();
            const Eigen::ArrayXXd apart = (onAvx512[0] - onAvx2[0]).cast<double>().array().abs();
            QVERIFY2((apart <= bound).all(), qPrintable(where + QString(": apart by %1").arg(apart.maxCoeff())));
            QVERIFY(std::abs(largestAvx512 - largestAvx2) <= std::ldexp(1.0f, -23) * largestAvx2);
        }
    }
}

void TestStepKernels::networkPathsAgree()
{
    // A whole pass: embeddings and gradients of both paths next to the double-precision
    // network's. Each layer's float sums are within gamma(n) sum |a b| of exact (above); through
    // three layers and the normalisation, which divide by norms of order sqrt(width), a few
    // roundingBound(784) ~ 5e-5 relative: 1e-4 bounds both paths, 2e-4 their difference.
    if (!cpuHasAvx512())
        QSKIP("this CPU has no AVX-512: the AVX2 path alone runs");
    KernelsRestored restore;
    sme::Rng rng(9);
    const sme::NetworkShape shape{784, {33, 7}, 16};
    const sme::EmbeddingNetwork<float> network(shape, rng);
    const Eigen::MatrixXf inputs = randomMatrix(25, shape.input, rng);
    const Eigen::MatrixXf embeddingGradient = randomMatrix(25, shape.embedding, rng);

    sme::EmbeddingNetwork<double> exact = network.cast<double>();
    const Eigen::MatrixXd exactEmbeddings = exact.forward(inputs.cast<double>());
    exact.backward(embeddingGradient.cast<double>());

    for (const bool avx512 : {true, false}) {
        sme::setAvx512Allowed(avx512);
        sme::EmbeddingNetwork<float> path = network;
        const Eigen::MatrixXf embeddings = path.forward(inputs);
        const double embeddingError = (embeddings.cast<double>() - exactEmbeddings).cwiseAbs().maxCoeff();
        QVERIFY2(embeddingError <= 1e-4, qPrintable(QString("%1: embeddings off by %2")
                                                        .arg(sme::vectorKernelName()).arg(embeddingError)));
        path.backward(embeddingGradient);
        for (std::size_t i = 0; i < path.gradients().size(); ++i) {
            const Eigen::MatrixXd& want = exact.gradients()[i];
            const double error = (path.gradients()[i].cast<double>() - want).cwiseAbs().maxCoeff();
            QVERIFY2(error <= 1e-4 * std::max(1.0, want.cwiseAbs().maxCoeff()),
                     qPrintable(QString("%1: gradient %2 off by %3").arg(sme::vectorKernelName()).arg(i).arg(error)));
        }
    }
}

void TestStepKernels::trainingLearnsOnEachPath()
{
    // A short run of the trainer on synthetic data, on each path: the loss falls.
    KernelsRestored restore;
    const bool haveAvx512 = cpuHasAvx512();
    for (const bool avx512 : {false, true}) {
        if (avx512 && !haveAvx512)
            QSKIP("this CPU has no AVX-512: the AVX2 half ran");
        sme::setAvx512Allowed(avx512);
        sme::SyntheticSettings data;
        data.classes = 20;
        sme::TrainerSettings settings;
        settings.hidden = {33, 33};
        settings.embeddingDimension = 16;
        settings.batchClasses = 5;
        sme::Trainer trainer(sme::splitByClass(sme::syntheticNuisanceClusters(data), 0.5), settings);
        double first = 0.0, last = 0.0;
        const int steps = 300, window = 50;
        for (int step = 0; step < steps; ++step) {
            const sme::StepResult result = trainer.trainStep();
            QVERIFY(!result.diverged);
            if (step < window)
                first += result.loss / window;
            if (step >= steps - window)
                last += result.loss / window;
        }
        QVERIFY2(last < 0.8 * first, qPrintable(QString("%1: mean loss %2 at the start, %3 at the end")
                                                     .arg(sme::vectorKernelName()).arg(first).arg(last)));
    }
}

QTEST_APPLESS_MAIN(TestStepKernels)
#include "tst_stepkernels.moc"
