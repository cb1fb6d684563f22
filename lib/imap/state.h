/*
 * state.h - what an IMAP session keeps beside the shared session
 * (lib/proto/session.h): the tag counter, the response being assembled,
 * the server's identity, the selected mailbox kept current by unsolicited
 * responses, the LIST cursor, and the hooks a running command sets.
 */
#ifndef MW_IMAP_STATE_H
#define MW_IMAP_STATE_H

#include <stdint.h>

#include "../proto/session.h"
#include "assembler.h"
#include "resp.h"
#include "tree.h"

/* Names with flags a cursor walks through (IMAP LIST / LSUB results). */
typedef struct mw_name_list {
    char **names;
    DWORD *flags;
    IMAPMAILBOXSTATUS *status; /* what LIST-STATUS said, where has_status */
    unsigned char *has_status;
    size_t count;
    size_t cap;
    size_t next;
    size_t status_next; /* the entry after the one the last STATUS named */
} mw_name_list;

/* Frees every entry and array of l and empties it. */
void mw_name_list_free(mw_name_list *l);

typedef struct mw_imap_state {
    unsigned next_tag;
    char tag[16]; /* tag of the command in flight */
    mw_buf identity;
    mw_imap_asm asm_; /* the response being assembled */
    mw_imap_tree tree; /* its data, parsed (reused from response to response) */
    int utf8;         /* UTF8=ACCEPT enabled: mailbox names go as UTF-8 */
    int condstore;    /* CONDSTORE enabled (by QRESYNC too): MODSEQ in FETCH */
    int idling;       /* ImapIdleStart: IDLE runs until ImapIdleStop */
    int greeting_pending; /* IMAP_OPTION_EARLY_LOGIN: the greeting is not read yet */
    unsigned caps_before_login; /* caps.generation as last learned before login */
    int qresync;      /* QRESYNC enabled: VANISHED replaces EXPUNGE */
    char delimiter;   /* hierarchy delimiter, 0 until known */
    /* the selected mailbox, kept current by unsolicited responses */
    char *mailbox;
    int read_only;
    DWORD exists;
    DWORD recent;
    DWORD unseen;
    DWORD uidvalidity;
    DWORD uidnext;
    uint64_t highest_modseq; /* HIGHESTMODSEQ; 0: none (NOMODSEQ) */
    DWORD flags;
    DWORD permanent_flags;
    DWORD changes; /* IMAP_CHANGE_* seen since last asked (IDLE, updates) */
    uint64_t vanished; /* messages a VANISHED being read took away so far */
    mw_name_list listing; /* the ImapGetFirstMailbox cursor */
    /* sees every response code, tagged or not, while a command that
     * wants one (COPYUID) runs; NULL otherwise */
    void (*code_fn)(void *ctx, mw_imap_text word, mw_imap_text rest);
    void *code_ctx;
    /* sees each range of a VANISHED set, (EARLIER) or not, while a
     * command that reports changes runs; NULL otherwise */
    DWORD (*vanished_fn)(void *ctx, uint64_t lo, uint64_t hi);
    void *vanished_ctx;
    int listing_fresh;    /* no command since it: its statuses still hold */
} mw_imap_state;

/* A session in state CLOSED with IMAP state; NULL when out of memory. */
mw_session *mw_imap_session_new(void);

#endif /* MW_IMAP_STATE_H */
