// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/HugePages.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace sme {

void preferHugePages(void* data, std::size_t bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    // Only whole 2 MiB pages inside the buffer; a smaller one gains nothing.
    constexpr std::uintptr_t hugePage = std::uintptr_t(1) << 21;
    const auto start = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t first = (start + hugePage - 1) & ~(hugePage - 1);
    const std::uintptr_t last = (start + bytes) & ~(hugePage - 1);
    if (data != nullptr && last > first)
        madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE); // a hint: failure is harmless
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace sme
