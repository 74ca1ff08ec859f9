// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/CpuFeatures.h"

#include <atomic>
#include <cstdlib>
#include <cstring>

namespace sme {
namespace {

// libgcc's (and compiler-rt's) CPU model checks XCR0 as well as CPUID for these: false where
// the operating system does not save the 512-bit registers.
bool cpuHasAvx512()
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl");
}

bool turnedOffByEnvironment()
{
    const char* value = std::getenv("SME_AVX512");
    return value && (std::strcmp(value, "off") == 0 || std::strcmp(value, "0") == 0);
}

std::atomic<bool>& allowed()
{
    static std::atomic<bool> flag{!turnedOffByEnvironment()};
    return flag;
}

} // namespace

bool avx512Available()
{
    static const bool cpu = cpuHasAvx512();
    return cpu && allowed().load(std::memory_order_relaxed);
}

void setAvx512Allowed(bool allow)
{
    allowed().store(allow, std::memory_order_relaxed);
}

const char* vectorKernelName()
{
    return avx512Available() ? "AVX-512" : "AVX2";
}

} // namespace sme
