/* encoded_word.c - RFC 2047 encoded words ("=?UTF-8?B?...?=") to UTF-8. */
#include <ctype.h>
#include <string.h>

#include "../proto/sasl.h"
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

/* Decodes one word into out; nonzero when it could not be decoded. */
static int decode_word(const word *w, mw_buf *out)
{
    mw_buf raw;
    mw_buf_init(&raw, 0);
    DWORD err = w->encoding == 'B' ? mw_base64_decode(w->text, w->textlen, &raw)
                                   : decode_q(w->text, w->textlen, &raw);
    size_t mark = out->len;
    int bad = err != 0 || mw_charset_to_utf8(w->charset, raw.p, raw.len, out) != 0;
    if (bad)
        out->len = mark;
    mw_buf_free(&raw);
    return bad;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Decodes the encoded word at in[0..len) into out; its length, or 0 when
 * there is none or it cannot be decoded (then out is unchanged). */
static size_t take_word(const char *in, size_t len, mw_buf *out)
{
    word w;
    if (len == 0 || in[0] != '=' || !parse_word(in, len, &w) || decode_word(&w, out))
        return 0;
    return w.total;
}

DWORD mw_decode_words(const char *in, size_t len, mw_buf *out)
{
    size_t i = 0;
    int after_word = 0; /* the last thing appended was a decoded word */
    while (i < len) {
        size_t n = take_word(in + i, len - i, out);
        if (n > 0) {
            i += n;
            after_word = 1;
            continue;
        }
        if (after_word && is_space(in[i])) {
            /* blanks between two encoded words vanish (RFC 2047 6.2) */
            size_t j = i;
            while (j < len && is_space(in[j]))
                j++;
            n = take_word(in + j, len - j, out);
            if (n > 0) {
                i = j + n;
                continue;
            }
        }
        after_word = 0;
        DWORD err = mw_buf_append(out, in + i, 1);
        if (err != 0)
            return err;
        i++;
    }
    return mw_buf_terminate(out);
}
