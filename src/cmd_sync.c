/*
 * cmd_sync.c - pull (server -> Maildir, incremental; the halves are in
 * pull_imap.c and pull_pop.c). Push is in cmd_push.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "maildir.h"
#include "os.h"
#include "pull.h"


int cmd_pull(const cli_options *o, int argc, char **argv)
{
    cli_url u;
    if (argc != 2 || cli_parse_url(o, argv[0], &u) != 0) {
        fprintf(stderr, "usage: mailwire pull URL[/MAILBOX] DIR\n");
        return EXIT_USAGE;
    }
    if (o->pop_delete && !u.pop) {
        fprintf(stderr, "mailwire: --delete is for POP3 (pop3:// and pop3s:// URLs)\n");
        return EXIT_USAGE;
    }
    if (o->delete_local && u.pop) {
        fprintf(stderr, "mailwire: --delete-local is for IMAP (imap:// and imaps:// URLs)\n");
        return EXIT_USAGE;
    }
    pull_ctx p;
    memset(&p, 0, sizeof p);
    p.msg.batch = &p.batch;
    p.dir = argv[1];
    cli_safe_name(u.host, p.host, sizeof p.host);
    pull_key(&u, p.key);
    if (maildir_prepare(p.dir) != 0)
        return cli_fail(p.dir, ST_ERROR_FILE_IO);
    int rc;
    HCLIENT h = cli_open(o, &u, &rc);
    if (h == INVALID_CLIENT)
        return rc;
    rc = u.pop ? pull_pop(o, h, &p) : pull_imap(o, &u, h, &p);
    cli_close(&u, h);
    return rc;
}
