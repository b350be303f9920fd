#ifndef MONBAN_CLIBCRYPTO_SHIM_H
#define MONBAN_CLIBCRYPTO_SHIM_H
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/err.h>

/* Function-like and enum macros that Swift cannot import. */
static inline int shim_gcm_set_ivlen(void) { return EVP_CTRL_GCM_SET_IVLEN; }
static inline int shim_gcm_get_tag(void) { return EVP_CTRL_GCM_GET_TAG; }
static inline int shim_gcm_set_tag(void) { return EVP_CTRL_GCM_SET_TAG; }
#endif
