/*
 * fetch.c - many RETRs (or TOP n 0, for header blocks) in one go. With
 * PIPELINING (RFC 2449) a window of commands is written at once and the
 * replies are read in order, so N messages cost about one round trip, not N.
 */
#include <stdio.h>
#include <string.h>

#include "../proto/line.h"
#include "../proto/trace.h"
#include "../sys/alloc.h"
#include "pop3.h"

#define PIPELINE_WINDOW 64

typedef struct fetch_state {
    UINT *numbers;
    UINT total;
    UINT sent;
    UINT done;
    UINT delivered;
    int headers;  /* TOP n 0 instead of RETR n */
    int stopping; /* the callback asked to stop: read what is in flight */
} fetch_state;

/* Writes the next commands of the window in one go. */
static DWORD send_window(mw_session *s, fetch_state *f, UINT window)
{
    mw_buf out;
    mw_buf_init(&out, 0);
    DWORD err = 0;
    while (err == 0 && !f->stopping && f->sent < f->total && f->sent - f->done < window) {
        size_t at = out.len;
        err = mw_buf_printf(&out, f->headers ? "TOP %u 0" : "RETR %u", f->numbers[f->sent++]);
        if (err == 0) {
            mw_trace_line(s, POP_STATUS_SENT, (const char *)out.p + at, out.len - at, MW_TRACE_ALL);
            err = mw_buf_append(&out, "\r\n", 2);
        }
    }
    if (err == 0 && out.len > 0) {
        mw_session_arm_timeout(s);
        err = mw_stream_write(&s->stream, out.p, out.len);
    }
    mw_buf_free(&out);
    return err;
}

static DWORD receive_one(mw_session *s, fetch_state *f, mw_pop_fetch_fn fn, void *ctx)
{
    mw_pop_fetch_item item = {f->numbers[f->done++], 0};
    mw_pop_status st;
    DWORD err = mw_pop_read_status(s, &st);
    if (err != 0 || !st.ok)
        return err; /* a message gone meanwhile is skipped, not fatal */
    const char *p = st.text;
    while (!f->headers && *p >= '0' && *p <= '9' && item.size < 0x19999999u)
        item.size = item.size * 10 + (DWORD)(*p++ - '0');
    if (!f->headers && item.size == 0 && s->pop->sizes[item.n - 1] != (DWORD)-1)
        item.size = s->pop->sizes[item.n - 1]; /* a header block's size is not known */
    mw_sink discard, *sink = &discard;
    mw_sink_discard(&discard);
    if (!f->stopping) {
        err = fn(s, &item, 0, &sink, ctx);
        if (err != 0)
            return err;
    }
    atomic_store(&s->xfer_done, 0);
    atomic_store(&s->xfer_total, item.size);
    err = mw_pop_stream_body(s, sink, MW_POP_BODY_LINE_MAX);
    if (err == 0 && !f->stopping) {
        err = fn(s, &item, 1, &sink, ctx);
        if (err == ST_ERROR_CANCELLED) {
            f->stopping = 1;
            err = 0;
        }
        f->delivered++;
    }
    return err;
}

static DWORD collect_numbers(mw_session *s, UINT first, UINT last, fetch_state *f)
{
    DWORD count, octets;
    DWORD err = s->pop->stat_known ? 0 : mw_pop_stat(s, &count, &octets);
    if (err != 0)
        return err;
    if (first == 0)
        first = 1;
    if (last > s->pop->count)
        last = s->pop->count;
    if (first > last)
        return 0;
    f->numbers = mw_calloc((size_t)(last - first + 1), sizeof *f->numbers);
    if (f->numbers == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    for (UINT n = first; n <= last; n++)
        if (n > s->pop->listed || !s->pop->deleted[n - 1])
            f->numbers[f->total++] = n;
    /* the size cache is read for every message below */
    return mw_pop_reserve_listing(s, s->pop->count);
}

DWORD mw_pop_fetch(mw_session *s, UINT first, UINT last, int headers, mw_pop_fetch_fn fn,
                   void *ctx, UINT *count_r)
{
    fetch_state f;
    memset(&f, 0, sizeof f);
    f.headers = headers;
    *count_r = 0;
    /* TOP is optional (RFC 1939): a server whose CAPA leaves it out would
     * refuse every one, which would look like messages gone meanwhile */
    DWORD err = mw_pop_settle_capa(s); /* the decisions below read the capabilities */
    if (err != 0)
        return err;
    if (headers && s->caps.known && !mw_caps_has(&s->caps, "TOP"))
        return ST_ERROR_COMMAND_REJECTED;
    err = collect_numbers(s, first, last, &f);
    UINT window = mw_caps_has(&s->caps, "PIPELINING") ? PIPELINE_WINDOW : 1;
    while (err == 0 && f.done < f.total) {
        err = send_window(s, &f, window);
        if (err == 0 && f.done < f.sent)
            err = receive_one(s, &f, fn, ctx);
        if (f.stopping && f.done == f.sent)
            break;
    }
    mw_free(f.numbers);
    *count_r = f.delivered;
    return err != 0 ? err : (f.stopping ? ST_ERROR_CANCELLED : 0);
}
