#ifndef MONBAN_LAZY_LOADER_H
#define MONBAN_LAZY_LOADER_H
/*
 * The one loader of the optional libraries: libcurl (CLibCurl: federated sign-in, e-mail and
 * SMS delivery), libldap (CLdap: Active Directory sign-in) and libqrencode (CQrencode: the
 * two-step QR code). Each serves a feature that many terminals never use, so each is loaded
 * by the first call that needs it (dlopen), not at process start; when it cannot be loaded,
 * the feature's functions report failure and the screen that needs it says which library is
 * missing. Nothing else is loaded this way: libraries the program always needs are linked
 * as usual, so a machine without them refuses to start with the loader's own message.
 *
 * Only versioned sonames (libcurl.so.4): they name an ABI. The unversioned libcurl.so is a
 * development link (from the -dev package) and may point at another one; lazy_open skips
 * such names.
 *
 * In a loader's .c file:
 *     LAZY_FN(curl_easy_init);                        // a pointer of curl_easy_init's type
 *     void *h = lazy_open((const char *const[]){ "libcurl.so.4", NULL });
 *     if (!h || !LAZY_LOAD(h, curl_easy_init)) ...    // not available
 *     p_curl_easy_init();
 */
#include <stddef.h>

/* dlopen (RTLD_NOW | RTLD_LOCAL) of the first of `sonames` (NULL-terminated) that loads;
 * NULL when none does. Names without a version after ".so" are skipped. */
void *lazy_open(const char *const sonames[]);

/* dlsym; NULL when the library has no such symbol. */
void *lazy_symbol(void *handle, const char *name);

#define LAZY_FN(name) static __typeof__(name) *p_##name
/* Non-zero when `name` was found in `handle` (and p_name set). */
#define LAZY_LOAD(handle, name) ((p_##name = (__typeof__(name) *)lazy_symbol((handle), #name)) != NULL)

#endif
