// A probe of the layering: compiled against one library with one header named on the command
// line (SME_PROBE_HEADER). tests/layering/check.cmake builds each probe and expects it to fail
// exactly when the header belongs to a layer that library must not see.
// SPDX-License-Identifier: GPL-3.0-or-later
#include SME_PROBE_HEADER

int smeLayeringProbe() { return 0; }
