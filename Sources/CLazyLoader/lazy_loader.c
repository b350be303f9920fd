#include "lazy_loader.h"
#include <dlfcn.h>
#include <string.h>

/* "libx.so.4" is versioned; "libx.so" is not. */
static int is_versioned(const char *soname) {
    const char *so = strstr(soname, ".so.");
    return so != NULL && so[4] != '\0';
}

void *lazy_open(const char *const sonames[]) {
    for (size_t i = 0; sonames[i] != NULL; i++) {
        if (!is_versioned(sonames[i])) continue;
        void *handle = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
        if (handle != NULL) return handle;
    }
    return NULL;
}

void *lazy_symbol(void *handle, const char *name) {
    return handle == NULL ? NULL : dlsym(handle, name);
}
