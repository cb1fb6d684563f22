/* tls_platform.c - mbedTLS's mutexes and allocator as lib/sys ones (see
 * tls_platform.h and lib/sys/win32/threading_alt.h). */
#include "tls_platform.h"

#include "mbedtls_guard.h"
#include <mbedtls/platform.h>
#include <mbedtls/threading.h>

#include "../sys/alloc.h"
#include "../sys/sys.h"

#if defined(MBEDTLS_THREADING_ALT)

static void alt_init(mbedtls_threading_mutex_t *m)
{
    m->lock = (mw_mutex)MW_MUTEX_INITIALIZER;
    m->is_valid = 1;
}

static void alt_free(mbedtls_threading_mutex_t *m)
{
    m->is_valid = 0;
}

static int alt_lock(mbedtls_threading_mutex_t *m)
{
    if (!m->is_valid)
        return MBEDTLS_ERR_THREADING_BAD_INPUT_DATA;
    mw_mutex_lock(&m->lock);
    return 0;
}

static int alt_unlock(mbedtls_threading_mutex_t *m)
{
    if (!m->is_valid)
        return MBEDTLS_ERR_THREADING_BAD_INPUT_DATA;
    mw_mutex_unlock(&m->lock);
    return 0;
}

static void share_mutexes(void)
{
    /* also initialises mbedTLS's own global mutexes */
    mbedtls_threading_set_alt(alt_init, alt_free, alt_lock, alt_unlock);
}

#else

static void share_mutexes(void)
{
}

#endif

/* The allocator can be set only when mbedTLS calls through pointers (not
 * when its calloc is a compile-time macro). Debian's 2.28 builds without.
 * mw_calloc and mw_free are calloc and free underneath, so a block that
 * mbedTLS took before the hand-over is still freed rightly. */
#if defined(MBEDTLS_PLATFORM_MEMORY) && !defined(MBEDTLS_PLATFORM_CALLOC_MACRO)
#define MW_SHARED_ALLOCATOR 1
#else
#define MW_SHARED_ALLOCATOR 0
#endif

static void share_allocator(void)
{
#if MW_SHARED_ALLOCATOR
    mbedtls_platform_set_calloc_free(mw_calloc, mw_free);
#endif
}

int mw_tls_allocator_shared(void)
{
    return MW_SHARED_ALLOCATOR;
}

static mw_once setup_once = MW_ONCE_INITIALIZER;

static void hand_over(void)
{
    share_allocator(); /* before mbedTLS allocates anything */
    share_mutexes();
}

void mw_tls_platform_setup(void)
{
    mw_run_once(&setup_once, hand_over);
}
