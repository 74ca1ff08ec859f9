// The main window: the run bar above, the control panel beside the live views (seven), wired to the explorer's controller.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/base/Table.h"
#include "model/figures/ExplorerParameters.h"
#include "model/figures/IdealisedFigures.h"
#include "model/figures/ViewId.h"
#include "model/training/TrainingSnapshot.h"
#include "app/render/FigureExporter.h"
#include "app/io/Presets.h"
#include "app/io/SessionFile.h"

#include <QMainWindow>
#include <QPointer>
#include <memory>
#include <optional>

class ControlPanel;
class DensityChartView;
class EmbeddingsController;
class EmbeddingsWindow;
struct EmbeddingsRequest;
struct EmbeddingsResult;
class EmbeddingMapView;
class ExplorerController;
class GradientVarianceView;
class LossFunctionsView;
class MainWindowActions;
class MessageBanner;
class PresentationMode;
class RaceWindow;
class PresetAnimation;
class QAction;
class QDockWidget;
class QComboBox;
class QLabel;
class QScrollArea;
class QToolBar;
class SampledDistancesView;
class TrainingController;
class TrainingCurvesView;
class TripletInspector;
class ViewGrid;
class WorkProgress;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Restores the last geometry, layout and parameters unless told not to (tests).
    explicit MainWindow(bool restoreSettings = true, QWidget* parent = nullptr);
    ~MainWindow() override;

    const sme::ExplorerParameters& parameters() const;
    // Sets every control and applies what changed, as if the user had done it.
    void applyParameters(const sme::ExplorerParameters& parameters);

    ExplorerController* explorer() const { return explorer_; }
    ControlPanel* controls() const { return controls_; }
    ViewGrid* views() const { return grid_; }
    DensityChartView* densityView() const { return density_; }
    GradientVarianceView* gradientView() const { return gradient_; }
    SampledDistancesView* sampledView() const { return sampled_; }
    LossFunctionsView* lossView() const { return losses_; }
    TrainingCurvesView* curvesView() const { return curves_; }
    EmbeddingMapView* mapView() const { return map_; }
    TrainingController* controller() const;
    TripletInspector* inspector() const { return inspector_; }
    MessageBanner* banner() const { return banner_; }
    long displayedStep() const { return displayedStep_; }
    bool computingFigures() const;

    // The view an export acts on: the one holding the keyboard focus, else the enlarged one,
    // else the first.
    sme::ViewId currentView() const;
    // Exports one view of the grid, sized as exportAll says; empty or a message.
    QString exportView(sme::ViewId view, const QString& path, const FigureExportOptions& options);
    // Every view into folder as NAME.FORMAT, with NAME.csv beside every view with data.
    // options.size: empty, each view's shape at a sensible width; a width alone, each view's
    // shape at that width.
    QString exportAll(const QString& folder, const FigureExportOptions& options);
    // The numbers a view shows (MainWindowFiles.cpp, one case per view id); nullopt before any.
    std::optional<sme::Table> viewTable(sme::ViewId view);
    // Sessions: empty or a message; a refused file changes nothing. A session on large data
    // comes in later, loaded in the background (ExplorerController::openSession).
    // remember: list it among the recent sessions.
    QString saveSessionTo(const QString& path, bool remember = true);
    QString openSession(const QString& path, bool remember = true);
    // How the views are shown (enlarged view, log axis, side by side, live model), as sessions keep it.
    SessionViewState viewState() const;
    void setViewState(const SessionViewState& view);

    // Presets: every parameter set as the preset says, its view enlarged, its text shown, its
    // animation or training started. False for an unknown id.
    const std::vector<Preset>& presets() const { return presets_; }
    bool applyPreset(const QString& id);
    PresetAnimation* presetAnimation() const { return animation_; }
    void showStartPage();
    void showStartPageIfWanted(); // at start, unless the user turned it off
    PresentationMode* presentation() const;
    QAction* presentationAction() const;
    // Play/Pause, Step, Reset and the speed, always in sight.
    QToolBar* runBar() const { return runBar_; }
    // Long work in the status bar (MainWindowLongWork.cpp): loading large data, and evaluating
    // every held-out point on request (the Run menu's action, enabled while the live
    // evaluations score a sample).
    WorkProgress* loadProgress() const { return loadProgress_; }
    WorkProgress* evaluationProgress() const { return evaluationProgress_; }
    QAction* evaluateAllAction() const { return evaluateAll_; }
    void evaluateAllHeldOut();
    // A user's own embeddings (MainWindowEmbeddings.cpp): read and analysed in the background
    // (progress and Cancel in the status bar), then shown in the one embeddings window, which
    // a newer one replaces; a file that cannot be read changes nothing and says why.
    void openEmbeddings(const EmbeddingsRequest& request);
    EmbeddingsWindow* embeddingsWindow() const;
    EmbeddingsController* embeddingsLoader() const { return embeddingsLoader_; }
    WorkProgress* embeddingsProgress() const { return embeddingsProgress_; }

public slots:
    // The sampler race on the current parameters, in a window of its own.
    RaceWindow* openRace();

signals:
    void idealisedFiguresShown(); // after the views show a new set of idealised figures
    void snapshotShown();         // after a training snapshot reached the views
    void raceRequested();         // a preset asks for the sampler race
    void languageChangeRequested(const QString& language); // the window is rebuilt in it

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    friend class MainWindowActions; // the menus call the window's commands

    void buildControlsDock();
    QScrollArea* gridScrollArea();
    void buildRunBar();
    void showRunning(bool running);
    void loadPresetList();
    void buildStatusBar();
    void connectControls();
    void connectExplorer();
    void connectTraining();
    void buildLongWork();
    void connectLongWork();
    void showFullEvaluation(const sme::Evaluation& evaluation);
    void buildEmbeddings();
    void chooseEmbeddings(); // File › Open embeddings…
    bool chooseLabels(EmbeddingsRequest& request);
    void showEmbeddings(std::shared_ptr<const EmbeddingsResult> result);
    void reopenEmbeddings(const SessionEmbeddings& entry);
    void updateEvaluateAll(const sme::TrainingSnapshot& snapshot);
    sme::ExplorerParameters initialParameters(bool restore);
    void showIdealised(std::shared_ptr<const sme::IdealisedFigures> figures);
    void showModelReset(const QString& why);
    void onSnapshot(std::shared_ptr<const sme::TrainingSnapshot> snapshot);
    // A collapsed or stalled run said in words in the banner, withdrawn when it clears.
    void showTrainingHealth(const sme::TrainingSnapshot& snapshot);
    void togglePlay();
    void openDataFile();
    // Banners and their clearing rules (MainWindowMessages.cpp): an error stays until the state
    // it describes is gone (clearStaleMessages: parameters changed, the run reset, a session
    // opened); a refusal of an action only passes in the status bar.
    void showError(const QString& text);
    void refuse(const QString& text);
    void clearStaleMessages();
    void showDimensionNote(int viewDimension, int modelDimension);
    void showDivergence(const QString& reason, long step);
    void resetRun();           // the Reset button and R
    void resetAllParameters(); // every parameter to its default
    QWidget* lessonControls(); // a preset's animation: pause, step and where it is, for the banner
    void saveSettings() const;
    void restoreSettings();
    void exportCurrentView();
    void exportAllViews();
    void exportCurrentData();
    void copyCurrentView();
    void rememberRecent(const QString& path);

    ExplorerController* explorer_;
    ControlPanel* controls_;
    ViewGrid* grid_;
    DensityChartView* density_;
    GradientVarianceView* gradient_;
    SampledDistancesView* sampled_;
    LossFunctionsView* losses_;
    TrainingCurvesView* curves_;
    EmbeddingMapView* map_;
    MessageBanner* banner_;
    TripletInspector* inspector_;
    std::shared_ptr<const sme::IdealisedFigures> lastFigures_; // what the idealised views show
    QDockWidget* controlsDock_ = nullptr;
    bool digitsExplained_ = false; // the digits' note shown since they were chosen
    std::vector<Preset> presets_;
    PresetAnimation* animation_ = nullptr;
    QMetaObject::Connection lessonEnd_; // the lesson's animation stops when its banner goes
    MainWindowActions* actions_ = nullptr;
    QToolBar* runBar_ = nullptr;
    QComboBox* speedBox_ = nullptr;
    QLabel* stepLabel_ = nullptr;
    QLabel* speedLabel_ = nullptr;
    QLabel* busyLabel_ = nullptr;
    WorkProgress* loadProgress_ = nullptr;
    WorkProgress* evaluationProgress_ = nullptr;
    QAction* evaluateAll_ = nullptr;
    EmbeddingsController* embeddingsLoader_ = nullptr;
    WorkProgress* embeddingsProgress_ = nullptr;
    QPointer<EmbeddingsWindow> embeddings_;
    bool liveSampled_ = false; // the live evaluations score a sample of the held-out points
    long displayedStep_ = 0;
    std::optional<long> collapsedSince_; // the first evaluation of the current collapse
    QString healthMessage_;              // the banner's text for them, empty when healthy
    QString dimensionNote_;              // the banner's text for n beyond the model's, if shown
    QString divergenceMessage_;          // the banner's text for the last divergence
};
