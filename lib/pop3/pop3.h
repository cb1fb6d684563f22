/* pop3.h - the POP3 module's internal interface. */
#ifndef MW_POP3_H
#define MW_POP3_H

#include "../proto/session.h"

#define MW_POP_CAPA_LINES_MAX 256

typedef struct mw_pop_status {
    int ok;
    const char *text; /* after "+OK " / "-ERR ", response code included */
    size_t len;
} mw_pop_status;

/* Reads a status line ("+OK ..." or "-ERR ...") and keeps it as the result. */
DWORD mw_pop_read_status(mw_session *s, mw_pop_status *st);
/* The same for a line already in s->line. */
DWORD mw_pop_parse_status(mw_session *s, mw_pop_status *st);
/* Maps a -ERR to an error: RESP-CODES first, else dflt. */
DWORD mw_pop_error(const mw_pop_status *st, DWORD dflt);
/* Sends a command line (trace shows `visible` bytes) and reads its status:
 * 0 for +OK, mw_pop_error(dflt) for -ERR. */
DWORD mw_pop_command(mw_session *s, const char *line, size_t visible, DWORD dflt);

typedef DWORD (*mw_pop_line_fn)(mw_session *s, const char *line, size_t len, void *ctx);
/* Reads a multi-line body up to its "." line, dot-unstuffed, line by line. */
DWORD mw_pop_read_multiline(mw_session *s, size_t max_lines, mw_pop_line_fn fn, void *ctx);

DWORD mw_pop_open(mw_session *s);                                                  /* connect.c */
void mw_pop_quit(mw_session *s);                                                   /* connect.c */
DWORD mw_pop_login(mw_session *s, UINT type, const char *user, const char *pass); /* auth.c */
DWORD mw_pop_apop_digest(const char *stamp, const char *secret, char out[33]);      /* auth.c */

#endif /* MW_POP3_H */
