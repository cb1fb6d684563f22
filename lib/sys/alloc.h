/*
 * alloc.h - every allocation of the library goes through these, so tests can
 * make the Nth one fail and prove each failure path ends in
 * ST_ERROR_OUT_OF_MEMORY without a leak.
 */
#ifndef MW_ALLOC_H
#define MW_ALLOC_H

#include <stddef.h>

void *mw_malloc(size_t n);
void *mw_calloc(size_t count, size_t size);
void *mw_realloc(void *p, size_t n);
void mw_free(void *p);
char *mw_strdup(const char *s);
char *mw_strndup(const char *s, size_t n);
/* Wipes a NUL-terminated secret, frees it and sets the pointer to NULL. */
void mw_free_secret(char **s);

/* How many allocations have failed on the calling thread so far. A caller
 * whose dependency reports failure with its own codes (mbedTLS has one per
 * module) compares this before and after, to tell running out of memory
 * from every other failure. */
unsigned long mw_alloc_failures(void);

/* Test hook: the nth allocation from now fails (0 turns failures off). */
void mw_alloc_fail_after(long n);
/* Test hook: nonzero while the failing allocation has not been reached. */
int mw_alloc_fail_pending(void);

#endif /* MW_ALLOC_H */
