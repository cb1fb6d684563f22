/*
 * threading_alt.h - mbedTLS's mutex type on Windows (MBEDTLS_THREADING_ALT).
 *
 * mbedTLS's own choice there is pthreads, which would tie mailwire.dll to
 * libwinpthread-1.dll. Its mutexes are mailwire's instead: a slim
 * reader/writer lock (lib/sys/sys.h declares the same struct mw_mutex),
 * handed to mbedTLS by lib/net/tls_platform.c. This header only needs the
 * lock's size, so <windows.h> is not pulled into every file that includes
 * mbedTLS.
 */
#ifndef MW_MBEDTLS_THREADING_ALT_H
#define MW_MBEDTLS_THREADING_ALT_H

#ifndef MW_MUTEX_STRUCT_DEFINED
#define MW_MUTEX_STRUCT_DEFINED
struct mw_mutex {
    void *srwlock; /* an SRWLOCK: one pointer, SRWLOCK_INIT is all zero */
};
#endif

typedef struct mbedtls_threading_mutex_t {
    struct mw_mutex lock;
    char is_valid;
} mbedtls_threading_mutex_t;

#endif
