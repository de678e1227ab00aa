#ifndef CLEADXML2_SHIM_H
#define CLEADXML2_SHIM_H

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
#include <libxml/parserInternals.h>

/// `xmlFree` is a mutable global function pointer, which Swift 6 refuses to call. Wrap it.
static inline void cleadxml2_free(void *ptr) {
    if (ptr != NULL) { xmlFree(ptr); }
}

#endif
