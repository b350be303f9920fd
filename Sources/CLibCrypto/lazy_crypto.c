#include "lazy_crypto.h"
#include <dlfcn.h>
#include <pthread.h>
#include <openssl/crypto.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#define FN(name) static __typeof__(name) *p_##name
FN(EVP_PBE_scrypt);
FN(SHA256);
FN(HMAC);
FN(EVP_sha1);
FN(EVP_sha256);
FN(CRYPTO_memcmp);
FN(RAND_bytes);
FN(EVP_CIPHER_CTX_new);
FN(EVP_CIPHER_CTX_free);
FN(EVP_CIPHER_CTX_ctrl);
FN(EVP_aes_256_gcm);
FN(EVP_EncryptInit_ex);
FN(EVP_EncryptUpdate);
FN(EVP_EncryptFinal_ex);
FN(EVP_DecryptInit_ex);
FN(EVP_DecryptUpdate);
FN(EVP_DecryptFinal_ex);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = 0;

#define LOAD(name) if (!(p_##name = (__typeof__(name) *)dlsym(h, #name))) return
static void load(void) {
    void *h = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libcrypto.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) return;
    LOAD(EVP_PBE_scrypt); LOAD(SHA256); LOAD(HMAC); LOAD(EVP_sha1); LOAD(EVP_sha256);
    LOAD(CRYPTO_memcmp); LOAD(RAND_bytes); LOAD(EVP_CIPHER_CTX_new); LOAD(EVP_CIPHER_CTX_free);
    LOAD(EVP_CIPHER_CTX_ctrl); LOAD(EVP_aes_256_gcm); LOAD(EVP_EncryptInit_ex); LOAD(EVP_EncryptUpdate);
    LOAD(EVP_EncryptFinal_ex); LOAD(EVP_DecryptInit_ex); LOAD(EVP_DecryptUpdate); LOAD(EVP_DecryptFinal_ex);
    loaded = 1;
}

int lc_available(void) {
    pthread_once(&once, load);
    return loaded;
}

int lc_EVP_PBE_scrypt(const char *pass, size_t passlen, const unsigned char *salt, size_t saltlen,
                      uint64_t N, uint64_t r, uint64_t p, uint64_t maxmem, unsigned char *key, size_t keylen) {
    if (!lc_available()) return 0;
    return p_EVP_PBE_scrypt(pass, passlen, salt, saltlen, N, r, p, maxmem, key, keylen);
}

int lc_sha256(const unsigned char *data, size_t len, unsigned char *md) {
    if (!lc_available()) return 0;
    return p_SHA256(data, len, md) != NULL;
}

int lc_hmac(int algorithm, const void *key, int keylen, const unsigned char *data, size_t len,
            unsigned char *md, unsigned int *mdlen) {
    if (!lc_available()) return 0;
    const EVP_MD *m = algorithm == 1 ? p_EVP_sha1() : p_EVP_sha256();
    return p_HMAC(m, key, keylen, data, len, md, mdlen) != NULL;
}

int lc_CRYPTO_memcmp(const void *a, const void *b, size_t len) {
    if (!lc_available()) return 1;
    return p_CRYPTO_memcmp(a, b, len);
}

int lc_RAND_bytes(unsigned char *buf, int num) {
    if (!lc_available()) return 0;
    return p_RAND_bytes(buf, num);
}

EVP_CIPHER_CTX *lc_EVP_CIPHER_CTX_new(void) {
    if (!lc_available()) return NULL;
    return p_EVP_CIPHER_CTX_new();
}

void lc_EVP_CIPHER_CTX_free(EVP_CIPHER_CTX *ctx) {
    if (lc_available()) p_EVP_CIPHER_CTX_free(ctx);
}

int lc_EVP_CIPHER_CTX_ctrl(EVP_CIPHER_CTX *ctx, int type, int arg, void *ptr) {
    if (!lc_available()) return 0;
    return p_EVP_CIPHER_CTX_ctrl(ctx, type, arg, ptr);
}

int lc_gcm_init(EVP_CIPHER_CTX *ctx, int encrypt, const unsigned char *key, const unsigned char *iv) {
    if (!lc_available()) return 0;
    const EVP_CIPHER *cipher = (key == NULL && iv == NULL) ? p_EVP_aes_256_gcm() : NULL;
    return encrypt ? p_EVP_EncryptInit_ex(ctx, cipher, NULL, key, iv) : p_EVP_DecryptInit_ex(ctx, cipher, NULL, key, iv);
}

int lc_cipher_update(EVP_CIPHER_CTX *ctx, int encrypt, unsigned char *out, int *outl, const unsigned char *in, int inl) {
    if (!lc_available()) return 0;
    return encrypt ? p_EVP_EncryptUpdate(ctx, out, outl, in, inl) : p_EVP_DecryptUpdate(ctx, out, outl, in, inl);
}

int lc_cipher_final(EVP_CIPHER_CTX *ctx, int encrypt, unsigned char *out, int *outl) {
    if (!lc_available()) return 0;
    return encrypt ? p_EVP_EncryptFinal_ex(ctx, out, outl) : p_EVP_DecryptFinal_ex(ctx, out, outl);
}
