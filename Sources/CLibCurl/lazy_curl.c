#include "lazy_curl.h"
#include "lazy_loader.h"
#include <pthread.h>

LAZY_FN(curl_global_init);
LAZY_FN(curl_easy_init);
LAZY_FN(curl_easy_cleanup);
LAZY_FN(curl_easy_setopt);
LAZY_FN(curl_easy_perform);
LAZY_FN(curl_easy_getinfo);
LAZY_FN(curl_easy_strerror);
LAZY_FN(curl_slist_append);
LAZY_FN(curl_slist_free_all);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = 0;

static void load(void) {
    void *h = lazy_open((const char *const[]){ "libcurl.so.4", NULL });
    if (!h) return;
    if (!LAZY_LOAD(h, curl_global_init) || !LAZY_LOAD(h, curl_easy_init) || !LAZY_LOAD(h, curl_easy_cleanup)
        || !LAZY_LOAD(h, curl_easy_setopt) || !LAZY_LOAD(h, curl_easy_perform) || !LAZY_LOAD(h, curl_easy_getinfo)
        || !LAZY_LOAD(h, curl_easy_strerror) || !LAZY_LOAD(h, curl_slist_append) || !LAZY_LOAD(h, curl_slist_free_all))
        return;
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
