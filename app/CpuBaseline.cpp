// The CPU features this build was compiled to use: the vector units its -march (the CMake
// option SME_CPU_BASELINE) turns on, read from the compiler's own macros, as data only.
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Compiled with the same flags as the rest of the program, so the list is exactly what the
// code may use; app/CpuCheck.cpp (compiled for plain x86-64) compares it with the CPU.
extern const char smeCpuBaselineName[];
extern const char smeCpuBaselineFeatures[];

const char smeCpuBaselineName[] = SME_CPU_BASELINE_NAME;

// Space-separated, in the names of app/CpuCheck.cpp's table. Empty when no -march applies (a
// Debug build): then there is nothing to check.
const char smeCpuBaselineFeatures[] = ""
#ifdef __SSE3__
    " SSE3"
#endif
#ifdef __SSSE3__
    " SSSE3"
#endif
#ifdef __SSE4_1__
    " SSE4.1"
#endif
#ifdef __SSE4_2__
    " SSE4.2"
#endif
#ifdef __POPCNT__
    " POPCNT"
#endif
#ifdef __AVX__
    " AVX"
#endif
#ifdef __AVX2__
    " AVX2"
#endif
#ifdef __FMA__
    " FMA"
#endif
#ifdef __BMI__
    " BMI1"
#endif
#ifdef __BMI2__
    " BMI2"
#endif
#ifdef __F16C__
    " F16C"
#endif
#ifdef __LZCNT__
    " LZCNT"
#endif
#ifdef __MOVBE__
    " MOVBE"
#endif
#ifdef __XSAVE__
    " XSAVE"
#endif
#ifdef __AVX512F__
    " AVX512F"
#endif
#ifdef __AVX512BW__
    " AVX512BW"
#endif
#ifdef __AVX512CD__
    " AVX512CD"
#endif
#ifdef __AVX512DQ__
    " AVX512DQ"
#endif
#ifdef __AVX512VL__
    " AVX512VL"
#endif
#ifdef __AVX512VNNI__
    " AVX512VNNI"
#endif
#ifdef __AVX512VBMI__
    " AVX512VBMI"
#endif
#ifdef __AVX512IFMA__
    " AVX512IFMA"
#endif
#ifdef __AVX512BF16__
    " AVX512BF16"
#endif
    ;
