// Tests of the main window's layout for small screens and classrooms: the run bar, the grid's
// reflow, presentation mode putting everything back, the "?" explanations one at a time.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/TrainingController.h"
#include "app/gui/FileDialogs.h"
#include "app/gui/MainWindow.h"
#include "app/gui/PresentationMode.h"
#include "app/gui/RaceWindow.h"
#include "widgets/ControlPanel.h"
#include "widgets/ExplanationPanel.h"
#include "widgets/ViewExplanations.h"
#include "widgets/ViewGrid.h"
#include "ShowActive.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QListView>
#include <QMenuBar>
#include <QSignalSpy>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QtTest>
#include <map>

namespace {

QAction* menuAction(QMainWindow& window, const QString& menu, const QString& text)
{
    for (QAction* top : window.menuBar()->actions())
        if (top->text() == menu)
            for (QAction* action : top->menu()->actions())
                if (action->text() == text)
                    return action;
    return nullptr;
}

// Every widget's font and every view's place, to compare before and after.
struct WindowLook {
    std::map<const QWidget*, QString> fonts;
    std::map<sme::ViewId, QRect> views;
};

WindowLook lookOf(MainWindow& window)
{
    WindowLook look;
    for (const QWidget* widget : window.findChildren<QWidget*>())
        look.fonts[widget] = widget->font().toString() + (widget->testAttribute(Qt::WA_SetFont) ? "+own" : "");
    for (sme::ViewId id : window.views()->viewIds())
        look.views[id] = QRect(window.views()->view(id)->mapTo(&window, QPoint()), window.views()->view(id)->size());
    return look;
}

void compareLooks(const WindowLook& before, const WindowLook& after)
{
    for (const auto& [widget, font] : before.fonts) {
        const auto now = after.fonts.find(widget);
        if (now != after.fonts.end())
            QVERIFY2(now->second == font, qPrintable(QStringLiteral("%1 (%2): %3, was %4")
                                                         .arg(widget->metaObject()->className(), widget->objectName(),
                                                              now->second, font)));
    }
    for (const auto& [id, rect] : before.views)
        QVERIFY2(after.views.at(id) == rect, sme::viewName(id).data());
}

} // namespace

class WindowLayoutTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void runBarHoldsTheMenusActionsAndShowsPlaying();
    void gridTakesThreeTwoOrOneColumns();
    void gridHoldsAnyNumberOfViewsInEqualCells();
    void windowReflowsWithItsWidth();
    void presentationPutsEveryFontAndViewBack();
    void explanationsOneAtATimeClosedByEscAndClicks();
    void focusMenuNamesTheViews();
    void raceWindowFitsTheScreenAndClosesFromTheKeyboard();
    void fileDialogShowsItsColumnsInFull();
};

void WindowLayoutTest::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("SamplingMattersExplorerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_windowlayout"));
}

void WindowLayoutTest::runBarHoldsTheMenusActionsAndShowsPlaying()
{
    MainWindow window(false);
    QVERIFY(showActive(window));
    QToolBar* bar = window.runBar();
    QVERIFY(bar && bar->isVisible());
    QAction* play = menuAction(window, MainWindow::tr("&Run"), MainWindow::tr("&Play"));
    QVERIFY(play);
    QVERIFY(bar->actions().contains(play)); // the menu's own action, not a copy
    QVERIFY(bar->actions().contains(menuAction(window, MainWindow::tr("&Run"), MainWindow::tr("Single &step"))));
    QVERIFY(bar->actions().contains(menuAction(window, MainWindow::tr("&Run"), MainWindow::tr("&Reset"))));
    play->trigger();
    QTRY_VERIFY(window.controller()->isRunning());
    QTRY_COMPARE(play->text(), MainWindow::tr("&Pause"));
    play->trigger();
    QTRY_COMPARE(play->text(), MainWindow::tr("&Play"));
    // The bar's speed and the control panel's are one choice.
    auto* speed = bar->findChild<QComboBox*>(QStringLiteral("RunBarSpeed"));
    QVERIFY(speed);
    window.controls()->speedBox()->setCurrentIndex(2);
    QCOMPARE(speed->currentIndex(), 2);
    speed->setCurrentIndex(3);
    emit speed->activated(3);
    QCOMPARE(window.controls()->speedBox()->currentIndex(), 3);
}

void WindowLayoutTest::gridTakesThreeTwoOrOneColumns()
{
    const int least = ViewGrid::minimumViewWidth;
    QCOMPARE(ViewGrid::columnsFor(3 * least + 2 * ViewGrid::spacing, 7), 3);
    QCOMPARE(ViewGrid::columnsFor(3 * least + 2 * ViewGrid::spacing - 1, 7), 2);
    QCOMPARE(ViewGrid::columnsFor(2 * least + ViewGrid::spacing, 6), 2);
    QCOMPARE(ViewGrid::columnsFor(2 * least + ViewGrid::spacing - 1, 6), 1);
    QCOMPARE(ViewGrid::columnsFor(4000, 2), 2); // no empty column
}

void WindowLayoutTest::gridHoldsAnyNumberOfViewsInEqualCells()
{
    // Seven views (the retrieval curves joined the six): equal cells, none overlapping, each
    // at least the least width; one enlarged fills the grid, and back.
    ViewGrid grid;
    for (sme::ViewId id : {sme::ViewId::Density, sme::ViewId::GradientVariance, sme::ViewId::SampledDistances,
                           sme::ViewId::Losses, sme::ViewId::TrainingCurves, sme::ViewId::EmbeddingMap,
                           sme::ViewId::SamplerRace})
        grid.addView(id, new QWidget);
    for (const QSize size : {QSize(1500, 900), QSize(1000, 1200), QSize(600, 2000)}) {
        grid.resize(size);
        grid.show();
        grid.resize(size); // the least height follows the columns the width gave
        QTRY_COMPARE(grid.size(), size);
        QCOMPARE(grid.columns(), ViewGrid::columnsFor(size.width(), 7));
        const QSize first = grid.view(sme::ViewId::Density)->size();
        QVERIFY(first.width() >= std::min(ViewGrid::minimumViewWidth, size.width()));
        std::vector<QRect> cells;
        for (sme::ViewId id : grid.viewIds()) {
            const QRect cell = grid.view(id)->geometry();
            QVERIFY(grid.view(id)->isVisible());
            QVERIFY(std::abs(cell.width() - first.width()) <= 1 && std::abs(cell.height() - first.height()) <= 1);
            for (const QRect& other : cells)
                QVERIFY(!cell.intersects(other));
            cells.push_back(cell);
        }
    }
    grid.focusView(sme::ViewId::SamplerRace);
    QCOMPARE(grid.view(sme::ViewId::SamplerRace)->geometry(), grid.rect());
    QVERIFY(!grid.view(sme::ViewId::Density)->isVisible());
    grid.showAllViews();
    QVERIFY(grid.view(sme::ViewId::Density)->isVisible());
}

void WindowLayoutTest::windowReflowsWithItsWidth()
{
    MainWindow window(false);
    QVERIFY(showActive(window));
    for (const auto& [size, columns] : {std::pair{QSize(1920, 1080), 3}, std::pair{QSize(1280, 720), 2}}) {
        window.resize(size);
        QTRY_COMPARE(window.views()->columns(), columns);
        for (sme::ViewId id : window.views()->viewIds()) {
            QWidget* view = window.views()->view(id);
            QVERIFY2(view->width() >= ViewGrid::minimumViewWidth, sme::viewName(id).data());
            QVERIFY2(view->height() >= ViewGrid::minimumViewHeight, sme::viewName(id).data());
        }
        QVERIFY(window.runBar()->isVisible()); // play, step, reset in sight at any height
        QVERIFY(window.runBar()->geometry().bottom() < window.height() / 4);
    }
}

void WindowLayoutTest::presentationPutsEveryFontAndViewBack()
{
    MainWindow window(false);
    QSignalSpy shown(&window, &MainWindow::idealisedFiguresShown);
    QVERIFY(showActive(window));
    QTRY_VERIFY_WITH_TIMEOUT(shown.count() > 0, 20000);
    QTest::qWait(200);
    const WindowLook before = lookOf(window);
    QToolButton* button = window.views()->explanationButton(sme::ViewId::Density);
    const QSize buttonSize = button->size();
    for (int round = 0; round < 2; ++round) {
        QTest::keyClick(&window, Qt::Key_F11);
        QVERIFY(window.presentation()->isActive());
        QVERIFY(button->width() > buttonSize.width()); // the "?" scales too
        for (Qt::Key key : {Qt::Key_1, Qt::Key_2, Qt::Key_3, Qt::Key_4, Qt::Key_5})
            QTest::keyClick(&window, key);
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.presentation()->isActive());
        QTest::keyClick(&window, Qt::Key_Escape);
        QVERIFY(!window.views()->focusedView());
        QCOMPARE(button->size(), buttonSize);
        QTest::qWait(200);
        compareLooks(before, lookOf(window));
        // And after the side-by-side sampled distances, off and on again.
        QAction* overlaid = menuAction(window, MainWindow::tr("&View"), MainWindow::tr("Sampled distances &overlaid"));
        overlaid->trigger();
        QTest::qWait(100);
        overlaid->trigger();
        QTest::qWait(200);
        compareLooks(before, lookOf(window));
    }
}

void WindowLayoutTest::explanationsOneAtATimeClosedByEscAndClicks()
{
    MainWindow window(false);
    QVERIFY(showActive(window));
    ViewGrid* grid = window.views();
    grid->toggleExplanation(sme::ViewId::Density);
    QVERIFY(grid->explanationShown(sme::ViewId::Density));
    grid->toggleExplanation(sme::ViewId::Losses); // opening one closes the other
    QVERIFY(grid->explanationShown(sme::ViewId::Losses));
    QVERIFY(!grid->explanationShown(sme::ViewId::Density));
    // Drawn over every other view's "?".
    const int panelOrder = grid->children().indexOf(grid->explanationPanel(sme::ViewId::Losses));
    for (sme::ViewId id : grid->viewIds())
        if (id != sme::ViewId::Losses)
            QVERIFY(grid->children().indexOf(grid->explanationButton(id)) < panelOrder);
    // Esc closes it, and only it: the enlarged view stays.
    grid->focusView(sme::ViewId::Losses);
    grid->toggleExplanation(sme::ViewId::Losses);
    QVERIFY(grid->explanationShown(sme::ViewId::Losses));
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(!grid->explanationShown(sme::ViewId::Losses));
    QCOMPARE(grid->focusedView(), std::optional(sme::ViewId::Losses));
    // Opened in the enlarged view, it closes when the grid shows every view.
    grid->toggleExplanation(sme::ViewId::Losses);
    QTest::keyClick(&window, Qt::Key_Escape);
    QTest::keyClick(&window, Qt::Key_Escape);
    QVERIFY(!grid->focusedView());
    grid->focusView(sme::ViewId::Losses);
    grid->toggleExplanation(sme::ViewId::Losses);
    grid->showAllViews();
    QVERIFY(!grid->explanationShown(sme::ViewId::Losses));
    // A click outside it closes it; a click inside does not.
    grid->toggleExplanation(sme::ViewId::Density);
    ExplanationPanel* panel = grid->explanationPanel(sme::ViewId::Density);
    QTest::mouseClick(panel, Qt::LeftButton, {}, QPoint(20, 20));
    QVERIFY(grid->explanationShown(sme::ViewId::Density));
    QWidget* far = grid->view(grid->viewIds().back());
    QTest::mouseClick(far, Qt::LeftButton, {}, far->rect().center());
    QVERIFY(!grid->explanationShown(sme::ViewId::Density));
}

void WindowLayoutTest::focusMenuNamesTheViews()
{
    MainWindow window(false);
    for (sme::ViewId id : window.views()->viewIds()) {
        QAction* action = nullptr;
        for (QAction* top : window.menuBar()->actions())
            if (top->text() == MainWindow::tr("&View"))
                for (QAction* sub : top->menu()->actions())
                    if (sub->menu())
                        for (QAction* focus : sub->menu()->actions())
                            if (focus->text() == viewExplanation(id).title)
                                action = focus;
        QVERIFY2(action, sme::viewName(id).data());
    }
}

void WindowLayoutTest::raceWindowFitsTheScreenAndClosesFromTheKeyboard()
{
    sme::ExplorerParameters parameters;
    parameters.hidden = {16};
    for (const QKeySequence& keys : {QKeySequence(Qt::Key_Escape), QKeySequence(QKeySequence::Close)}) {
        RaceWindow race(parameters);
        QVERIFY(showActive(race));
        // As large as the screen leaves room for, up to 1400 x 850; and its least size fits
        // a 1366 x 768 screen (the offscreen screen is smaller still).
        const QRect available = race.screen()->availableGeometry();
        const QSize fitted(std::min(1400, available.width() - 40), std::min(850, available.height() - 60));
        QCOMPARE(race.size(), fitted.expandedTo(race.minimumSizeHint()));
        QVERIFY(race.minimumSizeHint().width() <= 1366 - 40 && race.minimumSizeHint().height() <= 768 - 60);
        QTest::keySequence(&race, keys);
        QTRY_VERIFY(!race.isVisible());
    }
}

// Qt's own file dialog (where the desktop has none) cut its size, type and date columns:
// "25….MiB", "Gzi…ive", "5 Jun 2…9:05:49". Every cell and header text now fits its column.
void WindowLayoutTest::fileDialogShowsItsColumnsInFull()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // Files as the explorer's users have them (sparse: only their sizes matter).
    const std::pair<const char*, qint64> files[] = {{"train-images-idx3-ubyte.gz", 26'421'880},
                                                    {"fashion-embeddings-metadata.tsv", 216'000},
                                                    {"session.smx.json", 1'023},
                                                    {"pair-distances.csv", 48'213}};
    for (const auto& [name, size] : files) {
        QFile file(dir.filePath(QLatin1String(name)));
        QVERIFY(file.open(QIODevice::WriteOnly));
        QVERIFY(file.resize(size));
    }
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("figures")));
    // The dialog as a user meets it first: Qt keeps its column widths in QtProject.conf and
    // brings them back. Here that file is in an empty folder of the test's (the last test: the
    // user settings of this process stay there).
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.filePath(QStringLiteral("figures")));
    // A sidebar Qt remembers narrow, as a user who met the dialog at Qt's own size has it (with
    // the places Qt remembers beside it: "Computer" and the home folder).
    {
        QSettings qt(QSettings::UserScope, QStringLiteral("QtProject"));
        qt.setValue(QStringLiteral("FileDialog/sidebarWidth"), 70);
        qt.setValue(QStringLiteral("FileDialog/shortcuts"),
                    QStringList{QStringLiteral("file:"), QUrl::fromLocalFile(QDir::homePath()).toString()});
    }

    QFileDialog dialog(nullptr, QStringLiteral("Open"), dir.path(), QStringLiteral("All files (*)"));
    dialog.setOption(QFileDialog::DontUseNativeDialog);
    filedialogs::fit(dialog);
    dialog.show();
    auto* view = dialog.findChild<QTreeView*>(QStringLiteral("treeView"));
    QVERIFY(view);
    const QModelIndex root = view->rootIndex();
    QTRY_COMPARE(view->model()->rowCount(root), 5);
    const QFontMetrics metrics(view->font());
    // The delegate's margin each side of a cell's text (QStyledItemDelegate), a header's.
    const int cellMargins = 2 * (view->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, view) + 1);
    const int headerMargins = 2 * view->style()->pixelMetric(QStyle::PM_HeaderMargin, nullptr, view->header());
    for (int column = 1; column <= 3; ++column) {
        const int width = view->columnWidth(column);
        const QString header = view->model()->headerData(column, Qt::Horizontal).toString();
        QVERIFY2(metrics.horizontalAdvance(header) + headerMargins <= width, qPrintable(header));
        for (int row = 0; row < view->model()->rowCount(root); ++row) {
            const QString text = view->model()->index(row, column, root).data().toString();
            QVERIFY2(!text.isEmpty() || column == 1, qPrintable(QStringLiteral("row %1, column %2").arg(row).arg(column)));
            QVERIFY2(metrics.horizontalAdvance(text) + cellMargins <= width,
                     qPrintable(QStringLiteral("'%1': %2 px wide in a column of %3")
                                    .arg(text)
                                    .arg(metrics.horizontalAdvance(text))
                                    .arg(width)));
        }
    }
    // The places on the left in full, each with its icon: where the style puts an item's text
    // (as QCommonStyle paints it: the text rect less a margin each side) it has room (at a
    // remembered width of 70 "Computer" showed as "Com…").
    auto* sidebar = dialog.findChild<QListView*>(QStringLiteral("sidebar"));
    QVERIFY(sidebar && sidebar->model());
    QTRY_VERIFY(sidebar->model()->rowCount() > 0);
    const int textMargin = sidebar->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, sidebar) + 1;
    const int smallIcon = sidebar->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, sidebar);
    const QSize iconSize = sidebar->iconSize().isValid() ? sidebar->iconSize() : QSize(smallIcon, smallIcon);
    for (int row = 0; row < sidebar->model()->rowCount(); ++row) {
        const QModelIndex place = sidebar->model()->index(row, 0);
        QStyleOptionViewItem option;
        option.initFrom(sidebar);
        option.rect = sidebar->visualRect(place);
        option.text = place.data().toString();
        option.features = QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration;
        option.decorationSize = iconSize; // as QAbstractItemView gives its delegate
        option.decorationPosition = QStyleOptionViewItem::Left;
        option.displayAlignment = Qt::AlignLeft | Qt::AlignVCenter;
        const QRect text = sidebar->style()->subElementRect(QStyle::SE_ItemViewItemText, &option, sidebar);
        const int wanted = QFontMetrics(sidebar->font()).horizontalAdvance(option.text);
        QVERIFY2(wanted <= text.width() - 2 * textMargin,
                 qPrintable(QStringLiteral("'%1': %2 px in a text rect of %3").arg(option.text).arg(wanted).arg(text.width())));
    }
}

QTEST_MAIN(WindowLayoutTest)
#include "tst_windowlayout.moc"
