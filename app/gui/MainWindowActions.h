// The main window's menus, one builder per menu, and the actions whose state the window reads.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>

class MainWindow;
class PresentationMode;
class QAction;
class QMenu;

class MainWindowActions : public QObject {
public:
    // Fills the window's menu bar. The window's views, controls dock and presets must exist.
    explicit MainWindowActions(MainWindow& window);

    QAction* keepModel() const { return keepModel_; }     // save the trained model in sessions
    QAction* liveSampled() const { return liveSampled_; } // sampled distances of the live model
    QAction* logDensity() const { return logDensity_; }   // the density view's log axis
    QAction* overlaid() const { return overlaid_; }       // sampled distances overlaid
    QAction* presentation() const { return presentation_; }
    PresentationMode* presentationMode() const { return presentationMode_; }
    const QList<QAction*>& runActions() const { return runActions_; } // play, step, reset
    // The recent sessions as the settings list them.
    void fillRecentMenu();

private:
    void buildFileMenu();
    void buildSessionActions(QMenu* file);
    void buildRunMenu();
    void buildViewMenu();
    void buildFocusActions(QMenu* view);
    void buildPresentationAction(QMenu* view);
    void buildLanguageMenu(QMenu* view);
    void buildPresetMenu();
    void buildHelpMenu();
    void showAbout();

    MainWindow& window_;
    QMenu* recentMenu_ = nullptr;
    QAction* keepModel_ = nullptr;
    QAction* liveSampled_ = nullptr;
    QAction* logDensity_ = nullptr;
    QAction* overlaid_ = nullptr;
    QAction* presentation_ = nullptr;
    PresentationMode* presentationMode_ = nullptr;
    QList<QAction*> runActions_; // play, step, reset: on the presentation bar too
    QAction* showAll_ = nullptr;
};
