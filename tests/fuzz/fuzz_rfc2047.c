/*
 * fuzz_rfc2047.c - encoded-word decoding and header field lookup.
 *
 * Oracles: text without "=?" comes out exactly as it went in; and the input
 * bytes, encoded here as a run of encoded words (B and Q in turn, UTF-8 and
 * ISO-8859-1), decode back to themselves (UTF-8) or to their Latin-1
 * reading, with the blanks between the words dropped (RFC 2047 6.2).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mime/mime.h"
#include "proto/sasl.h" /* mw_base64_encode */

#define WORD_BYTES 12 /* small, so most inputs span several words */

static void append_q(mw_buf *b, const uint8_t *p, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    for (size_t i = 0; i < n; i++) {
        uint8_t c = p[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            mw_buf_append(b, &c, 1);
        } else if (c == ' ') {
            mw_buf_append(b, "_", 1);
        } else {
            char e[3] = {'=', hex[c >> 4], hex[c & 15]};
            mw_buf_append(b, e, 3);
        }
    }
}

/* data as encoded words in charset, B and Q in turn, separated by blanks. */
static void encode_words(const uint8_t *data, size_t size, const char *charset, mw_buf *out)
{
    for (size_t i = 0, k = 0; i < size; i += WORD_BYTES, k++) {
        size_t n = size - i < WORD_BYTES ? size - i : WORD_BYTES;
        mw_buf_append_str(out, k == 0 ? "=?" : k % 3 == 1 ? " =?" : "\r\n\t=?");
        mw_buf_append_str(out, charset);
        mw_buf_append_str(out, k % 2 == 0 ? "?B?" : "?q?");
        if (k % 2 == 0)
            mw_base64_encode(data + i, n, out);
        else
            append_q(out, data + i, n);
        mw_buf_append_str(out, "?=");
    }
}

static void expect_decoded(const mw_buf *encoded, const uint8_t *want, size_t want_len)
{
    mw_buf got;
    mw_buf_init(&got, 0);
    if (mw_decode_words((const char *)encoded->p, encoded->len, &got) != 0 ||
        got.len != want_len || (want_len > 0 && memcmp(got.p, want, want_len) != 0))
        abort(); /* encoded words that do not decode back to what they hold */
    mw_buf_free(&got);
}

static void round_trips(const uint8_t *data, size_t size)
{
    mw_buf enc, latin;
    mw_buf_init(&enc, 0);
    mw_buf_init(&latin, 0);
    encode_words(data, size, "UTF-8", &enc);
    expect_decoded(&enc, data, size);
    enc.len = 0;
    encode_words(data, size, "iso-8859-1", &enc);
    for (size_t i = 0; i < size; i++)
        mw_buf_append_utf8(&latin, data[i]);
    expect_decoded(&enc, latin.p, latin.len);
    mw_buf_free(&enc);
    mw_buf_free(&latin);
}

static int has_word_start(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i + 1 < size; i++)
        if (data[i] == '=' && data[i + 1] == '?')
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mw_buf out, value;
    mw_buf_init(&out, 0);
    mw_buf_init(&value, 0);
    if (mw_decode_words((const char *)data, size, &out) != 0)
        abort(); /* decoding never fails: bad words stay as they are */
    if (!has_word_start(data, size) && (out.len != size || (size > 0 && memcmp(out.p, data, size))))
        abort(); /* plain text changed */
    if (size <= 4096)
        round_trips(data, size);
    DWORD err;
    (void)mw_header_find((const char *)data, size, "Subject", &value, &err);
    mw_buf_free(&out);
    mw_buf_free(&value);
    return 0;
}
