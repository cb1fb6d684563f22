/*
 * mbedtls_guard.h - included before any other mbedTLS header: stops the
 * build of a file that got the headers of another mbedTLS version than the
 * library it links (2.28 in /usr/include beside a 3.6 prefix, say), whose
 * structures would not match.
 */
#ifndef MW_MBEDTLS_GUARD_H
#define MW_MBEDTLS_GUARD_H

#include <mbedtls/version.h>

#if defined(MAILWIRE_MBEDTLS_VERSION_NUMBER) && \
    MBEDTLS_VERSION_NUMBER != MAILWIRE_MBEDTLS_VERSION_NUMBER
#error "mbedTLS headers of another version than the mbedTLS linked"
#endif

#endif
