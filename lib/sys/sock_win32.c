/* sock_win32.c - lib/sys sockets on Windows: Winsock, non-blocking, and
 * select() for waits (WSAPoll misses a refused connect on older Windows). */
#include "sock.h"

#include <winsock2.h>
#include <ws2tcpip.h>

#include "sys.h"

static DWORD error_from_wsa(int e)
{
    switch (e) {
    case WSAECONNREFUSED:
        return ST_ERROR_CONNECTION_REFUSED;
    case WSAETIMEDOUT:
        return ST_ERROR_TIMEOUT;
    case WSAECONNRESET:
    case WSAECONNABORTED:
    case WSAESHUTDOWN:
        return ST_ERROR_CONNECTION_CLOSED;
    case WSAENOBUFS:
    case WSA_NOT_ENOUGH_MEMORY:
        return ST_ERROR_OUT_OF_MEMORY;
    default:
        return ST_ERROR_NETWORK;
    }
}

static DWORD last_error(void)
{
    return error_from_wsa(WSAGetLastError());
}

static SOCKET sock(mw_socket s)
{
    return (SOCKET)s;
}

static int set_nonblocking(SOCKET s)
{
    u_long on = 1;
    return ioctlsocket(s, FIONBIO, &on) == 0 ? 0 : -1;
}

/* A UDP socket on 127.0.0.1 connected to its own address. */
static SOCKET self_connected_udp(void)
{
    SOCKET s = WSASocketW(AF_INET, SOCK_DGRAM, IPPROTO_UDP, NULL, 0, WSA_FLAG_NO_HANDLE_INHERIT);
    if (s == INVALID_SOCKET)
        return s;
    struct sockaddr_in a = {0};
    int len = sizeof a;
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)&a, sizeof a) != 0 ||
        getsockname(s, (struct sockaddr *)&a, &len) != 0 ||
        connect(s, (struct sockaddr *)&a, sizeof a) != 0 || set_nonblocking(s) != 0) {
        closesocket(s);
        return INVALID_SOCKET;
    }
    return s;
}

DWORD mw_waker_open(mw_waker *w)
{
    DWORD err = mw_sys_startup();
    if (err != 0)
        return err;
    SOCKET s = self_connected_udp();
    if (s == INVALID_SOCKET)
        return last_error();
    w->sock = (mw_socket)s;
    return 0;
}

void mw_waker_close(mw_waker *w)
{
    if (w->sock != MW_INVALID_SOCKET)
        closesocket(sock(w->sock));
    w->sock = MW_INVALID_SOCKET;
}

void mw_waker_signal(const mw_waker *w)
{
    char c = 1;
    /* A full buffer already holds a signal, so a failed send loses nothing. */
    (void)send(sock(w->sock), &c, 1, 0);
}

int mw_waker_drain(const mw_waker *w)
{
    char buf[64];
    int any = 0;
    while (recv(sock(w->sock), buf, sizeof buf, 0) > 0)
        any = 1;
    return any;
}

DWORD mw_sock_wait(mw_socket s, int events, const mw_waker *waker, int64_t deadline)
{
    for (;;) {
        fd_set rd, wr, ex;
        FD_ZERO(&rd);
        FD_ZERO(&wr);
        FD_ZERO(&ex);
        if (events & MW_WAIT_READ)
            FD_SET(sock(s), &rd);
        if (events & MW_WAIT_WRITE)
            FD_SET(sock(s), &wr);
        FD_SET(sock(s), &ex); /* a failed connect shows here, not as writable */
        int with_waker = waker != NULL && waker->sock != MW_INVALID_SOCKET;
        if (with_waker)
            FD_SET(sock(waker->sock), &rd);
        int64_t left = deadline - mw_now_ms();
        if (left <= 0)
            return ST_ERROR_TIMEOUT;
        if (left > 60000)
            left = 60000;
        struct timeval tv = {(long)(left / 1000), (long)(left % 1000) * 1000};
        /* the first argument is ignored by Winsock */
        int r = select(0, &rd, &wr, &ex, &tv);
        if (r == SOCKET_ERROR)
            return last_error();
        if (with_waker && FD_ISSET(sock(waker->sock), &rd))
            return ST_ERROR_CANCELLED;
        if (r > 0 && (FD_ISSET(sock(s), &rd) || FD_ISSET(sock(s), &wr) || FD_ISSET(sock(s), &ex)))
            return 0;
    }
}

DWORD mw_sock_open_connect(const void *addr, size_t addrlen, int family, mw_socket *s_r,
                           int *in_progress)
{
    DWORD err = mw_sys_startup();
    if (err != 0)
        return err;
    SOCKET s = WSASocketW(family, SOCK_STREAM, IPPROTO_TCP, NULL, 0, WSA_FLAG_NO_HANDLE_INHERIT);
    if (s == INVALID_SOCKET)
        return last_error();
    BOOL one = TRUE;
    /* Commands are small and latency-bound: do not wait to coalesce them. */
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one);
    if (set_nonblocking(s) != 0) {
        err = last_error();
        closesocket(s);
        return err;
    }
    *in_progress = 0;
    if (connect(s, (const struct sockaddr *)addr, (int)addrlen) != 0) {
        int e = WSAGetLastError();
        if (e != WSAEWOULDBLOCK && e != WSAEINPROGRESS) {
            closesocket(s);
            return error_from_wsa(e);
        }
        *in_progress = 1;
    }
    *s_r = (mw_socket)s;
    return 0;
}

DWORD mw_sock_connect_result(mw_socket s)
{
    int err = 0;
    int len = sizeof err;
    if (getsockopt(sock(s), SOL_SOCKET, SO_ERROR, (char *)&err, &len) != 0)
        return last_error();
    return err == 0 ? 0 : error_from_wsa(err);
}

DWORD mw_sock_send(mw_socket s, const void *buf, size_t len, size_t *sent_r)
{
    *sent_r = 0;
    int n = send(sock(s), buf, len > 0x40000000 ? 0x40000000 : (int)len, 0);
    if (n >= 0) {
        *sent_r = (size_t)n;
        return 0;
    }
    return WSAGetLastError() == WSAEWOULDBLOCK ? 0 : last_error();
}

DWORD mw_sock_recv(mw_socket s, void *buf, size_t len, size_t *got_r)
{
    *got_r = 0;
    int n = recv(sock(s), buf, len > 0x40000000 ? 0x40000000 : (int)len, 0);
    if (n > 0) {
        *got_r = (size_t)n;
        return 0;
    }
    if (n == 0)
        return ST_ERROR_CONNECTION_CLOSED;
    return WSAGetLastError() == WSAEWOULDBLOCK ? 0 : last_error();
}

int mw_sock_readable_now(mw_socket s)
{
    /* the socket is non-blocking, so a peek never waits */
    char c;
    return recv(sock(s), &c, 1, MSG_PEEK) > 0;
}

void mw_sock_close(mw_socket *s)
{
    if (*s != MW_INVALID_SOCKET) {
        closesocket(sock(*s));
        *s = MW_INVALID_SOCKET;
    }
}
