/*
 * pipe.h - a part's body on its way out: transfer decoding, then charset
 * conversion to UTF-8, then wherever the bytes go - one piece at a time,
 * so memory stays flat whatever the part's size.
 */
#ifndef MW_MIME_PIPE_H
#define MW_MIME_PIPE_H

#include "decode.h"
#include "mime.h"

typedef struct mw_part_pipe {
    mw_decoder dec;
    mw_text_conv conv;
    int converting;
    mw_bytes_fn out;
    void *ctx;
} mw_part_pipe;

/* encoding: the part's Content-Transfer-Encoding, decoded when decode is
 * set; charset: converted to UTF-8 when not NULL. Errors:
 * ST_ERROR_UNKNOWN_CHARSET (nothing to close), out of memory. */
DWORD mw_part_pipe_open(mw_part_pipe *p, const char *encoding, int decode, const char *charset,
                        mw_bytes_fn out, void *ctx);
DWORD mw_part_pipe_feed(mw_part_pipe *p, const void *data, size_t len);
/* Ends the body: what the decoder or converter held goes out. */
DWORD mw_part_pipe_finish(mw_part_pipe *p);
void mw_part_pipe_close(mw_part_pipe *p);

#endif /* MW_MIME_PIPE_H */
