/*
 * dotstream.c - a POP3 multi-line body, dot-unstuffed as it streams into a
 * sink. Works on the stream's buffer in place: memory stays flat whatever
 * the message size, and lines of any length up to the cap pass through.
 */
#include <string.h>

#include "../proto/trace.h"
#include "pop3.h"

#define PROGRESS_STEP (64u * 1024u)

/* Makes at least n bytes available in the stream buffer. */
static DWORD need(mw_stream *st, size_t n)
{
    while (st->rlen - st->rpos < n) {
        DWORD err = mw_stream_fill(st);
        if (err != 0)
            return err;
    }
    return 0;
}

static void progress(mw_session *s, uint64_t *next_event)
{
    uint64_t done = atomic_load(&s->xfer_done);
    if (done >= *next_event) {
        *next_event = done + PROGRESS_STEP;
        mw_session_event(s, POP_EVENT_PROGRESS, 0);
    }
}

/* At the start of a line: consumes the terminator (returns 1), a stuffed
 * dot (returns 0 after skipping it), or nothing. */
static DWORD line_start(mw_stream *st, int *end_r)
{
    *end_r = 0;
    DWORD err = need(st, 1);
    if (err != 0 || st->rbuf[st->rpos] != '.')
        return err;
    err = need(st, 2);
    if (err != 0)
        return err;
    if (st->rbuf[st->rpos + 1] == '\n') { /* ".\n" from a sloppy server */
        st->rpos += 2;
        *end_r = 1;
        return 0;
    }
    if (st->rbuf[st->rpos + 1] == '\r') {
        err = need(st, 3);
        if (err != 0)
            return err;
        if (st->rbuf[st->rpos + 2] == '\n') {
            st->rpos += 3;
            *end_r = 1;
            return 0;
        }
    }
    st->rpos++; /* the stuffed dot */
    return 0;
}

DWORD mw_pop_stream_body(mw_session *s, mw_sink *sink, size_t line_max)
{
    mw_stream *st = &s->stream;
    uint64_t next_event = PROGRESS_STEP;
    size_t line_len = 0;
    int at_start = 1;
    for (;;) {
        if (at_start) {
            int end;
            mw_session_arm_timeout(s);
            DWORD err = line_start(st, &end);
            if (err != 0)
                return err;
            if (end)
                break;
            at_start = 0;
            line_len = 0;
        }
        DWORD err = need(st, 1);
        if (err != 0)
            return err;
        unsigned char *from = st->rbuf + st->rpos;
        size_t have = st->rlen - st->rpos;
        unsigned char *lf = memchr(from, '\n', have);
        size_t take = lf != NULL ? (size_t)(lf - from) + 1 : have;
        line_len += take;
        if (line_len > line_max)
            return ST_ERROR_RESPONSE_TOO_LARGE;
        err = mw_sink_write(sink, from, take);
        if (err != 0)
            return err;
        st->rpos += take;
        atomic_fetch_add(&s->xfer_done, take);
        progress(s, &next_event);
        at_start = lf != NULL;
    }
    mw_trace_note(s, "%llu bytes of message data", (unsigned long long)sink->total);
    mw_session_event(s, POP_EVENT_PROGRESS, 0);
    return 0;
}
