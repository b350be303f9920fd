#include "deferred_init.h"

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
