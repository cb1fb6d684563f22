/* pipe.c - decoding and converting a part's body as it streams. */
#include "pipe.h"

static unsigned long conv_out(void *ctx, const char *p, size_t n)
{
    mw_part_pipe *pp = ctx;
    return pp->out(pp->ctx, p, n);
}

/* Decoded bytes: converted when asked, else straight out. */
static DWORD decoded(void *ctx, const void *p, size_t n)
{
    mw_part_pipe *pp = ctx;
    if (!pp->converting)
        return pp->out(pp->ctx, p, n);
    return mw_text_conv_feed(&pp->conv, p, n, 0, conv_out, pp);
}

DWORD mw_part_pipe_open(mw_part_pipe *p, const char *encoding, int decode, const char *charset,
                        mw_bytes_fn out, void *ctx)
{
    mw_decoder_init(&p->dec, decode ? mw_cte_of(encoding) : MW_CTE_IDENTITY);
    p->conv.conv = NULL;
    p->converting = 0;
    p->out = out;
    p->ctx = ctx;
    if (charset == NULL)
        return 0;
    DWORD err = mw_text_conv_open(&p->conv, charset);
    if (err != 0) {
        mw_text_conv_close(&p->conv);
        return err;
    }
    p->converting = 1;
    return 0;
}

DWORD mw_part_pipe_feed(mw_part_pipe *p, const void *data, size_t len)
{
    return mw_decoder_feed(&p->dec, data, len, decoded, p);
}

DWORD mw_part_pipe_finish(mw_part_pipe *p)
{
    DWORD err = mw_decoder_finish(&p->dec, decoded, p);
    if (err == 0 && p->converting)
        err = mw_text_conv_feed(&p->conv, NULL, 0, 1, conv_out, p);
    return err;
}

void mw_part_pipe_close(mw_part_pipe *p)
{
    mw_text_conv_close(&p->conv);
    p->converting = 0;
}
