/*
 * imap.h - the IMAP module's internal interface: command building and
 * sending, the response reader, the command exchange, and the session
 * operations the API layer calls.
 */
#ifndef MW_IMAP_H
#define MW_IMAP_H

#include "../proto/session.h"
#include "resp.h"

#define MW_IMAP_CMD_SPLITS_MAX 16

/* ---- command builder (command.c) ------------------------------------ */

typedef struct mw_imap_cmd {
    mw_buf text;                           /* tag, words, literals; no final CRLF */
    size_t splits[MW_IMAP_CMD_SPLITS_MAX]; /* ends of "{n}\r\n": wait for "+" */
    int nsplits;
    size_t visible; /* bytes the trace may show; the rest is *** */
} mw_imap_cmd;

/* Starts "<tag> <name>" with a fresh tag, remembered in s->imap.tag. */
DWORD mw_imap_cmd_begin(mw_session *s, mw_imap_cmd *c, const char *name);
/* " word" - the caller vouches the word is a valid atom. */
DWORD mw_imap_cmd_atom(mw_imap_cmd *c, const char *word);
/* " " + an astring: atom, quoted string or literal, as the bytes need.
 * NUL is refused (ST_ERROR_INVALID_PARAMETER). */
DWORD mw_imap_cmd_astring(mw_session *s, mw_imap_cmd *c, const char *v, size_t len);
/* Everything appended from now on is shown as *** in traces. */
void mw_imap_cmd_secret(mw_imap_cmd *c);
void mw_imap_cmd_free(mw_imap_cmd *c);

/* ---- reading (reader.c) --------------------------------------------- */

/* Reads one whole response (literals inlined) into s->line, records it in
 * the call's response lines and classifies it. */
DWORD mw_imap_read(mw_session *s, mw_imap_resp *r);
/* The same, with message-body literals handed to hooks as they stream. */
DWORD mw_imap_read_with(mw_session *s, const mw_imap_body_hooks *hooks, mw_imap_resp *r);

/* ---- exchange (exchange.c) ------------------------------------------ */

typedef DWORD (*mw_imap_untagged_fn)(mw_session *s, const mw_imap_resp *r, void *ctx);

/* Sends c, waits for continuations of its literals, hands untagged
 * responses to fn (after the generic handling), and returns at the tagged
 * response: 0 for OK, ST_ERROR_COMMAND_REJECTED for NO,
 * ST_ERROR_COMMAND_MALFORMED for BAD. The result code and text are kept. */
DWORD mw_imap_run(mw_session *s, mw_imap_cmd *c, mw_imap_untagged_fn fn, void *ctx);
/* Convenience: a command of one word ("CAPABILITY", "NOOP"). */
DWORD mw_imap_simple(mw_session *s, const char *name);
/* What every command does with untagged responses and response codes. */
DWORD mw_imap_handle_untagged(mw_session *s, const mw_imap_resp *r);
void mw_imap_handle_code(mw_session *s, const mw_imap_resp *r);
/* Records a tagged response as the session's result; returns its error. */
DWORD mw_imap_finish(mw_session *s, const mw_imap_resp *r);
/* Nonzero when r is the tagged response of the command in flight. */
int mw_imap_is_ours(const mw_session *s, const mw_imap_resp *r);

/* ---- session operations --------------------------------------------- */

DWORD mw_imap_open(mw_session *s);                         /* connect.c */
DWORD mw_imap_login(mw_session *s, UINT type, const char *user, const char *pass); /* auth.c */
void mw_imap_logout(mw_session *s);                       /* connect.c */

#endif /* MW_IMAP_H */
