/* transport.c - TCP, proxy and TLS set-up for a session. */
#include "transport.h"

#include "../net/proxy.h"
#include "../net/tcp.h"
#include "../net/tls.h"
#include "trace.h"

static DWORD connect_tcp(mw_session *s)
{
    mw_proxy proxy;
    const char *host = s->host;
    unsigned port = s->port;
    int via_proxy = (s->options & IMAP_OPTION_TUNNEL) && s->creds.proxy != NULL;
    if (via_proxy) {
        DWORD err = mw_proxy_parse(s->creds.proxy, &proxy);
        if (err != 0)
            return err;
        host = proxy.host;
        port = proxy.port;
    }
    mw_session_arm_timeout(s);
    DWORD err = mw_tcp_connect(host, port, &s->waker, s->stream.deadline, &s->stream.sock);
    if (err == 0 && via_proxy) {
        mw_trace_note(s, "tunnel through %s:%u", proxy.host, proxy.port);
        mw_session_arm_timeout(s);
        err = mw_proxy_handshake(&s->stream, &proxy, s->host, s->port);
    }
    mw_wipe(&proxy, sizeof proxy);
    return err;
}

static DWORD handshake(mw_session *s)
{
    mw_tls_params p = {
        .ca_file = s->creds.ca_file,
        .ca_path = s->creds.ca_path,
        .cert_file = s->creds.cert_file,
        .key_file = s->creds.key_file,
        .key_password = s->creds.key_password,
        .server_name = s->creds.server_name != NULL ? s->creds.server_name : s->host,
        .protocol = s->creds.protocol,
        .verify = !(s->options & IMAP_OPTION_TRUSTEDSITE),
        .peer_host = s->host,
        .peer_port = s->port,
        .resume = !(s->creds.options & CREDENTIAL_NO_RESUME),
    };
    mw_session_arm_timeout(s);
    DWORD err = mw_tls_handshake(&s->stream, &p, &s->security);
    if (err == 0)
        mw_trace_note(s, "TLS %s %s", s->security.szProtocol, s->security.szCipherSuite);
    else
        mw_trace_note(s, "TLS failed (0x%08x)", (unsigned)err);
    return err;
}

DWORD mw_transport_open(mw_session *s, int implicit_tls)
{
    DWORD err = connect_tcp(s);
    if (err == 0 && implicit_tls)
        err = handshake(s);
    return err;
}

DWORD mw_transport_upgrade(mw_session *s)
{
    if (mw_stream_has_pending(&s->stream))
        return ST_ERROR_PROTOCOL_VIOLATION;
    mw_caps_clear(&s->caps);
    return handshake(s);
}
