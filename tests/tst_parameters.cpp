// Tests of the explorer's parameters: JSON round trip, refusal of bad fields, the control panel.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/io/ParameterJson.h"
#include "model/figures/ParameterSchema.h"
#include "widgets/ControlPanel.h"

#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QtTest>

namespace {

// Every field away from its default, so a field that is not saved or not read shows.
sme::ExplorerParameters unusual()
{
    sme::ExplorerParameters p;
    p.dimension = 37;
    p.gradientNoise = 0.25;
    p.monteCarloPoints = 300;
    p.sampler = sme::SamplerKind::SemiHard;
    p.cutoff = 0.35;
    p.nonzeroLossCutoff = 1.25;
    p.loss = sme::LossKind::Contrastive;
    p.alpha = 0.45;
    p.beta0 = 0.9;
    p.learnClassBeta = false;
    p.learnImageBeta = true;
    p.nu = 0.05;
    p.dataset = "digits";
    p.syntheticNoise = 2.5;
    p.labelNoise = 0.15;
    p.batchClasses = 7;
    p.batchK = 3;
    p.hidden = {64, 32, 16};
    p.learningRate = 0.0025;
    p.seed = 424242;
    p.stepsPerSecond = 20.0;
    p.stopAfter = 1500;
    return p;
}

} // namespace

class ParametersTest : public QObject {
    Q_OBJECT
private slots:
    void jsonRoundTripKeepsEveryField();
    void badFieldsKeepTheirDefaultsAndAreNamed_data();
    void badFieldsKeepTheirDefaultsAndAreNamed();
    void jsonTextIsPinned();
    void everyBadFieldIsNamedInFieldOrder();
    void controlPanelShowsAndReturnsEveryField();
    void everyControlTakesTheSchemasRange();
    void dimensionSliderIsLogarithmic();
    void editingAControlEmitsOneChange();
};

void ParametersTest::jsonRoundTripKeepsEveryField()
{
    const sme::ExplorerParameters p = unusual();
    QStringList problems;
    QCOMPARE(parametersFromJson(parametersToJson(p), &problems), p);
    QVERIFY(problems.isEmpty());
    QCOMPARE(parametersFromJson(QJsonObject{}), sme::ExplorerParameters{}); // all defaults
}

void ParametersTest::badFieldsKeepTheirDefaultsAndAreNamed_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("n too small") << "dimension" << QJsonValue(1);
    QTest::newRow("n too large") << "dimension" << QJsonValue(5000);
    QTest::newRow("n as text") << "dimension" << QJsonValue("128");
    QTest::newRow("negative sigma") << "gradient_noise" << QJsonValue(-1);
    QTest::newRow("unknown sampler") << "sampler" << QJsonValue("hardest");
    QTest::newRow("unknown loss") << "loss" << QJsonValue("hinge");
    QTest::newRow("alpha too large") << "alpha" << QJsonValue(7);
    QTest::newRow("flag as number") << "learn_class_beta" << QJsonValue(1);
    QTest::newRow("empty dataset") << "dataset" << QJsonValue("");
    QTest::newRow("zero width") << "hidden" << QJsonValue(QJsonArray{256, 0});
    QTest::newRow("fractional width") << "hidden" << QJsonValue(QJsonArray{12, 2.38});
    QTest::newRow("hidden not a list") << "hidden" << QJsonValue(256);
    QTest::newRow("zero learning rate") << "learning_rate" << QJsonValue(0);
    QTest::newRow("seed as number") << "seed" << QJsonValue(5);
    QTest::newRow("negative stop") << "stop_after" << QJsonValue(-5);
}

void ParametersTest::badFieldsKeepTheirDefaultsAndAreNamed()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    QJsonObject json = parametersToJson(unusual());
    json[key] = value;
    QStringList problems;
    const sme::ExplorerParameters read = parametersFromJson(json, &problems);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().contains(key), qPrintable(problems.first()));
    // That field took its default; every other field kept its value.
    QJsonObject expected = parametersToJson(unusual());
    expected[key] = parametersToJson(sme::ExplorerParameters{})[key];
    QCOMPARE(parametersToJson(read), expected);
}

void ParametersTest::jsonTextIsPinned()
{
    // Sessions and remembered settings written before stay readable, and new ones read the same.
    QCOMPARE(QJsonDocument(parametersToJson(unusual())).toJson(QJsonDocument::Compact),
             QByteArray(R"({"alpha":0.45,"batch_classes":7,"batch_k":3,"beta0":0.9,"cutoff":0.35,)"
                        R"("dataset":"digits","dimension":37,"gradient_noise":0.25,"hidden":[64,32,16],"label_noise":0.15,)"
                        R"("learn_class_beta":false,"learn_image_beta":true,"learning_rate":0.0025,)"
                        R"("loss":"contrastive","monte_carlo_points":300,"nonzero_loss_cutoff":1.25,"nu":0.05,)"
                        R"("sampler":"semi-hard","seed":"424242","steps_per_second":20,"stop_after":1500,)"
                        R"("synthetic_noise":2.5})"));
}

void ParametersTest::everyBadFieldIsNamedInFieldOrder()
{
    // Every field of the wrong kind: one message each, in the order of ExplorerParameters.
    QJsonObject json;
    for (const QString& key : parametersToJson(sme::ExplorerParameters{}).keys())
        json[key] = QJsonValue(QJsonArray{});
    json[QStringLiteral("hidden")] = QJsonValue(QJsonArray{1, 2, 3, 4, 5, 6, 7, 8, 9});
    QStringList problems;
    QCOMPARE(parametersFromJson(json, &problems), sme::ExplorerParameters{});
    const QStringList expected{
        "dimension must be a number from 2 to 4096",
        "gradient_noise must be a number from 0 to 10",
        "monte_carlo_points must be a number from 0 to 5000",
        "sampler: unknown name",
        "cutoff must be a number from 0 to 1.99",
        "nonzero_loss_cutoff must be a number from 0.05 to 2",
        "loss: unknown name",
        "alpha must be a number from 0 to 2",
        "beta0 must be a number from 0 to 2",
        "learn_class_beta must be true or false",
        "learn_image_beta must be true or false",
        "nu must be a number from -1 to 1",
        "dataset must be synthetic, digits or a file path",
        "synthetic_noise must be a number from 0 to 10",
        "label_noise must be a number from 0 to 0.9",
        "batch_classes must be a number from 2 to 100",
        "batch_k must be a number from 1 to 50",
        "hidden must be a list of up to 8 whole widths from 1 to 4096",
        "learning_rate must be a number from 1e-06 to 10000",
        "seed must be a whole number from 0 to 1000000, as text",
        "steps_per_second must be a number from 0 to 1e+06",
        "stop_after must be a number from 0 to 1e+07",
    };
    QCOMPARE(problems, expected);
    // The same ranges judge parameters that never were JSON.
    sme::ExplorerParameters outside;
    outside.alpha = 2.5;
    outside.seed = 1'000'001;
    QCOMPARE(parameterProblems(outside),
             (QStringList{"alpha must be a number from 0 to 2",
                          "seed must be a whole number from 0 to 1000000, as text"}));
}

void ParametersTest::controlPanelShowsAndReturnsEveryField()
{
    ControlPanel panel;
    QCOMPARE(panel.parameters(), sme::ExplorerParameters{});
    sme::ExplorerParameters p = unusual();
    QSignalSpy changed(&panel, &ControlPanel::parametersChanged);
    panel.setParameters(p);
    QCOMPARE(changed.count(), 0); // showing is not changing
    QCOMPARE(panel.parameters(), p);
    p.hidden.clear();
    panel.setParameters(p);
    QCOMPARE(panel.parameters().hidden, std::vector<int>{});
}

void ParametersTest::everyControlTakesTheSchemasRange()
{
    // A control that took more than a session may hold would save what cannot be opened again.
    ControlPanel panel;
    for (const sme::ParameterField& field : sme::parameterSchema()) {
        const QString key = QLatin1String(field.key);
        switch (field.type()) {
        case sme::ParameterType::Integer:
        case sme::ParameterType::Seed:
        case sme::ParameterType::Count: {
            const auto* box = panel.findChild<QSpinBox*>(key);
            QVERIFY2(box, qPrintable(key));
            QCOMPARE(box->minimum(), field.minimum);
            QCOMPARE(box->maximum(), field.maximum);
            break;
        }
        case sme::ParameterType::Real: {
            if (field.member == sme::ParameterMember(&sme::ExplorerParameters::stepsPerSecond))
                continue; // a choice of a few speeds, not a range
            const auto* box = panel.findChild<QDoubleSpinBox*>(key);
            QVERIFY2(box, qPrintable(key));
            QCOMPARE(box->minimum(), field.minimum); // also: the box's decimals can show its ends
            QCOMPARE(box->maximum(), field.maximum);
            break;
        }
        case sme::ParameterType::WidthList: {
            const auto* line = panel.findChild<QLineEdit*>(key);
            QVERIFY2(line, qPrintable(key));
            const auto* validator = qobject_cast<const QRegularExpressionValidator*>(line->validator());
            QVERIFY(validator);
            QCOMPARE(validator->regularExpression().pattern(),
                     QStringLiteral("^(none|\\d{1,4}(,\\d{1,4}){0,7})$"));
            break;
        }
        case sme::ParameterType::Flag:
        case sme::ParameterType::Sampler:
        case sme::ParameterType::Loss:
        case sme::ParameterType::TextPath:
            break; // choices, not ranges
        }
    }
}

void ParametersTest::dimensionSliderIsLogarithmic()
{
    QCOMPARE(ControlPanel::dimensionForSlider(0), 2);
    QCOMPARE(ControlPanel::dimensionForSlider(1000), 4096);
    for (int n : {2, 3, 8, 128, 1000, 4096})
        QVERIFY(std::abs(ControlPanel::dimensionForSlider(ControlPanel::sliderForDimension(n)) - n)
                <= std::max(1, n / 100)); // one slider step is a factor 2^(11/1000) ~ 0.8%
}

void ParametersTest::editingAControlEmitsOneChange()
{
    ControlPanel panel;
    QSignalSpy changed(&panel, &ControlPanel::parametersChanged);
    panel.dimensionBox()->setValue(64);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.first().first().value<sme::ExplorerParameters>().dimension, 64);
    QCOMPARE(panel.dimensionSlider()->value(), ControlPanel::sliderForDimension(64));
}

QTEST_MAIN(ParametersTest)
#include "tst_parameters.moc"
