/*
 * stream.h - a buffered byte stream over a socket, plain or TLS.
 *
 * Every blocking step waits at most until s->deadline (set per response by
 * the caller) and can be interrupted by the waker. Results are ST_ERROR_*.
 */
#ifndef MW_STREAM_H
#define MW_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "../sys/sock.h"

#define MW_STREAM_BUFSIZE 16384

typedef struct mw_tls mw_tls;
typedef struct mw_deflate mw_deflate;

/* What bounds a whole call, beyond each step's deadline (curl's
 * --max-time and --speed-limit / --speed-time). */
typedef struct mw_call_limits {
    unsigned max_time_s;      /* 0: none */
    unsigned low_speed_limit; /* bytes a second; 0: no rate rule */
    unsigned low_speed_time_s;
} mw_call_limits;

typedef struct mw_stream {
    mw_socket sock;
    const mw_waker *waker;
    int64_t deadline;      /* absolute, mw_now_ms() based */
    int64_t call_deadline; /* the whole call's; 0: none */
    mw_call_limits limits;
    int limits_off;        /* IDLE's own wait: bounded by its own timeout */
    int64_t window_start;  /* the rate rule's current window */
    uint64_t window_bytes;
    mw_tls *tls;      /* NULL while plain */
    mw_deflate *z;    /* COMPRESS=DEFLATE; NULL while off */
    /* bytes on the wire (after TLS) and of the protocol (before
     * compression), each way, for the caller's counters */
    uint64_t wire_in, wire_out, data_in, data_out;
    DWORD io_error;   /* transport error behind a TLS failure */
    size_t rpos;
    size_t rlen;
    unsigned char rbuf[MW_STREAM_BUFSIZE];
} mw_stream;

void mw_stream_init(mw_stream *s, const mw_waker *waker);
/* Sets the deadline to now + ms, or the call's deadline if sooner. */
void mw_stream_set_timeout(mw_stream *s, unsigned ms);
/* A call begins: its deadline and rate window start now. */
void mw_stream_begin_call(mw_stream *s);

/* Plain socket I/O (also the TLS layer's transport). */
DWORD mw_stream_raw_read(mw_stream *s, void *buf, size_t len, size_t *got_r);
DWORD mw_stream_raw_write(mw_stream *s, const void *buf, size_t len);

/* Through TLS when it is on. */
DWORD mw_stream_write(mw_stream *s, const void *buf, size_t len);
/* Reads more bytes into the buffer, compacting it first. */
DWORD mw_stream_fill(mw_stream *s);

/* Reads straight into buf, past the stream's buffer, which must be empty:
 * large message bodies then arrive in fewer, bigger reads. */
DWORD mw_stream_read_direct(mw_stream *s, void *buf, size_t len, size_t *got_r);

/* Nonzero when plaintext bytes are waiting in the library: in the read
 * buffer, or decrypted and held by TLS (the socket may be quiet then). */
int mw_stream_has_buffered(const mw_stream *s);
/* Nonzero when plaintext bytes are waiting: buffered, or on the socket. */
int mw_stream_has_pending(mw_stream *s);

/* Shuts TLS down (best effort) and closes the socket. */
void mw_stream_close(mw_stream *s);

#endif /* MW_STREAM_H */
