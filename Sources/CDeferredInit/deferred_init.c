#include "deferred_init.h"

#include <stdint.h>
#if defined(__linux__)
#include <elf.h>
#include <link.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#endif

/*
 * The slot bench/defer_constructor.py fills in the linked release binary: CoreFoundation's
 * constructor, whose .init_array entry it points at monban_deferred_nothing instead. Until
 * then (debug builds, tests, a PIE build) it holds monban_deferred_nothing and the
 * constructor runs at load as usual. Initialised, so it lives in .data, in the file.
 */
void monban_deferred_nothing(void) {}
void (*volatile monban_deferred_constructor)(void) = monban_deferred_nothing;

static int ran;

void monban_run_deferred_initialisers(void) {
    if (__atomic_exchange_n(&ran, 1, __ATOMIC_ACQ_REL)) return;
    void (*f)(void) = monban_deferred_constructor;
    if (f != monban_deferred_nothing) f();
}

int monban_has_deferred_initialisers(void) {
    return monban_deferred_constructor != monban_deferred_nothing;
}

/*
 * The command line, handed to Swift before main. Swift's runtime finds argv on Linux in a
 * static constructor of its own (ArgvGrabber, `_GLOBAL__sub_I_CommandLine.cpp`) that opens
 * /proc/self/maps and parses it line by line to find the stack (≈ 30–90 µs at every start).
 * glibc passes argc, argv and envp to every .init_array function, so this one, run first
 * (priority 101), gives them to the runtime's documented override
 * (`_swift_stdlib_overrideUnsafeArgvArgc`, which CommandLine.arguments reads before anything
 * else); bench/defer_constructor.py then drops the grabber's entry from the release binary.
 * Where it is not dropped (debug builds, tests, PIE=1) both run and agree.
 */
extern void _swift_stdlib_overrideUnsafeArgvArgc(char **argv, int argc) __attribute__((swiftcall));

/*
 * The executable's code in 2 MiB pages (issue 9, bench/README.md, "Code in 2 MiB pages").
 * Before the first paint the client runs code spread over about 20 MiB of the executable (the
 * Swift standard library, ncurses, the runtime and monban's own functions), and the kernel
 * maps it 64 KiB around each fault: about 38 faults, each mapping 16 pages. Marked
 * MADV_HUGEPAGE, the code the kernel reads from disk from now on comes into the page cache in
 * 2 MiB folios, and every later start maps each of those with one page-table entry at its first
 * fault. MADV_RANDOM stops the small read-ahead that would otherwise bring the next few
 * megabytes in behind the first ones (the 2 MiB reads are read-ahead enough). Only the part
 * read before this runs (the first few megabytes: the ELF headers, _start and this file) stays
 * in small pages. It needs the segment's address and file offset congruent modulo 2 MiB, true
 * of the fixed-address release binary (0x400000, offset 0) and not of a PIE build, where this
 * does nothing. Where the kernel cannot (no transparent huge pages, a file system without large
 * folios) the advice changes nothing or reads 2 MiB at a time. Runs first, before the command
 * line below calls into the runtime's code.
 */
static void monban_map_code_in_huge_pages(void) {
#if defined(__linux__) && defined(MADV_HUGEPAGE) && defined(MADV_RANDOM)
    const ElfW(Phdr) *ph = (const ElfW(Phdr) *)getauxval(AT_PHDR);
    unsigned long count = getauxval(AT_PHNUM);
    if (ph == 0 || count == 0) return;
    uintptr_t bias = 0;
    for (unsigned long i = 0; i < count; i++)
        if (ph[i].p_type == PT_PHDR) bias = (uintptr_t)ph - (uintptr_t)ph[i].p_vaddr;
    const uintptr_t huge = (uintptr_t)2 << 20, page = 4096;
    for (unsigned long i = 0; i < count; i++) {
        if (ph[i].p_type != PT_LOAD || !(ph[i].p_flags & PF_X)) continue;
        uintptr_t start = bias + (uintptr_t)ph[i].p_vaddr;
        if (((start ^ (uintptr_t)ph[i].p_offset) & (huge - 1)) != 0) return;
        uintptr_t from = start & ~(page - 1);
        uintptr_t to = (start + (uintptr_t)ph[i].p_memsz + page - 1) & ~(page - 1);
        if (to - from < 2 * huge) return;
        if (madvise((void *)from, to - from, MADV_HUGEPAGE) == 0) (void)madvise((void *)from, to - from, MADV_RANDOM);
        return;
    }
#endif
}

void monban_capture_arguments(int argc, char **argv, char **envp) {
    (void)envp;
    monban_map_code_in_huge_pages();
    if (argv != 0 && argc >= 0) _swift_stdlib_overrideUnsafeArgvArgc(argv, argc);
}

__attribute__((section(".init_array.00101"), used))
static void (*const monban_capture_arguments_entry)(int, char **, char **) = monban_capture_arguments;
