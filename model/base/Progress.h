// Progress of long work (loading a data set, a full evaluation) and how its caller stops it.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <exception>
#include <functional>

namespace sme {

// Called now and then by long work with the share done so far, 0 to 1, from the thread doing
// the work. Returning false asks the work to stop: it throws Cancelled at that point.
using Progress = std::function<bool(double done)>;

// Thrown by work whose Progress returned false. Not an Error: nothing was wrong, and callers
// that report Errors to the user must not report a cancellation as one.
class Cancelled : public std::exception {
public:
    const char* what() const noexcept override { return "cancelled"; }
};

// Reports done to progress (when set) and throws Cancelled when it asks to stop.
inline void reportProgress(const Progress& progress, double done)
{
    if (progress && !progress(done))
        throw Cancelled();
}

} // namespace sme
