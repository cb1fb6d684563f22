/* pull.h - what `mailwire pull` shares between its IMAP and POP3 halves. */
#ifndef MAILWIRE_PULL_H
#define MAILWIRE_PULL_H

#include "cli.h"
#include "maildir.h"

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
} pull_ctx;

/* Deliveries between flushes of the directory and the state file. */
#define CHECKPOINT 100

/* POP3: the messages whose UIDL is neither in the state file nor in the
 * Maildir, fetched with pipelined RETRs. */
int pull_pop(const cli_options *o, HCLIENT h, pull_ctx *p);
/* IMAP: the messages past the highest UID held, for this UIDVALIDITY. */
int pull_imap(const cli_options *o, const cli_url *u, HCLIENT h, pull_ctx *p);
/* The key of server, user and mailbox that every IMAP name and state
 * file carries: 8 hex digits. */
void pull_key(const cli_url *u, char key[9]);
/* EXIT_OK, or (said on stderr) EXIT_SERVER when messages were skipped. */
int pull_skipped_exit(const pull_ctx *p);

#endif
