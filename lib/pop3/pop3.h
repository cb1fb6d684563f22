/* pop3.h - the POP3 module's internal interface. */
#ifndef MW_POP3_H
#define MW_POP3_H

#include "../proto/session.h"
#include "state.h"

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
/* Reads the status of a command already sent: 0 for +OK,
 * mw_pop_error(dflt) for -ERR. */
DWORD mw_pop_read_reply(mw_session *s, DWORD dflt);
/* Sends a command line (trace shows `visible` bytes), after the CAPA a
 * login left owed: in the same flight with PIPELINING (its answer is then
 * read first by mw_pop_read_status), on its own before without. */
DWORD mw_pop_send(mw_session *s, const char *line, size_t len, size_t visible);
/* Sends CAPA in the same flight as the command that follows; its answer
 * is read first by the next status read (mw_pop_take_pending). */
DWORD mw_pop_capa_ahead(mw_session *s);
/* Asks the CAPA a login left owed now, on its own: for what reads the
 * capabilities before sending anything. */
DWORD mw_pop_settle_capa(mw_session *s);
/* Reads what answers things sent before: the greeting POP_OPTION_EARLY_LOGIN
 * left unread, then the answer to a CAPA sent ahead. Every status read
 * does this first. */
DWORD mw_pop_take_pending(mw_session *s);
/* The greeting: its APOP timestamp kept; -ERR is
 * ST_ERROR_SERVER_UNAVAILABLE and the session FAILED. (connect.c) */
DWORD mw_pop_take_greeting(mw_session *s);
/* Where POP_OPTION_EARLY_LOGIN left the greeting unread: reads it and
 * asks CAPA (nothing when it was read). (connect.c) */
DWORD mw_pop_settle_greeting(mw_session *s);
/* Sends a command line (trace shows `visible` bytes) and reads its status
 * as mw_pop_read_reply does. */
DWORD mw_pop_command(mw_session *s, const char *line, size_t visible, DWORD dflt);

typedef DWORD (*mw_pop_line_fn)(mw_session *s, const char *line, size_t len, void *ctx);
/* Reads a multi-line body up to its "." line, dot-unstuffed, line by line. */
DWORD mw_pop_read_multiline(mw_session *s, size_t max_lines, mw_pop_line_fn fn, void *ctx);

/* ---- message operations (ops.c, dotstream.c, fetch.c) --------------- */

#define MW_POP_BODY_LINE_MAX (1u << 20)
#define MW_POP_LIST_MAX 10000000u
#define MW_POP_UID_MAX POP_UID_LENGTH

#include "../proto/sink.h"

DWORD mw_pop_stream_body(mw_session *s, mw_sink *sink, size_t line_max);
/* Decimal digits at *p, up to 32 bits, *p moved past them; -1 if none. */
int mw_pop_parse_number(const char **p, unsigned long *v_r);
DWORD mw_pop_stat(mw_session *s, DWORD *count_r, DWORD *octets_r);
/* STAT, unless the session's message count is known already. */
DWORD mw_pop_ensure_stat(mw_session *s);
/* Sizes the LIST/UIDL/DELE caches for message numbers up to n. */
DWORD mw_pop_reserve_listing(mw_session *s, DWORD n);
DWORD mw_pop_size(mw_session *s, UINT n, DWORD *size_r);
DWORD mw_pop_uid(mw_session *s, UINT n, const char **uid_r);
/* RETR n (top < 0) or TOP n top, streamed into sink. */
DWORD mw_pop_retrieve(mw_session *s, UINT n, long top, mw_sink *sink);
DWORD mw_pop_delete(mw_session *s, UINT n);
DWORD mw_pop_reset(mw_session *s);
DWORD mw_pop_noop(mw_session *s);
/* A raw command: *code_r gets POP_RESULT_OK or POP_RESULT_ERR; options
 * POP_COMMAND_* say whether its reply is multi-line. */
DWORD mw_pop_raw(mw_session *s, const char *text, DWORD options, int *code_r);

/* ---- listings (listing.c) ------------------------------------------- */

/* One line of LIST ("n size") or UIDL ("n uid"). */
typedef struct mw_pop_entry {
    DWORD n;
    DWORD size;      /* LIST */
    const char *uid; /* UIDL: in the line; uid_len 0 when the server's is no UIDL */
    size_t uid_len;
} mw_pop_entry;
/* Parses a LIST (uidl 0) or UIDL line of a maildrop of count messages:
 * ST_ERROR_PROTOCOL_VIOLATION for a number out of range or no size. A
 * UIDL that breaks RFC 1939 (1 to 70 characters 0x21-0x7E) parses, with
 * uid_len 0. */
DWORD mw_pop_parse_entry(const char *line, size_t len, int uidl, DWORD count, mw_pop_entry *e);

/* Takes one message of a listing (uid NULL when not asked for, size 0);
 * FALSE stops it. */
typedef BOOL (*mw_pop_list_fn)(void *ctx, DWORD n, DWORD size, const char *uid);
/* LIST and/or UIDL streamed to fn in the server's order, one call per
 * message; with both, the sizes are kept (4 bytes a message) while UIDL
 * streams. A malformed line, or a message in one listing and not the
 * other, costs that message: ST_ERROR_PROTOCOL_VIOLATION once the answers
 * are in, the session kept. ST_ERROR_CANCELLED when fn stopped (the
 * answers are read to their end). *count_r gets how many were handed on. */
DWORD mw_pop_list_each(mw_session *s, int sizes, int uids, mw_pop_list_fn fn, void *ctx,
                       DWORD *count_r);

typedef struct mw_pop_fetch_item {
    UINT n;
    DWORD size; /* from LIST or "+OK n octets"; 0 if unknown */
} mw_pop_fetch_item;
/* Called before and after each message of a fetch. */
typedef DWORD (*mw_pop_fetch_fn)(mw_session *s, const mw_pop_fetch_item *item, int done,
                                 mw_sink **sink_r, void *ctx);
/* RETR (TOP n 0 with headers) of messages first..last (deleted ones
 * skipped), pipelined when the server offers PIPELINING; *count_r gets how
 * many were delivered. */
DWORD mw_pop_fetch(mw_session *s, UINT first, UINT last, int headers, mw_pop_fetch_fn fn,
                   void *ctx, UINT *count_r);

DWORD mw_pop_open(mw_session *s);                                                  /* connect.c */
void mw_pop_quit(mw_session *s);                                                   /* connect.c */
DWORD mw_pop_login(mw_session *s, UINT type, const char *user, const char *pass); /* auth.c */
DWORD mw_pop_apop_digest(const char *stamp, const char *secret, char out[33]);      /* auth.c */
/* The mechanism POP_AUTH_DEFAULT picks from what the server offers. */
UINT mw_pop_choose_default(const mw_session *s);                                    /* auth.c */
/* CAPA: the capabilities, asked again after login (RFC 2449 lets them
 * change; Gmail announces PIPELINING only then). */
DWORD mw_pop_capa(mw_session *s); /* connect.c */
/* The answer to a CAPA sent ahead (pipelined behind a login command). */
DWORD mw_pop_capa_read(mw_session *s); /* connect.c */

#endif /* MW_POP3_H */
