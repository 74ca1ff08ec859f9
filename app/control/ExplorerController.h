// The explorer without its window: the current parameters and what a change of them asks of the
// model (a new model, a live change, new idealised figures computed in the background), sessions.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/figures/ExplorerParameters.h"
#include "model/figures/IdealisedFigures.h"
#include "app/control/BackgroundRun.h"
#include "app/io/DataSource.h"
#include "app/io/SessionFile.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <variant>

class QTimer;
class TrainingController;

class ExplorerController : public QObject {
    Q_OBJECT
public:
    explicit ExplorerController(QObject* parent = nullptr);
    ~ExplorerController() override; // after the figures being computed, if any

    // The first parameters: a model on them (on the synthetic clusters when their data cannot
    // be loaded, with an error) and their figures. Connect the signals first.
    void setUp(sme::ExplorerParameters initial);

    const sme::ExplorerParameters& parameters() const { return parameters_; }
    TrainingController* training() const { return training_; }

    // Parameters from anywhere but the controls. The controls cannot hold values out of range,
    // but a caller can ask for them: refused whole (an error, nothing changes). Otherwise
    // parametersReplaced asks the controls to show them, and they are applied as a change.
    void applyParameters(const sme::ExplorerParameters& next);
    // A change the controls already show. What it asks: a new model at step 0 (modelReset), or
    // live changes to the running one, and new figures when they depend on what changed. When
    // the new model cannot be built nothing changes, and parametersReplaced puts the controls back.
    // A run that was playing plays on with the new model.
    void changeParameters(const sme::ExplorerParameters& next);
    // A change still under way (a slider being dragged): the figures and live settings follow at
    // once, but a new model waits until the value settles (changeParameters, or settleMs without
    // another change), so that a drag resets the run once, not at every value it passes.
    void changeParametersLater(const sme::ExplorerParameters& next);
    // True while a new model waits for the value to settle.
    bool modelChangePending() const;
    static constexpr int settleMs = 300;

    // The idealised figures of the current parameters, computed in the background: now, or
    // after a short pause that gathers a burst of changes (one per keystroke) into one request.
    // A request while a computation runs is answered once it ends, with the latest parameters.
    void computeFigures();
    void scheduleFigures();
    bool computingFigures() const;

    // Empty or a message. keepModel: the trained model and the run's curves go beside the
    // session, and opening it continues the run.
    // view: how the window shows the views, kept with it.
    QString saveSession(const QString& path, bool keepModel, const SessionViewState* view = nullptr);
    // Empty or a message; a refused file (or a kept model that cannot be restored) changes nothing.
    // opened, if given, is called with the view state the session kept (if any) once the session
    // is in: before this returns, or later when the session needs a new model on large data
    // (loadsInBackground). Then its data loads, and its model is built (and its kept state
    // restored), in the background as for a change of data set: with its progress, cancelled by
    // cancelLoading, given up for any later change. Its parameters, model and run replace the
    // current ones only once the model is in; a failure (error) or a cancel (message) changes nothing.
    using SessionOpened = std::function<void(const std::optional<SessionViewState>& view)>;
    QString openSession(const QString& path, SessionOpened opened = {});

    // Large data (Fashion-MNIST, a file over backgroundFileBytes) loads on Qt's thread pool:
    // the previous model trains on meanwhile, the parameters already show the new data, and
    // the new model is built here once the data is in. A failure or cancelLoading() leaves the
    // previous model and puts the parameters that need a new model back; a newer change
    // supersedes the load. Small data loads at once, on this thread. cancelLoading puts the
    // parameters back at once and drops the load's result when it comes.
    static bool loadsInBackground(const DataChoice& choice);
    static constexpr qint64 backgroundFileBytes = 4 << 20;
    bool loadingInBackground() const { return load_.has_value(); }
    void cancelLoading();
    // What reads data (loadDataSplit; tests give a slow stand-in), on whichever thread loads.
    using DataLoader = std::function<sme::DataSplit(const DataChoice&, const sme::Progress&)>;
    void setDataLoader(DataLoader loader);
    // Held-out points a live evaluation scores (TrainerSettings::evaluationSample), from the next
    // model on.
    void setEvaluationSample(int points);

signals:
    // The controls should show these: set from elsewhere, or a change undone.
    void parametersReplaced(const sme::ExplorerParameters& parameters);
    // A new model at step 0; reason says which change asked for it (empty at set-up).
    void modelReset(const QString& reason);
    // The views show viewDimension and the model trains at modelDimension: its largest when
    // viewDimension is beyond it, else the same. At set-up and whenever viewDimension changes.
    void dimensionChanged(int viewDimension, int modelDimension);
    // Data is being loaded, or a model restored, on this thread: true, then false.
    void loading(bool busy);
    void computingFiguresChanged(bool computing);
    void figuresReady(std::shared_ptr<const sme::IdealisedFigures> figures);
    void error(const QString& message);
    // A load in the background: started (what names the data), its progress 0..1 (a few times
    // a second), and its end however it ended (after the new model, or the parameters put back).
    void backgroundLoadStarted(const QString& what);
    void backgroundLoadProgress(double done);
    void backgroundLoadEnded();
    // Something to say in passing: a session's load cancelled, or given up for a later change.
    void message(const QString& text);

private:
    using FiguresResult = std::variant<sme::IdealisedFigures, QString>;

    // The model on the loaded data (shared: a QFuture's result is copied); none when the load
    // or the model failed, or was stopped.
    using LoadedModel = std::shared_ptr<std::unique_ptr<sme::Trainer>>;
    // A session whose model is on its way: what else it brings once the model is in.
    struct OpeningSession {
        QString path;
        sme::RunHistory history;
        std::optional<SessionViewState> view;
        SessionOpened opened;
    };
    struct BackgroundLoad {
        sme::ExplorerParameters parameters;
        QString why;
        std::shared_ptr<OpeningSession> session; // when the load opens a session
    };

    bool configureModel(const sme::ExplorerParameters& next, const QString& why);
    sme::TrainerSettings settingsFor(const sme::ExplorerParameters& next) const;
    // trainer, built for next, becomes the model.
    void buildModel(std::unique_ptr<sme::Trainer> trainer, const sme::ExplorerParameters& next, const QString& why);
    // The model for next, loaded and built on the pool; for a session, with its kept state restored.
    void startLoading(const sme::ExplorerParameters& next, const QString& why,
                      std::shared_ptr<OpeningSession> session = {},
                      std::shared_ptr<const sme::TrainerState> state = {});
    // trainer, built for a session's parameters next, becomes the model, with the session's run.
    void adoptSession(std::unique_ptr<sme::Trainer> trainer, const sme::ExplorerParameters& next,
                      OpeningSession session, const QString& why);
    // A session's load ended without its model: says so (why: cancelled, or given up).
    void sessionNotOpened(const OpeningSession& session, bool cancelled);
    // A session on its way is given up for a later change (or session), and says so.
    void supersedeSession();
    void loadFinished(const StoppableOutcome<LoadedModel>& outcome);
    // A load no longer wanted: stopped, its result dropped when it comes.
    void abandonLoading();
    // After a failed or cancelled load: the parameters that need a new model back to the built ones.
    void restoreBuiltParameters();
    // Applies next as changeParameters does; resetNow false leaves a new model to settle_.
    void change(const sme::ExplorerParameters& next, bool resetNow);
    bool rebuildIfNeeded(const sme::ExplorerParameters& fallback);
    // Why next needs a new model, as the window says it; empty when the model fits it.
    QString resetReasonFor(const sme::ExplorerParameters& next) const;
    // What the window says when the model for next cannot be set up, for this reason.
    QString setUpFailure(const sme::ExplorerParameters& next, const QString& reason) const;
    void figuresComputed();

    sme::ExplorerParameters parameters_;
    sme::ExplorerParameters built_; // those the model was built on (its live settings aside)
    TrainingController* training_;
    QTimer* debounce_;
    QTimer* settle_; // a new model waiting for a dragged value to settle
    QFutureWatcher<FiguresResult>* watcher_;
    bool recomputeAgain_ = false;
    bool computing_ = false; // from starting a computation until its result was handed on
    DataLoader loader_;
    int evaluationSample_ = sme::TrainerSettings::defaultEvaluationSample;
    std::optional<BackgroundLoad> load_; // the one whose data will make the next model (loading_'s)
    StoppableJob<LoadedModel> loading_;
};
