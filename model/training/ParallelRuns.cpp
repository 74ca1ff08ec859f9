// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/training/ParallelRuns.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

namespace sme {

void runInParallel(std::size_t jobs, const ParallelJob& job, std::size_t threads)
{
    SerialCalls serial;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr firstFailure;
    std::mutex failureMutex;
    const auto work = [&] {
        for (std::size_t index; !failed && (index = next++) < jobs;) {
            try {
                job(index, serial);
            } catch (...) {
                std::lock_guard lock(failureMutex);
                if (!firstFailure)
                    firstFailure = std::current_exception();
                failed = true;
            }
        }
    };
    // This thread is one of the workers, so the jobs get done even when no other thread
    // can be started.
    if (threads == 0)
        threads = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> helpers;
    try {
        for (std::size_t t = 1; t < std::min(threads, jobs); ++t)
            helpers.emplace_back(work);
    } catch (const std::system_error&) {
        // fewer threads than cores: those started and this one share the jobs
    }
    work();
    for (std::thread& helper : helpers)
        helper.join();
    if (firstFailure)
        std::rethrow_exception(firstFailure);
}

} // namespace sme
