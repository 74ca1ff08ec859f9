// The main window's menus, status bar and About box.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/MainWindow.h"

#include "app/io/DataSource.h"
#include "app/gui/ExportDialog.h"
#include "app/io/Language.h"
#include "app/io/OutputFile.h"
#include "app/gui/PresentationMode.h"
#include "app/control/PresetAnimation.h"
#include "app/gui/StartPage.h"
#include "app/io/SessionFile.h"
#include "app/render/FigureViews.h"
#include "app/io/ParameterJson.h"
#include "app/control/RaceController.h"
#include "app/gui/RaceWindow.h"
#include "app/control/TrainingController.h"
#include "app/gui/TripletInspector.h"
#include "model/base/Error.h"
#include "widgets/ControlPanel.h"
#include "widgets/DensityChartView.h"
#include "widgets/EmbeddingMapView.h"
#include "widgets/GradientVarianceView.h"
#include "widgets/LossFunctionsView.h"
#include "widgets/MessageBanner.h"
#include "widgets/SampledDistancesView.h"
#include "widgets/TrainingCurvesView.h"
#include "widgets/ViewExplanations.h"
#include "widgets/ViewGrid.h"

#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QLayout>
#include <QDockWidget>
#include <QFileDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

void MainWindow::buildMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open session\u2026"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a session"), QString(),
                                                          tr("Sessions (*.smx.json *.json);;All files (*)"));
        if (!path.isEmpty())
            if (const QString failure = openSession(path); !failure.isEmpty())
                showError(failure);
    });
    open->setShortcut(QKeySequence::Open);
    QAction* save = file->addAction(tr("&Save session\u2026"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save the session"), QStringLiteral("session.smx.json"),
                                                          tr("Sessions (*.smx.json *.json)"));
        if (!path.isEmpty())
            if (const QString failure = saveSessionTo(path); !failure.isEmpty())
                showError(failure);
    });
    save->setShortcut(QKeySequence::Save);
    keepModelAction_ = file->addAction(tr("&Keep the trained model in sessions"));
    keepModelAction_->setCheckable(true);
    keepModelAction_->setChecked(QSettings().value(QStringLiteral("keepModelInSessions"), true).toBool());
    keepModelAction_->setToolTip(tr("Save the trained weights and the run's curves beside the session "
                                    "(NAME.run), so that opening it continues the run where it stopped."));
    connect(keepModelAction_, &QAction::toggled, this,
            [](bool keep) { QSettings().setValue(QStringLiteral("keepModelInSessions"), keep); });
    recentMenu_ = file->addMenu(tr("&Recent sessions"));
    fillRecentMenu();
    file->addSeparator();
    file->addAction(tr("Open &data file\u2026"), this, &MainWindow::openDataFile);
    file->addSeparator();
    QAction* exportView = file->addAction(tr("&Export view\u2026"), this, &MainWindow::exportCurrentView);
    exportView->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addAction(tr("Export &all views\u2026"), this, &MainWindow::exportAllViews);
    file->addAction(tr("Export view &data (CSV)\u2026"), this, &MainWindow::exportCurrentData);
    QAction* copy = file->addAction(tr("&Copy view to clipboard"), this, &MainWindow::copyCurrentView);
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    auto* run = menuBar()->addMenu(tr("&Run"));
    QAction* play = run->addAction(tr("&Play / pause"), this, &MainWindow::togglePlay);
    play->setShortcut(Qt::Key_Space);
    QAction* step = run->addAction(tr("Single &step"), controller_, &TrainingController::step);
    step->setShortcuts({QKeySequence(Qt::Key_N), QKeySequence(Qt::Key_Right)});
    QAction* reset = run->addAction(tr("&Reset"), controller_, &TrainingController::reset);
    reset->setShortcut(Qt::Key_R);
    for (QAction* action : {play, step, reset})
        action->setShortcutContext(Qt::WindowShortcut);
    run->addSeparator();
    run->addAction(tr("Sampler &race\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), this,
                   &MainWindow::openRace);

    auto* view = menuBar()->addMenu(tr("&View"));
    logDensityAction_ = view->addAction(tr("&Logarithmic density axis"));
    logDensityAction_->setCheckable(true);
    connect(logDensityAction_, &QAction::toggled, density_, &DensityChartView::setLogScale);
    liveSampledAction_ = view->addAction(tr("Sampled distances from the &live model"));
    liveSampledAction_->setCheckable(true);
    connect(liveSampledAction_, &QAction::toggled, this, [this](bool live) {
        if (live)
            controller_->requestSamplerComparison();
        else
            computeIdealised();
    });
    QAction* overlaid = view->addAction(tr("Sampled distances &overlaid"));
    overlaid->setCheckable(true);
    overlaid->setChecked(true);
    connect(overlaid, &QAction::toggled, sampled_, &SampledDistancesView::setOverlaid);
    view->addSeparator();
    auto* focus = view->addMenu(tr("&Focus view"));
    const QList<sme::ViewId> views = grid_->viewIds();
    for (int i = 0; i < views.size(); ++i) {
        QAction* action = focus->addAction(tr("View &%1").arg(i + 1), grid_, [this, view = views[i]] { grid_->focusView(view); });
        action->setShortcut(QKeySequence(Qt::Key_1 + i));
    }
    // Esc leaves presentation mode first, then stops an animation and shows every view.
    QAction* all = view->addAction(tr("Show &all views"), this, [this] {
        animation_->stop();
        if (presentation_->isActive())
            presentationAction_->setChecked(false);
        else
            grid_->showAllViews();
    });
    all->setShortcut(Qt::Key_Escape);
    presentationAction_ = view->addAction(tr("&Presentation mode"));
    presentationAction_->setShortcut(Qt::Key_F11);
    presentationAction_->setCheckable(true);
    presentationAction_->setToolTip(tr("Full screen, large fonts, thick lines, high contrast; 1-6 focus a view, Esc leaves"));
    QAction* leave = new QAction(tr("Leave (Esc)"), this);
    connect(leave, &QAction::triggered, all, &QAction::trigger);
    presentation_ = new PresentationMode(this, controlsDock_, grid_, {play, step, reset, leave});
    connect(presentationAction_, &QAction::toggled, this, [this](bool on) {
        if (on && !grid_->focusedView())
            grid_->focusView(currentView());
        presentation_->setActive(on);
    });

    auto* languages = view->addMenu(tr("&Language"));
    auto* languageGroup = new QActionGroup(languages);
    for (const QString& language : availableLanguages()) {
        // Each language by its own name, so anyone can find theirs.
        QAction* action = languages->addAction(language == QLatin1String("zh_CN") ? QStringLiteral("\u4E2D\u6587\uFF08\u7B80\u4F53\uFF09")
                                                                                  : QStringLiteral("English"));
        action->setCheckable(true);
        action->setChecked(language == uiLanguage());
        action->setActionGroup(languageGroup);
        connect(action, &QAction::triggered, this, [this, language] {
            if (language != uiLanguage())
                emit languageChangeRequested(language);
        });
    }

    auto* presetMenu = menuBar()->addMenu(tr("&Presets"));
    for (const Preset& preset : presets_) {
        QAction* action = presetMenu->addAction(preset.title, this, [this, id = preset.id] { applyPreset(id); });
        action->setToolTip(preset.lookFor);
        action->setObjectName(QStringLiteral("preset-") + preset.id);
    }
    presetMenu->addSeparator();
    presetMenu->addAction(tr("&Start page…"), this, &MainWindow::showStartPage);
    presetMenu->setToolTipsVisible(true);

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&What am I seeing?"), QKeySequence::HelpContents, this,
                    [this] { grid_->toggleExplanation(currentView()); });
    help->addAction(tr("&About"), this, &MainWindow::showAbout);
}

void MainWindow::buildStatusBar()
{
    stepLabel_ = new QLabel(tr("Step 0"));
    speedLabel_ = new QLabel;
    busyLabel_ = new QLabel;
    statusBar()->addPermanentWidget(busyLabel_);
    statusBar()->addPermanentWidget(speedLabel_);
    statusBar()->addPermanentWidget(stepLabel_);
}


void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About Sampling Matters Explorer"),
        tr("<p><b>Sampling Matters Explorer</b> %1</p>"
           "<p>Shows how sampling and losses shape deep embedding learning, after "
           "C.-Y. Wu, R. Manmatha, A. J. Smola and P. Kr\u00e4henb\u00fchl, "
           "<i>Sampling Matters in Deep Embedding Learning</i>, ICCV 2017.</p>"
           "<p>Handwritten digits: UCI \"Optical Recognition of Handwritten Digits\" "
           "(E. Alpaydin, C. Kaynak, 1998), UCI Machine Learning Repository, CC BY 4.0.</p>"
           "<p>Free software under the GNU General Public License, version 3 or later.</p>")
            .arg(QStringLiteral(PROJECT_VERSION)));
}
