/* tcp.c - name resolution and connect with a deadline. */
#define _GNU_SOURCE
#include "tcp.h"

#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "../sys/sys.h"

static DWORD resolve(const char *host, unsigned port, struct addrinfo **res_r)
{
    struct addrinfo hints;
    char service[8];
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_ADDRCONFIG | AI_NUMERICSERV;
    snprintf(service, sizeof service, "%u", port);
    int rc = getaddrinfo(host, service, &hints, res_r);
    if (rc == EAI_ADDRFAMILY || rc == EAI_NONAME || rc == EAI_NODATA) {
        /* AI_ADDRCONFIG hides ::1 on hosts whose only IPv6 is loopback. */
        hints.ai_flags = AI_NUMERICSERV;
        rc = getaddrinfo(host, service, &hints, res_r);
    }
    switch (rc) {
    case 0:
        return 0;
    case EAI_MEMORY:
        return ST_ERROR_OUT_OF_MEMORY;
    case EAI_AGAIN:
    case EAI_FAIL:
    case EAI_NONAME:
#ifdef EAI_NODATA
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

static DWORD try_address(const struct addrinfo *ai, const mw_waker *waker, int64_t deadline,
                         mw_socket *s_r)
{
    int in_progress;
    mw_socket s = MW_INVALID_SOCKET;
    DWORD err = mw_sock_open_connect(ai->ai_addr, ai->ai_addrlen, ai->ai_family, &s, &in_progress);
    if (err != 0)
        return err;
    if (in_progress) {
        err = mw_sock_wait(s, MW_WAIT_WRITE, waker, deadline);
        if (err == 0)
            err = mw_sock_connect_result(s);
    }
    if (err != 0) {
        mw_sock_close(&s);
        return err;
    }
    *s_r = s;
    return 0;
}

DWORD mw_tcp_connect(const char *host, unsigned port, const mw_waker *waker, int64_t deadline,
                     mw_socket *s_r)
{
    struct addrinfo *res = NULL;
    DWORD err = resolve(host, port, &res);
    if (err != 0)
        return err;
    int left = 0;
    for (const struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next)
        left++;
    err = ST_ERROR_HOST_NOT_FOUND;
    for (const struct addrinfo *ai = res; ai != NULL; ai = ai->ai_next, left--) {
        int64_t now = mw_now_ms();
        int64_t share = now + (deadline - now) / left;
        err = try_address(ai, waker, ai->ai_next != NULL ? share : deadline, s_r);
        /* Cancel ends the attempt; any other failure moves to the next one. */
        if (err == 0 || err == ST_ERROR_CANCELLED)
            break;
        if (err == ST_ERROR_TIMEOUT && mw_now_ms() >= deadline)
            break;
    }
    freeaddrinfo(res);
    return err;
}
