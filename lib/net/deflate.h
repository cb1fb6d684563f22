/*
 * deflate.h - COMPRESS=DEFLATE (RFC 4978) on a stream: raw deflate each
 * way between the protocol and the transport, in fixed memory.
 */
#ifndef MW_DEFLATE_H
#define MW_DEFLATE_H

#include "stream.h"

/* Where compressed bytes go, and where they come from (the transport). */
typedef DWORD (*mw_deflate_out_fn)(mw_stream *s, const void *buf, size_t len);
typedef DWORD (*mw_deflate_in_fn)(mw_stream *s, void *buf, size_t len, size_t *got_r);

/* Turns compression on; bytes already read past the command's answer are
 * taken as the first compressed ones. */
DWORD mw_deflate_start(mw_stream *s);
void mw_deflate_free(mw_stream *s);
/* Compresses buf and hands it to out, flushed (Z_SYNC_FLUSH) at its end. */
DWORD mw_deflate_write(mw_stream *s, const void *buf, size_t len, mw_deflate_out_fn out);
/* At least one byte of the server's, decompressed, reading the transport
 * through in as needed; ST_ERROR_PROTOCOL_VIOLATION for what is no deflate. */
DWORD mw_deflate_read(mw_stream *s, void *buf, size_t len, size_t *got_r, mw_deflate_in_fn in);
/* Nonzero when decompressed bytes may be had without reading the transport. */
int mw_deflate_has_pending(const mw_stream *s);

#endif /* MW_DEFLATE_H */
