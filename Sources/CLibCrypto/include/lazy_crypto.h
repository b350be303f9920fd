#ifndef MONBAN_LAZY_CRYPTO_H
#define MONBAN_LAZY_CRYPTO_H
/*
 * OpenSSL's libcrypto, loaded on first use (dlopen) instead of at process
 * start: loading and relocating libcrypto costs milliseconds that the client
 * must not spend before its first paint. Each lc_ function forwards to the
 * libcrypto function of the same name; when libcrypto cannot be loaded, each
 * reports failure (0, NULL, or "not equal").
 */
#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>

/* 1 when libcrypto is loaded and every function was found. */
int lc_available(void);

int lc_EVP_PBE_scrypt(const char *pass, size_t passlen, const unsigned char *salt, size_t saltlen,
                      uint64_t N, uint64_t r, uint64_t p, uint64_t maxmem, unsigned char *key, size_t keylen);
/* SHA-256 of data into md (32 bytes); 1 on success. */
int lc_sha256(const unsigned char *data, size_t len, unsigned char *md);
/* HMAC with SHA-1 (algorithm 1) or SHA-256 (algorithm 256); 1 on success. */
int lc_hmac(int algorithm, const void *key, int keylen, const unsigned char *data, size_t len,
            unsigned char *md, unsigned int *mdlen);
/* 0 when equal, in constant time. */
int lc_CRYPTO_memcmp(const void *a, const void *b, size_t len);
int lc_RAND_bytes(unsigned char *buf, int num);

EVP_CIPHER_CTX *lc_EVP_CIPHER_CTX_new(void);
void lc_EVP_CIPHER_CTX_free(EVP_CIPHER_CTX *ctx);
int lc_EVP_CIPHER_CTX_ctrl(EVP_CIPHER_CTX *ctx, int type, int arg, void *ptr);
/* encrypt: 1 to encrypt, 0 to decrypt; AES-256-GCM when key and iv are NULL on the first call. */
int lc_gcm_init(EVP_CIPHER_CTX *ctx, int encrypt, const unsigned char *key, const unsigned char *iv);
int lc_cipher_update(EVP_CIPHER_CTX *ctx, int encrypt, unsigned char *out, int *outl, const unsigned char *in, int inl);
int lc_cipher_final(EVP_CIPHER_CTX *ctx, int encrypt, unsigned char *out, int *outl);

static inline int shim_gcm_set_ivlen(void) { return EVP_CTRL_GCM_SET_IVLEN; }
static inline int shim_gcm_get_tag(void) { return EVP_CTRL_GCM_GET_TAG; }
static inline int shim_gcm_set_tag(void) { return EVP_CTRL_GCM_SET_TAG; }
#endif
