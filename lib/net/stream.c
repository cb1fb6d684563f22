/* stream.c - buffered reads and whole writes with deadlines. */
#include "stream.h"

#include <string.h>

#include "../sys/sys.h"
#include "deflate.h"
#include "tls.h"

void mw_stream_init(mw_stream *s, const mw_waker *waker)
{
    memset(s, 0, offsetof(mw_stream, rbuf));
    s->sock = MW_INVALID_SOCKET;
    s->waker = waker;
    s->deadline = mw_now_ms() + 30000;
}

void mw_stream_set_timeout(mw_stream *s, unsigned ms)
{
    s->deadline = mw_now_ms() + (int64_t)ms;
    if (s->call_deadline != 0 && !s->limits_off && s->call_deadline < s->deadline)
        s->deadline = s->call_deadline;
}

void mw_stream_begin_call(mw_stream *s)
{
    int64_t now = mw_now_ms();
    s->call_deadline = s->limits.max_time_s ? now + (int64_t)s->limits.max_time_s * 1000 : 0;
    s->window_start = now;
    s->window_bytes = 0;
}

static int rate_rule_on(const mw_stream *s)
{
    return s->limits.low_speed_limit != 0 && s->limits.low_speed_time_s != 0 && !s->limits_off;
}

static int64_t window_end(const mw_stream *s)
{
    return s->window_start + (int64_t)s->limits.low_speed_time_s * 1000;
}

/* At the end of each window: too few bytes in it ends the call. A window
 * with none at all is silence, which each step's own timeout bounds (a
 * slow SEARCH may think that long). */
static DWORD check_rate(mw_stream *s, int64_t now)
{
    if (!rate_rule_on(s) || now < window_end(s))
        return 0;
    uint64_t floor = (uint64_t)s->limits.low_speed_limit * s->limits.low_speed_time_s;
    if (s->window_bytes > 0 && s->window_bytes < floor)
        return ST_ERROR_TIMEOUT;
    s->window_start = now;
    s->window_bytes = 0;
    return 0;
}

DWORD mw_stream_raw_read(mw_stream *s, void *buf, size_t len, size_t *got_r)
{
    for (;;) {
        DWORD err = mw_sock_recv(s->sock, buf, len, got_r);
        if (err != 0)
            return err;
        if (*got_r > 0) {
            s->wire_in += *got_r;
            s->window_bytes += *got_r;
            return check_rate(s, mw_now_ms());
        }
        int64_t until = s->deadline;
        if (rate_rule_on(s) && window_end(s) < until)
            until = window_end(s);
        err = mw_sock_wait(s->sock, MW_WAIT_READ, s->waker, until);
        if (err == ST_ERROR_TIMEOUT && until < s->deadline)
            err = check_rate(s, mw_now_ms());
        if (err != 0)
            return err;
    }
}

DWORD mw_stream_raw_write(mw_stream *s, const void *buf, size_t len)
{
    const unsigned char *p = buf;
    while (len > 0) {
        size_t sent = 0;
        DWORD err = mw_sock_send(s->sock, p, len, &sent);
        if (err != 0)
            return err;
        s->wire_out += sent;
        if (sent == 0) {
            err = mw_sock_wait(s->sock, MW_WAIT_WRITE, s->waker, s->deadline);
            if (err != 0)
                return err;
        }
        p += sent;
        len -= sent;
    }
    return 0;
}

/* The transport: TLS when it is on, else the socket. */
static DWORD write_transport(mw_stream *s, const void *buf, size_t len)
{
    return s->tls != NULL ? mw_tls_write(s, buf, len) : mw_stream_raw_write(s, buf, len);
}

static DWORD read_transport(mw_stream *s, void *buf, size_t len, size_t *got_r)
{
    return s->tls != NULL ? mw_tls_read(s, buf, len, got_r) : mw_stream_raw_read(s, buf, len, got_r);
}

DWORD mw_stream_write(mw_stream *s, const void *buf, size_t len)
{
    if (s->sock == MW_INVALID_SOCKET)
        return ST_ERROR_NOT_CONNECTED;
    s->data_out += len;
    return s->z != NULL ? mw_deflate_write(s, buf, len, write_transport) : write_transport(s, buf, len);
}

/* The protocol's bytes: decompressed when COMPRESS is on. */
static DWORD read_plain(mw_stream *s, void *buf, size_t len, size_t *got_r)
{
    if (s->sock == MW_INVALID_SOCKET)
        return ST_ERROR_NOT_CONNECTED;
    DWORD err = s->z != NULL ? mw_deflate_read(s, buf, len, got_r, read_transport)
                             : read_transport(s, buf, len, got_r);
    s->data_in += *got_r;
    return err;
}

DWORD mw_stream_fill(mw_stream *s)
{
    if (s->rpos > 0) {
        memmove(s->rbuf, s->rbuf + s->rpos, s->rlen - s->rpos);
        s->rlen -= s->rpos;
        s->rpos = 0;
    }
    if (s->rlen == sizeof s->rbuf)
        return ST_ERROR_RESPONSE_TOO_LARGE;
    size_t got = 0;
    DWORD err = read_plain(s, s->rbuf + s->rlen, sizeof s->rbuf - s->rlen, &got);
    s->rlen += got;
    return err;
}

DWORD mw_stream_read_direct(mw_stream *s, void *buf, size_t len, size_t *got_r)
{
    *got_r = 0;
    if (s->rpos != s->rlen)
        return ST_ERROR_INVALID_PARAMETER; /* buffered bytes would be overtaken */
    return read_plain(s, buf, len, got_r);
}

int mw_stream_has_buffered(const mw_stream *s)
{
    return s->rlen > s->rpos || (s->tls != NULL && mw_tls_has_pending(s)) || mw_deflate_has_pending(s);
}

int mw_stream_has_pending(mw_stream *s)
{
    return mw_stream_has_buffered(s) || (s->sock != MW_INVALID_SOCKET && mw_sock_readable_now(s->sock));
}

void mw_stream_close(mw_stream *s)
{
    mw_deflate_free(s);
    if (s->tls != NULL)
        mw_tls_free(s);
    mw_sock_close(&s->sock);
    s->rpos = s->rlen = 0;
}
