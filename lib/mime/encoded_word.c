/* encoded_word.c - RFC 2047 encoded words ("=?UTF-8?B?...?=") to UTF-8. */
#include <ctype.h>
#include <string.h>

#include "../proto/sasl.h"
#include "../sys/ascii.h"
#include "mime.h"

#define CHARSET_MAX 40

typedef struct word {
    char charset[CHARSET_MAX];
    char encoding;      /* 'B' or 'Q' */
    const char *text;   /* encoded text */
    size_t textlen;
    size_t total;       /* bytes of the whole word */
} word;

/* Parses an encoded word at in[0..len); 0 when there is none. */
static int parse_word(const char *in, size_t len, word *w)
{
    if (len < 8 || in[0] != '=' || in[1] != '?')
        return 0;
    size_t i = 2, c = 0;
    while (i < len && in[i] != '?' && in[i] != '*' && c + 1 < CHARSET_MAX) {
        if ((unsigned char)in[i] <= ' ')
            return 0;
        w->charset[c++] = in[i++];
    }
    w->charset[c] = '\0';
    while (i < len && in[i] == '*') /* RFC 2231 language: ignored */
        while (i < len && in[i] != '?')
            i++;
    if (c == 0 || i + 3 > len || in[i] != '?' || in[i + 2] != '?')
        return 0;
    w->encoding = (char)toupper((unsigned char)in[i + 1]);
    if (w->encoding != 'B' && w->encoding != 'Q')
        return 0;
    w->text = in + i + 3;
    const char *end = w->text;
    while ((size_t)(end - in) + 1 < len && !(end[0] == '?' && end[1] == '=')) {
        if ((unsigned char)*end <= ' ')
            return 0; /* encoded words hold no blanks */
        end++;
    }
    if ((size_t)(end - in) + 1 >= len)
        return 0;
    w->textlen = (size_t)(end - w->text);
    w->total = (size_t)(end - in) + 2;
    return 1;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)toupper((unsigned char)c);
    return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static DWORD decode_q(const char *t, size_t n, mw_buf *raw)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)t[i];
        if (c == '_') {
            c = ' ';
        } else if (c == '=') {
            int hi = i + 2 < n ? hexval(t[i + 1]) : -1;
            int lo = i + 2 < n ? hexval(t[i + 2]) : -1;
            if (hi < 0 || lo < 0)
                return ST_ERROR_PROTOCOL_VIOLATION;
            c = (unsigned char)(hi * 16 + lo);
            i += 2;
        }
        DWORD err = mw_buf_append(raw, &c, 1);
        if (err != 0)
            return err;
    }
    return 0;
}

/* Adjacent words in one charset: their bytes are converted together, so
 * a character split between two words (some mailers split UTF-8 there)
 * comes out whole. */
typedef struct word_run {
    char charset[CHARSET_MAX];
    mw_buf raw;
    const char *from; /* the run's source text, kept if it cannot be decoded */
    size_t len;
} word_run;

/* Converts the run into out; a run in an unknown charset stays as it came. */
static DWORD run_flush(word_run *r, mw_buf *out)
{
    if (r->from == NULL)
        return 0;
    size_t mark = out->len;
    DWORD err = mw_charset_to_utf8(r->charset, r->raw.p, r->raw.len, out);
    if (err == ST_ERROR_UNKNOWN_CHARSET) {
        out->len = mark;
        err = mw_buf_append(out, r->from, r->len);
    }
    r->from = NULL;
    mw_buf_reset(&r->raw);
    return err;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Takes the encoded word at in[0..len) into the run (flushing a run in
 * another charset); its length, or 0 when there is none or it is bad. */
static size_t take_word(const char *in, size_t len, word_run *r, mw_buf *out, DWORD *err_r)
{
    word w;
    if (len == 0 || in[0] != '=' || !parse_word(in, len, &w))
        return 0;
    if (r->from != NULL && mw_ascii_casecmp(r->charset, w.charset) != 0 &&
        (*err_r = run_flush(r, out)) != 0)
        return 0;
    mw_buf bytes; /* mw_base64_decode replaces what its buffer holds */
    mw_buf_init(&bytes, 0);
    DWORD err = w.encoding == 'B' ? mw_base64_decode(w.text, w.textlen, &bytes)
                                  : decode_q(w.text, w.textlen, &bytes);
    if (err == 0)
        err = mw_buf_append(&r->raw, bytes.p, bytes.len);
    mw_buf_free(&bytes);
    if (err == ST_ERROR_OUT_OF_MEMORY)
        *err_r = err;
    if (err != 0)
        return 0;
    if (r->from == NULL) {
        memcpy(r->charset, w.charset, sizeof r->charset);
        r->from = in;
        r->len = 0;
    }
    r->len = (size_t)(in + w.total - r->from);
    return w.total;
}

/* The length of blanks at in[0..len) followed by an encoded word, which
 * (RFC 2047 6.2) vanish; 0 otherwise. */
static size_t blanks_before_word(const char *in, size_t len)
{
    size_t j = 0;
    word w;
    while (j < len && is_space(in[j]))
        j++;
    return j > 0 && parse_word(in + j, len - j, &w) ? j : 0;
}

DWORD mw_decode_words(const char *in, size_t len, mw_buf *out)
{
    word_run r = {.from = NULL};
    mw_buf_init(&r.raw, 0);
    size_t i = 0;
    DWORD err = 0;
    while (i < len && err == 0) {
        size_t n = take_word(in + i, len - i, &r, out, &err);
        if (n == 0 && err == 0 && r.from != NULL && in + i == r.from + r.len)
            n = blanks_before_word(in + i, len - i);
        if (n > 0) {
            i += n;
            continue;
        }
        if (err == 0)
            err = run_flush(&r, out);
        if (err == 0)
            err = mw_buf_append(out, in + i, 1);
        i++;
    }
    if (err == 0)
        err = run_flush(&r, out);
    mw_buf_free(&r.raw);
    return err != 0 ? err : mw_buf_terminate(out);
}
