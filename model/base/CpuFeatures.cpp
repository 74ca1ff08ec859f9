// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/CpuFeatures.h"

#include <atomic>
#include <cpuid.h>
#include <cstdlib>
#include <cstring>
#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#endif

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

// CPUID leaf 7 (EDX bit 22: AMX-BF16, bit 24: AMX-TILE), then the operating system's leave:
// Linux saves the tiles' 8 kB of state only for processes that ask (5.16 on); where it does
// not support them, the request fails.
bool cpuHasAmx()
{
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d) == 0 || (d & (1u << 22)) == 0 || (d & (1u << 24)) == 0)
        return false;
#if defined(__linux__)
    constexpr long requestPermission = 0x1023; // ARCH_REQ_XCOMP_PERM
    constexpr long tileData = 18;              // XFEATURE_XTILEDATA
    return syscall(SYS_arch_prctl, requestPermission, tileData) == 0;
#else
    return false;
#endif
}

bool turnedOffByEnvironment(const char* name)
{
    const char* value = std::getenv(name);
    return value && (std::strcmp(value, "off") == 0 || std::strcmp(value, "0") == 0);
}

std::atomic<bool>& allowed()
{
    static std::atomic<bool> flag{!turnedOffByEnvironment("SME_AVX512")};
    return flag;
}

std::atomic<bool>& amxAllowed()
{
    static std::atomic<bool> flag{!turnedOffByEnvironment("SME_AMX")};
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

bool amxAvailable()
{
    static const bool cpu = cpuHasAmx();
    return cpu && amxAllowed().load(std::memory_order_relaxed) && avx512Available();
}

void setAmxAllowed(bool allow)
{
    amxAllowed().store(allow, std::memory_order_relaxed);
}

const char* vectorKernelName()
{
    return avx512Available() ? "AVX-512" : "AVX2";
}

} // namespace sme
