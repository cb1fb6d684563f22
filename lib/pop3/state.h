/*
 * state.h - what a POP3 session keeps beside the shared session
 * (lib/proto/session.h): the APOP timestamp, the maildrop caches (STAT,
 * LIST, UIDL, DELE marks) and the CAPA sent behind a login.
 */
#ifndef MW_POP3_STATE_H
#define MW_POP3_STATE_H

#include "../proto/session.h"

typedef struct mw_pop_state {
    char apop_stamp[260];
    int stat_known;     /* count and octets below are valid */
    DWORD count;        /* messages in the maildrop (STAT) */
    DWORD octets;       /* its size (STAT) */
    DWORD *sizes;       /* LIST, indexed by message number - 1 */
    char **uids;        /* UIDL, likewise */
    unsigned char *deleted; /* DELE marks, until RSET or QUIT */
    DWORD listed;       /* entries in sizes / uids / deleted */
    int capa_follows;   /* login: send CAPA right behind the last auth command */
    int capa_sent;      /* ... and it was: its answer is still to be read */
    int greeting_pending; /* POP_OPTION_EARLY_LOGIN: the greeting is not read yet */
    int capa_due;       /* after AUTH: CAPA is still to be asked (lazily) */
    int capa_ahead;     /* ... and went ahead of a command: its answer comes first */
} mw_pop_state;

/* A session in state CLOSED with POP3 state; NULL when out of memory. */
mw_session *mw_pop_session_new(void);

/* Drops the maildrop caches (STAT, LIST, UIDL, DELE marks). */
void mw_pop_forget_maildrop(mw_session *s);

#endif /* MW_POP3_STATE_H */
