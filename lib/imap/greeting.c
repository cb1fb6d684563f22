/*
 * greeting.c - the server's first response: read at connect, or, with
 * IMAP_OPTION_EARLY_LOGIN, by whichever read comes first after it.
 */
#include "imap.h"

DWORD mw_imap_take_greeting(mw_session *s)
{
    s->imap->greeting_pending = 0;
    mw_imap_resp r;
    DWORD err = mw_imap_read(s, &r);
    if (err != 0)
        return err;
    if (r.kind != MW_IMAP_UNTAGGED)
        return ST_ERROR_PROTOCOL_VIOLATION;
    switch (r.status) {
    case MW_IMAP_ST_PREAUTH:
        mw_session_set_state(s, MW_STATE_AUTHENTICATED);
        /* fall through */
    case MW_IMAP_ST_OK:
        mw_imap_handle_code(s, &r);
        s->imap->caps_before_login = s->caps.generation;
        mw_session_set_result(s, IMAP_RESULT_OK, r.text.p, r.text.len);
        return 0;
    case MW_IMAP_ST_BYE:
        mw_session_set_result(s, IMAP_RESULT_NONE, r.text.p, r.text.len);
        mw_session_set_state(s, MW_STATE_FAILED); /* the server closes after it */
        return ST_ERROR_SERVER_UNAVAILABLE;
    default:
        return ST_ERROR_PROTOCOL_VIOLATION;
    }
}

DWORD mw_imap_ensure_capabilities(mw_session *s)
{
    if (s->caps.known)
        return 0;
    DWORD err = mw_imap_simple(s, "CAPABILITY");
    if (err == 0 && !s->caps.known)
        err = ST_ERROR_PROTOCOL_VIOLATION; /* OK without a CAPABILITY response */
    if (s->state < MW_STATE_AUTHENTICATED)
        s->imap->caps_before_login = s->caps.generation;
    return err;
}

DWORD mw_imap_after_greeting(mw_session *s)
{
    DWORD err = mw_imap_ensure_capabilities(s);
    if (err == 0 && s->state == MW_STATE_AUTHENTICATED) /* PREAUTH: no login comes */
        err = mw_imap_compress_if_asked(s);
    return err;
}

DWORD mw_imap_settle_greeting(mw_session *s)
{
    if (!s->imap->greeting_pending)
        return 0;
    DWORD err = mw_imap_take_greeting(s);
    return err != 0 ? err : mw_imap_after_greeting(s);
}
