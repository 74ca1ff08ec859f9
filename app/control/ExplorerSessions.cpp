// The explorer's sessions: saved with or without the trained model, and opened at once on small
// data or, on large data, with their model loaded, built and restored in the background.
// Messages keep the translation context MainWindow, as in ExplorerController.cpp.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/ExplorerController.h"

#include "app/control/TrainingController.h"
#include "app/io/ModelMessages.h"
#include "app/io/SessionFile.h"
#include "model/base/Error.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QTimer>

QString ExplorerController::saveSession(const QString& path, bool keepModel, const SessionViewState* view)
{
    std::optional<sme::SavedRun> run;
    if (keepModel)
        run = training_->captureRun();
    return ::saveSession(path, parameters_, run ? &*run : nullptr, view);
}

QString ExplorerController::openSession(const QString& path, SessionOpened opened)
{
    SessionLoad load = loadSession(path);
    if (!load.parameters)
        return load.error;
    const sme::ExplorerParameters& next = *load.parameters;
    supersedeSession();
    OpeningSession session{path, {}, load.view, std::move(opened)};
    if (!load.run) {
        const bool needsLoad = loadsInBackground(dataChoiceFor(next)) && !resetReasonFor(next).isEmpty();
        if (!needsLoad) { // the model comes (or stays) as for any change of parameters
            applyParameters(next);
            if (session.opened)
                session.opened(session.view);
            return {};
        }
    }
    const QString why = resetReasonFor(next);
    auto state = load.run ? std::make_shared<const sme::TrainerState>(std::move(load.run->state)) : nullptr;
    if (load.run)
        session.history = std::move(load.run->history);
    if (loadsInBackground(dataChoiceFor(next))) {
        cancelLoading(); // a data set on its way: this session replaces it
        startLoading(next, why, std::make_shared<OpeningSession>(std::move(session)), std::move(state));
        return {};
    }
    // A kept model on small data is rebuilt and restored here: if it does not fit, nothing has changed.
    std::unique_ptr<sme::Trainer> trainer;
    emit loading(true);
    try {
        trainer = std::make_unique<sme::Trainer>(loader_(dataChoiceFor(next), {}), settingsFor(next));
        trainer->restoreState(*state);
        emit loading(false);
    } catch (const sme::Error& e) {
        emit loading(false);
        return QCoreApplication::translate("MainWindow", "%1: its trained model cannot be restored: %2")
            .arg(QFileInfo(path).fileName(), errorText(e));
    }
    adoptSession(std::move(trainer), next, std::move(session), why);
    return {};
}

// As a change of parameters would, but with the model already built for them: only live
// settings, the dimension and the figures follow.
void ExplorerController::adoptSession(std::unique_ptr<sme::Trainer> trainer, const sme::ExplorerParameters& next,
                                      OpeningSession session, const QString& why)
{
    abandonLoading(); // the session's model is the one wanted
    built_ = next;
    training_->adopt(std::move(trainer), std::move(session.history));
    emit parametersReplaced(next);
    change(next, true);
    if (!why.isEmpty())
        emit modelReset(why);
    if (session.opened)
        session.opened(session.view);
}

void ExplorerController::sessionNotOpened(const OpeningSession& session, bool cancelled)
{
    const QString name = QFileInfo(session.path).fileName();
    emit message(cancelled
                     ? QCoreApplication::translate("MainWindow", "Opening the session %1 was cancelled; nothing changed.")
                           .arg(name)
                     : QCoreApplication::translate("MainWindow", "Opening the session %1 gave way to a later change.")
                           .arg(name));
}

void ExplorerController::supersedeSession()
{
    if (!load_ || !load_->session)
        return;
    sessionNotOpened(*load_->session, false);
    abandonLoading();
}
