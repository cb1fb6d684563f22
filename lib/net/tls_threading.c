/* tls_threading.c - mbedTLS's mutexes as lib/sys mutexes (see
 * tls_threading.h and lib/sys/win32/threading_alt.h). */
#include "tls_threading.h"

#include "mbedtls_guard.h"
#include <mbedtls/threading.h>

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

static mw_once setup_once = MW_ONCE_INITIALIZER;

static void hand_over(void)
{
    /* also initialises mbedTLS's own global mutexes */
    mbedtls_threading_set_alt(alt_init, alt_free, alt_lock, alt_unlock);
}

void mw_tls_threading_setup(void)
{
    mw_run_once(&setup_once, hand_over);
}

#else

void mw_tls_threading_setup(void)
{
}

#endif
