// Tests of "What am I seeing?": every view's explanation (complete, rich text, translatable), the
// "?" buttons of the grid, and the window's F1, offscreen.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"
#include "widgets/ExplanationPanel.h"
#include "widgets/ViewExplanations.h"
#include "widgets/ViewGrid.h"

#include <QLabel>
#include <QSignalSpy>
#include <QToolButton>
#include <QTranslator>
#include <QtTest>

Q_DECLARE_METATYPE(sme::ViewId)

namespace {

// Marks every text of one context, so a test sees which texts went through the translator.
class MarkingTranslator : public QTranslator {
public:
    QString translate(const char* context, const char* sourceText, const char*, int) const override
    {
        return QByteArray(context) == "ViewExplanations" ? QStringLiteral("\u00AB%1\u00BB").arg(QString::fromUtf8(sourceText))
                                                         : QString();
    }
    bool isEmpty() const override { return false; }
};

int sentences(const QString& text)
{
    // A sentence ends at ". " or at the final "."; abbreviations are not used in these texts.
    return int(text.count(QStringLiteral(". "))) + (text.trimmed().endsWith('.') ? 1 : 0);
}

} // namespace

class ExplanationsTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void everyViewIsExplained_data();
    void everyViewIsExplained();
    void formulasAreThePapers_data();
    void formulasAreThePapers();
    void textsGoThroughTheTranslator();
    void questionMarkTogglesTheExplanation();
    void windowHasAnExplanationForEveryViewAndF1();
};

void ExplanationsTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_explanations"));
}

void ExplanationsTest::everyViewIsExplained_data()
{
    QTest::addColumn<sme::ViewId>("view");
    for (sme::ViewId view : sme::allViews)
        QTest::newRow(sme::viewName(view).data()) << view;
}

void ExplanationsTest::everyViewIsExplained()
{
    QFETCH(sme::ViewId, view);
    const ViewExplanation e = viewExplanation(view);
    QVERIFY(!e.title.isEmpty());
    QVERIFY(!e.controls.isEmpty());
    const int count = sentences(e.text);
    QVERIFY2(count >= 2 && count <= 3, qPrintable(QString("%1 sentences: %2").arg(count).arg(e.text)));
    // Rich text, never TeX: markup Qt renders, none of TeX's commands, groups or dollars.
    QVERIFY(Qt::mightBeRichText(e.formula));
    QVERIFY(e.formula.contains(QStringLiteral("<sub>")) || e.formula.contains(QStringLiteral("<sup>")));
    for (const char* tex : {"\\", "^{", "_{", "$", "\\frac", "\\sqrt"})
        QVERIFY2(!e.formula.contains(QLatin1String(tex)), tex);
    for (const QString& plain : {e.title, e.text, e.controls})
        QVERIFY2(!plain.contains('<') && !plain.contains('\\') && !plain.contains('$'), qPrintable(plain));
    // The document shows all four parts; the formula's markup is kept, the prose escaped.
    QTextDocument document;
    document.setHtml(explanationHtml(e));
    const QString shown = document.toPlainText();
    QVERIFY(shown.contains(e.title));
    QVERIFY(shown.contains(e.text));
    QVERIFY(shown.contains(e.controls));
    QVERIFY(!shown.contains(QStringLiteral("<sub>")));
}

// Pieces of each formula that PAPER.md fixes (Unicode minus signs, as shown).
void ExplanationsTest::formulasAreThePapers_data()
{
    QTest::addColumn<sme::ViewId>("view");
    QTest::addColumn<QStringList>("pieces");
    QTest::newRow("q(d), §1") << sme::ViewId::Density
                              << QStringList{"<sup><i>n</i>−2</sup>", "(1 − <i>d</i><sup>2</sup>/4)<sup>(<i>n</i>−3)/2</sup>",
                                             "Γ(<i>n</i>/2) / (√π Γ((<i>n</i>−1)/2))", "<i>N</i>(√2, 1/(2<i>n</i>))"};
    QTest::newRow("gradient, §2") << sme::ViewId::GradientVariance
                                  << QStringList{"tr Cov", "σ<sup>2</sup> <i>I<sub>n</sub></i>", "→ 1 as <i>d</i> → 0"};
    QTest::newRow("samplers, §3") << sme::ViewId::SampledDistances
                                  << QStringList{"1 / |<i>N<sub>a</sub></i>|", "argmin <i>D<sub>an</sub></i>",
                                                 "<i>D<sub>an</sub></i> &gt; <i>D<sub>ap</sub></i>",
                                                 "<i>q</i>(max(<i>D<sub>an</sub></i>, λ))<sup>−1</sup>"};
    QTest::newRow("losses, §4") << sme::ViewId::Losses
                                << QStringList{"(1 − <i>y</i>) [α − <i>D</i>]<sub>+</sub><sup>2</sup>",
                                               "[<i>D<sub>ap</sub></i><sup>2</sup> − <i>D<sub>an</sub></i><sup>2</sup> + α]<sub>+</sub>",
                                               "[<i>D<sub>ap</sub></i> − <i>D<sub>an</sub></i> + α]<sub>+</sub>",
                                               "[α + <i>y</i>′ (<i>D</i> − β)]<sub>+</sub>"};
    QTest::newRow("smoothing") << sme::ViewId::TrainingCurves
                               << QStringList{"(1 − 0.98<sup><i>t</i></sup>)", "mean β"};
    QTest::newRow("metrics") << sme::ViewId::Retrieval
                             << QStringList{"Recall@<i>K</i>", "2 <i>I</i>(<i>Y</i>; <i>C</i>) / (<i>H</i>(<i>Y</i>) + <i>H</i>(<i>C</i>))",
                                            "MAP@<i>R</i>"};
    QTest::newRow("PCA") << sme::ViewId::EmbeddingMap << QStringList{"PCA", "eigenvectors", "tr <i>S</i>"};
}

void ExplanationsTest::formulasAreThePapers()
{
    QFETCH(sme::ViewId, view);
    QFETCH(QStringList, pieces);
    const QString formula = viewExplanation(view).formula;
    for (const QString& piece : pieces)
        QVERIFY2(formula.contains(piece), qPrintable(piece + " not in " + formula));
}

void ExplanationsTest::textsGoThroughTheTranslator()
{
    MarkingTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    for (sme::ViewId view : sme::allViews) {
        const ViewExplanation e = viewExplanation(view);
        for (const QString& text : {e.title, e.text, e.formula, e.controls})
            QVERIFY2(text.startsWith(QChar(0x00AB)) && text.endsWith(QChar(0x00BB)), qPrintable(text));
    }
    QCoreApplication::removeTranslator(&translator);
    QVERIFY(!viewExplanation(sme::ViewId::Density).title.startsWith(QChar(0x00AB)));
}

void ExplanationsTest::questionMarkTogglesTheExplanation()
{
    // Four views, each with its own explanation (the race is a view too, if not the window's).
    ViewGrid grid;
    const sme::ViewId views[] = {sme::ViewId::Density, sme::ViewId::Losses, sme::ViewId::TrainingCurves,
                                 sme::ViewId::SamplerRace};
    for (sme::ViewId view : views)
        grid.addView(view, new QLabel(QString::fromUtf8(sme::viewName(view))));
    QCOMPARE(grid.viewIds(), QList<sme::ViewId>(std::begin(views), std::end(views)));
    grid.resize(900, 700);
    grid.show();
    QVERIFY(QTest::qWaitForWindowExposed(&grid));
    QVERIFY(!grid.explanationButton(sme::ViewId::EmbeddingMap)); // not in this grid
    QToolButton* button = grid.explanationButton(sme::ViewId::Losses);
    QVERIFY(button && button->isVisible());
    // Over its view's top-right corner, not inside another view.
    QVERIFY(grid.view(sme::ViewId::Losses)->geometry().contains(button->geometry()));
    QVERIFY(!grid.explanationShown(sme::ViewId::Losses));

    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(grid.explanationShown(sme::ViewId::Losses));
    ExplanationPanel* panel = grid.explanationPanel(sme::ViewId::Losses);
    QVERIFY(panel->plainText().contains(viewExplanation(sme::ViewId::Losses).title));
    const auto overView = [&] {
        const QRect view = grid.view(sme::ViewId::Losses)->geometry();
        const QRect shown = panel->geometry();
        // Under the "?", at least as wide as the view (wider when the view is narrow), in the grid.
        return grid.rect().contains(shown) && shown.top() > button->geometry().bottom()
               && shown.width() >= std::min(view.width() - 12, ViewGrid::minimumPanelWidth)
               && shown.intersects(view);
    };
    QVERIFY(overView());
    QVERIFY(!grid.explanationShown(sme::ViewId::SamplerRace)); // one view's "?" opens only its own
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(!grid.explanationShown(sme::ViewId::Losses));

    // The panel's close button closes it too, and the "?" is released.
    grid.toggleExplanation(sme::ViewId::Losses);
    QVERIFY(grid.explanationShown(sme::ViewId::Losses));
    auto* close = panel->findChild<QToolButton*>();
    QVERIFY(close);
    QTest::mouseClick(close, Qt::LeftButton);
    QVERIFY(!grid.explanationShown(sme::ViewId::Losses));
    QVERIFY(!button->isChecked());

    // Enlarging another view hides this one's button and closes its panel (an explanation left
    // open would cover the other views once all show again); back, the button returns.
    grid.toggleExplanation(sme::ViewId::Losses);
    grid.focusView(sme::ViewId::SamplerRace);
    QVERIFY(!button->isVisible());
    QVERIFY(!grid.explanationShown(sme::ViewId::Losses));
    grid.showAllViews();
    QVERIFY(button->isVisible());
    QVERIFY(!grid.explanationShown(sme::ViewId::Losses));
    grid.toggleExplanation(sme::ViewId::Losses);
    QVERIFY(overView());
    // Two columns just wider than ViewGrid::minimumViewWidth (the grid reflows below it): views
    // narrower than the panel, which reaches over the neighbour.
    grid.resize(2 * ViewGrid::minimumViewWidth + 40, 700);
    QTRY_VERIFY(grid.view(sme::ViewId::Losses)->width() < ViewGrid::minimumPanelWidth);
    QVERIFY(overView());
    QCOMPARE(panel->width(), ViewGrid::minimumPanelWidth);
}

void ExplanationsTest::windowHasAnExplanationForEveryViewAndF1()
{
    MainWindow window(false);
    window.resize(1280, 800);
    window.show();
    window.activateWindow();
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    ViewGrid* grid = window.views();
    QCOMPARE(grid->viewIds(), QList<sme::ViewId>(sme::gridViews.begin(), sme::gridViews.end()));
    for (sme::ViewId view : sme::gridViews) {
        QVERIFY(grid->explanationButton(view));
        QVERIFY(grid->explanationButton(view)->isVisible());
    }
    grid->view(sme::ViewId::Losses)->setFocus();
    QTest::keyClick(&window, Qt::Key_F1);
    QVERIFY(grid->explanationShown(sme::ViewId::Losses));
    QVERIFY(grid->explanationPanel(sme::ViewId::Losses)->plainText().contains(viewExplanation(sme::ViewId::Losses).title));
    if (const QByteArray folder = qgetenv("SME_TEST_IMAGES"); !folder.isEmpty()) {
        QSignalSpy shown(&window, &MainWindow::idealisedFiguresShown);
        QVERIFY(shown.wait(20000));
        grid->toggleExplanation(sme::ViewId::Density);
        QTest::qWait(200);
        window.grab().save(QString::fromLocal8Bit(folder) + QStringLiteral("/explanations-1280x800.png"));
        grid->toggleExplanation(sme::ViewId::Density);
    }
    QTest::keyClick(&window, Qt::Key_F1);
    QVERIFY(!grid->explanationShown(sme::ViewId::Losses));
}

QTEST_MAIN(ExplanationsTest)
#include "tst_explanations.moc"
