/*
 * cmd_pull.c - pull (server -> Maildir, incremental; the halves are in
 * pull_imap.c and pull_pop.c). Push is in cmd_push.c, sync in cmd_sync.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mailboxes.h"
#include "maildir.h"
#include "os.h"
#include "pull.h"


/* One mailbox (u's) into the Maildir dir, prepared, over the session h. */
static int pull_one(const cli_options *o, const cli_url *u, HCLIENT h, const char *dir)
{
    pull_ctx p;
    memset(&p, 0, sizeof p);
    p.msg.batch = &p.batch;
    p.dir = dir;
    cli_safe_name(u->host, p.host, sizeof p.host);
    pull_key(u, p.key);
    return u->pop ? pull_pop(o, h, &p) : pull_imap(o, u, h, &p);
}

int cmd_pull(const cli_options *o, int argc, char **argv)
{
    cli_url u;
    if (argc != 2) {
        fprintf(stderr, "usage: mailwire pull URL[/MAILBOX] DIR\n");
        return EXIT_USAGE;
    }
    if (cli_url_arg(o, argv[0], &u, "pull", 0) != EXIT_OK)
        return EXIT_USAGE;
    if (o->pop_delete && !u.pop) {
        fprintf(stderr, "mailwire: --delete is for POP3 (pop3:// and pop3s:// URLs)\n");
        return EXIT_USAGE;
    }
    if (o->delete_local && u.pop) {
        fprintf(stderr, "mailwire: --delete-local is for IMAP (imap:// and imaps:// URLs)\n");
        return EXIT_USAGE;
    }
    int many = mailboxes_wanted(o, &u, "pull");
    if (many < 0)
        return EXIT_USAGE;
    int rc = mailboxes_maildir_ready(argv[1]); /* before a connection: a bad DIR is said first */
    if (rc != EXIT_OK)
        return rc;
    HCLIENT h = cli_open(o, &u, &rc);
    if (h == INVALID_CLIENT)
        return rc;
    rc = mailboxes_run(o, &u, h, argv[1], many, pull_one, "pulled into");
    cli_close(&u, h);
    return rc;
}
