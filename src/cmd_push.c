/*
 * cmd_push.c - `mailwire push DIR URL/MAILBOX`: a Maildir's messages
 * appended to a mailbox, oldest first, each with its flags and its date,
 * none twice:
 *  - the order and the date (INTERNALDATE) come from the file's time of
 *    last change, which Maildir readers keep as the arrival time (and
 *    pull sets so); where it is missing or in the future, from the
 *    delivery time that starts a Maildir name ("1700000003.M1P2.host");
 *  - flags from the name's info: S, R, F, D and T become \Seen,
 *    \Answered, \Flagged, \Draft and \Deleted;
 *  - a message whose Message-ID the mailbox holds is skipped; one without
 *    a Message-ID is known by the SHA-256 of its bytes, recorded in
 *    DIR/.mailwire-pushed.KEY (KEY: server, user and mailbox) once the
 *    server has taken it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "local_msg.h"
#include "maildir.h"
#include "os.h"
#include "pull.h"
#include "sha256.h"

typedef struct push_item {
    char *path; /* DIR/cur/NAME or DIR/new/NAME */
    const char *name;
    long long when; /* seconds since 1970; 0: unknown */
} push_item;

typedef struct push_list {
    push_item *v;
    size_t n, cap;
    const char *sub_dir; /* DIR/cur or DIR/new, while it is read */
    int failed;
} push_list;

static int add_item(const char *name, void *ctx)
{
    push_list *l = ctx;
    if (name[0] == '.')
        return 0;
    push_item *v = cli_room_for_one(l->v, l->n, &l->cap, sizeof *v, 256);
    if (v == NULL)
        return l->failed = 1;
    l->v = v;
    size_t dn = strlen(l->sub_dir), nn = strlen(name);
    char *path = malloc(dn + nn + 2);
    if (path == NULL)
        return l->failed = 1;
    memcpy(path, l->sub_dir, dn);
    path[dn] = '/';
    memcpy(path + dn + 1, name, nn + 1);
    l->v[l->n++] = (push_item){path, path + dn + 1, local_arrival(path, name)};
    return 0;
}

static int oldest_first(const void *a, const void *b)
{
    const push_item *x = a, *y = b;
    if (x->when != y->when)
        return x->when < y->when ? -1 : 1;
    return strcmp(x->name, y->name);
}

static void free_list(push_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].path);
    free(l->v);
}

/* Every message of DIR/cur and DIR/new, oldest first. 0 or -1. */
static int collect(const char *dir, push_list *l)
{
    static const char *subs[] = {"cur", "new"};
    char sub[4096];
    for (int s = 0; s < 2 && !l->failed; s++) {
        snprintf(sub, sizeof sub, "%s/%s", dir, subs[s]);
        l->sub_dir = sub;
        if (os_exists(sub) && os_dir_each(sub, add_item, l) < 0) {
            fprintf(stderr, "mailwire: %s: %s\n", sub, strerror(errno));
            return -1;
        }
    }
    if (l->failed) {
        fprintf(stderr, "mailwire: out of memory listing %s\n", dir);
        return -1;
    }
    if (l->n > 1) /* none: no array to hand qsort */
        qsort(l->v, l->n, sizeof *l->v, oldest_first);
    return 0;
}

/* ---- what a message carries ------------------------------------------------- */

/* The Message-ID's value, or 0 when the header has none. */
static int message_id(const char *msg, size_t len, char *id, size_t cap)
{
    for (const char *p = msg; p < msg + len;) {
        if (*p == '\r' || *p == '\n')
            return 0; /* the end of the header */
        if (len - (size_t)(p - msg) > 11 && strncasecmp(p, "Message-ID:", 11) == 0) {
            p += 11;
            p += strspn(p, " \t");
            /* up to the line's end; a quote or backslash would end the
             * SEARCH string, so the value stops there */
            size_t n = strcspn(p, "\r\n\"\\");
            if (n == 0 || n >= cap)
                return 0;
            memcpy(id, p, n);
            id[n] = '\0';
            return 1;
        }
        const char *nl = memchr(p, '\n', len - (size_t)(p - msg));
        if (nl == NULL)
            return 0;
        p = nl + 1;
    }
    return 0;
}

/* ---- the digests of what was pushed without a Message-ID -------------------- */

typedef struct pushed_set {
    char (*v)[65];
    size_t n, cap;
    char path[4200];
} pushed_set;

static int by_digest(const void *a, const void *b)
{
    return memcmp(a, b, 64);
}

static int pushed_has(const pushed_set *s, const char digest[65])
{
    return s->n > 0 && bsearch(digest, s->v, s->n, sizeof *s->v, by_digest) != NULL;
}

/* Into the sorted set; 0 or -1. */
static int pushed_insert(pushed_set *s, const char digest[65])
{
    char(*v)[65] = cli_room_for_one(s->v, s->n, &s->cap, sizeof *v, 64);
    if (v == NULL)
        return -1;
    s->v = v;
    size_t at = 0;
    while (at < s->n && memcmp(s->v[at], digest, 64) < 0)
        at++;
    memmove(s->v + at + 1, s->v + at, (s->n - at) * sizeof *s->v);
    memcpy(s->v[at], digest, 65);
    s->n++;
    return 0;
}

static int pushed_load(pushed_set *s, const char *dir, const char *key)
{
    snprintf(s->path, sizeof s->path, "%s/.mailwire-pushed.%s", dir, key);
    FILE *f = os_fopen(s->path, "r");
    if (f == NULL)
        return errno == ENOENT ? 0 : -1;
    char line[128];
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strlen(line) == 64 && !pushed_has(s, line))
            rc = pushed_insert(s, line);
    }
    fclose(f);
    return rc;
}

/* Recorded on the disk before the next message goes: a run cut off after
 * this never sends it again. 0 or -1. */
static int pushed_record(pushed_set *s, const char digest[65])
{
    FILE *f = os_fopen(s->path, "a");
    int ok = f != NULL && fprintf(f, "%s\n", digest) == 65 && fflush(f) == 0 && os_fsync(f) == 0;
    if (f != NULL && fclose(f) != 0)
        ok = 0;
    return ok && pushed_insert(s, digest) == 0 ? 0 : -1;
}

/* ---- the run ---------------------------------------------------------------- */

typedef struct push_run {
    HCLIENT h;
    const char *mailbox;
    pushed_set pushed;
    progress progress;
    unsigned long appended, skipped;
} push_run;

/* The mailbox holds it already: by its Message-ID, or by its digest. */
static int already_there(push_run *r, const char *msg, size_t len, char digest[65])
{
    char id[512], criteria[600];
    digest[0] = '\0';
    if (message_id(msg, len, id, sizeof id)) {
        snprintf(criteria, sizeof criteria, "HEADER Message-ID \"%s\"", id);
        return ImapSearchMailboxA(r->h, criteria, NULL, 0, NULL, 0) > 0;
    }
    sha256 s;
    sha256_start(&s);
    sha256_add(&s, msg, len);
    sha256_hex(&s, digest);
    return pushed_has(&r->pushed, digest);
}

static int push_one(push_run *r, const push_item *it)
{
    size_t n = 0;
    int rc;
    char digest[65];
    char *msg = local_read(it->path, &n, &rc);
    if (msg == NULL)
        return rc;
    r->progress.bytes += n;
    if (already_there(r, msg, n, digest)) {
        r->skipped++;
    } else {
        if (local_append(r->h, r->mailbox, msg, n, it->name, it->when) < 0) {
            rc = cli_fail_imap(r->h, "append", ImapGetLastError());
        } else {
            r->appended++;
            if (digest[0] != '\0' && pushed_record(&r->pushed, digest) != 0) {
                fprintf(stderr, "mailwire: %s: %s\n", r->pushed.path, strerror(errno));
                rc = EXIT_LOCAL;
            }
        }
    }
    free(msg);
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

/* Read-write: some servers (Courier) refuse an APPEND to the mailbox
 * selected read-only, and the duplicate check needs it selected; one
 * that does not exist is made (a restore into a new mailbox). */
static int open_mailbox(HCLIENT h, const char *mailbox)
{
    if (ImapSelectMailboxA(h, mailbox, NULL) == 0)
        return 0;
    if (ImapCreateMailboxA(h, mailbox) != 0 || ImapSelectMailboxA(h, mailbox, NULL) != 0)
        return -1;
    return 0;
}

static int push_all(push_run *r, const push_list *l)
{
    int rc = EXIT_OK;
    for (size_t i = 0; i < l->n && rc == EXIT_OK; i++) {
        rc = push_one(r, &l->v[i]);
        r->progress.done_msgs++;
        progress_update(&r->progress, 0);
    }
    return rc;
}

int cmd_push(const cli_options *o, int argc, char **argv)
{
    cli_url u;
    if (argc != 2) {
        fprintf(stderr, "usage: mailwire push DIR imap[s]://user@host/MAILBOX\n");
        return EXIT_USAGE;
    }
    if (cli_url_arg(o, argv[1], &u, "push", 0) != EXIT_OK || cli_needs_imap(&u, "push") != EXIT_OK)
        return EXIT_USAGE;
    const char *dir = argv[0];
    if (!is_maildir(dir)) {
        fprintf(stderr, "mailwire: %s: not a Maildir (no cur/ or new/ in it)\n", dir);
        return EXIT_LOCAL;
    }
    push_run r;
    memset(&r, 0, sizeof r);
    r.mailbox = u.mailbox[0] ? u.mailbox : "INBOX";
    char key[9];
    pull_key(&u, key);
    if (pushed_load(&r.pushed, dir, key) != 0) {
        fprintf(stderr, "mailwire: %s: %s\n", r.pushed.path, strerror(errno));
        free(r.pushed.v);
        return EXIT_LOCAL;
    }
    push_list l = {0};
    int rc = collect(dir, &l) == 0 ? EXIT_OK : EXIT_LOCAL;
    r.h = rc == EXIT_OK ? cli_open(o, &u, &rc) : INVALID_CLIENT;
    if (r.h != INVALID_CLIENT) {
        if (open_mailbox(r.h, r.mailbox) != 0) {
            rc = cli_fail_imap(r.h, r.mailbox, ImapGetLastError());
        } else {
            progress_start(&r.progress, o->quiet, (unsigned long)l.n);
            rc = push_all(&r, &l);
            progress_finish(&r.progress);
            if (rc == EXIT_OK && !o->quiet) {
                printf("%lu message(s) appended to %s", r.appended, r.mailbox);
                if (r.skipped > 0)
                    printf(", %lu already there (skipped)", r.skipped);
                putchar('\n');
            }
        }
        cli_close(&u, r.h);
    }
    free_list(&l);
    free(r.pushed.v);
    return rc;
}
