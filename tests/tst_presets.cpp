// Tests of the classroom presets and of presentation mode: every preset loads, sets what it
// names and leaves every view drawn; bad preset files are refused; presentation mode enlarges,
// restyles and puts everything back.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"
#include "app/io/ParameterJson.h"
#include "app/gui/PresentationMode.h"
#include "app/control/PresetAnimation.h"
#include "app/io/Presets.h"
#include "app/gui/StartPage.h"
#include "model/figures/IdealisedFigures.h"
#include "widgets/MessageBanner.h"
#include "widgets/PresentationStyle.h"
#include "widgets/ViewGrid.h"
#include "ShowActive.h"

#include <QChart>
#include <QChartView>
#include <QCommandLinkButton>
#include <QLabel>
#include <QRegularExpression>
#include <QTextBoundaryFinder>
#include <QToolButton>
#include <QDockWidget>
#include <QSignalSpy>
#include <QToolBar>
#include <QTemporaryDir>
#include <QValueAxis>
#include <QXYSeries>
#include <QPointer>
#include <QtTest>

namespace {

// The most points any series of the view's charts holds: 0 for a blank view.
qsizetype mostPoints(QWidget* view)
{
    QList<QChartView*> charts = view->findChildren<QChartView*>();
    if (auto* self = qobject_cast<QChartView*>(view))
        charts.append(self);
    qsizetype most = 0;
    for (QChartView* chart : charts)
        for (QAbstractSeries* series : chart->chart()->series())
            if (auto* xy = qobject_cast<QXYSeries*>(series))
                most = std::max(most, qsizetype(xy->count()));
    return most;
}

void write(const QString& path, const QByteArray& content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

} // namespace

class PresetsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void everyPresetLoadsInBothLanguages();
    void everyPresetSetsItsParametersAndDrawsEveryView_data();
    void everyPresetSetsItsParametersAndDrawsEveryView();
    void animationStepsThroughItsValuesAndStopsOnATouch();
    void lessonAnimationPausesStepsSaysWhereAndStopsWithItsBanner();
    void lessonComesBackAfterAMessageOverIt();
    void lessonTextsSayWhatTheAnimationShows();
    void formulasInLessonsNeverBreak();
    void badPresetFilesAreRefusedByName();
    void startPageOffersEveryPreset();
    void startPageShowsEveryLessonInFull();
    void presentationModeEnlargesRestylesAndRestores();
    void numberKeysFocusViewsAndEscLeaves();
};

void PresetsTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_presets"));
}

void PresetsTest::everyPresetLoadsInBothLanguages()
{
    const PresetLoad english = loadPresets();
    QVERIFY2(english.problems.isEmpty(), qPrintable(english.problems.join('\n')));
    QStringList ids;
    for (const Preset& p : english.presets)
        ids << p.id;
    QCOMPARE(ids, (QStringList{"distances-concentrate", "hard-negatives-noisy", "what-each-sampler-picks",
                               "losses-compared", "sampling-matters", "hard-negatives-collapse",
                               "uniform-wastes-batch", "margin-learns-boundary"}));
    // Each names its view by the view's name; the race is the one opened in a window of its own.
    std::vector<std::optional<sme::ViewId>> views, opened;
    for (const Preset& p : english.presets) {
        views.push_back(p.view);
        opened.push_back(p.open);
    }
    using V = sme::ViewId;
    QVERIFY((views == std::vector<std::optional<V>>{V::Density, V::GradientVariance, V::SampledDistances, V::Losses,
                                                    V::TrainingCurves, V::TrainingCurves, V::TrainingCurves,
                                                    V::TrainingCurves}));
    QVERIFY((opened == std::vector<std::optional<V>>{{}, {}, {}, {}, V::SamplerRace, V::SamplerRace, {}, {}}));
    const PresetLoad chinese = loadPresets(QStringLiteral(":/presets"), QStringLiteral("zh_CN"));
    QCOMPARE(chinese.presets.size(), english.presets.size());
    for (std::size_t i = 0; i < english.presets.size(); ++i) {
        QVERIFY(chinese.presets[i].title != english.presets[i].title); // really translated
        QVERIFY(chinese.presets[i].lookFor != english.presets[i].lookFor);
    }
}

void PresetsTest::everyPresetSetsItsParametersAndDrawsEveryView_data()
{
    QTest::addColumn<QString>("id");
    for (const Preset& p : loadPresets().presets)
        QTest::newRow(qPrintable(p.id)) << p.id;
}

void PresetsTest::everyPresetSetsItsParametersAndDrawsEveryView()
{
    QFETCH(QString, id);
    MainWindow window(false);
    window.show();
    // Start from parameters unlike any preset's, so a parameter the preset names but does not
    // set would show.
    sme::ExplorerParameters unlike;
    unlike.dimension = 48;
    unlike.gradientNoise = 0.3;
    unlike.loss = sme::LossKind::Contrastive;
    unlike.alpha = 0.7;
    unlike.beta0 = 0.8;
    unlike.sampler = sme::SamplerKind::Uniform;
    unlike.learnClassBeta = false;
    unlike.monteCarloPoints = 500;
    window.applyParameters(unlike);

    QSignalSpy race(&window, &MainWindow::raceRequested);
    QVERIFY(window.applyPreset(id));
    const Preset& preset = *std::find_if(window.presets().begin(), window.presets().end(),
                                         [&](const Preset& p) { return p.id == id; });
    const QJsonObject now = parametersToJson(window.parameters());
    for (auto it = preset.parameters.begin(); it != preset.parameters.end(); ++it) {
        const QJsonValue expected = it.key() == preset.animateParameter ? preset.animateValues.at(0) : it.value();
        QVERIFY2(now.value(it.key()).toVariant() == expected.toVariant(),
                 qPrintable(it.key() + QStringLiteral(": ") + now.value(it.key()).toVariant().toString()));
    }
    // The parameters it does not name take their defaults: a preset always gives one state.
    sme::ExplorerParameters expected = presetParameters(preset);
    if (!preset.animateParameter.isEmpty())
        expected = withParameter(expected, preset.animateParameter, preset.animateValues.at(0));
    QCOMPARE(window.parameters(), expected);
    QCOMPARE(window.views()->focusedView(), preset.view);
    QCOMPARE(race.count(), preset.open == sme::ViewId::SamplerRace ? 1 : 0);
    QVERIFY(window.banner()->isVisible());
    QVERIFY(window.banner()->text().contains(preset.title.toHtmlEscaped()));

    // Every view non-empty once the figures and the first snapshot are in.
    QTRY_VERIFY_WITH_TIMEOUT(!window.computingFigures(), 20000);
    // (The retrieval view's collapse line has points before any snapshot: each view is waited
    // for. The training view's curves start with the first step: only a preset that trains
    // draws them.)
    for (sme::ViewId view : window.views()->viewIds())
        if (view != sme::ViewId::TrainingCurves || preset.train)
            QTRY_VERIFY2_WITH_TIMEOUT(mostPoints(window.views()->view(view)) > 0, sme::viewName(view).data(), 20000);
    if (preset.train)
        QTRY_VERIFY_WITH_TIMEOUT(window.displayedStep() > 0, 20000);
    window.presetAnimation()->stop();
}

void PresetsTest::animationStepsThroughItsValuesAndStopsOnATouch()
{
    MainWindow window(false);
    window.show();
    QVERIFY(window.applyPreset(QStringLiteral("distances-concentrate")));
    QVERIFY(window.presetAnimation()->isRunning());
    QCOMPARE(window.parameters().dimension, 2);
    QTRY_COMPARE_WITH_TIMEOUT(window.parameters().dimension, 3, 6000); // the next value, in turn
    // Another preset stops it; so does Esc (the "show all" action).
    QVERIFY(window.applyPreset(QStringLiteral("losses-compared")));
    QVERIFY(!window.presetAnimation()->isRunning());
    QCOMPARE(window.parameters().dimension, sme::ExplorerParameters{}.dimension);
}

void PresetsTest::lessonAnimationPausesStepsSaysWhereAndStopsWithItsBanner()
{
    MainWindow window(false);
    window.show();
    QVERIFY(window.applyPreset(QStringLiteral("distances-concentrate")));
    PresetAnimation* animation = window.presetAnimation();
    QWidget* lesson = window.banner()->accessory();
    QVERIFY(lesson);
    auto* where = lesson->findChild<QLabel*>(QStringLiteral("lessonPosition"));
    auto* pause = lesson->findChild<QToolButton*>(QStringLiteral("lessonPause"));
    auto* next = lesson->findChild<QToolButton*>(QStringLiteral("lessonNext"));
    QVERIFY(where && pause && next);
    QCOMPARE(where->text(), QStringLiteral("1 of 6"));
    pause->click();
    QVERIFY(animation->isPaused());
    QTest::qWait(3000); // longer than the preset's interval: paused, it stays
    QCOMPARE(window.parameters().dimension, 2);
    next->click();
    QCOMPARE(window.parameters().dimension, 3);
    QCOMPARE(where->text(), QStringLiteral("2 of 6"));
    QVERIFY(animation->isPaused());
    pause->click(); // resume
    QVERIFY(!animation->isPaused());
    QTRY_COMPARE_WITH_TIMEOUT(window.parameters().dimension, 8, 6000);
    // Closing the lesson's banner stops it.
    auto* close = window.banner()->findChild<QToolButton*>(QString(), Qt::FindDirectChildrenOnly);
    QVERIFY(close);
    close->click();
    QVERIFY(!animation->isRunning());
    const int stoppedAt = window.parameters().dimension;
    QTest::qWait(3000);
    QCOMPARE(window.parameters().dimension, stoppedAt);
}

// An error shown over a lesson (a file that could not be opened) covers it; when the error goes
// (closed, or withdrawn with the state it described), the lesson's banner comes back with its
// controls, and its animation has gone on. Seen: the lesson's banner was lost, with no way to go
// on but to start it again.
void PresetsTest::lessonComesBackAfterAMessageOverIt()
{
    MainWindow window(false);
    window.show();
    QVERIFY(window.applyPreset(QStringLiteral("distances-concentrate")));
    PresetAnimation* animation = window.presetAnimation();
    MessageBanner* banner = window.banner();
    const QString lessonText = banner->text();
    QPointer<QWidget> lesson = banner->accessory();
    QVERIFY(lesson && animation->isRunning());
    auto* close = banner->findChild<QToolButton*>(QString(), Qt::FindDirectChildrenOnly);
    QVERIFY(close);

    const QString error = QStringLiteral("Cannot open the embeddings, so nothing changed: x.tsv: empty file");
    banner->showMessage(error, MessageBanner::Kind::Error);
    QCOMPARE(banner->text(), error);
    QVERIFY(!banner->accessory());
    QVERIFY(lesson && !lesson->isVisible());
    QVERIFY(animation->isRunning());
    close->click(); // the error closed: the lesson is back
    QVERIFY(banner->isVisible());
    QCOMPARE(banner->text(), lessonText);
    QCOMPARE(banner->accessory(), lesson.data());
    QVERIFY(lesson && lesson->isVisible());
    QVERIFY(animation->isRunning());

    // Two messages over it, the second replacing the first: the lesson comes back once both go.
    banner->showMessage(error, MessageBanner::Kind::Error);
    banner->showMessage(QStringLiteral("Training diverged"), MessageBanner::Kind::Warning);
    QVERIFY(!lesson->isVisible());
    banner->withdraw(QStringLiteral("Training diverged"));
    QCOMPARE(banner->text(), lessonText);
    QVERIFY(lesson->isVisible());

    // Withdrawn with the state it described (a reset withdraws errors): the lesson is back too.
    banner->showMessage(error, MessageBanner::Kind::Error);
    banner->withdrawKind(MessageBanner::Kind::Error);
    QCOMPARE(banner->text(), lessonText);
    QVERIFY(animation->isRunning());

    // Closing the lesson itself still ends it, and nothing comes back.
    close->click();
    QVERIFY(!banner->isVisible());
    QVERIFY(!animation->isRunning());

    // A new lesson while an error covers the first: the first goes for good, the new one runs.
    QVERIFY(window.applyPreset(QStringLiteral("distances-concentrate")));
    banner->showMessage(error, MessageBanner::Kind::Error);
    QVERIFY(window.applyPreset(QStringLiteral("hard-negatives-noisy")));
    QVERIFY2(animation->isRunning(), "the new lesson's animation was stopped by the old one's going");
    QVERIFY(banner->accessory());
    close->click();
    QVERIFY(!animation->isRunning());
    QVERIFY(!banner->isVisible());
}

// The gradient-variance lesson steps through the noise levels whose faded curves it shows.
void PresetsTest::lessonTextsSayWhatTheAnimationShows()
{
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
        for (const Preset& preset : loadPresets(QStringLiteral(":/presets"), language).presets) {
            if (preset.animateParameter != QLatin1String("gradient_noise"))
                continue;
            QCOMPARE(preset.animateValues.size(), qsizetype(sme::referenceNoiseLevels.size()));
            for (std::size_t i = 0; i < sme::referenceNoiseLevels.size(); ++i) {
                const double sigma = sme::referenceNoiseLevels[i];
                QCOMPARE(preset.animateValues.at(qsizetype(i)).toDouble(), sigma);
                QVERIFY2(preset.lookFor.contains(QString::number(sigma)), qPrintable(preset.lookFor));
            }
            QVERIFY2(!preset.lookFor.contains(QStringLiteral("0.5")), qPrintable(preset.lookFor));
        }
    }
}

// "N(√2, 1/(2n))" and "n = 2" are read whole: no line may break inside them.
void PresetsTest::formulasInLessonsNeverBreak()
{
    const QRegularExpression formula(QStringLiteral(R"re(N\(\S+,\s?\S+\)\)|n\s=\s\d+)re"),
                                     QRegularExpression::UseUnicodePropertiesOption); // \s: no-break spaces too
    QVERIFY(formula.isValid());
    int formulas = 0;
    for (const QString& language : {QStringLiteral("en"), QStringLiteral("zh_CN")}) {
        for (const Preset& preset : loadPresets(QStringLiteral(":/presets"), language).presets) {
            QTextBoundaryFinder lines(QTextBoundaryFinder::Line, preset.lookFor);
            for (auto match = formula.globalMatch(preset.lookFor); match.hasNext();) {
                const QRegularExpressionMatch found = match.next();
                ++formulas;
                for (qsizetype at = found.capturedStart() + 1; at < found.capturedEnd(); ++at) {
                    lines.setPosition(at);
                    QVERIFY2(!lines.isAtBoundary(),
                             qPrintable(QStringLiteral("%1: a line may break in '%2' at %3")
                                            .arg(preset.id, found.captured(), QString::number(at - found.capturedStart()))));
                }
            }
        }
    }
    QVERIFY(formulas >= 6); // N(...) and n = 2 in preset 1, n = 128 in presets 3 and 7; both languages
}

void PresetsTest::badPresetFilesAreRefusedByName()
{
    QTemporaryDir dir;
    QFile::copy(QStringLiteral(":/presets/4-losses-compared.json"), dir.filePath(QStringLiteral("good.json")));
    write(dir.filePath(QStringLiteral("broken.json")), "{\"id\": \"x\", \"title\": ");
    write(dir.filePath(QStringLiteral("unknown-key.json")),
          R"({"id": "k", "title": "T", "look_for": "L", "parameters": {"dimensions": 3}})");
    write(dir.filePath(QStringLiteral("bad-view.json")),
          R"({"id": "v", "title": "T", "look_for": "L", "parameters": {}, "view": "nowhere"})");
    // The race is a view, but not one of the grid to enlarge; it is the one to open.
    write(dir.filePath(QStringLiteral("race-view.json")),
          R"({"id": "r", "title": "T", "look_for": "L", "parameters": {}, "view": "race"})");
    write(dir.filePath(QStringLiteral("open-a-grid-view.json")),
          R"({"id": "o", "title": "T", "look_for": "L", "parameters": {}, "open": "density"})");
    write(dir.filePath(QStringLiteral("bad-value.json")),
          R"({"id": "b", "title": "T", "look_for": "L", "parameters": {"dimension": 1}})");
    write(dir.filePath(QStringLiteral("bad-animation.json")),
          R"({"id": "a", "title": "T", "look_for": "L", "parameters": {},
              "animate": {"parameter": "dimension", "values": [8, 99999]}})");
    const PresetLoad load = loadPresets(dir.path());
    QCOMPARE(load.presets.size(), std::size_t(1));
    QCOMPARE(load.presets[0].id, QStringLiteral("losses-compared"));
    QCOMPARE(load.problems.size(), 7);
    const QString all = load.problems.join('\n');
    for (const char* name : {"broken.json", "unknown-key.json", "bad-view.json", "race-view.json",
                             "open-a-grid-view.json", "bad-value.json", "bad-animation.json"})
        QVERIFY2(all.contains(QLatin1String(name)), qPrintable(all));
    QVERIFY(all.contains(QStringLiteral("dimensions: not a parameter")));
    QVERIFY(all.contains(QStringLiteral("'nowhere' is not a view (density, gradient-variance, sampled-distances, "
                                        "losses, training, retrieval, embedding)")));
    QVERIFY(all.contains(QStringLiteral("'race' is not a view")));
    QVERIFY(all.contains(QStringLiteral("open: 'density' is not something to open (race)")));
}

void PresetsTest::startPageOffersEveryPreset()
{
    const std::vector<Preset> presets = loadPresets().presets;
    StartPage page(presets, true);
    QCOMPARE(page.findChildren<QCommandLinkButton*>().size(), qsizetype(presets.size()));
    QSignalSpy chosen(&page, &StartPage::presetChosen);
    auto* button = page.findChild<QCommandLinkButton*>(QStringLiteral("preset-losses-compared"));
    QVERIFY(button);
    QCOMPARE(button->description(), presets[3].lookFor);
    button->click();
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("losses-compared"));
    QVERIFY(page.showAtStart());
}

void PresetsTest::startPageShowsEveryLessonInFull()
{
    // On a 1366 x 768 laptop the lessons' texts were cut mid-line: each lesson now keeps the
    // height its text needs at its width, the page scrolls instead.
    const std::vector<Preset> presets = loadPresets().presets;
    // Its size on a 1366 x 768 screen, on a 1920 x 1080 one, and on an 800 x 600 one.
    for (const QSize size : {QSize(1100, 708), QSize(1100, 860), QSize(760, 540)}) {
        StartPage page(presets, true);
        page.resize(size);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCoreApplication::processEvents();
        for (QCommandLinkButton* button : page.findChildren<QCommandLinkButton*>())
            QVERIFY2(button->height() >= button->heightForWidth(button->width()),
                     qPrintable(QStringLiteral("%1 at %2: %3 high, its text needs %4")
                                    .arg(button->text()).arg(size.width()).arg(button->height())
                                    .arg(button->heightForWidth(button->width()))));
    }
}

void PresetsTest::presentationModeEnlargesRestylesAndRestores()
{
    MainWindow window(false);
    QVERIFY(showActive(window));
    QTRY_VERIFY_WITH_TIMEOUT(!window.computingFigures(), 20000);
    auto* density = qobject_cast<QChartView*>(window.views()->view(sme::ViewId::Density));
    QVERIFY(density);
    auto* series = qobject_cast<QXYSeries*>(density->chart()->series().at(1));
    const qreal width = series->pen().widthF();
    const QFont title = density->chart()->titleFont();
    const QFont labels = density->chart()->axes().at(0)->labelsFont();
    auto* dock = window.findChild<QDockWidget*>(QStringLiteral("ControlsDock"));
    QVERIFY(dock->isVisible());
    window.views()->focusView(sme::ViewId::SampledDistances);

    window.presentationAction()->setChecked(true);
    QVERIFY(window.presentation()->isActive());
    QVERIFY(window.isFullScreen());
    QVERIFY(!dock->isVisible());
    QVERIFY(window.presentation()->bar()->isVisible());
    QCOMPARE(window.views()->focusedView(), std::optional(sme::ViewId::SampledDistances)); // stays enlarged
    QCOMPARE(series->pen().widthF(), width * presentationLineScale);
    QVERIFY(density->chart()->titleFont().pointSizeF() > title.pointSizeF() * 1.5);
    QVERIFY(density->chart()->axes().at(0)->labelsFont().pointSizeF() > labels.pointSizeF() * 1.5);
    QCOMPARE(density->chart()->axes().at(0)->labelsColor(), QColor(Qt::black));

    window.presentationAction()->setChecked(false);
    QVERIFY(!window.isFullScreen());
    QVERIFY(dock->isVisible());
    QVERIFY(!window.presentation()->bar()->isVisible());
    QCOMPARE(series->pen().widthF(), width);
    QCOMPARE(density->chart()->titleFont(), title);
    QCOMPARE(density->chart()->axes().at(0)->labelsFont(), labels);
}

void PresetsTest::numberKeysFocusViewsAndEscLeaves()
{
    MainWindow window(false);
    QVERIFY(showActive(window));
    for (std::size_t i = 0; i < sme::gridViews.size(); ++i) { // 1-6: the views in the grid's order
        QTest::keyClick(&window, Qt::Key(Qt::Key_1 + int(i)));
        QCOMPARE(window.views()->focusedView(), std::optional(sme::gridViews[i]));
    }
    QTest::keyClick(&window, Qt::Key_F11);
    QVERIFY(window.presentation()->isActive());
    QTest::keyClick(&window, Qt::Key_3);
    QCOMPARE(window.views()->focusedView(), std::optional(sme::ViewId::SampledDistances));
    QTest::keyClick(&window, Qt::Key_Escape); // leaves presentation mode first
    QVERIFY(!window.presentation()->isActive());
    QTest::keyClick(&window, Qt::Key_Escape); // then shows every view
    QVERIFY(!window.views()->focusedView());
}

QTEST_MAIN(PresetsTest)
#include "tst_presets.moc"
