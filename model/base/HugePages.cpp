// SPDX-License-Identifier: GPL-3.0-or-later
#include "model/base/HugePages.h"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace sme {

void adviseHugePages(void* data, std::size_t bytes)
{
#if defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t hugePage = std::uintptr_t(1) << 21;
    const auto start = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t first = (start + hugePage - 1) & ~(hugePage - 1);
    const std::uintptr_t end = (start + bytes) & ~(hugePage - 1);
    if (end > first)
        (void)madvise(reinterpret_cast<void*>(first), end - first, MADV_HUGEPAGE); // a hint: its failure changes nothing
#else
    (void)data;
    (void)bytes;
#endif
}

} // namespace sme
