/*
 * cmd_sync.c - pull (server -> Maildir, incremental) and push (Maildir ->
 * mailbox). Pull never duplicates and never loses a message: each one is
 * written to tmp/, flushed and renamed into new/ under a name made from
 * its UIDVALIDITY and UID (or sanitized UIDL). A run starts after the highest
 * UID found in the Maildir itself, so a run cut off anywhere resumes where
 * it stopped; the directory is flushed, and the state file written, every
 * CHECKPOINT messages and at the end.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "maildir.h"
#include "pull.h"


static void imap_name(const pull_ctx *p, DWORD uid, char *out, size_t cap)
{
    snprintf(out, cap, "mw-%lu-%lu.%s", (unsigned long)p->uidvalidity, (unsigned long)uid, p->host);
}

/* Makes every delivery so far permanent, then records the position. */
static int save_imap_state(pull_ctx *p)
{
    char text[64];
    p->since_checkpoint = 0;
    if (maildir_sync(p->dir) != 0)
        return -1;
    snprintf(text, sizeof text, "%lu %lu\n", (unsigned long)p->uidvalidity, (unsigned long)p->last_uid);
    return write_file_atomically(p->state_path, text);
}

static BOOL CALLBACK pull_chunk(HCLIENT h, const IMAPFETCHDATA *d, DWORD_PTR param)
{
    pull_ctx *p = (pull_ctx *)param;
    (void)h;
    if (d->dwUid != 0 && d->dwUid <= p->last_uid)
        return TRUE; /* "n:*" answers with the last message even when n is past it */
    if (!p->writing && !d->bLastChunk) {
        char name[512];
        imap_name(p, d->dwUid, name, sizeof name);
        if (maildir_begin(&p->msg, p->dir, name) != 0) {
            p->failed = 1;
            return FALSE;
        }
        p->writing = 1;
    }
    if (!d->bLastChunk) {
        p->prog.bytes += d->dwLength;
        progress_update(&p->prog, 0);
        if (maildir_write(&p->msg, d->lpvData, d->dwLength) != 0) {
            p->failed = 1;
            return FALSE;
        }
        return TRUE;
    }
    if (p->writing && maildir_commit(&p->msg) != 0)
        p->failed = 1;
    p->writing = 0;
    if (p->failed)
        return FALSE;
    p->last_uid = d->dwUid;
    p->prog.done_msgs++;
    progress_update(&p->prog, 0);
    if (++p->since_checkpoint == CHECKPOINT && save_imap_state(p) != 0)
        p->failed = 1;
    return !p->failed;
}

static int pull_imap(const cli_options *o, const cli_url *u, HCLIENT h, pull_ctx *p)
{
    IMAPMAILBOX box;
    const char *mailbox = u->mailbox[0] ? u->mailbox : "INBOX";
    if (ImapExamineMailboxA(h, mailbox, &box) != 0)
        return cli_fail(mailbox, ImapGetLastError());
    char safe_box[600], name[700];
    cli_safe_name(mailbox, safe_box, sizeof safe_box);
    snprintf(name, sizeof name, ".mailwire-state-%s", safe_box);
    snprintf(p->state_path, sizeof p->state_path, "%s/%s", p->dir, name);
    unsigned long v = 0, last = 0;
    FILE *f = fopen(p->state_path, "r");
    if (f != NULL && fscanf(f, "%lu %lu", &v, &last) != 2)
        v = last = 0;
    if (f != NULL)
        fclose(f);
    p->uidvalidity = box.dwMailboxUID;
    p->last_uid = v == box.dwMailboxUID ? (DWORD)last : 0; /* new UIDVALIDITY: start over */
    /* what the Maildir holds wins over a state file a crash left behind */
    unsigned long held = maildir_max_uid(p->dir, box.dwMailboxUID);
    if (held > p->last_uid)
        p->last_uid = (DWORD)held;
    if (v != box.dwMailboxUID || last != p->last_uid)
        p->since_checkpoint = 1; /* the state file is missing or behind: write it at the end */
    char criteria[64];
    snprintf(criteria, sizeof criteria, "UID %lu:*", (unsigned long)p->last_uid + 1);
    INT todo = ImapSearchMailboxA(h, criteria, NULL, IMAP_MESSAGE_UID, NULL, 0);
    progress_start(&p->prog, o->quiet, todo > 0 ? (unsigned long)todo : 0);
    char set[32];
    snprintf(set, sizeof set, "%lu:*", (unsigned long)p->last_uid + 1);
    INT n = box.nMessages == 0 ? 0
                               : ImapFetchMessagesA(h, set, IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK,
                                                    pull_chunk, (DWORD_PTR)p);
    if (p->writing)
        maildir_abort(&p->msg);
    if (!p->failed && p->since_checkpoint > 0 && save_imap_state(p) != 0)
        p->failed = 1;
    progress_finish(&p->prog, "pulled");
    if (p->failed)
        return cli_fail(p->dir, ST_ERROR_FILE_IO);
    if (n < 0)
        return cli_fail_imap(h, "fetch", ImapGetLastError());
    if (!o->quiet)
        printf("%lu new message(s) in %s\n", p->prog.done_msgs, p->dir);
    return EXIT_OK;
}

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
    if (ImapExamineMailboxA(h, mailbox, NULL) != 0) { /* restore into a new mailbox */
        if (ImapCreateMailboxA(h, mailbox) != 0 || ImapExamineMailboxA(h, mailbox, NULL) != 0) {
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
