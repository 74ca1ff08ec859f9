// A saved run in bytes: the trainer's whole state and the run's curves, with a checksum, so a
// session can keep its trained model beside its JSON.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/training/TrainerState.h"
#include "model/training/TrainingSnapshot.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace sme {

struct SavedRun {
    TrainerState state;
    RunHistory history;
};

inline constexpr std::uint32_t runFileVersion = 2; // 2: each evaluation's spread

// Little-endian, versioned, ending in a 64-bit FNV-1a checksum of everything before it.
std::string encodeRun(const SavedRun& run);

// Throws sme::Error saying what is wrong (not a run file, newer version, truncated, damaged)
// for any bytes that are not exactly a run file; never reads or allocates past the input.
SavedRun decodeRun(std::string_view bytes);

// The checksum stored at the end of a run file (FNV-1a over the bytes given).
std::uint64_t runChecksum(std::string_view bytes);

} // namespace sme
