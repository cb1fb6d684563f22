/* tcp.h - resolve a name and connect to the first address that answers. */
#ifndef MW_TCP_H
#define MW_TCP_H

#include <stdint.h>

#include "../sys/sock.h"

/* Tries every address host resolves to (IPv6 and IPv4), sharing the time
 * left before deadline among the addresses not yet tried. */
DWORD mw_tcp_connect(const char *host, unsigned port, const mw_waker *waker, int64_t deadline,
                     mw_socket *s_r);

#endif /* MW_TCP_H */
