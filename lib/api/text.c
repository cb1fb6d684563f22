/* text.c - UTF-8 <-> wchar_t conversion and copying results out. */
#include "text.h"

#include <string.h>

#include <mailwire/errors.h>

#include "../proto/buf.h"
#include "../sys/alloc.h"
#include "errors.h"

#define REPLACEMENT 0xFFFDu

/* Decodes one code point; malformed input yields U+FFFD and advances 1. */
static uint32_t utf8_next(const unsigned char **pp, const unsigned char *end)
{
    const unsigned char *p = *pp;
    unsigned c = *p;
    int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    *pp = p + 1;
    if (n == 0)
        return c;
    if (n < 0 || end - p <= n)
        return REPLACEMENT;
    uint32_t cp = c & (0x3Fu >> n);
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return REPLACEMENT;
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    static const uint32_t min[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return REPLACEMENT;
    *pp = p + 1 + n;
    return cp;
}

/* Wide characters needed for one code point. */
static size_t wide_units(uint32_t cp)
{
    return (sizeof(wchar_t) == 2 && cp >= 0x10000) ? 2 : 1;
}

static size_t put_wide(uint32_t cp, wchar_t *out)
{
    if (wide_units(cp) == 2) {
        cp -= 0x10000;
        out[0] = (wchar_t)(0xD800 + (cp >> 10));
        out[1] = (wchar_t)(0xDC00 + (cp & 0x3FF));
        return 2;
    }
    out[0] = (wchar_t)cp;
    return 1;
}

static size_t wide_length(const char *utf8, size_t len)
{
    const unsigned char *p = (const unsigned char *)utf8, *end = p + len;
    size_t n = 0;
    while (p < end)
        n += wide_units(utf8_next(&p, end));
    return n;
}

static void to_wide(const char *utf8, size_t len, wchar_t *out)
{
    const unsigned char *p = (const unsigned char *)utf8, *end = p + len;
    while (p < end)
        out += put_wide(utf8_next(&p, end), out);
    *out = L'\0';
}

INT mw_out_put(const mw_out *o, const char *utf8, size_t len)
{
    size_t need = o->wide ? wide_length(utf8, len) : len;
    if (need > 0x7FFFFFF0u) {
        mw_set_error(ST_ERROR_RESPONSE_TOO_LARGE);
        return -1;
    }
    if (o->buf == NULL && o->nmax == 0)
        return (INT)need;
    if (o->buf == NULL || o->nmax <= 0) {
        mw_set_error(ST_ERROR_INVALID_PARAMETER);
        return -1;
    }
    if (need + 1 > (size_t)o->nmax) {
        if (o->wide)
            ((wchar_t *)o->buf)[0] = L'\0';
        else
            ((char *)o->buf)[0] = '\0';
        mw_set_error(ST_ERROR_BUFFER_TOO_SMALL);
        return -1;
    }
    if (o->wide) {
        to_wide(utf8, len, o->buf);
    } else {
        memcpy(o->buf, utf8, len);
        ((char *)o->buf)[len] = '\0';
    }
    return (INT)need;
}

static uint32_t wide_next(LPCWSTR *pp)
{
    uint32_t c = (uint32_t)*(*pp)++;
    if (sizeof(wchar_t) == 2 && c >= 0xD800 && c <= 0xDBFF) {
        uint32_t lo = (uint32_t)**pp;
        if (lo >= 0xDC00 && lo <= 0xDFFF) {
            (*pp)++;
            return 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
        }
        return REPLACEMENT;
    }
    if ((c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
        return REPLACEMENT;
    return c;
}

DWORD mw_utf8_from_wide(LPCWSTR w, char **out_r)
{
    *out_r = NULL;
    if (w == NULL)
        return 0;
    mw_buf b;
    mw_buf_init(&b, 0);
    DWORD err = mw_buf_terminate(&b);
    while (err == 0 && *w != L'\0')
        err = mw_buf_append_utf8(&b, wide_next(&w));
    if (err != 0) {
        mw_buf_free_secret(&b);
        return err;
    }
    *out_r = (char *)b.p;
    return 0;
}

void mw_wide_from_utf8_fixed(const char *utf8, LPWSTR out, size_t cap)
{
    const unsigned char *p = (const unsigned char *)utf8, *end = p + strlen(utf8);
    size_t n = 0;
    while (p < end) {
        uint32_t cp = utf8_next(&p, end);
        if (n + wide_units(cp) + 1 > cap)
            break;
        n += put_wide(cp, out + n);
    }
    out[n] = L'\0';
}

void mw_text_free(char **s, int secret)
{
    if (secret)
        mw_free_secret(s);
    else {
        mw_free(*s);
        *s = NULL;
    }
}

INT mw_with_utf8(LPCWSTR w, mw_with_utf8_fn fn, void *ctx)
{
    char *u = NULL;
    DWORD err = mw_utf8_from_wide(w, &u);
    if (err != 0) {
        mw_set_error(err);
        return -1;
    }
    INT r = fn(u, ctx);
    mw_text_free(&u, 0);
    return r;
}
