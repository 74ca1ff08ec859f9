// Independent runs side by side: N jobs on as many threads as the machine has cores (at most
// N, or as many as asked), their first exception carried back to the caller, their progress reported one at a time.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <utility>

namespace sme {

// Runs calls one at a time: what parallel jobs report (progress lines on one stream, counters
// they share) never overlaps, and the caller's callback needs no lock of its own.
class SerialCalls {
public:
    template <class Call>
    decltype(auto) operator()(Call&& call)
    {
        std::lock_guard lock(mutex_);
        return std::forward<Call>(call)();
    }

private:
    std::mutex mutex_;
};

// One job: its index in [0, jobs), and the serialiser for its progress reports.
using ParallelJob = std::function<void(std::size_t job, SerialCalls& serial)>;

// Runs job(0) .. job(jobs - 1) on min(threads, jobs) threads (the calling one among them;
// threads 0: as many as the machine has cores), each taking the next index until none is
// left, and returns when every thread has joined. A job that throws stops the
// jobs not yet started (those running finish); the first exception thrown is then rethrown
// here, whatever its type, so it reaches the caller instead of calling std::terminate on a
// worker thread.
void runInParallel(std::size_t jobs, const ParallelJob& job, std::size_t threads = 0);

} // namespace sme
