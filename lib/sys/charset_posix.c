/* charset_posix.c - charset conversion through iconv. */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "alloc.h"
#include "charset.h"

/* Longest multibyte sequence any supported charset has (GB18030: 4,
 * ISO-2022 escapes: 4); a tail kept between pieces is never longer. */
#define TAIL_MAX 8
#define OUT_CHUNK 1024

struct mw_charset_conv {
    iconv_t cd;
    unsigned char tail[TAIL_MAX];
    size_t tail_len;
};

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

/* Where glibc's converter for a name is narrower than what mail under that
 * name holds, the superset Windows uses for it too. */
static const char *iconv_name(const char *charset)
{
    if (strcmp(charset, "Shift_JIS") == 0)
        return "CP932";
    if (strcmp(charset, "EUC-KR") == 0)
        return "CP949";
    return charset;
}

int mw_charset_open(const char *charset, mw_charset_conv **conv_r)
{
    *conv_r = NULL;
    iconv_t cd = iconv_open("UTF-8", iconv_name(charset));
    if (cd == (iconv_t)-1)
        return errno == ENOMEM ? -2 : -1;
    mw_charset_conv *c = mw_calloc(1, sizeof *c);
    if (c == NULL) {
        iconv_close(cd);
        return -2;
    }
    c->cd = cd;
    *conv_r = c;
    return 0;
}

/* Converts what it can of *in; stops at an incomplete or invalid sequence
 * (errno EINVAL / EILSEQ) or the end. */
static unsigned long run(mw_charset_conv *c, char **in, size_t *left, int *stop_errno,
                         mw_utf8_emit emit, void *ctx)
{
    *stop_errno = 0;
    while (*left > 0) {
        char out[OUT_CHUNK], *o = out;
        size_t room = sizeof out;
        size_t r = iconv(c->cd, in, left, &o, &room);
        int e = r == (size_t)-1 ? errno : 0;
        if (o > out) {
            unsigned long err = emit(ctx, out, (size_t)(o - out));
            if (err != 0)
                return err;
        }
        if (e == E2BIG)
            continue;
        *stop_errno = e;
        return 0;
    }
    return 0;
}

/* Converts data; an invalid byte becomes U+FFFD and is skipped, an
 * incomplete sequence at the end waits in the tail for more. */
static unsigned long convert(mw_charset_conv *c, const unsigned char *data, size_t len,
                             mw_utf8_emit emit, void *ctx, size_t *rest_r)
{
    char *in = (char *)data;
    size_t left = len;
    for (;;) {
        int stop = 0;
        unsigned long err = run(c, &in, &left, &stop, emit, ctx);
        if (err != 0)
            return err;
        if (stop != EILSEQ) {
            *rest_r = left; /* 0, or an incomplete sequence (EINVAL) */
            return 0;
        }
        err = emit(ctx, replacement, 3);
        if (err != 0)
            return err;
        in++;
        left--;
        iconv(c->cd, NULL, NULL, NULL, NULL); /* back to the initial shift state */
    }
}

/* Completes the tail with bytes from in (as many as it needs). */
static unsigned long finish_tail(mw_charset_conv *c, const unsigned char **in, size_t *len,
                                 mw_utf8_emit emit, void *ctx)
{
    while (c->tail_len > 0 && *len > 0) {
        c->tail[c->tail_len++] = **in;
        (*in)++;
        (*len)--;
        size_t rest = 0;
        unsigned long err = convert(c, c->tail, c->tail_len, emit, ctx, &rest);
        if (err != 0)
            return err;
        memmove(c->tail, c->tail + c->tail_len - rest, rest);
        c->tail_len = rest;
        if (c->tail_len == TAIL_MAX) { /* no charset needs that long: give up on it */
            c->tail_len = 0;
            if ((err = emit(ctx, replacement, 3)) != 0)
                return err;
        }
    }
    return 0;
}

unsigned long mw_charset_feed(mw_charset_conv *c, const unsigned char *in, size_t len, int last,
                              mw_utf8_emit emit, void *ctx)
{
    unsigned long err = finish_tail(c, &in, &len, emit, ctx);
    size_t rest = 0;
    if (err == 0 && len > 0)
        err = convert(c, in, len, emit, ctx, &rest);
    if (err != 0)
        return err;
    if (rest > 0) {
        if (rest >= TAIL_MAX) /* not a character's start: cannot be */
            rest = TAIL_MAX - 1;
        memcpy(c->tail, in + len - rest, rest);
        c->tail_len = rest;
    }
    if (last && c->tail_len > 0) {
        c->tail_len = 0;
        return emit(ctx, replacement, 3);
    }
    return 0;
}

void mw_charset_close(mw_charset_conv **conv)
{
    if (*conv == NULL)
        return;
    iconv_close((*conv)->cd);
    mw_free(*conv);
    *conv = NULL;
}
