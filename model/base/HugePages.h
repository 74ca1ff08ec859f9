// Huge pages for large buffers.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>

namespace sme {

// Asks the kernel to back a large buffer, not yet touched, by huge pages (Linux's transparent
// huge pages, which Debian enables on request). On a virtual machine a page fault can cost tens of
// microseconds: filling 188 MB (Fashion-MNIST as floats) page by page took 2.4 s here, in 2 MiB
// pages 0.1 s. Memory read at random gains too: in 4 kB pages nearly every row read costs a page
// walk (the trainer's batches of Fashion-MNIST). Does nothing for a small buffer, or elsewhere
// than on Linux.
void preferHugePages(void* data, std::size_t bytes);

} // namespace sme
