/* exchange.c - one IMAP command from its first byte to its tagged response. */
#include <string.h>

#include "../proto/trace.h"
#include "imap.h"

int mw_imap_is_ours(const mw_session *s, const mw_imap_resp *r)
{
    size_t n = strlen(s->imap.tag);
    return r->kind == MW_IMAP_TAGGED && r->tag.len == n && memcmp(r->tag.p, s->imap.tag, n) == 0;
}

void mw_imap_handle_code(mw_session *s, const mw_imap_resp *r)
{
    mw_imap_text word, rest;
    if (r->code.p == NULL)
        return;
    mw_imap_code_split(r->code, &word, &rest);
    if (mw_imap_text_is(word, "CAPABILITY")) {
        mw_caps_clear(&s->caps);
        (void)mw_caps_add_words(&s->caps, rest.p, rest.len);
    }
}

DWORD mw_imap_handle_untagged(mw_session *s, const mw_imap_resp *r)
{
    if (!r->has_number && mw_imap_text_is(r->name, "CAPABILITY")) {
        mw_caps_clear(&s->caps);
        return mw_caps_add_words(&s->caps, r->data.p, r->data.len);
    }
    if (r->status != MW_IMAP_ST_NONE)
        mw_imap_handle_code(s, r);
    return 0;
}

DWORD mw_imap_finish(mw_session *s, const mw_imap_resp *r)
{
    /* The result text keeps the response code: "[AUTHENTICATIONFAILED] ..." */
    const char *from = r->code.p != NULL ? r->code.p - 1 : r->text.p;
    const char *end = r->text.p + r->text.len;
    static const int codes[] = {IMAP_RESULT_NONE, IMAP_RESULT_OK, IMAP_RESULT_NO, IMAP_RESULT_BAD};
    mw_session_set_result(s, codes[r->status <= MW_IMAP_ST_BAD ? r->status : 0], from,
                          (size_t)(end - from));
    mw_imap_handle_code(s, r);
    switch (r->status) {
    case MW_IMAP_ST_OK:
        return 0;
    case MW_IMAP_ST_NO:
        return ST_ERROR_COMMAND_REJECTED;
    default:
        return ST_ERROR_COMMAND_MALFORMED;
    }
}

/* Writes text[from..to), plus CRLF after the last part. */
static DWORD send_part(mw_session *s, mw_imap_cmd *c, size_t from, size_t to, int last)
{
    size_t shown = c->visible > from ? c->visible - from : 0;
    size_t tracelen = to - from;
    if (!last && tracelen >= 2)
        tracelen -= 2; /* the CRLF ending a literal's announcement */
    mw_trace_line(s, IMAP_STATUS_SENT, (const char *)c->text.p + from, tracelen, shown);
    mw_session_arm_timeout(s);
    DWORD err = mw_stream_write(&s->stream, c->text.p + from, to - from);
    if (err == 0 && last)
        err = mw_stream_write(&s->stream, "\r\n", 2);
    return err;
}

DWORD mw_imap_run(mw_session *s, mw_imap_cmd *c, mw_imap_untagged_fn fn, void *ctx)
{
    int split = 0;
    size_t end = c->nsplits > 0 ? c->splits[0] : c->text.len;
    DWORD err = send_part(s, c, 0, end, c->nsplits == 0);
    while (err == 0) {
        mw_imap_resp r;
        err = mw_imap_read(s, &r);
        if (err != 0)
            break;
        if (r.kind == MW_IMAP_CONTINUE) {
            if (split >= c->nsplits)
                return ST_ERROR_PROTOCOL_VIOLATION;
            size_t from = c->splits[split++];
            end = split < c->nsplits ? c->splits[split] : c->text.len;
            err = send_part(s, c, from, end, split == c->nsplits);
        } else if (r.kind == MW_IMAP_UNTAGGED) {
            err = mw_imap_handle_untagged(s, &r);
            if (err == 0 && fn != NULL)
                err = fn(s, &r, ctx);
        } else {
            /* One command in flight: any other tag is forged or confused. */
            return mw_imap_is_ours(s, &r) ? mw_imap_finish(s, &r) : ST_ERROR_PROTOCOL_VIOLATION;
        }
    }
    return err;
}

DWORD mw_imap_simple(mw_session *s, const char *name)
{
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, name);
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    return err;
}
