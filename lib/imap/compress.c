/* compress.c - COMPRESS DEFLATE (RFC 4978): asked for after login with
 * IMAP_OPTION_COMPRESS where the server offers it; from the answer on,
 * the stream deflates both ways (lib/net/deflate.c). */
#include "../net/deflate.h"
#include "imap.h"

DWORD mw_imap_compress(mw_session *s)
{
    if (s->stream.z != NULL)
        return 0; /* on already: RFC 4978 allows it once */
    if (!mw_caps_has(&s->caps, "COMPRESS=DEFLATE"))
        return ST_ERROR_NOT_SUPPORTED;
    DWORD err = mw_imap_simple(s, "COMPRESS DEFLATE");
    return err != 0 ? err : mw_deflate_start(&s->stream);
}

DWORD mw_imap_compress_if_asked(mw_session *s)
{
    if (!(s->options & IMAP_OPTION_COMPRESS) || !mw_caps_has(&s->caps, "COMPRESS=DEFLATE"))
        return 0; /* an option, not a demand: without it, plain */
    DWORD err = mw_imap_compress(s);
    /* a server that refuses (NO: already compressed by a proxy, say) is used uncompressed */
    return err == ST_ERROR_COMMAND_REJECTED ? 0 : err;
}
