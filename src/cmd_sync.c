/*
 * cmd_sync.c - `mailwire sync URL/MAILBOX DIR`: a mailbox and a Maildir
 * made the same both ways (with --all or --mailbox PATTERN, each mailbox
 * and its folder, as pull lays them out).
 *  - Messages new on the server are fetched (as pull names them:
 *    "mw-UIDVALIDITY-UID.KEY.HOST", flags as info, INTERNALDATE as the
 *    file's time); messages new in the Maildir are appended (with their
 *    flags and date) and renamed so, from the UID the server gave
 *    (UIDPLUS). A message's name is thus what pairs it with its UID.
 *  - Flags: each side's change since the last sync wins over the other's
 *    stale value, flag by flag (both changed: the Maildir's).
 *  - Deletions only with --expunge: a message the server removed is
 *    removed here, one removed here is flagged \Deleted and expunged
 *    there (UID EXPUNGE). Without it neither side loses a message, and
 *    none comes back: the state remembers what was paired.
 * The state (DIR/.mailwire-sync-MAILBOX.KEY: the UIDVALIDITY, then a UID
 * and the flags both sides agreed on per line) is written atomically at
 * the end; after a crash the names still pair what was fetched or
 * renamed, and flags of pairs the state lacks are merged as a union, so
 * a run cut off anywhere loses nothing; one cut off while appending is
 * mended by the next (sync_upload.c), so nothing is sent twice.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "mailboxes.h"
#include "os.h"
#include "sync.h"

int table_add(uid_table *t, DWORD uid, DWORD flags)
{
    uid_flags *v = cli_room_for_one(t->v, t->n, &t->cap, sizeof *v, 256);
    if (v == NULL)
        return -1;
    t->v = v;
    t->v[t->n++] = (uid_flags){uid, flags};
    return 0;
}

static int by_uid(const void *a, const void *b)
{
    DWORD x = ((const uid_flags *)a)->uid, y = ((const uid_flags *)b)->uid;
    return x < y ? -1 : x > y;
}

/* By UID (qsort wants an array, which an empty table has not). */
static void table_sort(uid_table *t)
{
    if (t->n > 1)
        qsort(t->v, t->n, sizeof *t->v, by_uid);
}

const uid_flags *table_find(const uid_table *t, DWORD uid)
{
    uid_flags key = {uid, 0};
    return t->n > 0 ? bsearch(&key, t->v, t->n, sizeof key, by_uid) : NULL;
}

/* ---- the state file ----------------------------------------------------------- */

/* "UIDVALIDITY V" then "UID FLAGS" lines; a missing file is an empty state.
 * 0, 1 when it belongs to another UIDVALIDITY, -1 on error. */
static int read_state(sync_run *r)
{
    FILE *f = os_fopen(r->state_path, "r");
    if (f == NULL)
        return errno == ENOENT ? 0 : -1;
    unsigned long v = 0, uid, flags;
    int rc = fscanf(f, "UIDVALIDITY %lu", &v) == 1 ? 0 : -1;
    while (rc == 0 && fscanf(f, "%lu %lx", &uid, &flags) == 2)
        rc = table_add(&r->state, (DWORD)uid, (DWORD)flags);
    fclose(f);
    table_sort(&r->state);
    return rc != 0 ? -1 : v != r->p.uidvalidity;
}

static int write_state(sync_run *r)
{
    size_t cap = 32 + r->agreed.n * 24, n = 0;
    char *text = malloc(cap);
    if (text == NULL)
        return -1;
    table_sort(&r->agreed);
    n += (size_t)snprintf(text, cap, "UIDVALIDITY %lu\n", (unsigned long)r->p.uidvalidity);
    for (size_t i = 0; i < r->agreed.n; i++)
        n += (size_t)snprintf(text + n, cap - n, "%lu %lx\n", (unsigned long)r->agreed.v[i].uid,
                              (unsigned long)r->agreed.v[i].flags);
    int rc = write_file_atomically(r->state_path, text);
    free(text);
    return rc;
}

/* ---- the server's side ---------------------------------------------------------- */

static BOOL CALLBACK note_server(HCLIENT h, const IMAPMESSAGE *m, DWORD_PTR param)
{
    sync_run *r = (sync_run *)param;
    (void)h;
    if (table_add(&r->server, m->dwUid, m->dwFlags & SYSTEM_FLAGS) != 0)
        return FALSE;
    pull_note_arrival(&r->p, m->dwUid, m->szInternalDate);
    return TRUE;
}

/* UID, flags and date of every message, one listing. */
static int list_server(sync_run *r, UINT count)
{
    if (count > 0 && ImapListMessagesA(r->h, "1:*", IMAP_MESSAGE_UID, note_server, (DWORD_PTR)r) < 0)
        return cli_fail_imap(r->h, "listing", ImapGetLastError());
    /* a message missing from the listing would look removed there: with
     * --expunge it would be removed here. Only a whole listing is used. */
    INT now = ImapGetMessageCount(r->h);
    if (now < 0 || (size_t)now != r->server.n) {
        fprintf(stderr, "mailwire: the server listed %lu messages of the %d it holds; nothing synced\n",
                (unsigned long)r->server.n, (int)now);
        return EXIT_SERVER;
    }
    table_sort(&r->server);
    pull_arrivals_sort(&r->p);
    return EXIT_OK;
}

/* Adds and removes what differs, leaving keywords alone. */
static int store_flags(sync_run *r, DWORD uid, DWORD from, DWORD to)
{
    DWORD add = to & ~from, del = from & ~to;
    if (add && ImapSetMessageFlags(r->h, uid, add, IMAP_FLAGS_ADD | IMAP_MESSAGE_UID) != 0)
        return -1;
    if (del && ImapSetMessageFlags(r->h, uid, del, IMAP_FLAGS_REMOVE | IMAP_MESSAGE_UID) != 0)
        return -1;
    r->flags_there += (add | del) != 0;
    return 0;
}

/* ---- pairs: a message held here under a UID ------------------------------------- */

/* Flag by flag, the side that changed it since the agreed value wins. */
static DWORD merge(DWORD here, DWORD there, const uid_flags *agreed)
{
    if (agreed == NULL)
        return here | there; /* no record (a crash before the state was written): lose no flag */
    DWORD changed_here = here ^ agreed->flags;
    return (here & changed_here) | (there & ~changed_here);
}

static int sync_pair(sync_run *r, held_msg *m)
{
    const uid_flags *there = table_find(&r->server, (DWORD)m->uid);
    if (there == NULL) { /* the server removed it */
        if (!r->o->expunge)
            return table_add(&r->agreed, (DWORD)m->uid, maildir_info_flags(m->name));
        if (held_remove(r->p.dir, m) != 0)
            return -1;
        r->removed_here++;
        return 0;
    }
    DWORD here = maildir_info_flags(m->name);
    DWORD want = merge(here, there->flags, table_find(&r->state, (DWORD)m->uid));
    if (want != there->flags && store_flags(r, (DWORD)m->uid, there->flags, want) != 0)
        return 1; /* the server's refusal: said by the caller */
    if (want != here) {
        if (held_set_flags(r->p.dir, m, want) < 0)
            return -1;
        r->flags_here++;
    }
    return table_add(&r->agreed, (DWORD)m->uid, want);
}

/* A message the state pairs but no file holds any more: removed here. */
static int sync_removed_here(sync_run *r, const uid_flags *s, const held_index *held)
{
    size_t i = held_from(held, s->uid);
    if (i < held->n && held->v[i].uid == s->uid)
        return 0; /* still here */
    if (table_find(&r->server, s->uid) == NULL)
        return 0; /* gone from both: forgotten */
    if (!r->o->expunge)
        return table_add(&r->agreed, s->uid, s->flags); /* kept there, and not fetched again */
    return table_add(&r->to_expunge, s->uid, 0);
}

static int sync_pairs(sync_run *r)
{
    held_index *held = &r->p.held;
    if (held_index_build(held, r->p.dir, r->p.uidvalidity, r->p.key) != 0)
        return cli_fail(r->p.dir, ST_ERROR_FILE_IO);
    for (size_t i = 0; i < held->n; i++) {
        int e = sync_pair(r, &held->v[i]);
        if (e < 0)
            return cli_fail(r->p.dir, ST_ERROR_FILE_IO);
        if (e > 0)
            return cli_fail_imap(r->h, "store", ImapGetLastError());
    }
    for (size_t i = 0; i < r->state.n; i++)
        if (sync_removed_here(r, &r->state.v[i], held) != 0)
            return cli_fail("sync", ST_ERROR_OUT_OF_MEMORY);
    return EXIT_OK;
}

/* The UIDs as one message set ("1:3,7"), allocated; NULL when out of memory. */
static char *uid_set(const DWORD *uids, size_t n)
{
    INT len = ImapMakeMessageSetA(uids, (INT)n, NULL, 0);
    char *set = len > 0 ? malloc((size_t)len + 1) : NULL;
    if (set != NULL && ImapMakeMessageSetA(uids, (INT)n, set, len + 1) < 0) {
        free(set);
        set = NULL;
    }
    return set;
}

/* --expunge: what was removed here goes there too, in one STORE and one
 * UID EXPUNGE. */
static int expunge_there(sync_run *r)
{
    if (r->to_expunge.n == 0)
        return EXIT_OK;
    DWORD *uids = malloc(r->to_expunge.n * sizeof *uids);
    if (uids == NULL)
        return cli_fail("sync", ST_ERROR_OUT_OF_MEMORY);
    for (size_t i = 0; i < r->to_expunge.n; i++)
        uids[i] = r->to_expunge.v[i].uid;
    char *set = uid_set(uids, r->to_expunge.n);
    int rc = EXIT_OK;
    if (set == NULL)
        rc = cli_fail("sync", ST_ERROR_OUT_OF_MEMORY);
    else if (ImapSetMessagesFlagsA(r->h, set, IMAP_FLAG_DELETED, IMAP_FLAGS_ADD | IMAP_MESSAGE_UID) < 0 ||
             ImapExpungeMessagesA(r->h, set) < 0)
        rc = cli_fail_imap(r->h, "expunge", ImapGetLastError());
    else
        r->removed_there = r->to_expunge.n;
    free(set);
    free(uids);
    return rc;
}

/* ---- new on the server: fetched as pull fetches ------------------------------------ */

static int fetch_new(sync_run *r)
{
    DWORD *uids = malloc((r->server.n + 1) * sizeof *uids);
    if (uids == NULL)
        return cli_fail("sync", ST_ERROR_OUT_OF_MEMORY);
    size_t n = 0;
    for (size_t i = 0; i < r->server.n; i++) {
        DWORD uid = r->server.v[i].uid;
        size_t h = held_from(&r->p.held, uid);
        int held = h < r->p.held.n && r->p.held.v[h].uid == uid;
        if (!held && table_find(&r->state, uid) == NULL) /* neither here nor removed here */
            uids[n++] = uid;
    }
    int rc = EXIT_OK;
    if (n > 0) {
        char *set = uid_set(uids, n);
        if (set == NULL) {
            rc = cli_fail("sync", ST_ERROR_OUT_OF_MEMORY);
        } else {
            unsigned long before = r->p.prog.done_msgs;
            INT got = pull_fetch(r->h, &r->p, set);
            r->down = r->p.prog.done_msgs - before;
            if (r->p.failed)
                rc = cli_fail(r->p.dir, ST_ERROR_FILE_IO);
            else if (got < 0)
                rc = cli_fail_imap(r->h, "fetch", ImapGetLastError());
        }
        free(set);
    }
    /* what arrived is agreed on; what did not (a fetch cut off) is not
     * recorded, so it is fetched next time - never taken as removed here */
    held_index now;
    if (n > 0 && held_index_build(&now, r->p.dir, r->p.uidvalidity, r->p.key) == 0) {
        for (size_t i = 0; i < n; i++) {
            size_t h = held_from(&now, uids[i]);
            if (h < now.n && now.v[h].uid == uids[i] &&
                table_add(&r->agreed, uids[i], table_find(&r->server, uids[i])->flags) != 0)
                rc = cli_fail("sync", ST_ERROR_OUT_OF_MEMORY);
        }
        held_index_free(&now);
    }
    free(uids);
    return rc;
}

/* ---- the run ------------------------------------------------------------------------ */

static int open_mailbox(sync_run *r, IMAPMAILBOX *box)
{
    memset(box, 0, sizeof *box);
    box->dwSize = sizeof *box;
    if (ImapSelectMailboxA(r->h, r->mailbox, box) == 0)
        return EXIT_OK;
    if (ImapCreateMailboxA(r->h, r->mailbox) != 0 || ImapSelectMailboxA(r->h, r->mailbox, box) != 0)
        return cli_fail_imap(r->h, r->mailbox, ImapGetLastError());
    return EXIT_OK;
}

static int prepare(sync_run *r)
{
    IMAPMAILBOX box;
    int rc = open_mailbox(r, &box);
    if (rc != EXIT_OK)
        return rc;
    if (!ImapHasCapabilityA(r->h, "UIDPLUS")) {
        fprintf(stderr, "mailwire: sync needs a server with UIDPLUS (the UID of what it appends)\n");
        return EXIT_SERVER;
    }
    if (box.dwMailboxUID == 0) {
        fprintf(stderr, "mailwire: the server gave no valid UIDVALIDITY for this mailbox\n");
        return EXIT_SERVER;
    }
    r->p.uidvalidity = box.dwMailboxUID;
    r->uidnext = box.dwNextMessageUID;
    char safe_box[600];
    cli_safe_name(r->mailbox, safe_box, sizeof safe_box);
    snprintf(r->state_path, sizeof r->state_path, "%s/.mailwire-sync-%s.%s", r->p.dir, safe_box, r->p.key);
    snprintf(r->journal_path, sizeof r->journal_path, "%s.append", r->state_path);
    int st = read_state(r);
    if (st < 0)
        return cli_fail(r->state_path, ST_ERROR_FILE_IO);
    if (st > 0) {
        fputs("mailwire: ", stderr);
        cli_print_text(stderr, r->mailbox); /* a name from the server's listing (--all) */
        fprintf(stderr, " has a new UIDVALIDITY since the last sync: its UIDs mean other messages now. "
                        "Remove %s to sync it afresh (messages here may then be sent again)\n", r->state_path);
        return EXIT_SERVER;
    }
    rc = list_server(r, box.nMessages);
    return rc == EXIT_OK ? sync_recover_appends(r) : rc;
}

static void summary(const sync_run *r)
{
    cli_print_text(stdout, r->mailbox); /* a name from the server's listing (--all) */
    printf(": %lu fetched, %lu appended, flags of %lu changed there and %lu here", r->down, r->up,
           r->flags_there, r->flags_here);
    if (r->o->expunge)
        printf(", %lu removed here, %lu there", r->removed_here, r->removed_there);
    putchar('\n');
}

/* One mailbox (box's) with the Maildir dir, over the session h. */
static int sync_one(const cli_options *o, const cli_url *box, HCLIENT h, const char *dir)
{
    static sync_run r; /* large: off the stack */
    memset(&r, 0, sizeof r);
    r.o = o;
    r.h = h;
    r.mailbox = box->mailbox[0] ? box->mailbox : "INBOX";
    r.p.msg.batch = &r.p.batch;
    r.p.dir = dir;
    cli_safe_name(box->host, r.p.host, sizeof r.p.host);
    pull_key(box, r.p.key);
    int rc = prepare(&r);
    progress_start(&r.p.prog, o->quiet, 0);
    /* each step only when the one before went well; the state only then */
    if (rc == EXIT_OK)
        rc = sync_pairs(&r);
    if (rc == EXIT_OK)
        rc = expunge_there(&r);
    if (rc == EXIT_OK)
        rc = fetch_new(&r);
    if (rc == EXIT_OK)
        rc = sync_upload_new(&r);
    if (rc == EXIT_OK && (maildir_sync(r.p.dir, NULL) != 0 || write_state(&r) != 0))
        rc = cli_fail(r.state_path, ST_ERROR_FILE_IO);
    if (rc == EXIT_OK) /* every append is paired by name and in the state now */
        os_remove(r.journal_path);
    if (rc == EXIT_OK && !o->quiet)
        summary(&r);
    held_index_free(&r.p.held);
    free(r.p.arrivals);
    free(r.server.v);
    free(r.state.v);
    free(r.agreed.v);
    free(r.to_expunge.v);
    return rc;
}

int cmd_sync(const cli_options *o, int argc, char **argv)
{
    cli_url u;
    if (argc != 2) {
        fprintf(stderr, "usage: mailwire sync imap[s]://user@host[/MAILBOX] DIR [--all | --mailbox PATTERN...] [--expunge]\n");
        return EXIT_USAGE;
    }
    if (cli_url_arg(o, argv[0], &u, "sync", 0) != EXIT_OK || cli_needs_imap(&u, "sync") != EXIT_OK)
        return EXIT_USAGE;
    int many = mailboxes_wanted(o, &u, "sync");
    if (many < 0)
        return EXIT_USAGE;
    const char *dir = argv[1];
    int rc = mailboxes_maildir_ready(dir); /* with many, INBOX's folder */
    if (rc != EXIT_OK)
        return rc;
    HCLIENT h = cli_open(o, &u, &rc);
    if (h == INVALID_CLIENT)
        return rc;
    rc = mailboxes_run(o, &u, h, dir, many, sync_one, "synced with");
    cli_close(&u, h);
    return rc;
}
