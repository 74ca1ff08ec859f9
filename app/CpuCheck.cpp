// Before anything else runs, checks that the CPU has the features this build was compiled for
// (SME_CPU_BASELINE); on one without them, says what is missing and exits with status 1.
// SPDX-License-Identifier: GPL-3.0-or-later
//
// This file alone is compiled for plain x86-64 (app/CMakeLists.txt), so the check itself cannot
// die of an illegal instruction, and it runs from .preinit_array: before every static
// initialiser of the program and of the libraries it links, any of which may already use AVX2.
// It asks CPUID itself rather than __builtin_cpu_supports, which needs libgcc's initialiser
// and whose names differ between GCC and clang 14 (no F16C, LZCNT, MOVBE in the latter).
#include <cpuid.h>
#include <cstddef>
#include <unistd.h>

extern const char smeCpuBaselineName[];     // app/CpuBaseline.cpp
extern const char smeCpuBaselineFeatures[]; // compiled with the baseline's flags

namespace {

// The CPUID words the features are read from.
enum Word { Leaf1Ecx, Leaf7Ebx, Leaf7Ecx, Leaf7Sub1Eax, Extended1Ecx, wordCount };
// What the operating system must save on a context switch for a feature to be usable (XCR0).
enum OsState : unsigned { NoState = 0, AvxState = 0x6, Avx512State = 0xe6 };

struct Feature {
    const char* name;
    Word word;
    unsigned bit;
    OsState state;
};

// Every feature app/CpuBaseline.cpp may list, with where CPUID reports it.
constexpr Feature features[] = {
    {"SSE3", Leaf1Ecx, 0, NoState},         {"SSSE3", Leaf1Ecx, 9, NoState},
    {"SSE4.1", Leaf1Ecx, 19, NoState},      {"SSE4.2", Leaf1Ecx, 20, NoState},
    {"POPCNT", Leaf1Ecx, 23, NoState},      {"AVX", Leaf1Ecx, 28, AvxState},
    {"AVX2", Leaf7Ebx, 5, AvxState},        {"FMA", Leaf1Ecx, 12, AvxState},
    {"BMI1", Leaf7Ebx, 3, NoState},         {"BMI2", Leaf7Ebx, 8, NoState},
    {"F16C", Leaf1Ecx, 29, AvxState},       {"LZCNT", Extended1Ecx, 5, NoState},
    {"MOVBE", Leaf1Ecx, 22, NoState},       {"XSAVE", Leaf1Ecx, 26, NoState},
    {"AVX512F", Leaf7Ebx, 16, Avx512State}, {"AVX512BW", Leaf7Ebx, 30, Avx512State},
    {"AVX512CD", Leaf7Ebx, 28, Avx512State}, {"AVX512DQ", Leaf7Ebx, 17, Avx512State},
    {"AVX512VL", Leaf7Ebx, 31, Avx512State}, {"AVX512VNNI", Leaf7Ecx, 11, Avx512State},
    {"AVX512VBMI", Leaf7Ecx, 1, Avx512State}, {"AVX512IFMA", Leaf7Ebx, 21, Avx512State},
    {"AVX512BF16", Leaf7Sub1Eax, 5, Avx512State},
};

// The x86-64 levels a rebuild can choose, highest last: what each adds to the one before.
constexpr struct {
    const char* name;
    const char* adds;
} levels[] = {
    {"x86-64-v2", " SSE3 SSSE3 SSE4.1 SSE4.2 POPCNT "},
    {"x86-64-v3", " AVX AVX2 BMI1 BMI2 F16C FMA LZCNT MOVBE XSAVE "},
    {"x86-64-v4", " AVX512F AVX512BW AVX512CD AVX512DQ AVX512VL "},
};

struct CpuWords {
    unsigned word[wordCount] = {};
    unsigned osState = 0; // XCR0's low bits, when the OS enables XSAVE
    char brand[49] = {};
};

CpuWords readCpu()
{
    CpuWords cpu;
    unsigned a, b, c, d;
    const auto maxLeaf = static_cast<unsigned>(__get_cpuid_max(0, nullptr));
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        cpu.word[Leaf1Ecx] = c;
        if (c & (1u << 27)) { // OSXSAVE: XGETBV may be used
            unsigned low, high;
            __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
            cpu.osState = low;
        }
    }
    if (maxLeaf >= 7) {
        __cpuid_count(7, 0, a, b, c, d);
        cpu.word[Leaf7Ebx] = b;
        cpu.word[Leaf7Ecx] = c;
        if (a >= 1) {
            __cpuid_count(7, 1, a, b, c, d);
            cpu.word[Leaf7Sub1Eax] = a;
        }
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d))
        cpu.word[Extended1Ecx] = c;
    if (static_cast<unsigned>(__get_cpuid_max(0x80000000, nullptr)) >= 0x80000004u)
        for (unsigned part = 0; part < 3; ++part)
            __get_cpuid(0x80000002 + part, reinterpret_cast<unsigned*>(cpu.brand + 16 * part),
                        reinterpret_cast<unsigned*>(cpu.brand + 16 * part + 4),
                        reinterpret_cast<unsigned*>(cpu.brand + 16 * part + 8),
                        reinterpret_cast<unsigned*>(cpu.brand + 16 * part + 12));
    return cpu;
}

// No C library string functions: under a sanitizer they are intercepted, and its runtime may
// not be set up yet.
bool separator(char c)
{
    return c == ' ' || c == ',' || c == '\0';
}

// Whether text starts with the word name, followed by a separator.
bool startsWithWord(const char* text, const char* name)
{
    for (; *name; ++text, ++name)
        if (*text != *name)
            return false;
    return separator(*text);
}

// Whether the list (words separated by spaces or commas) holds name.
bool listed(const char* list, const char* name)
{
    for (const char* at = list; *at; ++at)
        if ((at == list || separator(at[-1])) && startsWithWord(at, name))
            return true;
    return false;
}

// Whether the CPU has the named feature. pretendLacking (the test hook below) takes features away.
bool has(const CpuWords& cpu, const char* name, const char* pretendLacking)
{
    if (pretendLacking && listed(pretendLacking, name))
        return false;
    for (const Feature& feature : features)
        if (startsWithWord(feature.name, name)) // names hold no separators: the same name
            return (cpu.word[feature.word] >> feature.bit & 1u) && (cpu.osState & feature.state) == feature.state;
    return true; // a feature this table does not know is not held against the CPU
}

// A message in a fixed buffer: no allocation before the C++ runtime is set up.
struct Message {
    char text[1024] = {};
    std::size_t size = 0;
    void add(const char* part)
    {
        for (; *part && size + 1 < sizeof text; ++part)
            text[size++] = *part;
    }
};

// Each feature of the space-separated list the CPU lacks, comma-separated; empty when none.
void addLacking(Message& message, const CpuWords& cpu, const char* list, const char* pretendLacking, bool& any)
{
    char name[32];
    for (const char* at = list; *at;) {
        while (*at == ' ')
            ++at;
        std::size_t length = 0;
        while (at[length] && at[length] != ' ' && length + 1 < sizeof name)
            name[length] = at[length], ++length;
        name[length] = '\0';
        at += length;
        if (length && !has(cpu, name, pretendLacking)) {
            message.add(any ? ", " : "");
            message.add(name);
            any = true;
        }
    }
}

// The highest level this CPU has every feature of; nullptr when not even x86-64-v2.
const char* highestLevel(const CpuWords& cpu, const char* pretendLacking)
{
    const char* highest = nullptr;
    for (const auto& level : levels) {
        Message lacking;
        bool any = false;
        addLacking(lacking, cpu, level.adds, pretendLacking, any);
        if (any)
            break;
        highest = level.name;
    }
    return highest;
}

// SME_TEST_CPU_LACKS=AVX2,FMA: the check behaves as on a CPU without those features. For the
// test of this check only (tests/install/tst_cpucheck.cpp), which can run on any machine.
const char* pretendLackingFrom(char** environment)
{
    constexpr char key[] = "SME_TEST_CPU_LACKS=";
    for (char** entry = environment; entry && *entry; ++entry) {
        std::size_t matched = 0;
        while (matched + 1 < sizeof key && (*entry)[matched] == key[matched])
            ++matched;
        if (matched + 1 == sizeof key)
            return *entry + matched;
    }
    return nullptr;
}

void checkCpuBaseline(int, char**, char** environment)
{
    const CpuWords cpu = readCpu();
    const char* pretendLacking = pretendLackingFrom(environment);
    Message message;
    message.add("sampling-explorer: this build of sampling-explorer needs an ");
    message.add(smeCpuBaselineName);
    message.add(" CPU (");
    message.add(smeCpuBaselineFeatures + (*smeCpuBaselineFeatures == ' '));
    message.add("); this one");
    if (cpu.brand[0]) {
        message.add(" (");
        const char* brand = cpu.brand;
        while (*brand == ' ')
            ++brand;
        message.add(brand);
        while (message.size > 0 && message.text[message.size - 1] == ' ')
            message.text[--message.size] = '\0';
        message.add(")");
    }
    message.add(" lacks ");
    bool any = false;
    addLacking(message, cpu, smeCpuBaselineFeatures, pretendLacking, any);
    if (!any)
        return;
    const char* level = highestLevel(cpu, pretendLacking);
    message.add(";\nrebuild it with -DSME_CPU_BASELINE=");
    if (level) {
        message.add(level);
        message.add(", which this CPU has, or native");
    } else {
        message.add("native on this machine");
    }
    message.add(" (see the README, \"Quick start\").\n");
    (void)!write(STDERR_FILENO, message.text, message.size);
    _exit(1);
}

} // namespace

// Run by the dynamic loader before the initialisers of every library and of the program.
__attribute__((section(".preinit_array"), used)) void (*const smeCpuCheck)(int, char**, char**) = checkCpuBaseline;
