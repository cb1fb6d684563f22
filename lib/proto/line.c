/* line.c - the shared line engine. */
#include "line.h"

#include <string.h>

#include "trace.h"

int mw_has_line_breaks(const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (text[i] == '\r' || text[i] == '\n' || text[i] == '\0')
            return 1;
    return 0;
}

DWORD mw_line_send(mw_session *s, const char *data, size_t len, size_t visible)
{
    if (mw_has_line_breaks(data, len))
        return ST_ERROR_INVALID_PARAMETER;
    mw_buf out;
    mw_buf_init(&out, 0);
    DWORD err = mw_buf_append(&out, data, len);
    if (err == 0)
        err = mw_buf_append(&out, "\r\n", 2);
    if (err == 0) {
        mw_trace_line(s, IMAP_STATUS_SENT, data, len, visible);
        mw_session_arm_timeout(s);
        err = mw_stream_write(&s->stream, out.p, out.len);
    }
    mw_buf_free_secret(&out);
    return err;
}

/* Appends bytes up to and including the next LF to s->line. */
static DWORD read_to_lf(mw_session *s, size_t start)
{
    mw_stream *st = &s->stream;
    for (;;) {
        unsigned char *from = st->rbuf + st->rpos;
        size_t have = st->rlen - st->rpos;
        unsigned char *lf = memchr(from, '\n', have);
        size_t take = lf != NULL ? (size_t)(lf - from) + 1 : have;
        if (s->line.len - start + take > MW_LINE_MAX + 2)
            return ST_ERROR_RESPONSE_TOO_LARGE;
        DWORD err = mw_buf_append(&s->line, from, take);
        if (err != 0)
            return err;
        st->rpos += take;
        if (lf != NULL)
            return 0;
        err = mw_stream_fill(st);
        if (err != 0)
            return err;
    }
}

DWORD mw_line_read_append(mw_session *s, size_t *start_r)
{
    size_t start = s->line.len;
    DWORD err = read_to_lf(s, start);
    if (err != 0)
        return err;
    s->line.len--; /* the LF */
    if (s->line.len > start && s->line.p[s->line.len - 1] == '\r')
        s->line.len--;
    s->line.p[s->line.len] = '\0';
    const char *line = (const char *)s->line.p + start;
    size_t len = s->line.len - start;
    /* During SASL the server's challenges are payload too. */
    int challenge = s->in_sasl && len > 0 && line[0] == '+' && (len == 1 || line[1] == ' ');
    mw_trace_line(s, IMAP_STATUS_RECEIVED, line, len, challenge ? 1 : MW_TRACE_ALL);
    if (start_r != NULL)
        *start_r = start;
    return 0;
}

DWORD mw_line_read(mw_session *s)
{
    mw_buf_reset(&s->line);
    mw_session_arm_timeout(s);
    return mw_line_read_append(s, NULL);
}

