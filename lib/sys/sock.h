/*
 * sock.h - non-blocking sockets with deadlines and a cancel signal.
 *
 * Every wait is bounded by an absolute deadline (mw_now_ms based) and can be
 * interrupted from another thread through an mw_waker. Results are DWORD
 * ST_ERROR_* values, 0 meaning success.
 */
#ifndef MW_SOCK_H
#define MW_SOCK_H

#include <stddef.h>
#include <stdint.h>

#include <mailwire/types.h>
#include <mailwire/errors.h>

#if defined(_WIN32)
typedef uintptr_t mw_socket; /* a SOCKET */
#define MW_INVALID_SOCKET (~(uintptr_t)0)

/* A loopback UDP socket connected to itself: select() waits on sockets
 * only, and a datagram to it ends the wait. */
typedef struct mw_waker {
    mw_socket sock;
} mw_waker;
#else
typedef int mw_socket;
#define MW_INVALID_SOCKET (-1)

/* A self-pipe another thread can signal to interrupt a wait. */
typedef struct mw_waker {
    int rd;
    int wr;
} mw_waker;
#endif

DWORD mw_waker_open(mw_waker *w);
void mw_waker_close(mw_waker *w);
void mw_waker_signal(const mw_waker *w);
/* Clears a pending signal; returns nonzero if one was pending. */
int mw_waker_drain(const mw_waker *w);

#define MW_WAIT_READ 1
#define MW_WAIT_WRITE 2

/* Waits until the socket is ready, the deadline passes (ST_ERROR_TIMEOUT)
 * or the waker fires (ST_ERROR_CANCELLED). waker may be NULL. */
DWORD mw_sock_wait(mw_socket s, int events, const mw_waker *waker, int64_t deadline);

/* One address to connect to, as name resolution gives it. */
typedef struct mw_sock_addr {
    int family;
    size_t len;
    const void *addr; /* a struct sockaddr of len bytes */
} mw_sock_addr;

/* The addresses of host (a name or an IP literal) for port, in the order
 * to try them; free the array with mw_sock_addrs_free. Fails with
 * ST_ERROR_HOST_NOT_FOUND, ST_ERROR_OUT_OF_MEMORY or ST_ERROR_NETWORK. */
DWORD mw_sock_resolve(const char *host, unsigned port, mw_sock_addr **list_r, size_t *count_r);
void mw_sock_addrs_free(mw_sock_addr *list);

/* The bytes of an IP literal: 4 for IPv4, 16 for IPv6, 0 when text is not
 * one (out is then unchanged). */
size_t mw_ip_parse(const char *text, unsigned char out[16]);

/* Starts a non-blocking connect to one address; *in_progress says whether
 * it must be waited for. */
DWORD mw_sock_open_connect(const void *addr, size_t addrlen, int family, mw_socket *s_r,
                           int *in_progress);
/* After the wait: the connect's own result. */
DWORD mw_sock_connect_result(mw_socket s);

/* One non-blocking send / recv; 0 bytes with result 0 means "would block".
 * recv of 0 bytes at end of stream gives ST_ERROR_CONNECTION_CLOSED. */
DWORD mw_sock_send(mw_socket s, const void *buf, size_t len, size_t *sent_r);
DWORD mw_sock_recv(mw_socket s, void *buf, size_t len, size_t *got_r);
/* Bytes that could be read now without waiting (0 if none). */
int mw_sock_readable_now(mw_socket s);
void mw_sock_close(mw_socket *s);

#endif /* MW_SOCK_H */
