/*
 * envelope.h - RFC 3501 ENVELOPE: the date, subject, addresses and ids of
 * a message, read from a FETCH (or from a message/rfc822 part's
 * BODYSTRUCTURE) into strings: the subject and the display names with
 * their RFC 2047 words decoded, group syntax read into each address.
 */
#ifndef MW_IMAP_ENVELOPE_H
#define MW_IMAP_ENVELOPE_H

#include <stddef.h>

#include "tree.h"

enum { MW_ENV_FROM, MW_ENV_SENDER, MW_ENV_REPLY_TO, MW_ENV_TO, MW_ENV_CC, MW_ENV_BCC, MW_ENV_LISTS };

/* A list holds at most this many addresses; more are left out. */
#define MW_ENV_ADDRESSES_MAX 1000

typedef struct mw_env_addr {
    char *name;    /* decoded; NULL when none */
    char *mailbox;
    char *host;
    char *group;   /* the group it was in, or NULL */
} mw_env_addr;

typedef struct mw_envelope {
    char *date; /* as sent */
    char *subject;
    char *in_reply_to;
    char *message_id;
    mw_env_addr *lists[MW_ENV_LISTS];
    size_t counts[MW_ENV_LISTS];
} mw_envelope;

/* Reads the envelope list at node; ST_ERROR_PROTOCOL_VIOLATION when it is
 * no envelope. Free it even on failure. */
DWORD mw_envelope_parse(const mw_imap_tree *t, uint32_t node, mw_envelope *out);
/* The same from text holding one envelope "(...)". */
DWORD mw_envelope_parse_text(const char *text, size_t len, mw_envelope *out);
void mw_envelope_free(mw_envelope *e);

#endif /* MW_IMAP_ENVELOPE_H */

/* ---- FETCH ENVELOPE (envelope.c) ------------------------------------------- */

struct mw_session;
/* Takes one message's envelope (it may move the contents out, leaving
 * *e zeroed); nonzero stops the delivery (the rest of the answer is read
 * and dropped). */
typedef int (*mw_envelope_fn)(void *ctx, UINT seq, DWORD uid, mw_envelope *e);
/* FETCH set (UID ENVELOPE), with IMAP_MESSAGE_UID a UID FETCH; *count_r
 * envelopes delivered. */
DWORD mw_imap_fetch_envelopes(struct mw_session *s, const char *set, DWORD options, mw_envelope_fn fn,
                              void *ctx, UINT *count_r);
