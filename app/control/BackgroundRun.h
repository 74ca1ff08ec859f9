// runInBackground: one function on Qt's thread pool, its result as a QFuture, handed over in a
// way ThreadSanitizer can follow.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFuture>
#include <QPromise>
#include <QRunnable>
#include <QThreadPool>
#include <exception>
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
