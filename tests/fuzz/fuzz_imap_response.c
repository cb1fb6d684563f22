/*
 * fuzz_imap_response.c - the IMAP push parser fed each input whole and in
 * pieces of sizes the input itself chooses: both must give the same
 * responses (or the same error); every response is classified and its
 * FETCH items, lists and strings lexed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "imap/imap.h"

typedef struct result {
    mw_buf text; /* every response, separated by NUL */
    DWORD err;
} result;

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

static void run(const uint8_t *data, size_t size, size_t step_seed, result *out, int check)
{
    mw_imap_asm a;
    mw_imap_body_hooks hooks = {claim_all, body_data, body_end, out};
    mw_imap_asm_init(&a);
    a.hooks = &hooks;
    mw_buf_init(&out->text, 0);
    out->err = 0;
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
            mw_buf_append(&out->text, a.text.p, a.text.len + 1);
            mw_imap_asm_reset(&a);
            a.hooks = &hooks;
        }
    }
    mw_imap_asm_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    result whole, pieces;
    run(data, size, 0, &whole, 1);
    run(data, size, size > 0 ? data[0] + 1u : 1u, &pieces, 0);
    if (whole.err != pieces.err || whole.text.len != pieces.text.len ||
        (whole.text.len > 0 && memcmp(whole.text.p, pieces.text.p, whole.text.len) != 0))
        abort(); /* "need more" must not change what is parsed */
    mw_buf_free(&whole.text);
    mw_buf_free(&pieces.text);
    return 0;
}
