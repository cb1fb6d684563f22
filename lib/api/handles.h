/*
 * handles.h - the process-wide handle table.
 *
 * A handle encodes its protocol, slot and the slot's generation, so a stale
 * handle (its slot reused by a newer session) is rejected, never confused
 * with the new one. The table lock is held only for lookups, so unrelated
 * sessions never wait for each other's network I/O.
 */
#ifndef MW_HANDLES_H
#define MW_HANDLES_H

#include "../proto/session.h"

#define MW_HANDLE_SLOTS 4096

/* Enters s into the table and sets s->handle. */
DWORD mw_handles_add(mw_session *s);

/* For a call on h: validates it, checks the owner thread and marks the
 * session busy. Pair with mw_handle_release. */
DWORD mw_handle_acquire(HCLIENT h, mw_proto proto, mw_session **s_r);
void mw_handle_release(mw_session *s);

/* Disconnect: like acquire, but the handle also leaves the table, so no
 * later call can find it. An asynchronous connect still running is
 * allowed (the caller cancels and joins it). */
DWORD mw_handle_take(HCLIENT h, mw_proto proto, mw_session **s_r);

/* Runs fn under the table lock on a valid handle of any owner, busy or
 * not: Cancel and AttachThread. */
DWORD mw_handle_visit(HCLIENT h, mw_proto proto, DWORD (*fn)(mw_session *, void *), void *arg);

/* Removes every session of proto from the table and returns them as a
 * malloc'd array (count in *n_r); NULL when there are none. */
mw_session **mw_handles_take_all(mw_proto proto, size_t *n_r);

#endif /* MW_HANDLES_H */
