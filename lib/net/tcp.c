/* tcp.c - connect with a deadline, trying each address a name resolves to. */
#include "tcp.h"

#include "../sys/sys.h"

static DWORD try_address(const mw_sock_addr *a, const mw_waker *waker, int64_t deadline,
                         mw_socket *s_r)
{
    int in_progress;
    mw_socket s = MW_INVALID_SOCKET;
    DWORD err = mw_sock_open_connect(a->addr, a->len, a->family, &s, &in_progress);
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
    mw_sock_addr *list = NULL;
    size_t count = 0;
    DWORD err = mw_sock_resolve(host, port, &list, &count);
    if (err != 0)
        return err;
    err = ST_ERROR_HOST_NOT_FOUND;
    for (size_t i = 0; i < count; i++) {
        int64_t now = mw_now_ms();
        int64_t share = now + (deadline - now) / (int64_t)(count - i);
        err = try_address(&list[i], waker, i + 1 < count ? share : deadline, s_r);
        /* Cancel ends the attempt; any other failure moves to the next one. */
        if (err == 0 || err == ST_ERROR_CANCELLED)
            break;
        if (err == ST_ERROR_TIMEOUT && mw_now_ms() >= deadline)
            break;
    }
    mw_sock_addrs_free(list);
    return err;
}
