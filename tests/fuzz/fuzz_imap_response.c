/*
 * fuzz_imap_response.c - the IMAP push parser fed each input whole and in
 * pieces of sizes the input itself chooses: both must give the same
 * responses (or the same error); every response is classified and its
 * FETCH items, lists and strings lexed. The numbers of SEARCH responses
 * are streamed to a hook; a run that keeps them as text (under the line
 * limit) must find the same numbers. The ranges of VANISHED sets are
 * streamed too, and must be the same whole and in pieces.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imap/imap.h"
#include "sys/ascii.h"

typedef struct result {
    mw_buf text; /* every response, separated by NUL, streamed numbers as #n; */
    DWORD err;
    uint64_t numbers, sum; /* SEARCH numbers of whole responses: how many, their sum */
    uint64_t pending, pending_sum; /* of the response coming in */
} result;

static void count_number(result *r, uint64_t n)
{
    r->pending++;
    r->pending_sum += n;
}

/* A response is complete: its numbers count (an input may end in the
 * middle of one, after some of its numbers were streamed). */
static void commit_numbers(result *r)
{
    r->numbers += r->pending;
    r->sum += r->pending_sum;
    r->pending = r->pending_sum = 0;
}

static DWORD on_number(void *ctx, uint64_t n)
{
    result *r = ctx;
    count_number(r, n);
    char tag[32];
    int k = snprintf(tag, sizeof tag, "#%llu;", (unsigned long long)n);
    return mw_buf_append(&r->text, tag, (size_t)k);
}

/* Each VANISHED range goes into the text as %lo:hi; (E for EARLIER). */
static DWORD put_range(result *r, const char *kind, uint64_t lo, uint64_t hi)
{
    char tag[64];
    int k = snprintf(tag, sizeof tag, "%s%llu:%llu;", kind, (unsigned long long)lo,
                     (unsigned long long)hi);
    return mw_buf_append(&r->text, tag, (size_t)k);
}

static DWORD on_vanished(void *ctx, uint64_t lo, uint64_t hi)
{
    return put_range(ctx, "%", lo, hi);
}

static DWORD on_vanished_earlier(void *ctx, uint64_t lo, uint64_t hi)
{
    return put_range(ctx, "E", lo, hi);
}

/* The value of a token of digits as the number run must read it: past
 * 64 bits (more than 20 digits, or 20 above 2^64 - 1) it is HUGE. */
static uint64_t token_value(const char *p, size_t n)
{
    if (n > 20 || (n == 20 && memcmp(p, "18446744073709551615", 20) > 0))
        return MW_NUMBER_RUN_HUGE;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (uint64_t)(p[i] - '0');
    return v;
}

/* A SEARCH response kept as text: counts the numbers its first line opens
 * with, as the streaming run would (blanks and CR between them). */
static void count_text_numbers(const mw_buf *t, result *r)
{
    const char *p = (const char *)t->p, *end = p + t->len;
    if (t->len < 9 || mw_ascii_ncasecmp(p, "* SEARCH ", 9) != 0)
        return;
    for (p += 9; p < end && *p != '\n';) {
        if (*p == ' ' || *p == '\r') {
            p++;
            continue;
        }
        size_t n = strspn(p, "0123456789");
        if (n == 0 || (p + n < end && p[n] != ' ' && p[n] != '\r' && p[n] != '\n'))
            return; /* the run ends at a token that is no number */
        count_number(r, token_value(p, n));
        p += n;
    }
}

static int claim_all(void *ctx, const char *text, size_t len, uint64_t size)
{
    (void)ctx;
    (void)len;
    return size > 16 && strstr(text, "BODY[") != NULL;
}

static DWORD body_data(void *ctx, const void *p, size_t n)
{
    result *r = ctx;
    return mw_buf_append(&r->text, p, n);
}

static DWORD body_end(void *ctx)
{
    result *r = ctx;
    return mw_buf_append(&r->text, "<end>", 5);
}

static void examine(const mw_buf *t)
{
    mw_imap_resp r;
    if (mw_imap_resp_parse((const char *)t->p, t->len, &r) != 0)
        return;
    mw_imap_fetch_info info;
    if (r.has_number) {
        (void)mw_imap_parse_fetch(&r, NULL, &info);
        (void)mw_imap_parse_fetch(&r, "HEADER", &info);
    }
    (void)mw_imap_flags_of(r.data);
    mw_imap_lexer lx;
    mw_imap_token tok;
    mw_buf v;
    mw_buf_init(&v, 1 << 20);
    mw_imap_lexer_init(&lx, r.data);
    for (int i = 0; i < 100000; i++) {
        mw_tok_kind k = mw_imap_lex(&lx, &tok);
        if (k == MW_TOK_END || k == MW_TOK_ERROR)
            break;
        if (k == MW_TOK_STRING)
            (void)mw_imap_token_value(&tok, &v);
    }
    mw_buf_free(&v);
}

static void run(const uint8_t *data, size_t size, size_t step_seed, result *out, int check,
                int stream_numbers)
{
    mw_imap_asm a;
    mw_imap_body_hooks hooks = {claim_all, body_data, body_end, out,
                                stream_numbers ? on_number : NULL};
    mw_imap_asm_init(&a);
    a.hooks = &hooks;
    if (stream_numbers)
        a.vanished = (mw_imap_vanished_hooks){on_vanished, on_vanished_earlier, out};
    mw_buf_init(&out->text, 0);
    out->err = 0;
    out->numbers = out->sum = out->pending = out->pending_sum = 0;
    size_t at = 0, step_state = step_seed;
    while (at < size && out->err == 0) {
        step_state = step_state * 1103515245u + 12345u;
        size_t step = step_seed == 0 ? size - at : 1 + (step_state >> 8) % 17;
        if (step > size - at)
            step = size - at;
        size_t used = 0;
        int done = 0;
        out->err = mw_imap_asm_feed(&a, data + at, step, &used, &done);
        at += used;
        if (done) {
            if (check)
                examine(&a.text);
            if (!stream_numbers)
                count_text_numbers(&a.text, out);
            commit_numbers(out);
            mw_buf_append(&out->text, a.text.p, a.text.len + 1);
            mw_imap_asm_reset(&a);
            a.hooks = &hooks;
        }
    }
    mw_imap_asm_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    result whole, pieces, text;
    run(data, size, 0, &whole, 1, 1);
    run(data, size, size > 0 ? data[0] + 1u : 1u, &pieces, 0, 1);
    if (whole.err != pieces.err || whole.text.len != pieces.text.len ||
        (whole.text.len > 0 && memcmp(whole.text.p, pieces.text.p, whole.text.len) != 0))
        abort(); /* "need more" must not change what is parsed */
    run(data, size, 0, &text, 0, 0);
    if (text.err == 0 && whole.err == 0 && (text.numbers != whole.numbers || text.sum != whole.sum))
        abort(); /* streamed SEARCH numbers differ from the ones in the text */
    mw_buf_free(&whole.text);
    mw_buf_free(&pieces.text);
    mw_buf_free(&text.text);
    return 0;
}
