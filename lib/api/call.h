/*
 * call.h - how every API operation starts and ends: library and handle
 * checks, a clean slate for calls that talk to the server, closing a
 * session an exchange left out of step, and setting the last error.
 */
#ifndef MW_CALL_H
#define MW_CALL_H

#include "../proto/session.h"

/* Initialized library, live handle of proto, owner thread, not busy. */
DWORD mw_call_enter(mw_proto p, HCLIENT h, mw_session **s_r);
/* The same, plus a connected session; clears the response lines and any
 * stale Cancel. */
DWORD mw_call_enter_network(mw_proto p, HCLIENT h, mw_session **s_r);
/* After a failed exchange: closes the session when client and server may
 * no longer agree where they are (timeout, cancel, protocol violation). */
void mw_call_after_failure(mw_session *s, DWORD err);
/* Releases s (when not NULL); with err, sets the last error and returns
 * -1, else returns value. */
INT mw_call_leave(mw_session *s, DWORD err, INT value);
/* Sets the last error and returns FALSE. */
BOOL mw_call_fail(DWORD err);

#endif /* MW_CALL_H */
