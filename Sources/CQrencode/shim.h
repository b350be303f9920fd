#ifndef MONBAN_CQRENCODE_SHIM_H
#define MONBAN_CQRENCODE_SHIM_H
/* libqrencode (Debian: libqrencode-dev), used only by MonbanQR (SPEC TF-3). */
#include <qrencode.h>
#endif
