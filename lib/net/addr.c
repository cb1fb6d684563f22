/* addr.c - parsing of host specifications. */
#include "addr.h"

#include <string.h>

#include <mailwire/errors.h>

#include "../sys/sock.h"

static int parse_port(const char *s, unsigned *port_r)
{
    unsigned v = 0;
    if (*s == '\0')
        return -1;
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (unsigned)(*s - '0');
        if (v > 65535)
            return -1;
    }
    if (v == 0)
        return -1;
    *port_r = v;
    return 0;
}

static int valid_host_chars(const char *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)h[i];
        /* Letters, digits, '-', '.', '_' and ':' (IPv6), '%' (zone id). */
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '.' || c == '_' || c == ':' || c == '%'))
            return 0;
    }
    return n > 0;
}

static DWORD copy_host(const char *h, size_t n, char *host, size_t hostcap)
{
    if (n >= hostcap || !valid_host_chars(h, n))
        return ST_ERROR_INVALID_PARAMETER;
    memcpy(host, h, n);
    host[n] = '\0';
    return 0;
}

DWORD mw_addr_parse(const char *spec, char *host, size_t hostcap, unsigned *port_r)
{
    *port_r = 0;
    if (spec == NULL || *spec == '\0')
        return ST_ERROR_INVALID_PARAMETER;
    if (spec[0] == '[') {
        const char *end = strchr(spec, ']');
        if (end == NULL || end == spec + 1)
            return ST_ERROR_INVALID_PARAMETER;
        DWORD err = copy_host(spec + 1, (size_t)(end - spec - 1), host, hostcap);
        if (err != 0)
            return err;
        unsigned char ip[16];
        if (mw_ip_parse(host, ip) != 16)
            return ST_ERROR_INVALID_PARAMETER;
        if (end[1] == '\0')
            return 0;
        if (end[1] != ':' || parse_port(end + 2, port_r) != 0)
            return ST_ERROR_INVALID_PARAMETER;
        return 0;
    }
    const char *colon = strchr(spec, ':');
    if (colon != NULL && strchr(colon + 1, ':') != NULL) {
        /* Two or more colons and no brackets: a bare IPv6 literal. */
        DWORD err = copy_host(spec, strlen(spec), host, hostcap);
        if (err != 0)
            return err;
        unsigned char ip[16];
        return mw_ip_parse(host, ip) == 16 ? 0 : ST_ERROR_INVALID_PARAMETER;
    }
    if (colon == NULL)
        return copy_host(spec, strlen(spec), host, hostcap);
    DWORD err = copy_host(spec, (size_t)(colon - spec), host, hostcap);
    if (err != 0)
        return err;
    return parse_port(colon + 1, port_r) == 0 ? 0 : ST_ERROR_INVALID_PARAMETER;
}

int mw_addr_is_ip_literal(const char *host)
{
    unsigned char ip[16];
    return mw_ip_parse(host, ip) != 0;
}
