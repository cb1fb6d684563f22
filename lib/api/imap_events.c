/* imap_events.c - IDLE for event loops (start it, give the application
 * the socket to wait on, read what arrived without waiting, stop it), and
 * the session's traffic counts. */
#include "../imap/imap.h"
#include "call.h"
#include "deliver.h"
#include "handles.h"
#include "../proto/sized.h"
#include "imap_messages.h"

INT mw_api_imap_idle_start(HCLIENT h)
{
    mw_session *s;
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    return mw_deliver_finish(s, mw_imap_idle_start(s), 0);
}

INT mw_api_imap_idle_process(HCLIENT h, LPDWORD changes)
{
    mw_session *s;
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    DWORD seen = 0;
    err = mw_imap_idle_process(s, &seen);
    if (changes != NULL)
        *changes = seen;
    return mw_deliver_finish(s, err, s->imap->idling); /* 0: the server ended it */
}

INT mw_api_imap_idle_stop(HCLIENT h, LPDWORD changes)
{
    mw_session *s;
    DWORD err = mw_api_imap_enter(h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    s->imap->changes = 0;
    err = mw_imap_idle_stop(s);
    if (changes != NULL)
        *changes = s->imap->changes;
    s->imap->changes = 0;
    return mw_deliver_finish(s, err, 0);
}

INT mw_api_imap_socket(HCLIENT h, DWORD_PTR *sock)
{
    mw_session *s;
    if (sock == NULL)
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_call_enter(MW_PROTO_IMAP, h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    if (s->stream.sock == MW_INVALID_SOCKET)
        return mw_call_leave(s, ST_ERROR_NOT_CONNECTED, 0);
    *sock = (DWORD_PTR)s->stream.sock;
    return mw_call_leave(s, 0, 0);
}

INT mw_api_imap_traffic(HCLIENT h, IMAPTRAFFIC *out)
{
    mw_session *s;
    if (out == NULL || !mw_sized_ok(out, sizeof(IMAPTRAFFIC)))
        return mw_call_leave(NULL, ST_ERROR_INVALID_PARAMETER, 0);
    DWORD err = mw_call_enter(MW_PROTO_IMAP, h, &s);
    if (err != 0)
        return mw_call_leave(NULL, err, 0);
    IMAPTRAFFIC t = {sizeof t, s->stream.z != NULL, s->stream.wire_in, s->stream.data_in,
                     s->stream.wire_out, s->stream.data_out};
    mw_sized_put(out, &t, sizeof t);
    return mw_call_leave(s, 0, 0);
}
