#ifndef MONBAN_LAZY_QRENCODE_H
#define MONBAN_LAZY_QRENCODE_H
/*
 * libqrencode (Debian: libqrencode4, headers in libqrencode-dev), used only by
 * MonbanQR for the two-step verification QR code (SPEC TF-3), loaded on first
 * use (libqrencode.so.4, through CLazyLoader's lazy_open): start-up neither
 * loads it nor the libpthread.so.0 it asks for. Each lq_ function
 * forwards to the libqrencode function of the same name; when libqrencode
 * cannot be loaded, lq_QRcode_encodeData returns NULL with errno ENOSYS.
 */
#include <qrencode.h>

/* 1 when libqrencode is loaded and both functions were found. */
int lq_available(void);

QRcode *lq_QRcode_encodeData(int size, const unsigned char *data, int version, QRecLevel level);
void lq_QRcode_free(QRcode *qrcode);
#endif
