/*
 * trace.h - protocol tracing: the per-handle status procedure and the
 * process-wide trace file of each protocol. Secrets never reach either:
 * callers say how many leading bytes of a line may be shown and the rest
 * is replaced by "***".
 */
#ifndef MW_TRACE_H
#define MW_TRACE_H

#include <stddef.h>

#include "session.h"

#define MW_TRACE_ALL ((size_t)-1)

/* direction: IMAP_STATUS_SENT or IMAP_STATUS_RECEIVED (same values as POP). */
void mw_trace_line(mw_session *s, UINT direction, const char *data, size_t len, size_t visible);
/* A note for the trace file only (state changes, TLS results). */
void mw_trace_note(mw_session *s, const char *fmt, ...)
#if defined(__GNUC__)
    MW_PRINTF_LIKE(2, 3)
#endif
    ;

/* The connect's lines are kept from begin to end (bounded), and handed
 * to the first status procedure registered, in order, by replay: a
 * trace of a handle then starts at the greeting. */
void mw_trace_connect_begin(mw_session *s);
void mw_trace_connect_end(mw_session *s);
void mw_trace_replay_connect(mw_session *s);
void mw_trace_forget_connect(mw_session *s);

DWORD mw_trace_enable(mw_proto proto, const char *path, DWORD flags);
void mw_trace_disable(mw_proto proto);

#endif /* MW_TRACE_H */
