// Which vector kernels this CPU can run beyond the build's baseline (SME_CPU_BASELINE, AVX2 by
// default): the hot kernels (the step's products, the distance tiles) choose at run time.
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace sme {

// Whether the CPU has AVX-512 F, BW, DQ and VL and the operating system saves their registers,
// and they are not turned off (below). Asked of CPUID once; cheap to call often.
//
// Results of kernels that choose by this may differ in their last bits between the two paths
// (the sums are ordered differently), so a run is deterministic for a seed on one machine;
// outputs compared byte for byte across machines (tests/golden) turn AVX-512 off.
bool avx512Available();

// Turns the AVX-512 kernels off (false) or back on where the CPU has them (true): for tests
// that check both paths agree and benchmarks that compare them. Not for use while kernels run
// on other threads. The environment variable SME_AVX512=off turns them off at start-up.
void setAvx512Allowed(bool allowed);

// "AVX-512" or "AVX2": which kernels run now, for benchmarks and reports.
const char* vectorKernelName();

// Whether the CPU has AMX tiles with bfloat16 products, Linux lets this process use them (the
// permission arch_prctl(ARCH_REQ_XCOMP_PERM) grants once, for every thread), AVX-512 is
// available (above: SME_AVX512=off turns AMX off too), and they are not turned off (below).
// Only the candidate retrieval's float distances run on AMX (DistanceKernels.h).
bool amxAvailable();

// As setAvx512Allowed, for the AMX kernels; the environment variable SME_AMX=off turns them
// off at start-up.
void setAmxAllowed(bool allowed);

} // namespace sme
