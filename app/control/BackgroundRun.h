// runInBackground: one function on Qt's thread pool, its result as a QFuture, handed over in a
// way ThreadSanitizer can follow; StoppableJob: a controller's one stoppable job at a time on it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/io/ModelMessages.h"
#include "model/base/Error.h"
#include "model/base/Progress.h"

#include <QCoreApplication>
#include <QFuture>
#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QRunnable>
#include <QString>
#include <QThreadPool>
#include <QTimer>
#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

#if defined(__SANITIZE_THREAD__)
#define SME_THREAD_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SME_THREAD_SANITIZER 1
#endif
#endif
#ifdef SME_THREAD_SANITIZER
#include <sanitizer/tsan_interface.h>
#endif

namespace background {

// Marks a hand-over between threads for ThreadSanitizer (nothing in other builds): everything
// done before handedOver(token) happens before everything after takenOver(token).
inline void handedOver([[maybe_unused]] void* token)
{
#ifdef SME_THREAD_SANITIZER
    __tsan_release(token);
#endif
}

inline void takenOver([[maybe_unused]] void* token)
{
#ifdef SME_THREAD_SANITIZER
    __tsan_acquire(token);
#endif
}

} // namespace background

// What QtConcurrent::run(function) does, for a function without arguments. QThreadPool hands
// the task to its thread behind Qt's own futex-based lock, which ThreadSanitizer cannot see as
// Qt is not built with it, so the task's construction here and its reading there looked like a
// race; this task marks the hand-over itself, before Qt reads or writes anything of it.
template <class Function>
QFuture<std::invoke_result_t<Function>> runInBackground(Function function)
{
    using Result = std::invoke_result_t<Function>;
    class Task : public QRunnable {
    public:
        explicit Task(Function f) : function_(std::move(f)) { promise_.start(); }
        QFuture<Result> future() { return promise_.future(); }
        void run() override
        {
            background::takenOver(this);
            try {
                promise_.addResult(function_());
            } catch (...) {
                promise_.setException(std::current_exception());
            }
            promise_.finish();
        }

    private:
        Function function_;
        QPromise<Result> promise_;
    };
    auto* task = new Task(std::move(function)); // the pool deletes it after run()
    QFuture<Result> future = task->future();
    background::handedOver(task);
    QThreadPool::globalInstance()->start(task);
    return future;
}

// What a stoppable job came to: its result, or the message of the sme::Error it threw ("out of
// memory" for std::bad_alloc); neither (a default result, no message) when it was stopped.
template <class Result>
struct StoppableOutcome {
    Result result{};
    QString error;
};

// The one stoppable job a controller runs at a time on the pool (a data set loading, embeddings
// analysed). A job started supersedes the one under way: that one is asked to stop (at its next
// progress report) and its outcome never comes. The job's progress goes to `progress` a few
// times a second, its outcome to `finished`, both on the owner's thread. Result must be
// copyable (a QFuture's result is copied): a shared_ptr for what is not.
template <class Result>
class StoppableJob {
public:
    using Job = std::function<Result(const sme::Progress&)>;

    StoppableJob(QObject* owner, std::function<void(double)> progress,
                 std::function<void(StoppableOutcome<Result>)> finished)
        : owner_(owner), poll_(new QTimer(owner)), finished_(std::move(finished))
    {
        poll_->setInterval(100);
        QObject::connect(poll_, &QTimer::timeout, owner, [this, progress = std::move(progress)] {
            if (current_)
                progress(current_->done->load());
        });
    }
    // Asks the job under way to stop and waits for every one still running.
    ~StoppableJob()
    {
        stop();
        for (auto* running : owner_->findChildren<Watcher*>())
            running->waitForFinished();
    }
    StoppableJob(const StoppableJob&) = delete;
    StoppableJob& operator=(const StoppableJob&) = delete;

    void start(Job job)
    {
        stop();
        auto* watcher = new Watcher(owner_);
        current_ = std::make_unique<Run>(Run{watcher, std::make_shared<std::atomic<bool>>(false),
                                             std::make_shared<std::atomic<double>>(0.0)});
        QObject::connect(watcher, &Watcher::finished, owner_, [this, watcher] { ended(watcher); });
        const sme::Progress progress = [stop = current_->stop, done = current_->done](double share) {
            done->store(share);
            return !stop->load();
        };
        watcher->setFuture(runInBackground([job = std::move(job), progress]() -> StoppableOutcome<Result> {
            try {
                return {job(progress), {}};
            } catch (const sme::Cancelled&) {
                return {};
            } catch (const sme::Error& e) {
                return {{}, errorText(e)};
            } catch (const std::bad_alloc&) {
                return {{}, QCoreApplication::translate("QObject", "out of memory")};
            }
        }));
        poll_->start();
    }

    // Stops the job under way, if any (true then): its outcome never comes.
    bool stop()
    {
        if (!current_)
            return false;
        current_->stop->store(true);
        current_.reset();
        poll_->stop();
        return true;
    }

    bool running() const { return current_ != nullptr; }

private:
    using Watcher = QFutureWatcher<StoppableOutcome<Result>>;
    struct Run {
        Watcher* watcher;
        std::shared_ptr<std::atomic<bool>> stop;
        std::shared_ptr<std::atomic<double>> done;
    };

    void ended(Watcher* watcher)
    {
        watcher->deleteLater();
        if (!current_ || current_->watcher != watcher)
            return; // stopped or superseded
        current_.reset();
        poll_->stop();
        finished_(watcher->result());
    }

    QObject* owner_;
    QTimer* poll_;
    std::function<void(StoppableOutcome<Result>)> finished_;
    std::unique_ptr<Run> current_;
};
