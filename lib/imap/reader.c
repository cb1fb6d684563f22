/* reader.c - one whole IMAP response from the stream, through the push
 * assembler; recorded in the call's response lines and classified. */
#include <string.h>

#include "../proto/trace.h"
#include "imap.h"

/* Traces the response: lines as sent, body literals as a note. */
static void trace_response(mw_session *s, const mw_buf *t)
{
    const char *p = (const char *)t->p, *end = p + t->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
        size_t shown = n > 0 && p[n - 1] == '\r' ? n - 1 : n;
        int challenge = s->in_sasl && shown > 0 && p[0] == '+' && (shown == 1 || p[1] == ' ');
        mw_trace_line(s, IMAP_STATUS_RECEIVED, p, shown, challenge ? 1 : MW_TRACE_ALL);
        p += n + 1;
    }
}

DWORD mw_imap_read_with(mw_session *s, const mw_imap_body_hooks *hooks, mw_imap_resp *r)
{
    mw_imap_asm *a = &s->imap.asm_;
    mw_stream *st = &s->stream;
    mw_imap_asm_reset(a);
    a->hooks = hooks;
    mw_session_arm_timeout(s);
    for (int done = 0; !done;) {
        if (st->rpos == st->rlen) {
            DWORD err = mw_stream_fill(st);
            if (err != 0)
                return err;
        }
        size_t used = 0;
        DWORD err = mw_imap_asm_feed(a, st->rbuf + st->rpos, st->rlen - st->rpos, &used, &done);
        st->rpos += used;
        if (err != 0)
            return err;
        if (a->state == ASM_BODY)
            mw_session_arm_timeout(s); /* a large body: the limit is per chunk read */
    }
    trace_response(s, &a->text);
    mw_session_record(s, (const char *)a->text.p, a->text.len);
    return mw_imap_resp_parse((const char *)a->text.p, a->text.len, r);
}

DWORD mw_imap_read(mw_session *s, mw_imap_resp *r)
{
    return mw_imap_read_with(s, NULL, r);
}
