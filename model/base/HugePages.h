// Large pages for memory read at random: a training set of 94 MB in 4 kB pages costs a page
// walk for nearly every example a batch gathers.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

namespace sme {

// Asks the kernel to back the whole 2 MB pages inside [data, data + bytes) with transparent huge
// pages (Linux's madvise(MADV_HUGEPAGE); Debian's default turns them on only where asked). Call
// it before the memory is first written: pages already touched stay small until the kernel's
// background scan merges them. A hint: nothing changes where it is refused or unsupported,
// and the memory's contents and use are the same either way.
void adviseHugePages(void* data, std::size_t bytes);

} // namespace sme
