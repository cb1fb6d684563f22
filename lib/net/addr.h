/* addr.h - host specifications: "name", "1.2.3.4", "::1", "[::1]",
 * "name:143", "[::1]:143". */
#ifndef MW_ADDR_H
#define MW_ADDR_H

#include <stddef.h>

#include <mailwire/types.h>

#define MW_HOST_MAX 256

/* Splits spec into host (brackets removed) and port (0 when none given).
 * Fails with ST_ERROR_INVALID_PARAMETER on malformed input. */
DWORD mw_addr_parse(const char *spec, char *host, size_t hostcap, unsigned *port_r);

/* Nonzero when host is an IPv4 or IPv6 literal. */
int mw_addr_is_ip_literal(const char *host);

#endif /* MW_ADDR_H */
