/*
 * cmd_pull.c - pull (server -> Maildir, incremental; the halves are in
 * pull_imap.c and pull_pop.c). Push is in cmd_push.c, sync in cmd_sync.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "folders.h"
#include "maildir.h"
#include "os.h"
#include "pull.h"


/* dir as a Maildir (made where missing): EXIT_OK, or EXIT_LOCAL said. */
static int prepare(const char *dir)
{
    if (maildir_prepare(dir) == 0)
        return EXIT_OK;
    fprintf(stderr, "mailwire: %s: %s\n", dir, strerror(errno));
    return EXIT_LOCAL;
}

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

/* ---- every mailbox (--all, --mailbox PATTERN) ---------------------------------- */

typedef struct box_list {
    char **names;
    char *delims;
    size_t n, cap;
    int failed;
} box_list;

static int listed(const box_list *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->names[i], name) == 0)
            return 1;
    return 0;
}

static BOOL CALLBACK collect_box(HCLIENT h, const IMAPMAILBOXINFOA *m, DWORD_PTR param)
{
    box_list *l = (box_list *)param;
    (void)h;
    if (m->bStatusOnly || (m->dwFlags & (IMAP_FLAG_NOSELECT | IMAP_FLAG_NONEXISTENT)) ||
        listed(l, m->lpszMailbox))
        return TRUE; /* no messages can be in a \Noselect one */
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 32;
        char **names = realloc(l->names, cap * sizeof *names);
        char *delims = names != NULL ? realloc(l->delims, cap) : NULL;
        if (names != NULL)
            l->names = names;
        if (delims == NULL) {
            l->failed = 1;
            return FALSE;
        }
        l->delims = delims;
        l->cap = cap;
    }
    char *copy = strdup(m->lpszMailbox);
    if (copy == NULL) {
        l->failed = 1;
        return FALSE;
    }
    l->names[l->n] = copy;
    l->delims[l->n++] = (char)m->dwDelimiter;
    return TRUE;
}

static void free_boxes(box_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
    free(l->delims);
}

/* The mailboxes --all or the --mailbox patterns name, in the server's
 * order, each once. EXIT_OK or the exit code. */
static int list_boxes(const cli_options *o, HCLIENT h, box_list *l)
{
    static const char *everything[] = {"*"};
    const char *const *patterns = o->all_mailboxes ? everything : o->mailbox_patterns;
    int n = o->all_mailboxes ? 1 : o->npatterns;
    for (int i = 0; i < n; i++)
        if (ImapListMailboxesA(h, "", patterns[i], 0, collect_box, (DWORD_PTR)l) < 0)
            return l->failed ? cli_fail("listing mailboxes", ST_ERROR_OUT_OF_MEMORY)
                             : cli_fail_imap(h, "listing mailboxes", ImapGetLastError());
    return EXIT_OK;
}

/* Each mailbox into its folder: one that fails is said and the others are
 * still pulled; the exit code is the first failure's. */
static int pull_boxes(const cli_options *o, const cli_url *u, HCLIENT h, const char *dir)
{
    box_list l = {0};
    int rc = list_boxes(o, h, &l);
    size_t todo = rc == EXIT_OK ? l.n : 0; /* a part of a listing: none of it pulled */
    folder_layout layout = o->nested_layout ? LAYOUT_NESTED : LAYOUT_MAILDIRPP;
    for (size_t i = 0; i < todo; i++) {
        static cli_url box; /* large: off the stack */
        box = *u;
        char folder[4096];
        int r = snprintf(box.mailbox, sizeof box.mailbox, "%s", l.names[i]) >= (int)sizeof box.mailbox ||
                        folder_for(dir, l.names[i], l.delims[i], layout, folder, sizeof folder) != 0
                    ? EXIT_LOCAL
                    : EXIT_OK;
        if (r != EXIT_OK) {
            fputs("mailwire: ", stderr);
            cli_print_text(stderr, l.names[i]);
            fputs(": the name is too long for a folder; skipped\n", stderr);
        } else if (folder_make_parents(dir, folder) != 0) {
            fprintf(stderr, "mailwire: %s: %s\n", folder, strerror(errno));
            r = EXIT_LOCAL;
        } else if ((r = prepare(folder)) == EXIT_OK) {
            r = pull_one(o, &box, h, folder);
        }
        if (r != EXIT_OK && rc == EXIT_OK)
            rc = r;
    }
    if (rc == EXIT_OK && !o->quiet)
        printf("%lu mailbox(es) pulled into %s\n", (unsigned long)l.n, dir);
    free_boxes(&l);
    return rc;
}

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
    int many = o->all_mailboxes || o->npatterns > 0;
    if (many && (u.pop || u.mailbox[0] != '\0')) {
        fprintf(stderr, "mailwire: --all and --mailbox are for an IMAP URL without a mailbox\n");
        return EXIT_USAGE;
    }
    int rc = prepare(argv[1]); /* before a connection: a bad DIR is said first */
    if (rc != EXIT_OK)
        return rc;
    HCLIENT h = cli_open(o, &u, &rc);
    if (h == INVALID_CLIENT)
        return rc;
    rc = many ? pull_boxes(o, &u, h, argv[1]) : pull_one(o, &u, h, argv[1]);
    cli_close(&u, h);
    return rc;
}
