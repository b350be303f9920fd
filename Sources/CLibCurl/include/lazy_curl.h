#ifndef MONBAN_LAZY_CURL_H
#define MONBAN_LAZY_CURL_H
/*
 * libcurl, loaded on first use (libcurl.so.4, through CLazyLoader's lazy_open)
 * instead of at process start: a client that never signs in through a federated
 * provider and delivers no mail never pays for loading libcurl and its TLS stack.
 * The first lcu_ call loads it and runs curl_global_init once. Each lcu_
 * function forwards to the libcurl function of the same name; when libcurl
 * cannot be loaded, each reports failure (NULL or CURLE_FAILED_INIT).
 *
 * curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot
 * call: one shim per argument type instead.
 */
#include <stddef.h>
#include <curl/curl.h>

/* 1 when libcurl is loaded, every function was found and curl_global_init succeeded. */
int lcu_available(void);

CURL *lcu_easy_init(void);
void lcu_easy_cleanup(CURL *handle);
CURLcode lcu_easy_perform(CURL *handle);
const char *lcu_easy_strerror(CURLcode code);

CURLcode lcu_setopt_long(CURL *handle, CURLoption option, long value);
/* libcurl copies string options (except CURLOPT_POSTFIELDS: use CURLOPT_COPYPOSTFIELDS). */
CURLcode lcu_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode lcu_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode lcu_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);

/* The shape of CURLOPT_WRITEFUNCTION and CURLOPT_HEADERFUNCTION. */
typedef size_t (*lcu_data_callback)(char *data, size_t size, size_t count, void *userdata);
CURLcode lcu_setopt_callback(CURL *handle, CURLoption option, lcu_data_callback callback);

/* CURLINFO_RESPONSE_CODE. */
CURLcode lcu_response_code(CURL *handle, long *code);

struct curl_slist *lcu_slist_append(struct curl_slist *list, const char *string);
void lcu_slist_free_all(struct curl_slist *list);

/* The size of the buffer given to CURLOPT_ERRORBUFFER. */
static inline size_t lcu_error_size(void) { return CURL_ERROR_SIZE; }
#endif
