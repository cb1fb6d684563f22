/*
 * line.h - the line engine both protocols use: CRLF-terminated commands out,
 * bounded lines in, every line traced (with redaction) on its way.
 */
#ifndef MW_LINE_H
#define MW_LINE_H

#include <stddef.h>

#include "session.h"

/* The longest line accepted from a server, CRLF excluded. */
#define MW_LINE_MAX 65536

/* Sends data + CRLF; data must hold no CR, LF or NUL. The trace shows the
 * first `visible` bytes and *** for the rest (MW_TRACE_ALL shows all). */
DWORD mw_line_send(mw_session *s, const char *data, size_t len, size_t visible);

/* Reads one line into s->line (replacing it); CRLF (or a bare LF) is
 * stripped. The session timeout is re-armed first. */
DWORD mw_line_read(mw_session *s);
/* Appends the next line to s->line; *start_r receives where it begins. */
DWORD mw_line_read_append(mw_session *s, size_t *start_r);

/* Nonzero when text[0..len) holds a CR, LF or NUL. */
int mw_has_line_breaks(const char *text, size_t len);

#endif /* MW_LINE_H */
