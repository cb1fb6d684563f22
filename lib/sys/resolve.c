/* resolve.c - name resolution and IP literals (see sock.h), for POSIX and
 * Winsock alike: both have getaddrinfo and inet_pton. */
#if !defined(_WIN32)
#define _GNU_SOURCE
#endif
#include "sock.h"

#include <stdio.h>
#include <string.h>

#if defined(_WIN32)
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#endif

#include "alloc.h"
#include "sys.h"

static DWORD error_from_gai(int rc)
{
    switch (rc) {
    case 0:
        return 0;
    case EAI_MEMORY:
        return ST_ERROR_OUT_OF_MEMORY;
    case EAI_AGAIN:
    case EAI_FAIL:
    case EAI_NONAME:
#if defined(EAI_NODATA) && EAI_NODATA != EAI_NONAME
    case EAI_NODATA:
#endif
#ifdef EAI_ADDRFAMILY
    case EAI_ADDRFAMILY:
#endif
        return ST_ERROR_HOST_NOT_FOUND;
    default:
        return ST_ERROR_NETWORK;
    }
}

static int lookup(const char *host, unsigned port, struct addrinfo **res_r)
{
    struct addrinfo hints;
    char service[8];
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG | AI_NUMERICSERV;
    snprintf(service, sizeof service, "%u", port);
    int rc = getaddrinfo(host, service, &hints, res_r);
    if (error_from_gai(rc) == ST_ERROR_HOST_NOT_FOUND && rc != EAI_AGAIN && rc != EAI_FAIL) {
        /* AI_ADDRCONFIG hides ::1 on hosts whose only IPv6 is loopback. */
        hints.ai_flags = AI_NUMERICSERV;
        rc = getaddrinfo(host, service, &hints, res_r);
    }
    return rc;
}

/* One block: the array, then each address's bytes. */
static mw_sock_addr *copy_list(const struct addrinfo *res, size_t *count_r)
{
    size_t n = 0, bytes = 0;
    for (const struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next, n++)
        bytes += ai->ai_addrlen;
    if (n == 0)
        return NULL;
    mw_sock_addr *list = mw_malloc(n * sizeof *list + bytes);
    if (list == NULL)
        return NULL;
    unsigned char *at = (unsigned char *)(list + n);
    size_t i = 0;
    for (const struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next, i++) {
        memcpy(at, ai->ai_addr, ai->ai_addrlen);
        list[i] = (mw_sock_addr){ai->ai_family, ai->ai_addrlen, at};
        at += ai->ai_addrlen;
    }
    *count_r = n;
    return list;
}

DWORD mw_sock_resolve(const char *host, unsigned port, mw_sock_addr **list_r, size_t *count_r)
{
    *list_r = NULL;
    *count_r = 0;
    DWORD err = mw_sys_startup();
    if (err != 0)
        return err;
    struct addrinfo *res = NULL;
    err = error_from_gai(lookup(host, port, &res));
    if (err != 0)
        return err;
    *list_r = copy_list(res, count_r);
    if (*list_r == NULL)
        err = res == NULL ? ST_ERROR_HOST_NOT_FOUND : ST_ERROR_OUT_OF_MEMORY;
    freeaddrinfo(res);
    return err;
}

void mw_sock_addrs_free(mw_sock_addr *list)
{
    mw_free(list);
}

size_t mw_ip_parse(const char *text, unsigned char out[16])
{
    unsigned char buf[16];
    if (mw_sys_startup() != 0) /* Winsock's inet_pton wants it */
        return 0;
    if (inet_pton(AF_INET, text, buf) == 1) {
        memcpy(out, buf, 4);
        return 4;
    }
    if (inet_pton(AF_INET6, text, buf) == 1) {
        memcpy(out, buf, 16);
        return 16;
    }
    return 0;
}
