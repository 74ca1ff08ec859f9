// Tests of the 2-D map of embeddings: the plane, the view of the sphere, and PCA.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/Error.h"
#include "model/metrics/Projection.h"
#include "model/base/Random.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>

namespace {

// Pairwise distances between the rows of points.
Eigen::MatrixXd pairwiseDistances(const Eigen::MatrixXd& points)
{
    Eigen::MatrixXd distances(points.rows(), points.rows());
    for (Eigen::Index i = 0; i < points.rows(); ++i)
        distances.col(i) = (points.rowwise() - points.row(i)).rowwise().norm();
    return distances;
}

// n x 2 with orthonormal columns: an isometric embedding of the plane into R^n.
Eigen::MatrixXd orthonormalPair(Eigen::Index n, sme::Rng& rng)
{
    Eigen::MatrixXd g(n, 2);
    sme::fillStandardNormal(g, rng);
    return Eigen::HouseholderQR<Eigen::MatrixXd>(g).householderQ() * Eigen::MatrixXd::Identity(n, 2);
}

// rows x n with a decaying spectrum: column scales 1, 0.8, 0.8^2, ... in a random basis.
Eigen::MatrixXd decayingSpectrum(Eigen::Index rows, Eigen::Index n, sme::Rng& rng)
{
    Eigen::MatrixXd g(rows, n);
    sme::fillStandardNormal(g, rng);
    Eigen::VectorXd scales(n);
    for (Eigen::Index j = 0; j < n; ++j)
        scales(j) = std::pow(0.8, double(j));
    Eigen::MatrixXd rotation(n, n);
    sme::fillStandardNormal(rotation, rng);
    const Eigen::MatrixXd q = Eigen::HouseholderQR<Eigen::MatrixXd>(rotation).householderQ();
    return g * scales.asDiagonal() * q.transpose();
}

} // namespace

class ProjectionTest : public QObject {
    Q_OBJECT
private slots:
    void twoDimensionsAreThePointsThemselves();
    void threeDimensionsLookAlongTheDiagonal();
    void pcaRecoversAPlantedPlane_data();
    void pcaRecoversAPlantedPlane();
    void pcaMatchesTheDenseEigensolver_data();
    void pcaMatchesTheDenseEigensolver();
    void pcaSignSurvivesRowPermutation();
    void pcaKeepsThePreviousMapsSigns();
    void dataWithoutVarianceMapsToTheOrigin();
    void badInputIsRefused();
};

void ProjectionTest::twoDimensionsAreThePointsThemselves()
{
    Eigen::MatrixXd x(4, 2);
    x << 1, 0, 0, 1, -0.6, 0.8, 0.3, -0.2;
    const sme::MapProjection map = sme::projectForMap(x);
    QVERIFY(map.points == x); // bit for bit
    QCOMPARE(map.explainedVariance, 1.0);
    QCOMPARE(map.method, std::string("points on the circle (n = 2)"));
}

void ProjectionTest::threeDimensionsLookAlongTheDiagonal()
{
    Eigen::MatrixXd x(5, 3);
    x.row(0) = Eigen::RowVector3d(1, 1, 1) / std::sqrt(3.0);    // the view direction
    x.row(1) = Eigen::RowVector3d(1, -1, 0) / std::sqrt(2.0);   // in the view plane
    x.row(2) = Eigen::RowVector3d(1, 1, -2) / std::sqrt(6.0);   // in the view plane
    x.row(3) = Eigen::RowVector3d(2, -3, 1);                    // in the plane (sum 0)
    x.row(4) = Eigen::RowVector3d(0, 0, 1);
    const sme::MapProjection map = sme::projectForMap(x);
    QCOMPARE(map.points.rows(), Eigen::Index(5));
    QCOMPARE(map.points.cols(), Eigen::Index(2));
    // Rounding of sums of a few terms of order 1: a few machine epsilons.
    const double tolerance = 8 * std::numeric_limits<double>::epsilon();
    QVERIFY(map.points.row(0).norm() < tolerance);
    for (int i : {1, 2, 3})
        QVERIFY(std::abs(map.points.row(i).norm() - x.row(i).norm()) < tolerance * x.row(i).norm());
    // In-plane vectors keep their angles too (an isometry of the plane), not mirrored:
    // e1 = (1,-1,0)/sqrt2 maps to (1, 0), e2 to (0, 1).
    QVERIFY((map.points.row(1) - Eigen::RowVector2d(1, 0)).norm() < tolerance);
    QVERIFY((map.points.row(2) - Eigen::RowVector2d(0, 1)).norm() < tolerance);
    // (0,0,1): its component along the view direction, 1/sqrt3, is dropped.
    QVERIFY(std::abs(map.points.row(4).squaredNorm() - (1.0 - 1.0 / 3.0)) < tolerance);
    QCOMPARE(map.method, std::string("sphere seen along (1,1,1) (n = 3)"));
    QVERIFY(map.explainedVariance > 0.0 && map.explainedVariance < 1.0);
}

void ProjectionTest::pcaRecoversAPlantedPlane_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("secondScale"); // latent spread along its second axis
    QTest::newRow("n = 4") << 4 << 0.5;
    QTest::newRow("n = 16") << 16 << 0.5;
    QTest::newRow("n = 128") << 128 << 0.5;
    QTest::newRow("n = 600 (past the Krylov basis cap)") << 600 << 0.5;
    QTest::newRow("circle, repeated eigenvalue, n = 64") << 64 << 1.0;
}

void ProjectionTest::pcaRecoversAPlantedPlane()
{
    QFETCH(int, n);
    QFETCH(double, secondScale);
    sme::Rng rng(7);
    const Eigen::Index rows = 200;
    Eigen::MatrixXd latent(rows, 2);
    for (Eigen::Index i = 0; i < rows; ++i) {
        const double angle = 2.0 * std::numbers::pi * double(i) / double(rows);
        latent.row(i) << std::cos(angle), secondScale * std::sin(angle);
    }
    const double sigma = 1e-7;
    Eigen::MatrixXd noise(rows, n);
    sme::fillStandardNormal(noise, rng);
    const Eigen::MatrixXd x = latent * orthonormalPair(n, rng).transpose() + sigma * noise;

    const sme::MapProjection map = sme::projectForMap(x);
    // The map is an isometry of the latent plane (up to rotation and reflection): distances
    // agree up to the noise that falls into the plane, about sigma * sqrt(2) per distance;
    // 50 sigma leaves room for the largest of 200^2 distances.
    const double error = (pairwiseDistances(map.points) - pairwiseDistances(latent)).cwiseAbs().maxCoeff();
    QVERIFY2(error < 50 * sigma, qPrintable(QString::number(error)));
    // What the plane leaves out is the noise: n sigma^2 against a variance of order 0.5.
    QVERIFY2(map.explainedVariance > 1.0 - 1e-10 * n,
             qPrintable(QString::number(1.0 - map.explainedVariance)));
    QVERIFY(QString::fromStdString(map.method).startsWith("PCA, 100% of variance"));
}

void ProjectionTest::pcaMatchesTheDenseEigensolver_data()
{
    QTest::addColumn<int>("n");
    QTest::newRow("n = 4") << 4;
    QTest::newRow("n = 40") << 40;
    QTest::newRow("n = 300") << 300;
}

void ProjectionTest::pcaMatchesTheDenseEigensolver()
{
    // The Krylov iteration against the full eigendecomposition of the covariance.
    QFETCH(int, n);
    sme::Rng rng(11);
    const Eigen::MatrixXd x = decayingSpectrum(500, n, rng);
    const Eigen::MatrixXd centred = x.rowwise() - x.colwise().mean();
    const Eigen::MatrixXd covariance = centred.transpose() * centred / double(x.rows());
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> dense(covariance);
    Eigen::MatrixXd vectors = dense.eigenvectors().rightCols<2>().rowwise().reverse();
    for (int k = 0; k < 2; ++k) {
        Eigen::Index largest = 0;
        vectors.col(k).cwiseAbs().maxCoeff(&largest);
        if (vectors(largest, k) < 0.0)
            vectors.col(k) *= -1.0;
    }
    const Eigen::MatrixXd expected = centred * vectors;
    const double expectedShare = dense.eigenvalues().tail<2>().sum() / covariance.trace();

    const sme::MapProjection map = sme::projectForMap(x);
    // Residuals below 1e-9 * lambda_1 and an eigengap of about 20%: vectors (and points of
    // size ~1) agree to about 1e-9 / 0.2; 1e-7 leaves a margin for the sampled spectrum.
    const double error = (map.points - expected).cwiseAbs().maxCoeff();
    QVERIFY2(error < 1e-7, qPrintable(QString::number(error)));
    QVERIFY(std::abs(map.explainedVariance - expectedShare) < 1e-12);
}

void ProjectionTest::pcaSignSurvivesRowPermutation()
{
    sme::Rng rng(5);
    const Eigen::MatrixXd x = decayingSpectrum(300, 32, rng);
    std::vector<int> order(300);
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    Eigen::MatrixXd permuted(x.rows(), x.cols());
    for (int i = 0; i < 300; ++i)
        permuted.row(i) = x.row(order[std::size_t(i)]);

    const Eigen::MatrixXd points = sme::projectForMap(x).points;
    const Eigen::MatrixXd permutedPoints = sme::projectForMap(permuted).points;
    // The covariance differs only by the rounding of its sums: the same points, same signs.
    for (int i = 0; i < 300; ++i)
        QVERIFY((permutedPoints.row(i) - points.row(order[std::size_t(i)])).cwiseAbs().maxCoeff() < 1e-9);
}

void ProjectionTest::pcaKeepsThePreviousMapsSigns()
{
    // Two nearly equal data sets whose leading direction (cos t, -sin t, 0, 0) crosses the
    // diagonal, t = 45 deg -/+ 0.5 deg: its largest component moves from the first to the
    // second coordinate, so the largest-component rule alone mirrors the map between them.
    sme::Rng rng(11);
    Eigen::MatrixXd coefficients(400, 2);
    sme::fillStandardNormal(coefficients, rng);
    coefficients.col(0) *= 3.0; // variance 9 along u, 1 along v: PC1 = u, PC2 = v, well apart
    const auto data = [&](double degrees) {
        const double t = degrees * std::numbers::pi / 180.0;
        Eigen::MatrixXd basis = Eigen::MatrixXd::Zero(4, 2);
        basis.col(0) << std::cos(t), -std::sin(t), 0.0, 0.0;
        basis.col(1) << 0.0, 0.0, 1.0, 0.0;
        return Eigen::MatrixXd(coefficients * basis.transpose());
    };
    const sme::MapProjection before = sme::projectForMap(data(44.5));
    QCOMPARE(before.directions.rows(), 4);
    QCOMPARE(before.directions.cols(), 2);
    const sme::MapProjection unaligned = sme::projectForMap(data(45.5));
    QVERIFY(unaligned.directions.col(0).dot(before.directions.col(0)) < -0.99); // the mirroring

    // Aligned with the previous map: the same sign, cos(1 deg) = 0.99985 of agreement.
    const sme::MapProjection after = sme::projectForMap(data(45.5), before.directions);
    QVERIFY(after.directions.col(0).dot(before.directions.col(0)) > 0.9998);
    QVERIFY(after.directions.col(1).dot(before.directions.col(1)) > 0.9998);
    QVERIFY((after.points.col(0) + unaligned.points.col(0)).cwiseAbs().maxCoeff() < 1e-9);

    // The previous map decides the sign even against the rule: the mirror image of itself.
    const sme::MapProjection mirrored = sme::projectForMap(data(44.5), -before.directions);
    QVERIFY((mirrored.points + before.points).cwiseAbs().maxCoeff() < 1e-9);
    // A previous map of another dimension says nothing: the rule applies.
    const sme::MapProjection other = sme::projectForMap(data(44.5), Eigen::MatrixXd::Ones(3, 2));
    QVERIFY((other.points - before.points).cwiseAbs().maxCoeff() < 1e-12);
    // The fixed maps of n = 2 and 3 have no directions to keep.
    QCOMPARE(sme::projectForMap(Eigen::MatrixXd::Ones(5, 2)).directions.size(), 0);
    QCOMPARE(sme::projectForMap(Eigen::MatrixXd::Ones(5, 3)).directions.size(), 0);
}

void ProjectionTest::dataWithoutVarianceMapsToTheOrigin()
{
    for (int rows : {1, 3}) {
        const Eigen::MatrixXd x = Eigen::MatrixXd::Constant(rows, 6, 0.25);
        const sme::MapProjection map = sme::projectForMap(x);
        QCOMPARE(map.points.rows(), Eigen::Index(rows));
        QVERIFY(map.points.isZero(0.0));
        QCOMPARE(map.explainedVariance, 1.0);
    }
}

void ProjectionTest::badInputIsRefused()
{
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::projectForMap(Eigen::MatrixXd(0, 8)));
    QVERIFY_THROWS_EXCEPTION(sme::Error, sme::projectForMap(Eigen::MatrixXd::Ones(5, 1)));
    for (double bad : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()})
        for (int n : {2, 3, 8}) {
            Eigen::MatrixXd x = Eigen::MatrixXd::Ones(4, n);
            x(2, 1) = bad;
            QVERIFY_THROWS_EXCEPTION(sme::Error, sme::projectForMap(x));
        }
}

QTEST_APPLESS_MAIN(ProjectionTest)
#include "tst_projection.moc"
