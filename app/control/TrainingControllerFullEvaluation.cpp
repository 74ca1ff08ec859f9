// The training thread's full evaluation on request: every held-out point scored between two
// steps, with progress and cancel, while live evaluations keep to the sample.
// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/control/TrainingController.h"

#include "app/io/ModelMessages.h"
#include "model/base/Error.h"

#include <new>
#include <utility>

void TrainingController::requestFullEvaluation()
{
    {
        std::lock_guard lock(mutex_);
        if (!trainer_ && !incoming_) {
            toGuiLocked([this] { emit fullEvaluationEnded(); });
            return;
        }
        fullEvaluationRequested_ = true;
    }
    wake_.notify_all();
}

void TrainingController::cancelFullEvaluation()
{
    std::lock_guard lock(mutex_);
    fullEvaluationCancelled_ = true; // the one running stops at its next progress report
    if (std::exchange(fullEvaluationRequested_, false))
        toGuiLocked([this] { emit fullEvaluationEnded(); });
}

// What stops a full evaluation under way: a cancel, the end, or a model it no longer belongs to.
bool TrainingController::fullEvaluationStoppedLocked() const
{
    return fullEvaluationCancelled_ || quit_ || incoming_ || pendingReset_;
}

void TrainingController::evaluateAllLocked(std::unique_lock<std::mutex>& lock)
{
    fullEvaluationRequested_ = false;
    fullEvaluationCancelled_ = false;
    lock.unlock();
    // Progress crosses to the GUI by the outbox, at most once per percent.
    double reported = -1.0;
    const sme::Progress progress = [this, &reported](double done) {
        std::lock_guard guard(mutex_);
        if (fullEvaluationStoppedLocked())
            return false;
        if (done - reported >= 0.01) {
            reported = done;
            toGuiLocked([this, done] { emit fullEvaluationProgress(done); });
        }
        return true;
    };
    std::optional<sme::Evaluation> evaluation;
    QString failure;
    try {
        evaluation = trainer_->evaluateAll(progress);
    } catch (const sme::Cancelled&) {
    } catch (const sme::Error& e) {
        failure = errorText(e);
    } catch (const std::bad_alloc&) {
        failure = QObject::tr("out of memory");
    }
    lock.lock();
    if (evaluation && !fullEvaluationStoppedLocked())
        toGuiLocked([this, result = *evaluation] { emit fullyEvaluated(result); });
    if (!failure.isEmpty())
        toGuiLocked([this, failure] { emit failed(failure); });
    toGuiLocked([this] { emit fullEvaluationEnded(); });
}
