/* pull.h - what `mailwire pull` shares between its IMAP and POP3 halves. */
#ifndef MAILWIRE_PULL_H
#define MAILWIRE_PULL_H

#include "cli.h"
#include "maildir.h"

typedef struct pull_ctx {
    const char *dir;
    char host[300];
    DWORD uidvalidity;
    DWORD last_uid; /* highest UID delivered */
    unsigned since_checkpoint;
    maildir_msg msg;
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

#endif
