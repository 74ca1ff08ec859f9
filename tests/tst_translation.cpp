// Tests of the Chinese translation: with it loaded, every text the main window shows (menus,
// panel titles, controls, chart titles, axes and legends) is translated; English comes back.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/TrainingController.h"
#include "model/training/Trainer.h"
#include "app/gui/Application.h"
#include "app/gui/MainWindow.h"
#include "app/gui/RaceWindow.h"
#include "widgets/ControlPanel.h"
#include "widgets/LossLabel.h"
#include "app/io/Language.h"
#include "app/io/ModelMessages.h"
#include "model/analysis/EmbeddingAnalysis.h"
#include "model/base/Error.h"
#include "model/data/CsvDataset.h"
#include "model/data/EmbeddingFile.h"
#include "model/data/Gzip.h"
#include "model/data/IdxFormat.h"
#include "model/data/ReaderMessages.h"
#include "app/io/SessionFile.h"
#include "widgets/MessageBanner.h"
#include "BadFiles.h"
#include "SmallTraining.h"

#include <QAbstractButton>
#include <QAbstractFileIconProvider>
#include <QFileInfo>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>
#include <cstring>
#include <functional>
#include <limits>

namespace {

struct Text {
    QString where;
    QString text;
};

void collectMenu(QMenu* menu, const QString& path, QList<Text>& texts)
{
    texts.append({path, menu->title()});
    for (QAction* action : menu->actions()) {
        if (action->isSeparator() || action->text().isEmpty())
            continue;
        if (action->menu())
            collectMenu(action->menu(), path + " > " + action->menu()->title(), texts);
        else
            texts.append({path, action->text()});
    }
}

// Every text a person sees in the window, named by where it is.
QList<Text> visibleTexts(MainWindow& window)
{
    QList<Text> texts;
    for (QAction* action : window.menuBar()->actions())
        if (action->menu())
            collectMenu(action->menu(), QStringLiteral("menu"), texts);
    for (auto* dock : window.findChildren<QDockWidget*>())
        texts.append({QStringLiteral("dock title"), dock->windowTitle()});
    for (auto* group : window.findChildren<QGroupBox*>())
        texts.append({QStringLiteral("group"), group->title()});
    for (auto* label : window.findChildren<QLabel*>())
        if (label->isVisibleTo(&window))
            texts.append({QStringLiteral("label"), label->text()});
    for (auto* button : window.findChildren<QAbstractButton*>())
        if (button->isVisibleTo(&window))
            texts.append({QStringLiteral("button"), button->text()});
    for (auto* view : window.findChildren<QChartView*>()) {
        QChart* chart = view->chart();
        texts.append({QStringLiteral("chart title"), chart->title()});
        for (QAbstractAxis* axis : chart->axes())
            texts.append({QStringLiteral("axis of ") + chart->title(), axis->titleText()});
        for (QAbstractSeries* series : chart->series())
            texts.append({QStringLiteral("legend of ") + chart->title(), series->name()});
    }
    return texts;
}

// English words left in a text, once the paper's notation, metric and format names, language
// names and numbers are set aside.
QString englishLeft(QString text)
{
    static const QRegularExpression neutral(QStringLiteral(
        "Recall@\\d|Recall@K|NMI|MAP@R|NaN|PCA|CSV|PNG|SVG|PDF|JSON|IDX|English|Monte Carlo|q\\(d\\)|"
        "<[^>]*>|&[a-z]+;|%\\d|\\b[a-zA-Z]\\b|\\bdpi\\b|\\bpx\\b|\\bcm\\b|\\b[GM]iB\\b|Ctrl|Shift|Esc"));
    text.remove(neutral);
    static const QRegularExpression word(QStringLiteral("[A-Za-z]{2,}"));
    const QRegularExpressionMatch match = word.match(text);
    return match.hasMatch() ? match.captured() : QString();
}

using badfiles::npyFile;
using badfiles::npyWithHeader;

// An IDX header: the element type, then each size (big-endian, 4 bytes).
QByteArray idxHeader(char type, std::initializer_list<quint32> sizes)
{
    QByteArray bytes;
    bytes += '\0';
    bytes += '\0';
    bytes += type;
    bytes += char(sizes.size());
    for (const quint32 size : sizes)
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes += char((size >> shift) & 0xff);
    return bytes;
}

// Big-endian floats, as an IDX file of type 0x0D holds them.
QByteArray bigEndianFloats(std::initializer_list<float> values)
{
    QByteArray bytes;
    for (const float v : values) {
        quint32 bits = 0;
        std::memcpy(&bits, &v, sizeof v);
        for (int shift = 24; shift >= 0; shift -= 8)
            bytes += char((bits >> shift) & 0xff);
    }
    return bytes;
}

// What refuse() throws, said in Chinese (the window's language, loaded here) and in English
// (as the command line says it): the Chinese must hold Chinese and no English word once the
// names and what was read from the file (matched by `read`) are taken out, the English must be
// what() exactly. Returns the English.
QString verifyRefusedInBothLanguages(const std::function<void()>& refuse, const QString& read)
{
    const auto refusal = [&] {
        try {
            refuse();
        } catch (const sme::Error& e) {
            return std::pair{errorText(e), QString::fromStdString(e.what())};
        }
        return std::pair{QString(), QString()};
    };
    [&] { QCOMPARE(installLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN")); }();
    const std::pair<QString, QString> said = refusal(); // (no structured binding: clang 14 cannot capture one)
    const QString chinese = said.first;
    const QString what = said.second;
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    const QString rest = QString(chinese).remove(QRegularExpression(read));
    [&] {
        QVERIFY2(!chinese.isEmpty(), "the file was not refused");
        QVERIFY2(chinese.contains(han) && englishLeft(rest).isEmpty(), qPrintable(chinese));
        QCOMPARE(installLanguage(QStringLiteral("en")), QStringLiteral("en"));
        QCOMPARE(refusal().first, what);
    }();
    return what;
}

} // namespace

class TranslationTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void chineseWindowHasNoUntranslatedText();
    void lossChoicesShowTheOneLabelOfEachLoss();
    void divergenceReasonsAreTranslated();
    void fileDialogsSayFolderInChinese();
    void sessionRefusalsAreTranslated();
    void readerMessagesAreTranslated();
    void badEmbeddingFilesAreRefusedInChinese_data();
    void badEmbeddingFilesAreRefusedInChinese();
    void badDataFilesAreRefusedInChinese_data();
    void badDataFilesAreRefusedInChinese();
    void badIdxFilesAreRefusedInChinese_data();
    void badIdxFilesAreRefusedInChinese();
    void dataThatCannotBeAnalysedIsRefusedInChinese_data();
    void dataThatCannotBeAnalysedIsRefusedInChinese();
    void englishComesBack();
    void languageSwitchCarriesTheTrainedSessionOver();
    void sessionThatCannotBeCarriedOverIsReported();
    void cleanupTestCase();
};

void TranslationTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_translation"));
    QVERIFY(availableLanguages().contains(QStringLiteral("zh_CN")));
}

void TranslationTest::chineseWindowHasNoUntranslatedText()
{
    QCOMPARE(installLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    MainWindow window(false);
    window.show();
    QTRY_VERIFY_WITH_TIMEOUT(!window.computingFigures(), 20000);
    const QList<Text> texts = visibleTexts(window);
    QVERIFY(texts.size() > 100); // menus, controls and six charts: a thorough sample
    QStringList untranslated;
    for (const Text& t : texts)
        if (const QString left = englishLeft(t.text); !left.isEmpty())
            untranslated << QStringLiteral("%1: \"%2\" (%3)").arg(t.where, t.text, left);
    QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join('\n')));
    // The panel titles and menus are really Chinese, not merely free of English.
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    QVERIFY(window.menuBar()->actions().at(0)->text().contains(han));
    QVERIFY(window.findChild<QDockWidget*>(QStringLiteral("ControlsDock"))->windowTitle().contains(han));
}

// The loss choosers of the window and the race list each loss once, under its one label, with
// the loss as the item's data; in Chinese as in English.
void TranslationTest::lossChoicesShowTheOneLabelOfEachLoss()
{
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    for (const QString& language : {QStringLiteral("zh_CN"), QStringLiteral("en")}) {
        QCOMPARE(installLanguage(language), language);
        MainWindow window(false);
        RaceWindow race(window.parameters());
        for (QComboBox* choice : {window.controls()->lossBox(), race.lossSelector()}) {
            QCOMPARE(choice->count(), int(sme::allLossKinds.size()));
            for (sme::LossKind kind : sme::allLossKinds) {
                const int item = choice->findData(int(kind));
                QVERIFY(item >= 0);
                QCOMPARE(choice->itemText(item), lossChoiceLabel(kind));
                QCOMPARE(lossChoiceLabel(kind).contains(han), language == QLatin1String("zh_CN"));
                QCOMPARE(lossLabel(kind).contains(han), language == QLatin1String("zh_CN"));
            }
        }
    }
    QCOMPARE(lossChoiceLabel(sme::LossKind::TripletSquared), QStringLiteral("Triplet (squared)"));
    QCOMPARE(lossLabel(sme::LossKind::TripletSquared), QStringLiteral("triplet, squared"));
}

// Why a run diverged, as the banners of the window and the race say it: in the window's
// language for each cause (the model's own text is English, for the command line).
void TranslationTest::divergenceReasonsAreTranslated()
{
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    for (const QString& language : {QStringLiteral("zh_CN"), QStringLiteral("en")}) {
        QCOMPARE(installLanguage(language), language);
        for (const sme::DivergenceCause cause :
             {sme::DivergenceCause::NonFiniteEmbeddings, sme::DivergenceCause::NonFiniteLoss,
              sme::DivergenceCause::NonFiniteWeights, sme::DivergenceCause::RunawayWeights}) {
            sme::StepResult result;
            result.diverged = true;
            result.cause = cause;
            result.restoredStep = 300;
            result.largestWeight = 10003.4f; // just over: both in full, not 1e+04 above 1e+04
            result.weightLimit = 1e4f;
            result.divergence = "training diverged at step 301: (the model's English)";
            const QString reason = divergenceReason(result);
            QVERIFY2(reason.contains(QStringLiteral("300")), qPrintable(reason));
            QVERIFY2(!reason.contains(QStringLiteral("model's English")), qPrintable(reason));
            if (cause == sme::DivergenceCause::RunawayWeights)
                QVERIFY2(reason.contains(QStringLiteral("10003.4")) && reason.contains(QStringLiteral("10000")),
                         qPrintable(reason));
            if (language == QLatin1String("zh_CN"))
                QVERIFY2(reason.contains(han) && englishLeft(reason).isEmpty(), qPrintable(reason));
            else
                QVERIFY2(reason.endsWith(QStringLiteral("; restored the weights of step 300")), qPrintable(reason));
        }
    }
}

// The Type column of Qt's file dialogs: "Folder" for every folder came in English, Qt's own
// Chinese catalogue lacking the text in the context Qt 6 asks it from.
void TranslationTest::fileDialogsSayFolderInChinese()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    QCOMPARE(installLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QCOMPARE(QAbstractFileIconProvider().type(QFileInfo(folder.path())), QStringLiteral("\u6587\u4EF6\u5939"));
    QCOMPARE(installLanguage(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(QAbstractFileIconProvider().type(QFileInfo(folder.path())), QStringLiteral("Folder"));
}

// A file that is not a session is refused in the window's language, its reason too (the
// session checks' own words, English on the command line).
void TranslationTest::sessionRefusalsAreTranslated()
{
    static const QRegularExpression han(QStringLiteral("\\p{Han}"));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("other.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"format": "something else", "version": 2})");
    file.close();
    // The words left once the file's names and the program's name are taken out.
    const auto words = [&](QString text) {
        return englishLeft(text.remove(path).remove(QStringLiteral("other.json"))
                               .remove(QStringLiteral("Sampling Matters Explorer")));
    };
    QCOMPARE(installLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    {
        MainWindow window(false);
        const QString failure = window.openSession(path);
        QVERIFY2(failure.contains(han) && words(failure).isEmpty(), qPrintable(failure)); // the banner's text
    }
    QCOMPARE(installLanguage(QStringLiteral("en")), QStringLiteral("en"));
    MainWindow window(false);
    QVERIFY2(window.openSession(path).endsWith(QStringLiteral("not a Sampling Matters Explorer session")),
             qPrintable(window.openSession(path)));
}

// Every pattern of the file readers' messages has a translation, with the same places.
void TranslationTest::readerMessagesAreTranslated()
{
    QCOMPARE(installLanguage(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    static const QRegularExpression place(QStringLiteral("%\\d"));
    const auto places = [](const QString& text) {
        QStringList found;
        for (auto match = place.globalMatch(text); match.hasNext();)
            found << match.next().captured();
        found.sort();
        return found;
    };
    QStringList problems;
    for (const sme::MessagePattern pattern : sme::readermessages::all) {
        const QString english = QString::fromUtf8(pattern.english);
        const QString chinese = QCoreApplication::translate("sme::Message", pattern.english);
        if (chinese == english && !englishLeft(english).isEmpty()) // ("%1 GiB" is said so in Chinese)
            problems << QStringLiteral("untranslated: \"%1\"").arg(english);
        else if (places(chinese) != places(english))
            problems << QStringLiteral("other places: \"%1\" -> \"%2\"").arg(english, chinese);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    QCOMPARE(installLanguage(QStringLiteral("en")), QStringLiteral("en"));
}

// A bad file of points or labels is refused in the window's language: Chinese but for the
// files' names and what was read from them; in English, the command line's words exactly.
void TranslationTest::badEmbeddingFilesAreRefusedInChinese_data()
{
    QTest::addColumn<QByteArray>("vectors");
    QTest::addColumn<QByteArray>("labels");
    QTest::addColumn<QString>("labelColumn");
    QTest::addColumn<QString>("read"); // taken out with the names before looking for English
    QTest::newRow("ragged") << QByteArray("0.1\t0.2\t0.3\n0.4\t0.5\n") << QByteArray("a\nb\n") << QString() << QString();
    QTest::newRow("not a number") << QByteArray("0.1\t0.2\n0.3\tabc\n") << QByteArray("a\nb\n") << QString()
                                  << QStringLiteral("'abc'");
    QTest::newRow("NaN on line 1") << QByteArray("nan\t0.2\n0.3\t0.4\n") << QByteArray("a\nb\n") << QString()
                                   << QStringLiteral("Projector");
    QTest::newRow("empty line") << QByteArray("0.1\t0.2\n\n0.3\t0.4\n") << QByteArray("a\nb\nc\n") << QString()
                                << QString();
    QTest::newRow("fewer labels") << QByteArray("0.1\t0.2\n0.3\t0.4\n0.5\t0.6\n") << QByteArray("a\nb\n") << QString()
                                  << QString();
    QTest::newRow("one class") << QByteArray("0.1\t0.2\n0.3\t0.4\n") << QByteArray("cat\ncat\n") << QString()
                               << QStringLiteral("cat");
    QTest::newRow("zero vector") << QByteArray("0.1\t0.2\n0\t0\n") << QByteArray("a\nb\n") << QString() << QString();
    QTest::newRow("dimension 1") << QByteArray("0.1\n0.2\n") << QByteArray("a\nb\n") << QString() << QString();
    QTest::newRow("empty file") << QByteArray() << QByteArray("a\nb\n") << QString() << QString();
    QTest::newRow("labels: a line of other fields")
        << QByteArray("0.1\t0.2\n0.3\t0.4\n") << QByteArray("label\tcolour\na\tred\nb\n") << QString() << QString();
    const auto floats = [](std::initializer_list<float> values) {
        QByteArray bytes;
        for (const float v : values)
            bytes.append(reinterpret_cast<const char*>(&v), sizeof v); // little-endian, as '<f4' says
        return bytes;
    };
    QTest::newRow(".npy: integers") << npyFile("<i8", "(2, 2)", QByteArray(32, '\0')) << QByteArray("a\nb\n")
                                    << QString() << QStringLiteral("NumPy|float32|float64|<i8");
    QTest::newRow(".npy: 3-D") << npyFile("<f4", "(2, 2, 1)", floats({1, 2, 3, 4})) << QByteArray("a\nb\n") << QString()
                               << QStringLiteral("NumPy|\\(2, 2, 1\\)");
    QTest::newRow(".npy: infinite") << npyFile("<f4", "(2, 2)", floats({1, 2, std::numeric_limits<float>::infinity(), 4}))
                                    << QByteArray("a\nb\n") << QString() << QString();
    QTest::newRow(".npy: short") << npyFile("<f8", "(2, 2)", QByteArray(8, '\0')) << QByteArray("a\nb\n") << QString()
                                 << QStringLiteral("float64|\\(2, 2\\)");
    // The header's syntax and keys (what is read from it: its keys and literals).
    const QString npyLiterals = QStringLiteral("NumPy|Python|descr|fortran_order|shape|'<f4'|False|True|\\(N, D\\)");
    QTest::newRow(".npy: not a dict") << npyWithHeader("['<f4', (2, 2)]", floats({1, 2, 3, 4})) << QByteArray("a\nb\n")
                                      << QString() << npyLiterals + QStringLiteral("|'\\[.*'");
    QTest::newRow(".npy: a string not closed")
        << npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), 'x", floats({1, 2, 3, 4}))
        << QByteArray("a\nb\n") << QString() << npyLiterals;
    QTest::newRow(".npy: no ':' after a key")
        << npyWithHeader("{'descr' '<f4', 'fortran_order': False, 'shape': (2, 2), }", floats({1, 2, 3, 4}))
        << QByteArray("a\nb\n") << QString() << npyLiterals;
    QTest::newRow(".npy: a tuple not closed")
        << npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2 }", floats({1, 2, 3, 4}))
        << QByteArray("a\nb\n") << QString() << npyLiterals;
    QTest::newRow(".npy: an unknown key")
        << npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), 'colour': 1, }",
                         floats({1, 2, 3, 4}))
        << QByteArray("a\nb\n") << QString() << npyLiterals + QStringLiteral("|colour|\\.npy");
    QTest::newRow(".npy: a key twice")
        << npyWithHeader("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }",
                         floats({1, 2, 3, 4}))
        << QByteArray("a\nb\n") << QString() << npyLiterals + QStringLiteral("|descr");
    QTest::newRow(".npy: fortran_order 0")
        << npyWithHeader("{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 2), }", floats({1, 2, 3, 4}))
        << QByteArray("a\nb\n") << QString() << npyLiterals;
    QTest::newRow(".npy: no shape") << npyWithHeader("{'descr': '<f4', 'fortran_order': False, }", floats({1, 2, 3, 4}))
                                    << QByteArray("a\nb\n") << QString() << npyLiterals + QStringLiteral("|shape");
    QTest::newRow(".npy: a shape of -2")
        << npyWithHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (-2, 2), }", floats({1, 2, 3, 4}))
        << QByteArray("a\nb\n") << QString() << npyLiterals;
    QTest::newRow(".npy: cut in the header") << npyFile("<f4", "(2, 2)", QByteArray()).left(30) << QByteArray("a\nb\n")
                                             << QString() << npyLiterals;
    QTest::newRow("labels: no such column")
        << QByteArray("0.1\t0.2\n0.3\t0.4\n") << QByteArray("kind\tcolour\na\tred\nb\tblue\n") << QStringLiteral("shape")
        << QStringLiteral("shape|'kind'|'colour'");
}

void TranslationTest::badEmbeddingFilesAreRefusedInChinese()
{
    QFETCH(QByteArray, vectors);
    QFETCH(QByteArray, labels);
    QFETCH(QString, labelColumn);
    QFETCH(QString, read);
    const bool npy = vectors.startsWith("\x93NUMPY");
    const QString what = verifyRefusedInBothLanguages(
        [&] {
            sme::parseEmbeddings({reinterpret_cast<const unsigned char*>(vectors.constData()), std::size_t(vectors.size())},
                                 npy ? "points.npy" : "points.tsv",
                                 {reinterpret_cast<const unsigned char*>(labels.constData()), std::size_t(labels.size())},
                                 "labels.tsv", labelColumn.toStdString());
        },
        QStringLiteral("points\\.(tsv|npy)|labels\\.tsv") + (read.isEmpty() ? QString() : QLatin1Char('|') + read));
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(what.startsWith(QStringLiteral("points.")) || what.startsWith(QStringLiteral("labels.tsv")),
             qPrintable(what));
}

// A bad data set (CSV, or a gzip file cut short) is refused in Chinese in the window, as the
// embeddings are; in English as before.
void TranslationTest::badDataFilesAreRefusedInChinese_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("read");
    QTest::newRow("ragged") << QByteArray("1,2,0\n3,4,1\n5,1\n") << QString();
    QTest::newRow("header and row") << QByteArray("a,b,label\n1,2,3,0\n") << QString();
    QTest::newRow("not a number") << QByteArray("1,2,0\n3,x4,1\n") << QStringLiteral("'x4'");
    QTest::newRow("empty cell") << QByteArray("1,,0\n3,4,1\n") << QString();
    QTest::newRow("label not an integer") << QByteArray("1,2,0\n3,4,1.5\n") << QStringLiteral("'1.5'");
    QTest::newRow("one column") << QByteArray("1\n2\n") << QString();
    QTest::newRow("empty file") << QByteArray("\n\n") << QString();
    QTest::newRow("header only") << QByteArray("a,b,label\n") << QString();
    QTest::newRow("one class") << QByteArray("1,2,7\n3,4,7\n") << QString();
    QTest::newRow("gzip cut short") << QByteArray() << QString();
}

void TranslationTest::badDataFilesAreRefusedInChinese()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, read);
    // A gzip file of some text, cut in the middle of its compressed stream.
    const QByteArray gzip = QByteArray::fromBase64("H4sIAAAAAAACA8tIzcnJV8jAIA2NjE1MzcwtLA24AN2c3mYjAAAA").left(20);
    const bool gzipped = QString::fromLatin1(QTest::currentDataTag()).startsWith(QStringLiteral("gzip"));
    const QString what = verifyRefusedInBothLanguages(
        [&] {
            if (gzipped)
                sme::inflateGzip({reinterpret_cast<const unsigned char*>(gzip.constData()), std::size_t(gzip.size())},
                                 "data.csv.gz");
            else
                sme::parseCsvDataset(std::string_view(csv.constData(), std::size_t(csv.size())), "data.csv").validate();
        },
        QStringLiteral("data\\.csv(\\.gz)?|gzip") + (read.isEmpty() ? QString() : QLatin1Char('|') + read));
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(what.startsWith(QStringLiteral("data.csv")), qPrintable(what));
}

// A bad IDX file (MNIST's format) is refused in Chinese in the window, and in English as before.
void TranslationTest::badIdxFilesAreRefusedInChinese_data()
{
    QTest::addColumn<QByteArray>("images");
    QTest::addColumn<QByteArray>("labels");
    QTest::addColumn<QString>("read");
    const QByteArray labels = idxHeader(0x08, {2}) + QByteArray("\x00\x01", 2);
    const QByteArray images = idxHeader(0x08, {2, 2, 2}) + QByteArray(8, '\x05');
    const QString byteCodes = QStringLiteral("0x[0-9A-F]{2}");
    QTest::newRow("empty images") << QByteArray() << labels << QString();
    QTest::newRow("compressed twice") << QByteArray("\x1f\x8b\x08\x00", 4) << labels << QStringLiteral("gzip");
    QTest::newRow("too short for a header") << QByteArray("\x00\x00", 2) << labels << QString();
    QTest::newRow("wrong magic number") << QByteArray("\x01\x02\x08\x03", 4) + images.mid(4) << labels << byteCodes;
    QTest::newRow("unknown element type") << idxHeader(0x07, {2, 2, 2}) + QByteArray(8, '\0') << labels << byteCodes;
    QTest::newRow("images of 1 dimension") << idxHeader(0x08, {2}) + QByteArray(2, '\0') << labels << QString();
    QTest::newRow("labels of 2 dimensions") << images << idxHeader(0x08, {2, 1}) + QByteArray(2, '\0') << QString();
    QTest::newRow("header cut") << idxHeader(0x08, {2, 2, 2}).left(9) << labels << QString();
    QTest::newRow("a size of 0") << idxHeader(0x08, {2, 0, 2}) << labels << QString();
    QTest::newRow("bytes missing") << images.left(images.size() - 3) << labels << QString();
    QTest::newRow("floats missing") << idxHeader(0x0D, {2, 2, 1}) + bigEndianFloats({1, 2, 3}) << labels << QString();
    QTest::newRow("bytes too many") << images + QByteArray(5, '\0') << labels << QString();
    QTest::newRow("labels for other images") << images << idxHeader(0x08, {3}) + QByteArray(3, '\0') << QString();
    QTest::newRow("an infinite value")
        << idxHeader(0x0D, {2, 2, 1}) + bigEndianFloats({1, 2, std::numeric_limits<float>::infinity(), 4}) << labels
        << QString();
    QTest::newRow("a double beyond float") << idxHeader(0x0E, {2, 1, 1}) + QByteArray("\x7f\xe0\0\0\0\0\0\0", 8)
                                                  + QByteArray(8, '\0')
                                           << labels << QStringLiteral("[0-9.e+]{5,}");
    QTest::newRow("a label of 1.5") << images << idxHeader(0x0D, {2}) + bigEndianFloats({0, 1.5f})
                                    << QStringLiteral("1\\.5");
    QTest::newRow("a label beyond int") << images << idxHeader(0x0D, {2}) + bigEndianFloats({0, 3e9f})
                                        << QStringLiteral("3e\\+09|3000000000");
}

void TranslationTest::badIdxFilesAreRefusedInChinese()
{
    QFETCH(QByteArray, images);
    QFETCH(QByteArray, labels);
    QFETCH(QString, read);
    const QString what = verifyRefusedInBothLanguages(
        [&] {
            sme::parseIdx({reinterpret_cast<const unsigned char*>(images.constData()), std::size_t(images.size())},
                          {reinterpret_cast<const unsigned char*>(labels.constData()), std::size_t(labels.size())},
                          "images-idx3-ubyte", "labels-idx1-ubyte");
        },
        QStringLiteral("(images-idx3|labels-idx1)-ubyte|IDX|float|int") + (read.isEmpty() ? QString() : QLatin1Char('|') + read));
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(what.startsWith(QStringLiteral("images-idx3-ubyte")) || what.startsWith(QStringLiteral("labels-idx1-ubyte")),
             qPrintable(what));
}

// Data read well that cannot be split or analysed as asked: refused in Chinese in the window.
void TranslationTest::dataThatCannotBeAnalysedIsRefusedInChinese_data()
{
    QTest::addColumn<QString>("problem");
    QTest::addColumn<QString>("english");
    QTest::newRow("three classes to split") << "split" << "a training share of 0.5 splits 3 classes";
    QTest::newRow("label noise on one class") << "noise" << "label noise needs two classes";
    QTest::newRow("K larger than the classes") << "batch" << "P x K batches with K = 4";
    QTest::newRow("a zero point") << "zero" << "point 2 is the zero vector";
    QTest::newRow("dimension 4097") << "dimension" << "embeddings of dimension 4097 cannot be analysed";
}

void TranslationTest::dataThatCannotBeAnalysedIsRefusedInChinese()
{
    QFETCH(QString, problem);
    QFETCH(QString, english);
    sme::Dataset data;
    data.name = "points.tsv";
    data.labels = problem == "split" ? std::vector<int>{0, 0, 1, 1, 2, 2} : std::vector<int>{0, 0, 0, 1, 1, 1};
    data.features = Eigen::MatrixXf::Random(6, problem == "dimension" ? 4097 : 3);
    if (problem == "zero")
        data.features.row(1).setZero();
    const QString what = verifyRefusedInBothLanguages(
        [&] {
            if (problem == "split") {
                sme::splitByClass(data, 0.5);
            } else if (problem == "noise") {
                data.labels.assign(6, 3);
                sme::addLabelNoise(data, 0.2, 1);
            } else {
                sme::EmbeddingAnalysisSettings settings;
                settings.batchK = problem == "batch" ? 4 : 2;
                sme::analyseEmbeddings(data, settings);
            }
        },
        QStringLiteral("points\\.tsv|\\b[PK]\\b"));
    QVERIFY2(what.contains(english), qPrintable(what));
}

void TranslationTest::englishComesBack()
{
    QCOMPARE(installLanguage(QStringLiteral("en")), QStringLiteral("en"));
    MainWindow window(false);
    QCOMPARE(window.menuBar()->actions().at(0)->text(), QStringLiteral("&File"));
    QCOMPARE(uiLanguage(), QStringLiteral("en"));
}

void TranslationTest::languageSwitchCarriesTheTrainedSessionOver()
{
    QTemporaryDir dir;
    const QString carried = dir.filePath(QStringLiteral("carried.smx.json"));
    auto window = std::make_unique<MainWindow>(false);
    window->show();
    window->applyParameters(testing::quickExplorer());
    for (int i = 0; i < 3; ++i)
        window->controller()->step();
    QTRY_COMPARE_WITH_TIMEOUT(window->displayedStep(), 3L, 20000);
    window = rebuildInLanguage(std::move(window), QStringLiteral("zh_CN"), carried);
    QCOMPARE(uiLanguage(), QStringLiteral("zh_CN"));
    QCOMPARE(window->menuBar()->actions().at(0)->text(), QStringLiteral("\u6587\u4EF6(&F)"));
    QCOMPARE(window->parameters(), testing::quickExplorer());
    QTRY_COMPARE_WITH_TIMEOUT(window->displayedStep(), 3L, 20000); // the trained model too
    QVERIFY(!window->banner()->isVisible());
    QVERIFY(!QFile::exists(carried));
    QVERIFY(!QFile::exists(runFilePath(carried)));
    window = rebuildInLanguage(std::move(window), QStringLiteral("en"), carried);
    QCOMPARE(window->menuBar()->actions().at(0)->text(), QStringLiteral("&File"));
}

void TranslationTest::sessionThatCannotBeCarriedOverIsReported()
{
    QTemporaryDir dir;
    const QString nowhere = dir.filePath(QStringLiteral("no/such/folder/carried.smx.json"));
    auto window = std::make_unique<MainWindow>(false);
    window->show();
    window = rebuildInLanguage(std::move(window), QStringLiteral("en"), nowhere);
    QVERIFY(window->banner()->isVisible());
    QCOMPARE(window->banner()->kind(), MessageBanner::Kind::Error);
    QVERIFY2(window->banner()->text().startsWith(
                 QStringLiteral("The session could not be carried over to the new language: ")),
             qPrintable(window->banner()->text()));
    QVERIFY2(window->banner()->text().contains(QStringLiteral("carried.smx.json")), qPrintable(window->banner()->text()));
}

void TranslationTest::cleanupTestCase()
{
    installLanguage(QStringLiteral("en"));
}

QTEST_MAIN(TranslationTest)
#include "tst_translation.moc"
