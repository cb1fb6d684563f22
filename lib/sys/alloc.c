/* alloc.c - allocation wrappers with a failure-injection hook for tests. */
#include "alloc.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "sys.h"

static atomic_long fail_countdown;
static _Thread_local unsigned long failures;

static int should_fail(void)
{
    long n = atomic_load(&fail_countdown);
    while (n > 0) {
        if (atomic_compare_exchange_weak(&fail_countdown, &n, n - 1))
            return n == 1;
    }
    return 0;
}

/* Counts a failed allocation; returns p. */
static void *counted(void *p)
{
    if (p == NULL)
        failures++;
    return p;
}

unsigned long mw_alloc_failures(void)
{
    return failures;
}

void mw_alloc_fail_after(long n)
{
    atomic_store(&fail_countdown, n);
}

int mw_alloc_fail_pending(void)
{
    return atomic_load(&fail_countdown) > 0;
}

void *mw_malloc(size_t n)
{
    return counted(should_fail() ? NULL : malloc(n ? n : 1));
}

void *mw_calloc(size_t count, size_t size)
{
    return counted(should_fail() ? NULL : calloc(count ? count : 1, size ? size : 1));
}

void *mw_realloc(void *p, size_t n)
{
    return counted(should_fail() ? NULL : realloc(p, n ? n : 1));
}

void mw_free(void *p)
{
    free(p);
}

char *mw_strndup(const char *s, size_t n)
{
    char *d = mw_malloc(n + 1);
    if (d != NULL) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *mw_strdup(const char *s)
{
    return mw_strndup(s, strlen(s));
}

void mw_free_secret(char **s)
{
    if (*s != NULL) {
        mw_wipe(*s, strlen(*s));
        free(*s);
        *s = NULL;
    }
}
