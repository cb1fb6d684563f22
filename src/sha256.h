/* sha256.h - SHA-256 (FIPS 180-4), for content the tool must recognise
 * again: a pushed message that has no Message-ID. */
#ifndef MAILWIRE_SHA256_H
#define MAILWIRE_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct sha256 {
    uint32_t h[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t fill;
} sha256;

void sha256_start(sha256 *s);
void sha256_add(sha256 *s, const void *data, size_t len);
/* The digest as 64 lowercase hex digits and a NUL. */
void sha256_hex(sha256 *s, char out[65]);

#endif
