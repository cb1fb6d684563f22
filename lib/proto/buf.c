/* buf.c - growable byte buffers. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <mailwire/errors.h>

#include "../sys/alloc.h"
#include "../sys/sys.h"

void mw_buf_init(mw_buf *b, size_t limit)
{
    b->p = NULL;
    b->len = b->cap = 0;
    b->limit = limit;
}

void mw_buf_free(mw_buf *b)
{
    mw_free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

void mw_buf_free_secret(mw_buf *b)
{
    mw_wipe(b->p, b->cap);
    mw_buf_free(b);
}

void mw_buf_reset(mw_buf *b)
{
    b->len = 0;
}

static DWORD reserve(mw_buf *b, size_t extra)
{
    if (b->limit != 0 && (extra > b->limit || b->len > b->limit - extra))
        return ST_ERROR_RESPONSE_TOO_LARGE;
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap *= 2;
    unsigned char *p = mw_realloc(b->p, cap);
    if (p == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    b->p = p;
    b->cap = cap;
    return 0;
}

DWORD mw_buf_append(mw_buf *b, const void *data, size_t len)
{
    DWORD err = reserve(b, len);
    if (err != 0)
        return err;
    if (len > 0)
        memcpy(b->p + b->len, data, len);
    b->len += len;
    b->p[b->len] = '\0';
    return 0;
}

DWORD mw_buf_extend(mw_buf *b, size_t n, unsigned char **at_r)
{
    DWORD err = reserve(b, n);
    if (err != 0)
        return err;
    *at_r = b->p + b->len;
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

DWORD mw_buf_append_utf8(mw_buf *b, unsigned long cp)
{
    unsigned char u[4];
    size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (n == 1) {
        u[0] = (unsigned char)cp;
    } else {
        for (size_t i = n - 1; i > 0; i--) {
            u[i] = (unsigned char)(0x80 | (cp & 0x3F));
            cp >>= 6;
        }
        u[0] = (unsigned char)((n == 2 ? 0xC0 : n == 3 ? 0xE0 : 0xF0) | cp);
    }
    return mw_buf_append(b, u, n);
}

DWORD mw_buf_append_str(mw_buf *b, const char *s)
{
    return mw_buf_append(b, s, strlen(s));
}

DWORD mw_buf_terminate(mw_buf *b)
{
    return mw_buf_append(b, "", 0);
}

DWORD mw_buf_printf(mw_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return ST_ERROR_INVALID_PARAMETER;
    if ((size_t)n < sizeof small)
        return mw_buf_append(b, small, (size_t)n);
    DWORD err = reserve(b, (size_t)n);
    if (err != 0)
        return err;
    va_start(ap, fmt);
    vsnprintf((char *)b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}
