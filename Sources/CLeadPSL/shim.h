#ifndef CLEADPSL_SHIM_H
#define CLEADPSL_SHIM_H

#include <libpsl.h>
#include <idn2.h>
#include <stdlib.h>

/// Frees a string allocated by libidn2 / libpsl.
static inline void cleadpsl_free(void *ptr) {
    if (ptr != NULL) { free(ptr); }
}

#endif
