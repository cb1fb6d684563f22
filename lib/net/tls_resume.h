/*
 * tls_resume.h - TLS sessions kept for resumption, process-wide.
 *
 * A session (TLS 1.2 session or ticket, TLS 1.3 ticket) is kept under a
 * key that names everything its verification depended on: server, port,
 * the name verified, the trust store's parse, the client certificate and
 * the versions allowed. A later connection resumes only under the same
 * key. Each kept session is handed out once (TLS 1.3 tickets are single
 * use, RFC 8446 C.4); the connection that resumes it stores its own new
 * one. The master secrets they hold are wiped when they leave.
 */
#ifndef MW_TLS_RESUME_H
#define MW_TLS_RESUME_H

#include "mbedtls_guard.h"
#include <mailwire/security.h>
#include <mbedtls/ssl.h>
#include <stddef.h>

/* Who the session's server proved to be when it was verified: a TLS 1.3
 * ticket does not carry the certificate, and a resumed connection still
 * reports it. */
typedef struct mw_resume_peer {
    char subject[SECURITY_INFO_TEXT];
    char issuer[SECURITY_INFO_TEXT];
} mw_resume_peer;

/* Sessions kept at most, over all servers; the oldest goes first. */
#define MW_RESUME_MAX 64
/* A kept session older than this is dropped unused (milliseconds). */
#define MW_RESUME_MAX_AGE_MS (2 * 3600 * 1000)

/* Loads into session (initialized, unused) a session kept under key, and
 * its peer, and removes it from the cache; 1 when there was one. */
int mw_resume_take(const char *key, mbedtls_ssl_session *session, mw_resume_peer *peer);
/* Keeps a copy of a verified session under key (best effort: no memory,
 * no copy). */
void mw_resume_put(const char *key, const mbedtls_ssl_session *session,
                   const mw_resume_peer *peer);
/* Drops every kept session (at ImapUninitialize / PopUninitialize). */
void mw_resume_clear(void);

#endif /* MW_TLS_RESUME_H */
