/*
 * cmd_sync.c - pull (server -> Maildir, incremental; the halves are in
 * pull_imap.c and pull_pop.c) and push (Maildir -> mailbox).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "maildir.h"
#include "pull.h"


int cmd_pull(const cli_options *o, int argc, char **argv)
{
    cli_url u;
    if (argc != 2 || cli_parse_url(argv[0], &u) != 0) {
        fprintf(stderr, "usage: mailwire pull URL[/MAILBOX] DIR\n");
        return EXIT_USAGE;
    }
    pull_ctx p;
    memset(&p, 0, sizeof p);
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
    const char *info = strstr(name, ":2,");
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

static int push_file(HCLIENT h, const char *path, const char *name, const char *mailbox, int *pushed)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return cli_fail(path, ST_ERROR_FILE_IO);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *msg = n > 0 ? malloc((size_t)n) : NULL;
    int rc = EXIT_OK;
    if (msg == NULL || fread(msg, 1, (size_t)n, f) != (size_t)n)
        rc = n == 0 ? EXIT_OK : cli_fail(path, ST_ERROR_FILE_IO);
    else if (!already_there(h, msg, (size_t)n)) {
        if (ImapAppendMessageA(h, mailbox, msg, (DWORD)n, maildir_flags(name), NULL) < 0)
            rc = cli_fail_imap(h, "append", ImapGetLastError());
        else
            (*pushed)++;
    }
    free(msg);
    fclose(f);
    return rc;
}

int cmd_push(const cli_options *o, int argc, char **argv)
{
    cli_url u;
    if (argc != 2 || cli_parse_url(argv[1], &u) != 0 || u.pop) {
        fprintf(stderr, "usage: mailwire push DIR imap[s]://user@host/MAILBOX\n");
        return EXIT_USAGE;
    }
    const char *mailbox = u.mailbox[0] ? u.mailbox : "INBOX";
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
    progress p;
    progress_start(&p, o->quiet, 0);
    int pushed = 0;
    rc = EXIT_OK;
    const char *subs[] = {"cur", "new"};
    for (int s = 0; s < 2 && rc == EXIT_OK; s++) {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", argv[0], subs[s]);
        DIR *d = opendir(dir);
        for (struct dirent *e; d != NULL && rc == EXIT_OK && (e = readdir(d)) != NULL;) {
            if (e->d_name[0] == '.')
                continue;
            char path[8192];
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            rc = push_file(h, path, e->d_name, mailbox, &pushed);
            p.done_msgs++;
            progress_update(&p, 0);
        }
        if (d != NULL)
            closedir(d);
    }
    progress_finish(&p, "pushed");
    if (rc == EXIT_OK && !o->quiet)
        printf("%d message(s) appended to %s\n", pushed, mailbox);
    cli_close(&u, h);
    return rc;
}
