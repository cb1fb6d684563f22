/*
 * tls.h - TLS on mbedTLS over an mw_stream's socket.
 *
 * Verification is on unless params->verify is 0 (TRUSTEDSITE): chain to the
 * trust anchors, validity dates, and the name: subjectAltName DNS (or CN)
 * for host names, which are also sent as SNI; subjectAltName IP for IP
 * literals. TLS 1.2 is the floor. A verified connection resumes a session
 * an earlier one to the same server kept (tls_resume.h) unless
 * params->resume is 0.
 */
#ifndef MW_TLS_H
#define MW_TLS_H

#include <mailwire/security.h>

#include "stream.h"

typedef struct mw_tls_params {
    const char *ca_file;
    const char *ca_path;
    const char *cert_file;
    const char *key_file;
    const char *key_password;
    const char *server_name; /* name to verify; an IP literal is checked as IP */
    DWORD protocol;          /* SECURITY_PROTOCOL_* */
    int verify;
    /* Resumption: sessions are kept per server and port (and everything
     * verification depended on), for verified connections only. */
    const char *peer_host;
    unsigned peer_port;
    int resume;
} mw_tls_params;

/* Runs the handshake and checks the certificate; on success s->tls is set
 * and info describes the session. Nothing is sent before a failure is
 * reported except the handshake itself. */
DWORD mw_tls_handshake(mw_stream *s, const mw_tls_params *params, SECURITYINFOA *info);
DWORD mw_tls_write(mw_stream *s, const void *buf, size_t len);
DWORD mw_tls_read(mw_stream *s, void *buf, size_t len, size_t *got_r);
/* Nonzero when bytes are waiting inside the TLS layer. */
int mw_tls_has_pending(const mw_stream *s);
/* Sends close_notify (best effort, no waiting) and frees the TLS state. */
void mw_tls_free(mw_stream *s);

/* Nonzero when the DER certificate lists ip (text form) as an IP
 * subjectAltName. Exposed for unit tests. */
int mw_tls_cert_has_ip(const unsigned char *der, size_t len, const char *ip);

#endif /* MW_TLS_H */
