/* sock_posix.c - lib/sys sockets on POSIX (poll + non-blocking I/O). */
#define _GNU_SOURCE
#include "sock.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sys.h"

static DWORD error_from_errno(int e)
{
    switch (e) {
    case ECONNREFUSED:
        return ST_ERROR_CONNECTION_REFUSED;
    case ETIMEDOUT:
        return ST_ERROR_TIMEOUT;
    case ECONNRESET:
    case EPIPE:
        return ST_ERROR_CONNECTION_CLOSED;
    case ENOMEM:
    case ENOBUFS:
        return ST_ERROR_OUT_OF_MEMORY;
    default:
        return ST_ERROR_NETWORK;
    }
}

DWORD mw_waker_open(mw_waker *w)
{
    int fds[2];
    if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
        return error_from_errno(errno);
    w->rd = fds[0];
    w->wr = fds[1];
    return 0;
}

void mw_waker_close(mw_waker *w)
{
    if (w->rd >= 0)
        close(w->rd);
    if (w->wr >= 0)
        close(w->wr);
    w->rd = w->wr = -1;
}

void mw_waker_signal(const mw_waker *w)
{
    char c = 1;
    /* A full pipe already holds a signal, so a failed write loses nothing. */
    ssize_t n = write(w->wr, &c, 1);
    (void)n;
}

int mw_waker_drain(const mw_waker *w)
{
    char buf[64];
    int any = 0;
    while (read(w->rd, buf, sizeof buf) > 0)
        any = 1;
    return any;
}

DWORD mw_sock_wait(mw_socket s, int events, const mw_waker *waker, int64_t deadline)
{
    for (;;) {
        struct pollfd p[2];
        nfds_t n = 1;
        p[0].fd = s;
        p[0].events = (short)(((events & MW_WAIT_READ) ? POLLIN : 0) |
                              ((events & MW_WAIT_WRITE) ? POLLOUT : 0));
        p[0].revents = 0;
        if (waker != NULL && waker->rd >= 0) {
            p[1].fd = waker->rd;
            p[1].events = POLLIN;
            p[1].revents = 0;
            n = 2;
        }
        int64_t left = deadline - mw_now_ms();
        if (left <= 0)
            return ST_ERROR_TIMEOUT;
        int r = poll(p, n, left > 60000 ? 60000 : (int)left);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return error_from_errno(errno);
        }
        if (n == 2 && (p[1].revents & POLLIN))
            return ST_ERROR_CANCELLED;
        if (r > 0 && p[0].revents != 0)
            return 0;
    }
}

DWORD mw_sock_open_connect(const void *addr, size_t addrlen, int family, mw_socket *s_r,
                           int *in_progress)
{
    int s = socket(family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, IPPROTO_TCP);
    if (s < 0)
        return error_from_errno(errno);
    int one = 1;
    /* Commands are small and latency-bound: do not wait to coalesce them. */
    setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
#ifdef SO_NOSIGPIPE
    setsockopt(s, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
    *in_progress = 0;
    if (connect(s, (const struct sockaddr *)addr, (socklen_t)addrlen) != 0) {
        if (errno != EINPROGRESS) {
            DWORD err = error_from_errno(errno);
            close(s);
            return err;
        }
        *in_progress = 1;
    }
    *s_r = s;
    return 0;
}

DWORD mw_sock_connect_result(mw_socket s)
{
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len) != 0)
        return error_from_errno(errno);
    return err == 0 ? 0 : error_from_errno(err);
}

DWORD mw_sock_send(mw_socket s, const void *buf, size_t len, size_t *sent_r)
{
    *sent_r = 0;
    for (;;) {
        ssize_t n = send(s, buf, len, MSG_NOSIGNAL);
        if (n >= 0) {
            *sent_r = (size_t)n;
            return 0;
        }
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 0;
        return error_from_errno(errno);
    }
}

DWORD mw_sock_recv(mw_socket s, void *buf, size_t len, size_t *got_r)
{
    *got_r = 0;
    for (;;) {
        ssize_t n = recv(s, buf, len, 0);
        if (n > 0) {
            *got_r = (size_t)n;
            return 0;
        }
        if (n == 0)
            return ST_ERROR_CONNECTION_CLOSED;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return 0;
        return error_from_errno(errno);
    }
}

int mw_sock_readable_now(mw_socket s)
{
    char c;
    ssize_t n = recv(s, &c, 1, MSG_PEEK | MSG_DONTWAIT);
    return n > 0;
}

void mw_sock_close(mw_socket *s)
{
    if (*s >= 0) {
        close(*s);
        *s = MW_INVALID_SOCKET;
    }
}
