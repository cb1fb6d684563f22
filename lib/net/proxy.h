/*
 * proxy.h - tunnelling the TCP connection through a proxy
 * (IMAP_OPTION_TUNNEL with SECURITYCREDENTIALS.lpszProxy):
 * socks5://[user:pass@]host[:port] (RFC 1928/1929; the proxy resolves the
 * name) or http://[user:pass@]host[:port] (HTTP CONNECT).
 */
#ifndef MW_PROXY_H
#define MW_PROXY_H

#include "addr.h"
#include "stream.h"

typedef enum { MW_PROXY_SOCKS5 = 1, MW_PROXY_HTTP = 2 } mw_proxy_kind;

typedef struct mw_proxy {
    mw_proxy_kind kind;
    char host[MW_HOST_MAX];
    unsigned port;
    char user[256];
    char password[256];
} mw_proxy;

DWORD mw_proxy_parse(const char *url, mw_proxy *p);
/* Over a stream already connected to the proxy: asks it for a tunnel to
 * host:port. Reads exactly the proxy's reply, nothing past it. */
DWORD mw_proxy_handshake(mw_stream *s, const mw_proxy *p, const char *host, unsigned port);

#endif /* MW_PROXY_H */
