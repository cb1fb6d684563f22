/*
 * cmd_sync.c - pull (server -> Maildir, incremental; the halves are in
 * pull_imap.c and pull_pop.c) and push (Maildir -> mailbox).
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
    if (argc != 2 || cli_parse_url(argv[0], &u) != 0) {
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

/* ---- push ------------------------------------------------------------------- */

static DWORD maildir_flags(const char *name)
{
    const char *info = name + strcspn(name, MAILDIR_INFO_SEPARATORS);
    if (strncmp(info, ":2,", 3) != 0 && strncmp(info, "!2,", 3) != 0)
        info = NULL;
    DWORD f = 0;
    for (const char *c = info != NULL ? info + 3 : ""; *c; c++)
        f |= *c == 'S' ? IMAP_FLAG_SEEN : *c == 'R' ? IMAP_FLAG_ANSWERED : *c == 'F' ? IMAP_FLAG_FLAGGED
           : *c == 'D' ? IMAP_FLAG_DRAFT : 0;
    return f;
}

/* A message whose Message-ID the mailbox already holds is not sent twice. */
static int already_there(HCLIENT h, const char *msg, size_t len)
{
    const char *hdr = NULL;
    for (const char *p = msg; p < msg + len && (p == msg || p[-1] == '\n'); ) {
        if (strncasecmp(p, "Message-ID:", 11) == 0) {
            hdr = p + 11;
            break;
        }
        if (*p == '\r' || *p == '\n')
            break; /* end of header */
        const char *nl = memchr(p, '\n', (size_t)(msg + len - p));
        if (nl == NULL)
            break;
        p = nl + 1;
    }
    char id[512], criteria[600];
    if (hdr == NULL || sscanf(hdr, " %511[^\r\n\"\\]", id) != 1)
        return 0;
    snprintf(criteria, sizeof criteria, "HEADER Message-ID \"%s\"", id);
    return ImapSearchMailboxA(h, criteria, NULL, 0, NULL, 0) > 0;
}

/* The whole file, NUL-terminated (the Message-ID scan reads it as a
 * string); NULL for an empty or unreadable one, *rc_r says which. */
static char *read_message(const char *path, size_t *len_r, int *rc_r)
{
    *rc_r = EXIT_OK;
    FILE *f = os_fopen(path, "rb");
    if (f == NULL) {
        *rc_r = cli_fail(path, ST_ERROR_FILE_IO);
        return NULL;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *msg = n > 0 ? malloc((size_t)n + 1) : NULL;
    if (msg == NULL || fread(msg, 1, (size_t)n, f) != (size_t)n) {
        if (n != 0)
            *rc_r = cli_fail(path, ST_ERROR_FILE_IO);
        free(msg);
        msg = NULL;
    } else {
        msg[n] = '\0';
        *len_r = (size_t)n;
    }
    fclose(f);
    return msg;
}

static int push_file(HCLIENT h, const char *path, const char *name, const char *mailbox, int *pushed)
{
    size_t n;
    int rc;
    char *msg = read_message(path, &n, &rc);
    if (msg != NULL && !already_there(h, msg, n)) {
        if (ImapAppendMessageA(h, mailbox, msg, (DWORD)n, maildir_flags(name), NULL) < 0)
            rc = cli_fail_imap(h, "append", ImapGetLastError());
        else
            (*pushed)++;
    }
    free(msg);
    return rc;
}

typedef struct push_walk {
    HCLIENT h;
    const char *mailbox;
    char dir[4096];
    progress progress;
    int pushed;
} push_walk;

/* One file of cur/ or new/: EXIT_OK to go on, or the exit code. */
static int push_each(const char *name, void *ctx)
{
    push_walk *w = ctx;
    if (name[0] == '.')
        return EXIT_OK;
    char path[8192];
    snprintf(path, sizeof path, "%s/%s", w->dir, name);
    int rc = push_file(w->h, path, name, w->mailbox, &w->pushed);
    w->progress.done_msgs++;
    progress_update(&w->progress, 0);
    return rc;
}

/* A Maildir has cur/ or new/: anything else (a typo, a plain folder) is
 * refused before a connection is made, so no empty mailbox is created
 * and no success reported for nothing. */
static int is_maildir(const char *dir)
{
    char sub[4096];
    snprintf(sub, sizeof sub, "%s/cur", dir);
    if (os_exists(sub))
        return 1;
    snprintf(sub, sizeof sub, "%s/new", dir);
    return os_exists(sub);
}

int cmd_push(const cli_options *o, int argc, char **argv)
{
    cli_url u;
    if (argc != 2 || cli_parse_url(argv[1], &u) != 0 || u.pop) {
        fprintf(stderr, "usage: mailwire push DIR imap[s]://user@host/MAILBOX\n");
        return EXIT_USAGE;
    }
    const char *mailbox = u.mailbox[0] ? u.mailbox : "INBOX";
    if (!is_maildir(argv[0])) {
        fprintf(stderr, "mailwire: %s: not a Maildir (no cur/ or new/ in it)\n", argv[0]);
        return EXIT_LOCAL;
    }
    int rc;
    HCLIENT h = cli_open(o, &u, &rc);
    if (h == INVALID_CLIENT)
        return rc;
    /* Read-write: some servers (Courier) refuse an APPEND to the mailbox
     * selected read-only, and the duplicate check needs it selected. */
    if (ImapSelectMailboxA(h, mailbox, NULL) != 0) { /* restore into a new mailbox */
        if (ImapCreateMailboxA(h, mailbox) != 0 || ImapSelectMailboxA(h, mailbox, NULL) != 0) {
            rc = cli_fail_imap(h, mailbox, ImapGetLastError());
            cli_close(&u, h);
            return rc;
        }
    }
    push_walk w = {h, mailbox, {0}, {0}, 0};
    progress_start(&w.progress, o->quiet, 0);
    const char *subs[] = {"cur", "new"};
    rc = EXIT_OK;
    for (int s = 0; s < 2 && rc == EXIT_OK; s++) {
        snprintf(w.dir, sizeof w.dir, "%s/%s", argv[0], subs[s]);
        rc = os_dir_each(w.dir, push_each, &w);
        if (rc < 0)
            rc = EXIT_OK; /* no such folder: nothing in it to push */
    }
    int pushed = w.pushed;
    progress_finish(&w.progress, "pushed");
    if (rc == EXIT_OK && !o->quiet)
        printf("%d message(s) appended to %s\n", pushed, mailbox);
    cli_close(&u, h);
    return rc;
}
