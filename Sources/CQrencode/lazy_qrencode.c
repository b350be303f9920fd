#include "lazy_qrencode.h"
#include "lazy_loader.h"
#include <errno.h>
#include <pthread.h>

LAZY_FN(QRcode_encodeData);
LAZY_FN(QRcode_free);
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = 0;

static void load(void) {
    void *h = lazy_open((const char *const[]){ "libqrencode.so.4", NULL });
    loaded = h != NULL && LAZY_LOAD(h, QRcode_encodeData) && LAZY_LOAD(h, QRcode_free);
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
    return p_QRcode_encodeData(size, data, version, level);
}

void lq_QRcode_free(QRcode *qrcode) {
    if (qrcode != NULL && lq_available()) p_QRcode_free(qrcode);
}
