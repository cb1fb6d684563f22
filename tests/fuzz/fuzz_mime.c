/*
 * fuzz_mime.c - the streaming MIME parser.
 *
 * Oracles:
 * - Feeding: the input parsed whole and parsed in pieces (sizes taken from
 *   its first byte) give the same events and the same bytes.
 * - Round trip: the input, cut into parts, is written as a multipart
 *   message (base64, quoted-printable and 8bit parts in turn, one of them
 *   inside a message/rfc822 part) and parsed with MIME_DECODE: each part
 *   decodes back to exactly its bytes.
 * - Limits: whatever the input, the parser ends (or refuses) without a
 *   crash or a leak.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mime/parser.h"
#include "proto/buf.h"
#include "proto/sasl.h" /* mw_base64_encode */

static DWORD on_begin(void *ctx, const MIMEPARTA *p)
{
    return mw_buf_printf(ctx, "<%s %s/%s %d %s>", p->szPart, p->szType, p->szSubType, p->nParent,
                         p->szFileName);
}

static DWORD on_data(void *ctx, const MIMEPARTA *p, const void *d, size_t n)
{
    (void)p;
    return mw_buf_append(ctx, d, n);
}

static DWORD on_end(void *ctx, const MIMEPARTA *p)
{
    return mw_buf_printf(ctx, "</%s %u %u %u>", p->szPart, p->nSubParts, (unsigned)p->dwPartSize,
                         (unsigned)p->dwLines);
}

/* The trace of parsing data in pieces of step bytes (0: whole). */
static DWORD parse(const uint8_t *data, size_t size, size_t step, DWORD options, mw_buf *trace)
{
    mw_mime_events ev = {on_begin, on_data, on_end, trace};
    mw_mime_parser *p;
    if (mw_mime_parser_new(&ev, options, &p) != 0)
        abort();
    DWORD err = 0;
    for (size_t i = 0; i < size && err == 0;) {
        size_t n = step == 0 || step > size - i ? size - i : step;
        err = mw_mime_parser_feed(p, data + i, n);
        i += n;
    }
    if (err == 0)
        err = mw_mime_parser_finish(p);
    mw_mime_parser_free(&p);
    return err;
}

static void same_in_pieces(const uint8_t *data, size_t size)
{
    size_t step = size > 0 ? (size_t)data[0] % 17 + 1 : 1;
    mw_buf whole, pieces;
    mw_buf_init(&whole, 0);
    mw_buf_init(&pieces, 0);
    DWORD e1 = parse(data, size, 0, MIME_DECODE_UTF8, &whole);
    DWORD e2 = parse(data, size, step, MIME_DECODE_UTF8, &pieces);
    if (e1 != e2 || (e1 == 0 && (whole.len != pieces.len ||
                                 (whole.len > 0 && memcmp(whole.p, pieces.p, whole.len) != 0))))
        abort(); /* the result depends on how the bytes arrived */
    mw_buf_free(&whole);
    mw_buf_free(&pieces);
}

/* ---- round trip -------------------------------------------------------------------- */

static void append_qp(mw_buf *b, const uint8_t *p, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t col = 0;
    for (size_t i = 0; i < n; i++) {
        char e[3] = {'=', hex[p[i] >> 4], hex[p[i] & 15]};
        int plain = p[i] >= 33 && p[i] <= 126 && p[i] != '=';
        if (col > 70) {
            mw_buf_append_str(b, "=\r\n"); /* soft break */
            col = 0;
        }
        mw_buf_append(b, plain ? (const char *)&p[i] : e, plain ? 1 : 3);
        col += plain ? 1 : 3;
    }
}

#define PARTS 4

/* Collects each leaf part's decoded bytes, by part number. */
typedef struct collected {
    mw_buf part[PARTS];
} collected;

static DWORD collect(void *ctx, const MIMEPARTA *p, const void *d, size_t n)
{
    collected *c = ctx;
    int k = p->szPart[0] - '1'; /* "1".."3", "4.1" */
    if (k < 0 || k >= PARTS)
        abort(); /* a part the message does not have */
    return mw_buf_append(&c->part[k], d, n);
}

static void round_trip(const uint8_t *data, size_t size)
{
    size_t cut[PARTS + 1] = {0};
    for (int k = 1; k < PARTS; k++)
        cut[k] = size * (size_t)k / PARTS;
    cut[PARTS] = size;
    mw_buf m;
    mw_buf_init(&m, 0);
    mw_buf_append_str(&m, "Content-Type: multipart/mixed; boundary=\"=_fz\"\r\n\r\n");
    for (int k = 0; k < PARTS; k++) {
        const uint8_t *p = data + cut[k];
        size_t n = cut[k + 1] - cut[k];
        mw_buf_append_str(&m, "--=_fz\r\n");
        if (k == 3) /* a forwarded message holding the last piece */
            mw_buf_append_str(&m, "Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n");
        if (k % 2 == 0) {
            mw_buf_append_str(&m, "Content-Transfer-Encoding: base64\r\n\r\n");
            mw_base64_encode(p, n, &m);
        } else {
            mw_buf_append_str(&m, "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
            append_qp(&m, p, n);
        }
        mw_buf_append_str(&m, "\r\n");
    }
    mw_buf_append_str(&m, "--=_fz--\r\n");
    collected c;
    for (int k = 0; k < PARTS; k++)
        mw_buf_init(&c.part[k], 0);
    mw_mime_events ev = {NULL, collect, NULL, &c};
    mw_mime_parser *parser;
    if (mw_mime_parser_new(&ev, MIME_DECODE, &parser) != 0 ||
        mw_mime_parser_feed(parser, m.p, m.len) != 0 || mw_mime_parser_finish(parser) != 0)
        abort(); /* a well-formed message refused */
    mw_mime_parser_free(&parser);
    for (int k = 0; k < PARTS; k++) {
        size_t n = cut[k + 1] - cut[k];
        if (c.part[k].len != n || (n > 0 && memcmp(c.part[k].p, data + cut[k], n) != 0))
            abort(); /* a part did not decode back to its bytes */
        mw_buf_free(&c.part[k]);
    }
    mw_buf_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    same_in_pieces(data, size);
    if (size <= 16384)
        round_trip(data, size);
    return 0;
}
