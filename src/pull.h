/* pull.h - what `mailwire pull` shares between its IMAP and POP3 halves. */
#ifndef MAILWIRE_PULL_H
#define MAILWIRE_PULL_H

#include "cli.h"
#include "maildir.h"

/* A message the Maildir holds for this key and UIDVALIDITY. */
typedef struct held_msg {
    unsigned long uid;
    int in_cur;      /* in cur/ (else new/) */
    size_t base_len; /* the name before its info */
    char *name;      /* NULL once removed */
    int on_server;   /* --delete-local: the server still has its UID */
} held_msg;

/* All of them, by UID (built when a pull first needs them). */
typedef struct held_index {
    held_msg *v;
    size_t n, cap;
    unsigned long uidvalidity;
    const char *key;
    int built;
} held_index;

typedef struct pull_ctx {
    const char *dir;
    char host[300];
    char key[9];    /* server, user and mailbox, hashed: part of every name */
    DWORD uidvalidity;
    DWORD start_uid; /* the highest UID held when the run began */
    DWORD last_uid;  /* highest UID delivered */
    unsigned long tmp_seq;  /* names in tmp/ before the UID is known */
    unsigned long skipped;  /* messages left out: said on stderr, exit 5 */
    unsigned since_checkpoint;
    maildir_msg msg;
    maildir_batch batch; /* delivered messages waiting for one flush */
    int writing;
    int failed;
    char state_path[4096];
    progress prog;
    /* flags and expunges (IMAP with CONDSTORE / QRESYNC) */
    unsigned long long modseq; /* HIGHESTMODSEQ the last pull saw; 0: none */
    held_index held;
    unsigned long flags_updated; /* messages held whose flags changed */
    unsigned long expunged;      /* messages held the server removed */
    unsigned long removed;       /* ... and removed here (--delete-local) */
    int delete_local;
    /* the new messages' INTERNALDATEs, kept as their files' times */
    struct pull_arrival *arrivals; /* by UID */
    size_t narrivals, arrivals_cap;
} pull_ctx;

typedef struct pull_arrival {
    DWORD uid;
    long long when;
} pull_arrival;

/* The Maildir info letters of IMAP flags ("DFRST" at most), ASCII order. */
#define PULL_INFO_MAX 8
void pull_info(DWORD flags, char out[PULL_INFO_MAX]);
/* The messages DIR holds for uidvalidity and key; 0 or -1. */
int held_index_build(held_index *ix, const char *dir, unsigned long uidvalidity, const char *key);
/* The index of the first one whose UID is uid or more (ix->n: none). */
size_t held_from(const held_index *ix, unsigned long uid);
void held_index_free(held_index *ix);
/* Gives m the flags (moved into cur/ under "NAME:2,LETTERS": the server's
 * letters replaced, a reader's other ones kept); never over another file.
 * 1 renamed, 0 nothing to change, -1 on error. */
int held_set_flags(const char *dir, held_msg *m, DWORD flags);
/* The IMAP flags a Maildir name's info letters say ("NAME:2,FS": D, F,
 * R, S, T); a reader's other letters are not flags. */
DWORD maildir_info_flags(const char *name);
/* Removes m's file; 0 or -1. */
int held_remove(const char *dir, held_msg *m);

/* Deliveries between flushes of the directory and the state file. */
#define CHECKPOINT 100

/* POP3: the messages whose UIDL is neither in the state file nor in the
 * Maildir, fetched with pipelined RETRs. */
int pull_pop(const cli_options *o, HCLIENT h, pull_ctx *p);
/* Fetches the messages of a UID set into p->dir, each under its UID with
 * its flags and its arrival time (pull_note_arrival): what pull and sync
 * share. The FETCH's result; p->failed says a local error. With no
 * state_path, the Maildir is flushed at checkpoints but no state written. */
INT pull_fetch(HCLIENT h, pull_ctx *p, const char *set);
/* A message's INTERNALDATE, kept as its file's time when it arrives;
 * sorted once all are noted. */
void pull_note_arrival(pull_ctx *p, DWORD uid, const char *internal_date);
void pull_arrivals_sort(pull_ctx *p);
/* IMAP: the messages past the highest UID held, for this UIDVALIDITY. */
int pull_imap(const cli_options *o, const cli_url *u, HCLIENT h, pull_ctx *p);
/* The key of server, user and mailbox that every IMAP name and state
 * file carries: 8 hex digits. */
void pull_key(const cli_url *u, char key[9]);
/* EXIT_OK, or (said on stderr) EXIT_SERVER when messages were skipped. */
int pull_skipped_exit(const pull_ctx *p);

#endif
