#ifndef MONBAN_DEFERRED_INIT_H
#define MONBAN_DEFERRED_INIT_H

/*
 * Start-up (issue 9; bench/README.md, "What start-up costs"). `make release` moves
 * CoreFoundation's one static constructor (__CFInitialize, which sets CoreFoundation up for
 * Foundation) out of the linked binary's .init_array into a slot here
 * (bench/defer_constructor.py). The client's first screen needs nothing of CoreFoundation,
 * so it paints first and runs it right after; every other entry point runs it before
 * anything else. Runs it once; in builds without the move (debug builds, tests, PIE=1) it
 * does nothing: the constructor ran at load as usual.
 */
void monban_run_deferred_initialisers(void);

/* Whether this build carries deferred constructors (1) or ran them at load (0). */
int monban_has_deferred_initialisers(void);

/* Run first among the constructors (priority 101) with glibc's argc, argv and envp: marks
   the executable's code for 2 MiB pages, then hands argc and argv to Swift's CommandLine
   (see deferred_init.c). */
void monban_capture_arguments(int argc, char **argv, char **envp);

#endif
