/* tls_threading.h - mbedTLS's mutexes where mailwire supplies them. */
#ifndef MW_TLS_THREADING_H
#define MW_TLS_THREADING_H

/* Before the first use of mbedTLS, from any thread, any number of times:
 * with MBEDTLS_THREADING_ALT (the Windows build) it hands mbedTLS the
 * lib/sys mutexes, once; otherwise it does nothing. */
void mw_tls_threading_setup(void);

#endif
