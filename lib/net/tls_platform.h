/* tls_platform.h - what mailwire supplies to mbedTLS: its mutexes (the
 * Windows build) and its allocator (where mbedTLS lets it). */
#ifndef MW_TLS_PLATFORM_H
#define MW_TLS_PLATFORM_H

/* Before the first use of mbedTLS, from any thread, any number of times;
 * does its work once:
 * - with MBEDTLS_THREADING_ALT (the Windows build) mbedTLS locks with the
 *   lib/sys mutexes;
 * - with MBEDTLS_PLATFORM_MEMORY (scripts/mbedtls.sh builds it so) mbedTLS
 *   allocates through lib/sys/alloc.h, so that an allocation failure inside
 *   TLS is tried by the same tests as every other one. */
void mw_tls_platform_setup(void);

/* Nonzero when mbedTLS's allocations go through lib/sys/alloc.h. */
int mw_tls_allocator_shared(void);

#endif
