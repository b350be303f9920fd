#include "lazy_curl.h"
#include <dlfcn.h>
#include <pthread.h>

#define FN(name) static __typeof__(name) *p_##name
FN(curl_global_init);
FN(curl_easy_init);
FN(curl_easy_cleanup);
FN(curl_easy_setopt);
FN(curl_easy_perform);
FN(curl_easy_getinfo);
FN(curl_easy_strerror);
FN(curl_slist_append);
FN(curl_slist_free_all);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = 0;

#define LOAD(name) if (!(p_##name = (__typeof__(name) *)dlsym(h, #name))) return
static void load(void) {
    void *h = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) return;
    LOAD(curl_global_init); LOAD(curl_easy_init); LOAD(curl_easy_cleanup); LOAD(curl_easy_setopt);
    LOAD(curl_easy_perform); LOAD(curl_easy_getinfo); LOAD(curl_easy_strerror);
    LOAD(curl_slist_append); LOAD(curl_slist_free_all);
    if (p_curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return;
    loaded = 1;
}

int lcu_available(void) {
    pthread_once(&once, load);
    return loaded;
}

CURL *lcu_easy_init(void) {
    if (!lcu_available()) return NULL;
    return p_curl_easy_init();
}

void lcu_easy_cleanup(CURL *handle) {
    if (handle && lcu_available()) p_curl_easy_cleanup(handle);
}

CURLcode lcu_easy_perform(CURL *handle) {
    if (!handle || !lcu_available()) return CURLE_FAILED_INIT;
    return p_curl_easy_perform(handle);
}

const char *lcu_easy_strerror(CURLcode code) {
    if (!lcu_available()) return "libcurl is not available";
    return p_curl_easy_strerror(code);
}

CURLcode lcu_setopt_long(CURL *handle, CURLoption option, long value) {
    if (!handle || !lcu_available()) return CURLE_FAILED_INIT;
    return p_curl_easy_setopt(handle, option, value);
}

CURLcode lcu_setopt_string(CURL *handle, CURLoption option, const char *value) {
    if (!handle || !lcu_available()) return CURLE_FAILED_INIT;
    return p_curl_easy_setopt(handle, option, value);
}

CURLcode lcu_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    if (!handle || !lcu_available()) return CURLE_FAILED_INIT;
    return p_curl_easy_setopt(handle, option, value);
}

CURLcode lcu_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    if (!handle || !lcu_available()) return CURLE_FAILED_INIT;
    return p_curl_easy_setopt(handle, option, value);
}

CURLcode lcu_setopt_callback(CURL *handle, CURLoption option, lcu_data_callback callback) {
    if (!handle || !lcu_available()) return CURLE_FAILED_INIT;
    return p_curl_easy_setopt(handle, option, callback);
}

CURLcode lcu_response_code(CURL *handle, long *code) {
    if (!handle || !lcu_available()) return CURLE_FAILED_INIT;
    return p_curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, code);
}

struct curl_slist *lcu_slist_append(struct curl_slist *list, const char *string) {
    if (!lcu_available()) return NULL;
    return p_curl_slist_append(list, string);
}

void lcu_slist_free_all(struct curl_slist *list) {
    if (list && lcu_available()) p_curl_slist_free_all(list);
}
