/* mailboxes.c - the mailboxes --all or --mailbox PATTERN pick, each into
 * a folder of its own (pull and sync share it). */
#include "mailboxes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "folders.h"
#include "maildir.h"

int mailboxes_wanted(const cli_options *o, const cli_url *u, const char *command)
{
    if (!o->all_mailboxes && o->npatterns == 0)
        return 0;
    if (!u->pop && u->mailbox[0] == '\0')
        return 1;
    fprintf(stderr, "mailwire: %s --all and --mailbox are for an IMAP URL without a mailbox\n", command);
    return -1;
}

int mailboxes_maildir_ready(const char *dir)
{
    if (maildir_prepare(dir) == 0)
        return EXIT_OK;
    fprintf(stderr, "mailwire: %s: %s\n", dir, strerror(errno));
    return EXIT_LOCAL;
}

typedef struct listed_box {
    char *name;
    char delim; /* of its hierarchy */
} listed_box;

typedef struct box_list {
    listed_box *v;
    size_t n, cap;
    int failed;
} box_list;

static int listed(const box_list *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].name, name) == 0)
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
    listed_box *v = cli_room_for_one(l->v, l->n, &l->cap, sizeof *v, 32);
    char *copy = v != NULL ? strdup(m->lpszMailbox) : NULL;
    if (v != NULL)
        l->v = v;
    if (copy == NULL) {
        l->failed = 1;
        return FALSE;
    }
    l->v[l->n++] = (listed_box){copy, (char)m->dwDelimiter};
    return TRUE;
}

static void free_boxes(box_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].name);
    free(l->v);
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

/* The folder of l's mailbox i, made (with the parents a nested layout
 * needs) as a Maildir; box gets its name. EXIT_OK, or said on stderr. */
static int ready_folder(const cli_options *o, const char *dir, const box_list *l, size_t i,
                        cli_url *box, char *folder, size_t cap)
{
    folder_layout layout = o->nested_layout ? LAYOUT_NESTED : LAYOUT_MAILDIRPP;
    if (snprintf(box->mailbox, sizeof box->mailbox, "%s", l->v[i].name) >= (int)sizeof box->mailbox ||
        folder_for(dir, l->v[i].name, l->v[i].delim, layout, folder, cap) != 0) {
        fputs("mailwire: ", stderr);
        cli_print_text(stderr, l->v[i].name);
        fputs(": the name is too long for a folder; skipped\n", stderr);
        return EXIT_LOCAL;
    }
    if (folder_make_parents(dir, folder) != 0) {
        fprintf(stderr, "mailwire: %s: %s\n", folder, strerror(errno));
        return EXIT_LOCAL;
    }
    return mailboxes_maildir_ready(folder);
}

int mailboxes_run(const cli_options *o, const cli_url *u, HCLIENT h, const char *dir, int many,
                  mailbox_fn fn, const char *done)
{
    if (!many)
        return fn(o, u, h, dir);
    box_list l = {0};
    int rc = list_boxes(o, h, &l);
    size_t todo = rc == EXIT_OK ? l.n : 0; /* a part of a listing: none of it done */
    for (size_t i = 0; i < todo; i++) {
        static cli_url box; /* large: off the stack */
        char folder[4096];
        box = *u;
        int r = ready_folder(o, dir, &l, i, &box, folder, sizeof folder);
        if (r == EXIT_OK)
            r = fn(o, &box, h, folder);
        if (r != EXIT_OK && rc == EXIT_OK)
            rc = r;
    }
    if (rc == EXIT_OK && !o->quiet)
        printf("%lu mailbox(es) %s %s\n", (unsigned long)l.n, done, dir);
    free_boxes(&l);
    return rc;
}
