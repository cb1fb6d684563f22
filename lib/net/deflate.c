/*
 * deflate.c - COMPRESS=DEFLATE (RFC 4978): once on, every byte each way
 * goes through raw deflate (no zlib header), between the protocol and the
 * transport (plain or TLS). Memory is fixed whatever is sent: one input
 * buffer and zlib's own state; a reader never gets more than it asked.
 */
#include "deflate.h"

#include <string.h>
#include <zlib.h>

#include "../sys/alloc.h"

#define CHUNK 16384

struct mw_deflate {
    z_stream in;  /* inflate: the server's bytes */
    z_stream out; /* deflate: ours */
    unsigned char inbuf[CHUNK];
    unsigned char outbuf[CHUNK];
    int in_ended; /* the server's stream ended (Z_STREAM_END): nothing more comes */
    int out_full; /* the last inflate filled its output: zlib may hold more */
};

DWORD mw_deflate_start(mw_stream *s)
{
    mw_deflate *z = mw_calloc(1, sizeof *z);
    if (z == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    /* -15: raw deflate with the largest window, as RFC 4978 requires */
    if (inflateInit2(&z->in, -15) != Z_OK) {
        mw_free(z);
        return ST_ERROR_OUT_OF_MEMORY;
    }
    if (deflateInit2(&z->out, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        inflateEnd(&z->in);
        mw_free(z);
        return ST_ERROR_OUT_OF_MEMORY;
    }
    /* Bytes already read past the command's answer are compressed ones. */
    size_t ahead = s->rlen - s->rpos;
    memcpy(z->inbuf, s->rbuf + s->rpos, ahead);
    z->in.next_in = z->inbuf;
    z->in.avail_in = (uInt)ahead;
    s->rpos = s->rlen = 0;
    s->z = z;
    return 0;
}

void mw_deflate_free(mw_stream *s)
{
    if (s->z == NULL)
        return;
    inflateEnd(&s->z->in);
    deflateEnd(&s->z->out);
    mw_free(s->z);
    s->z = NULL;
}

DWORD mw_deflate_write(mw_stream *s, const void *buf, size_t len, mw_deflate_out_fn out)
{
    z_stream *d = &s->z->out;
    const unsigned char *p = buf;
    DWORD err = 0;
    /* each write is flushed whole: a command must reach the server now */
    do {
        uInt step = len > CHUNK ? CHUNK : (uInt)len;
        d->next_in = (Bytef *)(uintptr_t)p;
        d->avail_in = step;
        p += step;
        len -= step;
        int flush = len == 0 ? Z_SYNC_FLUSH : Z_NO_FLUSH;
        do {
            d->next_out = s->z->outbuf;
            d->avail_out = CHUNK;
            if (deflate(d, flush) == Z_STREAM_ERROR)
                return ST_ERROR_OUT_OF_MEMORY;
            size_t made = CHUNK - d->avail_out;
            if (made > 0)
                err = out(s, s->z->outbuf, made);
        } while (err == 0 && d->avail_out == 0);
    } while (err == 0 && len > 0);
    return err;
}

DWORD mw_deflate_read(mw_stream *s, void *buf, size_t len, size_t *got_r, mw_deflate_in_fn in)
{
    z_stream *f = &s->z->in;
    *got_r = 0;
    f->next_out = buf;
    f->avail_out = len > CHUNK * 4 ? CHUNK * 4 : (uInt)len;
    uInt asked = f->avail_out;
    for (;;) {
        if ((f->avail_in > 0 || s->z->out_full) && !s->z->in_ended) {
            int rc = inflate(f, Z_SYNC_FLUSH);
            s->z->out_full = f->avail_out == 0;
            if (rc == Z_STREAM_END)
                s->z->in_ended = 1;
            else if (rc != Z_OK && rc != Z_BUF_ERROR)
                return ST_ERROR_PROTOCOL_VIOLATION; /* not deflate: nothing more can be read */
            *got_r = asked - f->avail_out;
            if (*got_r > 0)
                return 0;
        }
        if (s->z->in_ended)
            return ST_ERROR_CONNECTION_CLOSED;
        size_t more = 0;
        DWORD err = in(s, s->z->inbuf, CHUNK, &more);
        if (err != 0)
            return err;
        f->next_in = s->z->inbuf;
        f->avail_in = (uInt)more;
    }
}

int mw_deflate_has_pending(const mw_stream *s)
{
    return s->z != NULL && !s->z->in_ended && (s->z->in.avail_in > 0 || s->z->out_full);
}
