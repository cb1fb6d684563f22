/*
 * utf7.c - IMAP's modified UTF-7 (RFC 3501 5.1.3) for mailbox names:
 * printable ASCII stands for itself ("&" as "&-"), everything else is
 * UTF-16 in a base64 variant (',' for '/') between '&' and '-'.
 */
#include <string.h>

#include "mime.h"

static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

static int b64_value(unsigned char c)
{
    const char *p = c != 0 ? strchr(b64, c) : NULL;
    return p != NULL ? (int)(p - b64) : -1;
}

/* Decodes one UTF-8 code point; -1 for malformed input. */
static long utf8_next(const unsigned char **pp, const unsigned char *end)
{
    const unsigned char *p = *pp;
    unsigned c = *p;
    int n = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (n < 0 || end - p <= n)
        return -1;
    long cp = n == 0 ? (long)c : (long)(c & (0x3Fu >> n));
    for (int i = 1; i <= n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    static const long min[] = {0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *pp = p + 1 + n;
    return cp;
}

typedef struct bits {
    unsigned long acc;
    int n;
} bits;

static DWORD push16(mw_buf *out, bits *b, unsigned u)
{
    b->acc = (b->acc << 16) | u;
    b->n += 16;
    while (b->n >= 6) {
        b->n -= 6;
        DWORD err = mw_buf_append(out, &b64[(b->acc >> b->n) & 63], 1);
        if (err != 0)
            return err;
    }
    return 0;
}

static DWORD close_run(mw_buf *out, bits *b)
{
    DWORD err = 0;
    if (b->n > 0)
        err = mw_buf_append(out, &b64[(b->acc << (6 - b->n)) & 63], 1);
    b->n = 0;
    b->acc = 0;
    return err != 0 ? err : mw_buf_append(out, "-", 1);
}

DWORD mw_utf7_encode(const char *utf8, size_t len, mw_buf *out)
{
    const unsigned char *p = (const unsigned char *)utf8, *end = p + len;
    bits b = {0, 0};
    int in_run = 0;
    DWORD err = 0;
    while (p < end && err == 0) {
        long cp = utf8_next(&p, end);
        if (cp <= 0) /* not UTF-8, or NUL: no mailbox name holds one */
            return ST_ERROR_INVALID_PARAMETER;
        if (cp >= 0x20 && cp <= 0x7E) {
            if (in_run)
                err = close_run(out, &b);
            in_run = 0;
            if (err == 0)
                err = mw_buf_append(out, cp == '&' ? "&-" : (const char *)p - 1, cp == '&' ? 2 : 1);
            continue;
        }
        if (!in_run)
            err = mw_buf_append(out, "&", 1);
        in_run = 1;
        if (err == 0 && cp >= 0x10000) {
            cp -= 0x10000;
            err = push16(out, &b, 0xD800 + (unsigned)(cp >> 10));
            if (err == 0)
                err = push16(out, &b, 0xDC00 + (unsigned)(cp & 0x3FF));
        } else if (err == 0) {
            err = push16(out, &b, (unsigned)cp);
        }
    }
    if (err == 0 && in_run)
        err = close_run(out, &b);
    return err != 0 ? err : mw_buf_terminate(out);
}

/* Decodes one "&...-" run; i points after '&'. */
static DWORD decode_run(const char *s, size_t len, size_t *i, mw_buf *out)
{
    bits b = {0, 0};
    unsigned high = 0;
    int units = 0;
    while (*i < len && s[*i] != '-') {
        int v = b64_value((unsigned char)s[*i]);
        if (v < 0)
            return ST_ERROR_PROTOCOL_VIOLATION;
        b.acc = (b.acc << 6) | (unsigned)v;
        b.n += 6;
        (*i)++;
        if (b.n < 16)
            continue;
        b.n -= 16;
        unsigned u = (unsigned)(b.acc >> b.n) & 0xFFFF;
        units++;
        DWORD err = 0;
        if (high != 0) {
            if (u < 0xDC00 || u > 0xDFFF)
                return ST_ERROR_PROTOCOL_VIOLATION;
            err = mw_buf_append_utf8(out, 0x10000 + (((unsigned long)high - 0xD800) << 10) + (u - 0xDC00));
            high = 0;
        } else if (u >= 0xD800 && u <= 0xDBFF) {
            high = u;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            return ST_ERROR_PROTOCOL_VIOLATION;
        } else {
            /* printable ASCII must not be encoded: one spelling per name;
             * and NUL would cut the name short in every C string after it */
            if ((u >= 0x20 && u <= 0x7E) || u == 0)
                return ST_ERROR_PROTOCOL_VIOLATION;
            err = mw_buf_append_utf8(out, u);
        }
        if (err != 0)
            return err;
    }
    /* leftover bits must be zero padding, and the run must end with '-' */
    if (*i >= len || high != 0 || units == 0 || b.n >= 6 || (b.acc & ((1ul << b.n) - 1)) != 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    (*i)++;
    return 0;
}

DWORD mw_utf7_decode(const char *s, size_t len, mw_buf *out)
{
    size_t run_end = (size_t)-1; /* where the last encoded run ended */
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c > 0x7E)
            return ST_ERROR_PROTOCOL_VIOLATION;
        if (c != '&') {
            DWORD err = mw_buf_append(out, s + i, 1);
            if (err != 0)
                return err;
            i++;
            continue;
        }
        i++;
        if (i < len && s[i] == '-') {
            DWORD err = mw_buf_append(out, "&", 1);
            if (err != 0)
                return err;
            i++;
            continue;
        }
        /* "&..-&..-" says in two runs what one run says: one spelling only */
        if (run_end == i - 1)
            return ST_ERROR_PROTOCOL_VIOLATION;
        DWORD err = decode_run(s, len, &i, out);
        if (err != 0)
            return err;
        run_end = i;
    }
    return mw_buf_terminate(out);
}
