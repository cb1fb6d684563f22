/* reader.c - one whole IMAP response from the stream, through the push
 * assembler; recorded in the call's response lines and classified. */
#include <stdio.h>
#include <string.h>

#include "../proto/trace.h"
#include "../sys/alloc.h"
#include "imap.h"

/* The size of the literal streamed after the line ending at offset end
 * of the text, which shows "{0}" for it; 0 when none was. */
static int streamed_size(const mw_imap_asm *a, size_t end, uint64_t *size_r)
{
    for (int i = 0; i < a->nstreamed; i++)
        if (a->streamed[i].end == end) {
            *size_r = a->streamed[i].size;
            return 1;
        }
    return 0;
}

/* One line of the trace; a streamed literal shows its real size. */
static void trace_line(mw_session *s, const char *p, size_t shown, size_t visible, int streamed,
                       uint64_t size)
{
    char line[1024];
    if (!streamed || shown < 3 || shown > sizeof line - 32) { /* long lines: as they are */
        mw_trace_line(s, IMAP_STATUS_RECEIVED, p, shown, visible);
        return;
    }
    memcpy(line, p, shown - 3); /* all but "{0}" */
    int k = snprintf(line + shown - 3, 32, "{%llu}", (unsigned long long)size);
    mw_trace_line(s, IMAP_STATUS_RECEIVED, line, shown - 3 + (size_t)k, visible);
}

/* Traces the response: lines as sent, with the sizes of the bodies that
 * went straight to their consumer. */
static void trace_response(mw_session *s, const mw_imap_asm *a)
{
    const mw_buf *t = &a->text;
    const char *start = (const char *)t->p, *p = start, *end = p + t->len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
        size_t shown = n > 0 && p[n - 1] == '\r' ? n - 1 : n;
        int challenge = s->in_sasl && shown > 0 && p[0] == '+' && (shown == 1 || p[1] == ' ');
        uint64_t size = 0;
        int streamed = nl != NULL && streamed_size(a, (size_t)(nl + 1 - start), &size);
        trace_line(s, p, shown, challenge ? 1 : MW_TRACE_ALL, streamed, size);
        p += n + 1;
    }
}

/* Bodies at least this large are read in pieces of this size, straight
 * from the transport, rather than through the session's 16 KB buffer: over
 * plain TCP a quarter of the reads and of the writes to a file (TLS hands
 * out one record of at most 16 KB per read anyway). The memory is held only
 * while such a response is arriving, so idle sessions stay small. */
#define DIRECT_READ_SIZE (64u * 1024u)

/* Feeds the assembler one direct read of the body it is in. Returns 0 with
 * *fed_r 0 when the body is too small for it or no memory is to be had:
 * the caller then reads through the stream's buffer as usual. */
static DWORD feed_direct(mw_session *s, unsigned char **big, int *done_r, int *fed_r)
{
    mw_imap_asm *a = &s->imap->asm_;
    *fed_r = 0;
    if (a->state != ASM_BODY || a->remaining < DIRECT_READ_SIZE)
        return 0;
    if (*big == NULL && (*big = mw_malloc(DIRECT_READ_SIZE)) == NULL)
        return 0;
    size_t got = 0, used = 0;
    DWORD err = mw_stream_read_direct(&s->stream, *big, DIRECT_READ_SIZE, &got);
    if (err == 0)
        err = mw_imap_asm_feed(a, *big, got, &used, done_r);
    /* never more than the body's remaining bytes were asked for */
    if (err == 0 && used != got)
        err = ST_ERROR_PROTOCOL_VIOLATION;
    *fed_r = 1;
    return err;
}

static DWORD read_response(mw_session *s, unsigned char **big)
{
    mw_imap_asm *a = &s->imap->asm_;
    mw_stream *st = &s->stream;
    for (int done = 0; !done;) {
        DWORD err;
        if (st->rpos == st->rlen) {
            int fed = 0;
            err = feed_direct(s, big, &done, &fed);
            if (err == 0 && !fed)
                err = mw_stream_fill(st);
            if (err != 0)
                return err;
            if (fed) {
                mw_session_arm_timeout(s);
                continue;
            }
        }
        size_t used = 0;
        err = mw_imap_asm_feed(a, st->rbuf + st->rpos, st->rlen - st->rpos, &used, &done);
        st->rpos += used;
        if (err != 0)
            return err;
        if (a->state == ASM_BODY)
            mw_session_arm_timeout(s); /* a large body: the limit is per chunk read */
    }
    return 0;
}

/* A line that is neither untagged, a continuation, nor one of our tags
 * ("A" and digits): Exchange sends "[COPYUID ...]" on its own line
 * before the EXPUNGE of a MOVE. Only while a command is in flight: before
 * the greeting, such a line means the peer is no IMAP server. */
static int is_stray(const mw_session *s, const mw_buf *t)
{
    const char *p = (const char *)t->p;
    if (s->imap->tag[0] == '\0' || t->len == 0 || p[0] == '*' || p[0] == '+')
        return 0;
    size_t n = 1;
    while (n < t->len && p[n] >= '0' && p[n] <= '9')
        n++;
    return !(p[0] == 'A' && n > 1 && (n == t->len || p[n] == ' '));
}

/* Untagged data ("* 3 FETCH (...)", "* LIST (...) ...") is parsed once
 * into the session's tree for every handler to read. One that does not
 * parse is kept in the response lines and skipped by the handlers; the
 * session goes on, as its framing was intact. */
static void parse_tree(mw_session *s, mw_imap_resp *r)
{
    if (r->kind != MW_IMAP_UNTAGGED || r->status != MW_IMAP_ST_NONE)
        return;
    r->tree_err = mw_imap_tree_parse(&s->imap->tree, r->data, 0);
    r->tree = r->tree_err == 0 ? &s->imap->tree : NULL;
    if (r->tree_err != 0)
        mw_trace_note(s, "that response does not parse (0x%x)", (unsigned)r->tree_err);
}

/* Stray lines in a row before a response counts as a flood. */
#define STRAY_MAX 100

DWORD mw_imap_read_with(mw_session *s, const mw_imap_body_hooks *hooks, mw_imap_resp *r)
{
    mw_imap_asm *a = &s->imap->asm_;
    if (s->imap->greeting_pending) { /* IMAP_OPTION_EARLY_LOGIN: it comes first */
        DWORD err = mw_imap_take_greeting(s);
        if (err != 0)
            return err;
    }
    for (int strays = 0;; strays++) {
        mw_imap_asm_reset(a);
        a->hooks = hooks;
        mw_imap_take_vanished(s, a);
        mw_session_arm_timeout(s);
        unsigned char *big = NULL;
        DWORD err = read_response(s, &big);
        mw_free(big);
        if (err != 0) {
            s->framing_intact = 0; /* whatever an earlier step said: the read broke off */
            return err;
        }
        trace_response(s, a);
        if (a->run.count > 0)
            mw_trace_note(s, "%llu %s of that line went straight to %s", (unsigned long long)a->run.count,
                          a->run_kind == MW_RUN_SEARCH ? "numbers" : "ranges",
                          a->run_kind == MW_RUN_SEARCH || a->run_kind == MW_RUN_CALL_SET
                              ? "the caller"
                              : "the message count");
        mw_session_record(s, (const char *)a->text.p, a->text.len);
        err = mw_imap_resp_parse((const char *)a->text.p, a->text.len, r);
        r->flags_cut = a->flags_cut;
        if (err == 0)
            parse_tree(s, r);
        if (a->flags_cut)
            mw_trace_note(s, "keywords past the line limit were dropped from that line");
        if (err == 0 || !is_stray(s, &a->text) || strays == STRAY_MAX)
            return err;
        mw_trace_note(s, "a line that is no response was skipped");
    }
}

DWORD mw_imap_read(mw_session *s, mw_imap_resp *r)
{
    return mw_imap_read_with(s, NULL, r);
}
