/*
 * transport.h - opening a session's connection: TCP (direct or through the
 * proxy of IMAP_OPTION_TUNNEL), then TLS when asked. Shared by both
 * protocols' connect flows.
 */
#ifndef MW_TRANSPORT_H
#define MW_TRANSPORT_H

#include "session.h"

/* Connects to s->host:s->port; with implicit_tls, completes the TLS
 * handshake before returning. Each step has the session timeout. */
DWORD mw_transport_open(mw_session *s, int implicit_tls);

/* STARTTLS / STLS: the server said OK; start TLS. Any byte already waiting
 * is injected plaintext: ST_ERROR_PROTOCOL_VIOLATION, and nothing more is
 * sent. The capabilities learned before are forgotten. */
DWORD mw_transport_upgrade(mw_session *s);

#endif /* MW_TRANSPORT_H */
