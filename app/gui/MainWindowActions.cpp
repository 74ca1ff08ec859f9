// The main window's menus and About box. Their texts are the window's (MainWindow::tr), the
// context the translations know them by.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindowActions.h"

#include "app/control/ExplorerController.h"
#include "app/control/PresetAnimation.h"
#include "app/control/TrainingController.h"
#include "app/gui/AblationWindow.h"
#include "app/gui/FileDialogs.h"
#include "app/gui/MainWindow.h"
#include "app/gui/PresentationMode.h"
#include "app/gui/Settings.h"
#include "app/io/Language.h"
#include "widgets/DensityChartView.h"
#include "widgets/SampledDistancesView.h"
#include "widgets/ViewExplanations.h"
#include "widgets/ViewGrid.h"

#include <QActionGroup>
#include <QMenuBar>
#include <QMessageBox>

MainWindowActions::MainWindowActions(MainWindow& window)
    : QObject(&window)
    , window_(window)
{
    buildFileMenu();
    buildRunMenu();
    buildViewMenu();
    buildPresetMenu();
    buildHelpMenu();
}

void MainWindowActions::buildFileMenu()
{
    MainWindow& w = window_;
    auto* file = w.menuBar()->addMenu(MainWindow::tr("&File"));
    buildSessionActions(file);
    file->addSeparator();
    file->addAction(MainWindow::tr("Open &data file\u2026"), &w, &MainWindow::openDataFile);
    QAction* embeddings = file->addAction(MainWindow::tr("Open &embeddings\u2026"), &w, &MainWindow::chooseEmbeddings);
    embeddings->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    embeddings->setToolTip(MainWindow::tr("Your own model's embeddings (the Embedding Projector's TSV, CSV or .npy): "
                                          "their distances, the samplers' picks, their map and their scores"));
    file->addSeparator();
    QAction* exportView = file->addAction(MainWindow::tr("&Export view\u2026"), &w, &MainWindow::exportCurrentView);
    exportView->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addAction(MainWindow::tr("Export &all views\u2026"), &w, &MainWindow::exportAllViews);
    file->addAction(MainWindow::tr("Export view &data (CSV)\u2026"), &w, &MainWindow::exportCurrentData);
    QAction* copy = file->addAction(MainWindow::tr("&Copy view to clipboard"), &w, &MainWindow::copyCurrentView);
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    file->addSeparator();
    file->addAction(MainWindow::tr("&Quit"), QKeySequence::Quit, &w, &QWidget::close);
}

void MainWindowActions::buildSessionActions(QMenu* file)
{
    MainWindow& w = window_;
    QAction* open = file->addAction(MainWindow::tr("&Open session\u2026"), &w, [&w] {
        const QString path = filedialogs::openFile(&w, MainWindow::tr("Open a session"), QString(),
                                                          MainWindow::tr("Sessions (*.smx.json *.json);;All files (*)"));
        if (!path.isEmpty())
            if (const QString failure = w.openSession(path); !failure.isEmpty())
                w.showError(failure);
    });
    open->setShortcut(QKeySequence::Open);
    QAction* save = file->addAction(MainWindow::tr("&Save session\u2026"), &w, [&w] {
        const QString path = filedialogs::saveFile(&w, MainWindow::tr("Save the session"),
                                                          QStringLiteral("session.smx.json"),
                                                          MainWindow::tr("Sessions (*.smx.json *.json)"));
        if (!path.isEmpty())
            if (const QString failure = w.saveSessionTo(path); !failure.isEmpty())
                w.showError(failure);
    });
    save->setShortcut(QKeySequence::Save);
    keepModel_ = file->addAction(MainWindow::tr("&Keep the trained model in sessions"));
    keepModel_->setCheckable(true);
    keepModel_->setChecked(settings::keepModelInSessions());
    keepModel_->setToolTip(MainWindow::tr("Save the trained weights and the run's curves beside the session "
                                          "(NAME.run), so that opening it continues the run where it stopped."));
    connect(keepModel_, &QAction::toggled, this, &settings::setKeepModelInSessions);
    recentMenu_ = file->addMenu(MainWindow::tr("&Recent sessions"));
    fillRecentMenu();
}

void MainWindowActions::fillRecentMenu()
{
    MainWindow& w = window_;
    recentMenu_->clear();
    const QStringList recent = settings::recentSessions();
    for (const QString& path : recent)
        recentMenu_->addAction(path, &w, [&w, path] {
            if (const QString failure = w.openSession(path); !failure.isEmpty())
                w.showError(failure);
        });
    recentMenu_->setEnabled(!recent.isEmpty());
}

void MainWindowActions::buildRunMenu()
{
    MainWindow& w = window_;
    auto* run = w.menuBar()->addMenu(MainWindow::tr("&Run"));
    QAction* play = run->addAction(MainWindow::tr("&Play / pause"), &w, &MainWindow::togglePlay);
    play->setShortcut(Qt::Key_Space);
    QAction* step = run->addAction(MainWindow::tr("Single &step"), w.controller(), &TrainingController::step);
    step->setShortcuts({QKeySequence(Qt::Key_N), QKeySequence(Qt::Key_Right)});
    QAction* reset = run->addAction(MainWindow::tr("&Reset"), &w, &MainWindow::resetRun);
    reset->setShortcut(Qt::Key_R);
    runActions_ = {play, step, reset};
    for (QAction* action : runActions_)
        action->setShortcutContext(Qt::WindowShortcut);
    QAction* defaults = run->addAction(MainWindow::tr("Reset all &parameters to defaults"), &w,
                                       &MainWindow::resetAllParameters);
    defaults->setObjectName(QStringLiteral("resetAllParameters"));
    w.evaluateAll_ = run->addAction(MainWindow::tr("&Evaluate on all held-out points"), &w,
                                    &MainWindow::evaluateAllHeldOut);
    w.evaluateAll_->setObjectName(QStringLiteral("evaluateAll"));
    w.evaluateAll_->setEnabled(false);
    w.evaluateAll_->setToolTip(MainWindow::tr("The live scores are taken on a sample of the held-out points; "
                                              "this scores every one of them, once, at the current step."));
    run->addSeparator();
    run->addAction(MainWindow::tr("Sampler &race\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), &w,
                   &MainWindow::openRace);
    run->addAction(MainWindow::tr("&Ablation grid\u2026"), &w, [&w] {
        w.controller()->pause(); // the grid's runs get the cores to themselves
        auto* grid = new AblationWindow(w.parameters(), &w);
        grid->setAttribute(Qt::WA_DeleteOnClose);
        grid->show();
    });
}

void MainWindowActions::buildViewMenu()
{
    MainWindow& w = window_;
    auto* view = w.menuBar()->addMenu(MainWindow::tr("&View"));
    logDensity_ = view->addAction(MainWindow::tr("&Logarithmic density axis"));
    logDensity_->setCheckable(true);
    connect(logDensity_, &QAction::toggled, w.densityView(), &DensityChartView::setLogScale);
    liveSampled_ = view->addAction(MainWindow::tr("Sampled distances from the &live model"));
    liveSampled_->setCheckable(true);
    connect(liveSampled_, &QAction::toggled, this, [&w](bool live) {
        if (live)
            w.controller()->requestSamplerComparison();
        else
            w.explorer()->computeFigures();
    });
    overlaid_ = view->addAction(MainWindow::tr("Sampled distances &overlaid"));
    overlaid_->setCheckable(true);
    overlaid_->setChecked(true);
    connect(overlaid_, &QAction::toggled, w.sampledView(), &SampledDistancesView::setOverlaid);
    view->addSeparator();
    buildFocusActions(view);
    buildPresentationAction(view);
    buildLanguageMenu(view);
}

void MainWindowActions::buildFocusActions(QMenu* view)
{
    MainWindow& w = window_;
    ViewGrid* grid = w.views();
    auto* focus = view->addMenu(MainWindow::tr("&Focus view"));
    const QList<sme::ViewId> views = grid->viewIds();
    for (int i = 0; i < views.size(); ++i) {
        // By its title, as its "?" names it; its key (1, 2, ...) shows beside it.
        const QString title = viewExplanation(views[i]).title;
        QAction* action = focus->addAction(QString(title).replace(QLatin1Char('&'), QStringLiteral("&&")), grid,
                                           [grid, view = views[i]] { grid->focusView(view); });
        action->setShortcut(QKeySequence(Qt::Key_1 + i));
    }
    // Esc closes an open explanation first, then leaves presentation mode, then stops an
    // animation and shows every view.
    showAll_ = view->addAction(MainWindow::tr("Show &all views"), this, [this, grid] {
        if (grid->closeExplanation())
            return;
        window_.presetAnimation()->stop();
        if (presentationMode_->isActive())
            presentation_->setChecked(false);
        else
            grid->showAllViews();
    });
    showAll_->setShortcut(Qt::Key_Escape);
}

void MainWindowActions::buildPresentationAction(QMenu* view)
{
    MainWindow& w = window_;
    presentation_ = view->addAction(MainWindow::tr("&Presentation mode"));
    presentation_->setShortcut(Qt::Key_F11);
    presentation_->setCheckable(true);
    presentation_->setToolTip(MainWindow::tr("Full screen, large fonts, thick lines, high contrast; 1-7 focus a view, Esc leaves"));
    QAction* leave = new QAction(MainWindow::tr("Leave (Esc)"), &w);
    connect(leave, &QAction::triggered, showAll_, &QAction::trigger);
    presentationMode_ = new PresentationMode(&w, w.controlsDock_, w.views(), runActions_ + QList<QAction*>{leave});
    connect(presentation_, &QAction::toggled, this, [this, &w](bool on) {
        if (on && !w.views()->focusedView())
            w.views()->focusView(w.currentView());
        presentationMode_->setActive(on);
    });
}

void MainWindowActions::buildLanguageMenu(QMenu* view)
{
    MainWindow& w = window_;
    auto* languages = view->addMenu(MainWindow::tr("&Language"));
    auto* languageGroup = new QActionGroup(languages);
    for (const QString& language : availableLanguages()) {
        // Each language by its own name, so anyone can find theirs.
        QAction* action = languages->addAction(language == QLatin1String("zh_CN") ? QStringLiteral("\u4E2D\u6587\uFF08\u7B80\u4F53\uFF09")
                                                                                  : QStringLiteral("English"));
        action->setCheckable(true);
        action->setChecked(language == uiLanguage());
        action->setActionGroup(languageGroup);
        connect(action, &QAction::triggered, &w, [&w, language] {
            if (language != uiLanguage())
                emit w.languageChangeRequested(language);
        });
    }
}

void MainWindowActions::buildPresetMenu()
{
    MainWindow& w = window_;
    auto* presetMenu = w.menuBar()->addMenu(MainWindow::tr("&Presets"));
    for (const Preset& preset : w.presets()) {
        QAction* action = presetMenu->addAction(preset.title, &w, [&w, id = preset.id] { w.applyPreset(id); });
        action->setToolTip(preset.lookFor);
        action->setObjectName(QStringLiteral("preset-") + preset.id);
    }
    presetMenu->addSeparator();
    presetMenu->addAction(MainWindow::tr("&Start page…"), &w, &MainWindow::showStartPage);
    presetMenu->setToolTipsVisible(true);
}

void MainWindowActions::buildHelpMenu()
{
    MainWindow& w = window_;
    auto* help = w.menuBar()->addMenu(MainWindow::tr("&Help"));
    help->addAction(MainWindow::tr("&What am I seeing?"), QKeySequence::HelpContents, &w,
                    [&w] { w.views()->toggleExplanation(w.currentView()); });
    help->addAction(MainWindow::tr("&About"), this, &MainWindowActions::showAbout);
}

void MainWindowActions::showAbout()
{
    QMessageBox::about(
        &window_, MainWindow::tr("About Sampling Matters Explorer"),
        MainWindow::tr("<p><b>Sampling Matters Explorer</b> %1</p>"
                       "<p>Shows how sampling and losses shape deep embedding learning, after "
                       "C.-Y. Wu, R. Manmatha, A. J. Smola and P. Kr\u00e4henb\u00fchl, "
                       "<i>Sampling Matters in Deep Embedding Learning</i>, ICCV 2017.</p>"
                       "<p>Handwritten digits: UCI \"Optical Recognition of Handwritten Digits\" "
                       "(E. Alpaydin, C. Kaynak, 1998), UCI Machine Learning Repository, CC BY 4.0.</p>"
                       "<p>Free software under the GNU General Public License, version 3 or later.</p>")
            .arg(QStringLiteral(PROJECT_VERSION)));
}
