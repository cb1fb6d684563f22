/* proxy.c - SOCKS5 and HTTP CONNECT tunnels. */
#include "proxy.h"

#include "mbedtls_guard.h"
#include <mbedtls/base64.h>
#include <stdio.h>
#include <string.h>

#include "../sys/sock.h"
#include "../sys/sys.h"

#define HTTP_REPLY_MAX 8192

static int percent_decode(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%' && i + 2 < n) {
            unsigned v;
            if (sscanf(s + i + 1, "%2x", &v) != 1)
                return -1;
            c = (char)v;
            i += 2;
        }
        if (c == '\0' || o + 1 >= cap)
            return -1;
        out[o++] = c;
    }
    out[o] = '\0';
    return 0;
}

static DWORD parse_userinfo(const char *s, size_t n, mw_proxy *p)
{
    const char *colon = memchr(s, ':', n);
    size_t ulen = colon != NULL ? (size_t)(colon - s) : n;
    if (percent_decode(s, ulen, p->user, sizeof p->user) != 0)
        return ST_ERROR_INVALID_PARAMETER;
    if (colon != NULL &&
        percent_decode(colon + 1, n - ulen - 1, p->password, sizeof p->password) != 0)
        return ST_ERROR_INVALID_PARAMETER;
    return 0;
}

DWORD mw_proxy_parse(const char *url, mw_proxy *p)
{
    memset(p, 0, sizeof *p);
    const char *rest;
    if (strncmp(url, "socks5://", 9) == 0 || strncmp(url, "socks5h://", 10) == 0) {
        p->kind = MW_PROXY_SOCKS5;
        rest = strstr(url, "://") + 3;
    } else if (strncmp(url, "http://", 7) == 0) {
        p->kind = MW_PROXY_HTTP;
        rest = url + 7;
    } else {
        return ST_ERROR_INVALID_PARAMETER;
    }
    char hostport[MW_HOST_MAX + 8];
    const char *at = strrchr(rest, '@');
    if (at != NULL) {
        DWORD err = parse_userinfo(rest, (size_t)(at - rest), p);
        if (err != 0)
            return err;
        rest = at + 1;
    }
    size_t n = strcspn(rest, "/");
    if (n == 0 || n >= sizeof hostport || (rest[n] == '/' && rest[n + 1] != '\0'))
        return ST_ERROR_INVALID_PARAMETER;
    memcpy(hostport, rest, n);
    hostport[n] = '\0';
    DWORD err = mw_addr_parse(hostport, p->host, sizeof p->host, &p->port);
    if (err != 0)
        return err;
    if (p->port == 0)
        p->port = p->kind == MW_PROXY_SOCKS5 ? 1080 : 80;
    return 0;
}

static DWORD read_exact(mw_stream *s, void *buf, size_t len)
{
    unsigned char *p = buf;
    while (len > 0) {
        size_t got = 0;
        DWORD err = mw_stream_raw_read(s, p, len, &got);
        if (err != 0)
            return err;
        p += got;
        len -= got;
    }
    return 0;
}

static DWORD socks_auth(mw_stream *s, const mw_proxy *p)
{
    int with_pass = p->user[0] != '\0';
    unsigned char hello[4] = {5, (unsigned char)(with_pass ? 2 : 1), 0, 2};
    unsigned char reply[2];
    DWORD err = mw_stream_raw_write(s, hello, with_pass ? 4 : 3);
    if (err == 0)
        err = read_exact(s, reply, 2);
    if (err != 0)
        return err;
    if (reply[0] != 5)
        return ST_ERROR_PROTOCOL_VIOLATION;
    if (reply[1] == 0)
        return 0;
    if (reply[1] != 2 || !with_pass)
        return ST_ERROR_AUTH_NOT_SUPPORTED;
    unsigned char msg[3 + 255 + 255];
    size_t ul = strlen(p->user), pl = strlen(p->password);
    if (ul > 255 || pl > 255)
        return ST_ERROR_INVALID_PARAMETER;
    msg[0] = 1;
    msg[1] = (unsigned char)ul;
    memcpy(msg + 2, p->user, ul);
    msg[2 + ul] = (unsigned char)pl;
    memcpy(msg + 3 + ul, p->password, pl);
    err = mw_stream_raw_write(s, msg, 3 + ul + pl);
    mw_wipe(msg, sizeof msg);
    if (err == 0)
        err = read_exact(s, reply, 2);
    if (err != 0)
        return err;
    return reply[1] == 0 ? 0 : ST_ERROR_AUTH_FAILED;
}

static size_t socks_address(unsigned char *out, const char *host)
{
    size_t iplen = mw_ip_parse(host, out + 1);
    if (iplen != 0) {
        out[0] = iplen == 4 ? 1 : 4; /* SOCKS5 address types */
        return 1 + iplen;
    }
    size_t n = strlen(host);
    out[0] = 3;
    out[1] = (unsigned char)n;
    memcpy(out + 2, host, n);
    return 2 + n;
}

static DWORD socks_reply_error(unsigned char rep)
{
    switch (rep) {
    case 0:
        return 0;
    case 3: /* network unreachable */
    case 4: /* host unreachable */
        return ST_ERROR_HOST_NOT_FOUND;
    case 5:
        return ST_ERROR_CONNECTION_REFUSED;
    case 6:
        return ST_ERROR_TIMEOUT;
    default:
        return ST_ERROR_NETWORK;
    }
}

static DWORD socks_connect(mw_stream *s, const char *host, unsigned port)
{
    unsigned char req[4 + 2 + 255 + 2] = {5, 1, 0};
    if (strlen(host) > 255)
        return ST_ERROR_INVALID_PARAMETER;
    size_t n = 3 + socks_address(req + 3, host);
    req[n++] = (unsigned char)(port >> 8);
    req[n++] = (unsigned char)(port & 0xFF);
    DWORD err = mw_stream_raw_write(s, req, n);
    unsigned char head[5];
    if (err == 0)
        err = read_exact(s, head, sizeof head);
    if (err != 0)
        return err;
    if (head[0] != 5)
        return ST_ERROR_PROTOCOL_VIOLATION;
    if (head[1] != 0)
        return socks_reply_error(head[1]);
    /* The bound address: head[4] is its first byte (or the name length). */
    size_t rest;
    switch (head[3]) {
    case 1:
        rest = 4 - 1 + 2;
        break;
    case 4:
        rest = 16 - 1 + 2;
        break;
    case 3:
        rest = (size_t)head[4] + 2;
        break;
    default:
        return ST_ERROR_PROTOCOL_VIOLATION;
    }
    unsigned char skip[258];
    return read_exact(s, skip, rest);
}

static DWORD http_request(mw_stream *s, const mw_proxy *p, const char *host, unsigned port)
{
    char target[MW_HOST_MAX + 16];
    int v6 = strchr(host, ':') != NULL; /* IPv6 literals go in brackets */
    snprintf(target, sizeof target, "%s%s%s:%u", v6 ? "[" : "", host, v6 ? "]" : "", port);
    char req[2048];
    int n = snprintf(req, sizeof req, "CONNECT %s HTTP/1.1\r\nHost: %s\r\n", target, target);
    if (p->user[0] != '\0') {
        char cred[520], b64[800];
        size_t b64len = 0;
        int cl = snprintf(cred, sizeof cred, "%s:%s", p->user, p->password);
        mbedtls_base64_encode((unsigned char *)b64, sizeof b64, &b64len, (unsigned char *)cred,
                              (size_t)cl);
        b64[b64len] = '\0';
        n += snprintf(req + n, sizeof req - (size_t)n, "Proxy-Authorization: Basic %s\r\n", b64);
        mw_wipe(cred, sizeof cred);
        mw_wipe(b64, sizeof b64);
    }
    n += snprintf(req + n, sizeof req - (size_t)n, "\r\n");
    DWORD err = mw_stream_raw_write(s, req, (size_t)n);
    mw_wipe(req, sizeof req);
    return err;
}

/* Reads the reply head byte by byte so no tunnelled byte is consumed. */
static DWORD http_reply(mw_stream *s)
{
    char head[HTTP_REPLY_MAX];
    size_t n = 0;
    while (n < 4 || memcmp(head + n - 4, "\r\n\r\n", 4) != 0) {
        if (n == sizeof head - 1)
            return ST_ERROR_RESPONSE_TOO_LARGE;
        DWORD err = read_exact(s, head + n, 1);
        if (err != 0)
            return err;
        n++;
    }
    head[n] = '\0';
    int code = 0;
    if (sscanf(head, "HTTP/1.%*d %d", &code) != 1)
        return ST_ERROR_PROTOCOL_VIOLATION;
    if (code >= 200 && code < 300)
        return 0;
    return code == 407 ? ST_ERROR_AUTH_FAILED : ST_ERROR_CONNECTION_REFUSED;
}

DWORD mw_proxy_handshake(mw_stream *s, const mw_proxy *p, const char *host, unsigned port)
{
    if (p->kind == MW_PROXY_SOCKS5) {
        DWORD err = socks_auth(s, p);
        return err != 0 ? err : socks_connect(s, host, port);
    }
    DWORD err = http_request(s, p, host, port);
    return err != 0 ? err : http_reply(s);
}
