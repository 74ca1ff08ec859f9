// Tests of the parameter schema: one row per field, the change policy the explorer applies when a
// parameter changes (pinned to the window's policy before the schema), and trainerSettingsFor.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/figures/ParameterSchema.h"

#include <QtTest>
#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

using sme::ExplorerParameters;
using sme::LiveSetting;
using sme::ModelReset;
using sme::ParameterChange;
using sme::ParameterField;

namespace {

// Another value of the field, within its range.
void changeField(const ParameterField& field, ExplorerParameters& p)
{
    std::visit([&](auto member) {
        auto& value = p.*member;
        using T = std::remove_reference_t<decltype(value)>;
        if constexpr (std::is_same_v<T, bool>)
            value = !value;
        else if constexpr (std::is_same_v<T, sme::SamplerKind> || std::is_same_v<T, sme::LossKind>)
            value = T(int(value) == 0 ? 1 : 0);
        else if constexpr (std::is_same_v<T, std::string>)
            value = value == "digits" ? "synthetic" : "digits";
        else if constexpr (std::is_same_v<T, std::vector<int>>)
            value.size() < std::size_t(field.maximumLength) ? value.push_back(int(field.minimum)) : value.pop_back();
        else if constexpr (std::is_same_v<T, double>)
            value += value + 0.125 <= field.maximum ? 0.125 : -0.125;
        else
            value = value + 1 <= field.maximum ? value + 1 : value - 1;
    }, field.member);
}

ExplorerParameters changed(ExplorerParameters p, const ParameterField& field)
{
    changeField(field, p);
    return p;
}

const ParameterField& row(const char* key)
{
    const auto schema = sme::parameterSchema();
    const auto found = std::ranges::find(schema, std::string_view(key),
                                         [](const ParameterField& f) { return std::string_view(f.key); });
    if (found == schema.end())
        qFatal("no row %s", key);
    return *found;
}

QString describe(const ParameterChange& change)
{
    QStringList live;
    for (LiveSetting setting : change.live)
        live << QString::number(int(setting));
    return QStringLiteral("reset %1, idealised %2, live {%3}")
        .arg(int(change.reset)).arg(change.recomputeIdealised).arg(live.join(QLatin1Char(',')));
}

// The window's policy before the schema (MainWindow.cpp at 3f571f5: modelChange,
// idealisedChanged and the live forwarding of onParametersChanged), written out again.
ParameterChange policyBeforeTheSchema(const ExplorerParameters& a, const ExplorerParameters& b)
{
    ParameterChange change;
    if (std::min(a.dimension, sme::largestModelDimension) != std::min(b.dimension, sme::largestModelDimension))
        change.reset = ModelReset::Dimension;
    else if (a.dataset != b.dataset || a.syntheticNoise != b.syntheticNoise || a.labelNoise != b.labelNoise)
        change.reset = ModelReset::DataSet;
    else if (a.hidden != b.hidden)
        change.reset = ModelReset::HiddenLayers;
    else if (a.seed != b.seed)
        change.reset = ModelReset::Seed;
    else if (a.batchClasses != b.batchClasses || a.batchK != b.batchK)
        change.reset = ModelReset::BatchShape;
    else if (a.learnClassBeta != b.learnClassBeta || a.learnImageBeta != b.learnImageBeta)
        change.reset = ModelReset::LearnedBeta;
    else if (a.cutoff != b.cutoff || a.nonzeroLossCutoff != b.nonzeroLossCutoff)
        change.reset = ModelReset::SamplingCutoffs;
    if (!change.resetsModel()) {
        if (b.learningRate != a.learningRate)
            change.live.push_back(LiveSetting::LearningRate);
        if (b.sampler != a.sampler)
            change.live.push_back(LiveSetting::Sampler);
        if (b.loss != a.loss)
            change.live.insert(change.live.end(), {LiveSetting::Loss, LiveSetting::Alpha});
        else if (b.alpha != a.alpha)
            change.live.push_back(LiveSetting::Alpha);
        if (b.beta0 != a.beta0)
            change.live.push_back(LiveSetting::Beta0);
        if (b.nu != a.nu)
            change.live.push_back(LiveSetting::Nu);
    }
    if (b.stepsPerSecond != a.stepsPerSecond)
        change.live.push_back(LiveSetting::StepsPerSecond);
    if (b.stopAfter != a.stopAfter)
        change.live.push_back(LiveSetting::StopAfter);
    change.recomputeIdealised = a.dimension != b.dimension || a.gradientNoise != b.gradientNoise
                                || a.monteCarloPoints != b.monteCarloPoints || a.cutoff != b.cutoff
                                || a.nonzeroLossCutoff != b.nonzeroLossCutoff || a.alpha != b.alpha
                                || a.beta0 != b.beta0 || a.batchClasses != b.batchClasses || a.batchK != b.batchK
                                || a.seed != b.seed;
    return change;
}

// Every setting of the trainer, to see whether two differ.
auto settingsTied(const sme::TrainerSettings& s)
{
    return std::tie(s.hidden, s.embeddingDimension, s.sampler, s.loss, s.alpha, s.beta0, s.nu, s.learnBeta0,
                    s.learnClassBeta, s.learnImageBeta, s.betaLearningRate, s.betaMomentum, s.learningRate,
                    s.batchClasses, s.batchK, s.cutoff, s.nonzeroLossCutoff, s.seed);
}

// What changing one field alone asks, as the window did it before the schema.
struct Effect {
    const char* key;
    ModelReset reset;
    bool recomputeIdealised;
    std::vector<LiveSetting> live;
};

const Effect effectOfEachField[] = {
    {"dimension", ModelReset::Dimension, true, {}},
    {"gradient_noise", ModelReset::None, true, {}},
    {"monte_carlo_points", ModelReset::None, true, {}},
    {"sampler", ModelReset::None, false, {LiveSetting::Sampler}},
    {"cutoff", ModelReset::SamplingCutoffs, true, {}},
    {"nonzero_loss_cutoff", ModelReset::SamplingCutoffs, true, {}},
    {"loss", ModelReset::None, false, {LiveSetting::Loss, LiveSetting::Alpha}},
    {"alpha", ModelReset::None, true, {LiveSetting::Alpha}},
    {"beta0", ModelReset::None, true, {LiveSetting::Beta0}},
    {"learn_class_beta", ModelReset::LearnedBeta, false, {}},
    {"learn_image_beta", ModelReset::LearnedBeta, false, {}},
    {"nu", ModelReset::None, false, {LiveSetting::Nu}},
    {"dataset", ModelReset::DataSet, false, {}},
    {"synthetic_noise", ModelReset::DataSet, false, {}},
    {"label_noise", ModelReset::DataSet, false, {}},
    {"batch_classes", ModelReset::BatchShape, true, {}},
    {"batch_k", ModelReset::BatchShape, true, {}},
    {"hidden", ModelReset::HiddenLayers, false, {}},
    {"learning_rate", ModelReset::None, false, {LiveSetting::LearningRate}},
    {"seed", ModelReset::Seed, true, {}},
    {"steps_per_second", ModelReset::None, false, {LiveSetting::StepsPerSecond}},
    {"stop_after", ModelReset::None, false, {LiveSetting::StopAfter}},
};

} // namespace

class ParameterSchemaTest : public QObject {
    Q_OBJECT
private slots:
    void everyFieldHasItsOwnRow();
    void defaultsLieInTheirRanges();
    void changeOfOneFieldAsksWhatItAlwaysDid_data();
    void changeOfOneFieldAsksWhatItAlwaysDid();
    void everyFieldHasAnExpectedEffect();
    void dimensionResetsTheModelOnlyUpToItsLargest();
    void firstReasonInPrecedenceIsGiven();
    void newModelTakesTheTrainersSettingsItself();
    void liveSettingsComeInTheirOrder();
    void anyChangeAsksWhatTheWindowAskedBefore();
    void trainerSettingsFollowEveryModelField();
    void figureCommandKeepsItsOptionNames();
};

void ParameterSchemaTest::everyFieldHasItsOwnRow()
{
    // The count is checked when the schema compiles; here: no field twice, no key twice.
    const auto schema = sme::parameterSchema();
    QCOMPARE(schema.size(), sme::aggregateFieldCount<ExplorerParameters>());
    std::set<std::string_view> keys;
    for (const ParameterField& field : schema) {
        QVERIFY2(keys.insert(field.key).second, field.key);
        QCOMPARE(&sme::parameterField(field.member), &field);
        // Changing the field shows in it alone.
        const ExplorerParameters other = changed(ExplorerParameters{}, field);
        for (const ParameterField& each : schema)
            QVERIFY2(each.differs(ExplorerParameters{}, other) == (&each == &field), each.key);
    }
}

void ParameterSchemaTest::defaultsLieInTheirRanges()
{
    const ExplorerParameters defaults;
    for (const ParameterField& field : sme::parameterSchema()) {
        std::visit([&](auto member) {
            const auto& value = defaults.*member;
            using T = std::remove_cvref_t<decltype(value)>;
            if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
                QVERIFY2(field.minimum < field.maximum, field.key);
                QVERIFY2(double(value) >= field.minimum && double(value) <= field.maximum, field.key);
            } else if constexpr (std::is_same_v<T, std::vector<int>>) {
                QVERIFY(int(value.size()) <= field.maximumLength);
                for (int width : value)
                    QVERIFY(width >= field.minimum && width <= field.maximum);
            }
        }, field.member);
    }
}

void ParameterSchemaTest::changeOfOneFieldAsksWhatItAlwaysDid_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < int(std::size(effectOfEachField)); ++i)
        QTest::newRow(effectOfEachField[i].key) << i;
}

void ParameterSchemaTest::changeOfOneFieldAsksWhatItAlwaysDid()
{
    QFETCH(int, index);
    const Effect& effect = effectOfEachField[index];
    const ExplorerParameters before;
    const ParameterChange change = sme::changeBetween(before, changed(before, row(effect.key)));
    const ParameterChange expected{effect.reset, effect.recomputeIdealised, effect.live};
    QVERIFY2(change == expected, qPrintable(describe(change) + " instead of " + describe(expected)));
    QVERIFY(sme::changeBetween(before, before) == ParameterChange{});
}

void ParameterSchemaTest::everyFieldHasAnExpectedEffect()
{
    QCOMPARE(std::size(effectOfEachField), sme::parameterSchema().size());
    for (const ParameterField& field : sme::parameterSchema()) {
        const auto named = [&](const Effect& effect) { return effect.key == std::string_view(field.key); };
        QVERIFY2(std::ranges::any_of(effectOfEachField, named), field.key);
    }
}

void ParameterSchemaTest::dimensionResetsTheModelOnlyUpToItsLargest()
{
    // The model trains at min(n, 1024); the views use n itself.
    const std::tuple<int, int, ModelReset> cases[] = {
        {2000, 3000, ModelReset::None},      {1024, 4096, ModelReset::None},
        {1023, 1024, ModelReset::Dimension}, {512, 2000, ModelReset::Dimension},
        {4096, 2, ModelReset::Dimension},
    };
    for (const auto& [from, to, reset] : cases) {
        ExplorerParameters before, after;
        before.dimension = from;
        after.dimension = to;
        const ParameterChange change = sme::changeBetween(before, after);
        QVERIFY2(change.reset == reset, qPrintable(QStringLiteral("n %1 -> %2").arg(from).arg(to)));
        QVERIFY(change.recomputeIdealised);
    }
}

void ParameterSchemaTest::firstReasonInPrecedenceIsGiven()
{
    // Written out, not read from the enum's order: the order the window's messages always had.
    const std::vector<std::pair<const char*, ModelReset>> precedence{
        {"dimension", ModelReset::Dimension},        {"dataset", ModelReset::DataSet},
        {"synthetic_noise", ModelReset::DataSet},    {"hidden", ModelReset::HiddenLayers},
        {"seed", ModelReset::Seed},                  {"batch_classes", ModelReset::BatchShape},
        {"batch_k", ModelReset::BatchShape},         {"learn_class_beta", ModelReset::LearnedBeta},
        {"learn_image_beta", ModelReset::LearnedBeta}, {"cutoff", ModelReset::SamplingCutoffs},
        {"nonzero_loss_cutoff", ModelReset::SamplingCutoffs},
    };
    for (std::size_t first = 0; first < precedence.size(); ++first)
        for (std::size_t second = first + 1; second < precedence.size(); ++second) {
            const ExplorerParameters before;
            const ExplorerParameters after = changed(changed(before, row(precedence[second].first)),
                                                     row(precedence[first].first));
            QVERIFY2(sme::changeBetween(before, after).reset == precedence[first].second,
                     qPrintable(QStringLiteral("%1 with %2").arg(precedence[first].first, precedence[second].first)));
            QVERIFY(sme::changeBetween(after, before).reset == precedence[first].second);
        }
}

void ParameterSchemaTest::newModelTakesTheTrainersSettingsItself()
{
    // A new model starts from trainerSettingsFor; only the pace goes to the thread.
    ExplorerParameters before, after;
    after.seed = 7;
    after.learningRate = 0.01;
    after.loss = sme::LossKind::Triplet;
    after.nu = 0.1;
    after.stepsPerSecond = 5;
    after.stopAfter = 100;
    const ParameterChange change = sme::changeBetween(before, after);
    QVERIFY(change.reset == ModelReset::Seed);
    QVERIFY(change.live == (std::vector{LiveSetting::StepsPerSecond, LiveSetting::StopAfter}));
}

void ParameterSchemaTest::liveSettingsComeInTheirOrder()
{
    // The loss before alpha: a new loss takes its default alpha, which the parameters' alpha replaces.
    const ExplorerParameters before;
    ExplorerParameters after;
    for (const ParameterField& field : sme::parameterSchema())
        if (field.live)
            changeField(field, after);
    const std::vector<LiveSetting> all{LiveSetting::LearningRate, LiveSetting::Sampler, LiveSetting::Loss,
                                       LiveSetting::Alpha, LiveSetting::Beta0, LiveSetting::Nu,
                                       LiveSetting::StepsPerSecond, LiveSetting::StopAfter};
    QVERIFY(sme::changeBetween(before, after).live == all);
}

void ParameterSchemaTest::anyChangeAsksWhatTheWindowAskedBefore()
{
    // Random sets of changed fields, from and to both sides of the largest model dimension.
    const auto schema = sme::parameterSchema();
    std::mt19937 random(12);
    for (int trial = 0; trial < 20000; ++trial) {
        ExplorerParameters before, after;
        before.dimension = std::array{128, 1024, 2000}[random() % 3];
        after.dimension = before.dimension;
        for (const ParameterField& field : schema)
            if (random() % 4 == 0)
                changeField(field, after);
        if (random() % 4 == 0)
            after.dimension = std::array{128, 1024, 3000}[random() % 3];
        const ParameterChange change = sme::changeBetween(before, after);
        const ParameterChange expected = policyBeforeTheSchema(before, after);
        QVERIFY2(change == expected, qPrintable(describe(change) + " instead of " + describe(expected)));
    }
}

void ParameterSchemaTest::trainerSettingsFollowEveryModelField()
{
    // A field the model is rebuilt for or takes live is in its settings (the data set is given
    // apart); any other field is not, or a change of it would go unseen by the running model.
    const sme::TrainerSettings defaults = sme::trainerSettingsFor(ExplorerParameters{});
    for (const ParameterField& field : sme::parameterSchema()) {
        const bool modelField = (field.resets != ModelReset::None && field.resets != ModelReset::DataSet)
                                || (field.live && sme::isTrainerSetting(*field.live));
        const sme::TrainerSettings settings = sme::trainerSettingsFor(changed(ExplorerParameters{}, field));
        QVERIFY2((settingsTied(settings) != settingsTied(defaults)) == modelField, field.key);
    }
}

void ParameterSchemaTest::figureCommandKeepsItsOptionNames()
{
    const std::map<std::string_view, std::string_view> expected{
        {"dimension", "dim"},     {"gradient_noise", "noise"},  {"monte_carlo_points", "samples"},
        {"alpha", "alpha"},       {"beta0", "beta"},            {"cutoff", "lambda"},
        {"nonzero_loss_cutoff", "nonzero-loss-cutoff"},         {"dataset", "dataset"},
        {"synthetic_noise", "data-noise"},                      {"sampler", "sampler"},
        {"label_noise", "label-noise"},
        {"loss", "loss"},         {"learning_rate", "lr"},      {"seed", "seed"},
    };
    std::map<std::string_view, std::string_view> options;
    for (const ParameterField& field : sme::parameterSchema())
        if (field.figureOption) {
            options[field.key] = field.figureOption;
            // The types the figure command reads (FigureCommand.cpp, overrideFromOption).
            QVERIFY2(field.type() != sme::ParameterType::Flag && field.type() != sme::ParameterType::WidthList
                         && field.type() != sme::ParameterType::Count,
                     field.key);
        }
    QVERIFY(options == expected);
}

QTEST_APPLESS_MAIN(ParameterSchemaTest)
#include "tst_parameterschema.moc"
