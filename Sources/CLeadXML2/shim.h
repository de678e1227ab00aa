#ifndef CLEADXML2_SHIM_H
#define CLEADXML2_SHIM_H

#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, and then <libxml/encoding.h> includes the system
 * <unicode/ucnv.h>, whose types clash with Foundation's bundled ICU (`_FoundationICU`) in every
 * Swift module that sees both ("'UErrorCode' has different definitions in different modules").
 * ICU only adds two trailing pointer fields to xmlCharEncodingHandler, which Swift never
 * allocates or reads, so hiding it is safe. */
#undef LIBXML_ICU_ENABLED

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

/// A generic (printf-style, variadic) error handler that discards the message. Swift cannot
/// declare a variadic C function pointer, so it lives here.
static void cleadxml2_discard_generic_error(void *ctx, const char *msg, ...) {
    (void)ctx;
    (void)msg;
}

/// A structured error handler that discards the error.
static void cleadxml2_discard_structured_error(void *userData, xmlErrorPtr error) {
    (void)userData;
    (void)error;
}

/// Makes libxml2 silent on the calling thread: its generic and structured error handlers are
/// thread-local, and the defaults print to stderr. Call before any libxml2 work on a thread.
static inline void cleadxml2_silence_errors(void) {
    xmlSetGenericErrorFunc(NULL, cleadxml2_discard_generic_error);
    xmlSetStructuredErrorFunc(NULL, cleadxml2_discard_structured_error);
}

/// Parse options as an `int` (the enum's bits), so Swift need not combine C enum values.
static inline int cleadxml2_html_parse_options(void) {
    return HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
         | HTML_PARSE_COMPACT | HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC | XML_PARSE_HUGE;
}

#endif
