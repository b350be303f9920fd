#include "lazy_qrencode.h"
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>

static __typeof__(QRcode_encodeData) *p_encodeData;
static __typeof__(QRcode_free) *p_free;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = 0;

static void load(void) {
    void *h = dlopen("libqrencode.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!h) h = dlopen("libqrencode.so", RTLD_NOW | RTLD_LOCAL);
    if (!h) return;
    p_encodeData = (__typeof__(QRcode_encodeData) *)dlsym(h, "QRcode_encodeData");
    p_free = (__typeof__(QRcode_free) *)dlsym(h, "QRcode_free");
    loaded = p_encodeData != NULL && p_free != NULL;
}

int lq_available(void) {
    pthread_once(&once, load);
    return loaded;
}

QRcode *lq_QRcode_encodeData(int size, const unsigned char *data, int version, QRecLevel level) {
    if (!lq_available()) {
        errno = ENOSYS;
        return NULL;
    }
    return p_encodeData(size, data, version, level);
}

void lq_QRcode_free(QRcode *qrcode) {
    if (qrcode != NULL && lq_available()) p_free(qrcode);
}
