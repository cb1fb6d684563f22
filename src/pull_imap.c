/*
 * pull_imap.c - `mailwire pull` over IMAP. Pull never duplicates, never
 * overwrites and never loses a message:
 *  - each message is written to tmp/, and only once its whole FETCH
 *    response is in - so its UID is known and range-checked, whatever
 *    order the items came in - and its bytes are on the disk (one flush of
 *    the file system per checkpoint, not one per message) is it moved into
 *    new/ under a name made from UIDVALIDITY, UID and a key of server, user
 *    and mailbox;
 *  - a name already taken is never replaced;
 *  - a message without a valid UID is dropped, said on stderr, and the
 *    run ends with exit 5 after taking everything else;
 *  - a run starts after the highest UID of this key found in the Maildir
 *    itself, so a run cut off anywhere resumes where it stopped; the
 *    directory is flushed, and the state file written, every CHECKPOINT
 *    messages and at the end.
 * Flags travel too: a message arrives with its flags as Maildir info (in
 * cur/ when it has any), and where the server has CONDSTORE a later run
 * learns the flags changed since the last one in one command, and with
 * QRESYNC the messages the server removed (kept here unless
 * --delete-local).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "os.h"
#include "pull.h"

void pull_key(const cli_url *u, char key[9])
{
    /* FNV-1a: a short, stable tag; the parts are separated so that
     * ("ab", "c") and ("a", "bc") differ */
    uint32_t h = 2166136261u;
    const char *parts[] = {u->host, u->user, u->mailbox[0] ? u->mailbox : "INBOX"};
    for (size_t i = 0; i < 3; i++) {
        for (const unsigned char *c = (const unsigned char *)parts[i]; *c; c++)
            h = (h ^ *c) * 16777619u;
        h = (h ^ 0xFFu) * 16777619u;
    }
    snprintf(key, 9, "%08lx", (unsigned long)h);
}

int pull_skipped_exit(const pull_ctx *p)
{
    if (p->skipped == 0)
        return EXIT_OK;
    fprintf(stderr, "mailwire: %lu message(s) skipped (see above); the rest were pulled\n",
            p->skipped);
    return EXIT_SERVER;
}

/* Makes every delivery so far permanent, then records the position. */
static int save_imap_state(pull_ctx *p)
{
    char text[64];
    p->since_checkpoint = 0;
    int r = maildir_sync(p->dir, &p->batch);
    p->prog.done_msgs -= p->batch.dropped; /* those UIDs were already held */
    p->batch.dropped = 0;
    if (r != 0)
        return -1;
    if (p->state_path[0] == '\0')
        return 0; /* sync keeps its own */
    snprintf(text, sizeof text, "%lu %lu %llu\n", (unsigned long)p->uidvalidity, (unsigned long)p->last_uid,
             p->modseq);
    return write_file_atomically(p->state_path, text);
}

static int begin_message(pull_ctx *p)
{
    char name[512];
    snprintf(name, sizeof name, "mw-tmp-%ld-%lu.%s", os_pid(), ++p->tmp_seq, p->host);
    if (maildir_begin(&p->msg, p->dir, name) != 0)
        return -1;
    p->writing = 1;
    return 0;
}

/* ---- arrival times ------------------------------------------------------------ */

void pull_note_arrival(pull_ctx *p, DWORD uid, const char *internal_date)
{
    pull_arrival *v = cli_room_for_one(p->arrivals, p->narrivals, &p->arrivals_cap, sizeof *v, 256);
    if (v == NULL)
        return; /* the times only: the messages still come */
    p->arrivals = v;
    long long when;
    if (cli_parse_imap_date(internal_date, &when) == 0)
        p->arrivals[p->narrivals++] = (pull_arrival){uid, when};
}

static int by_uid(const void *a, const void *b)
{
    DWORD x = ((const pull_arrival *)a)->uid, y = ((const pull_arrival *)b)->uid;
    return x < y ? -1 : x > y;
}

void pull_arrivals_sort(pull_ctx *p)
{
    if (p->narrivals > 1) /* none: no array to hand qsort */
        qsort(p->arrivals, p->narrivals, sizeof *p->arrivals, by_uid);
}

/* One message this run delivered gets its INTERNALDATE as its file's
 * time, the file found by the name it was given (a failure costs only
 * the time: the message is there). */
static BOOL CALLBACK stamp_arrival(HCLIENT h, const IMAPMESSAGE *m, DWORD_PTR param)
{
    pull_ctx *p = (pull_ctx *)param;
    char path[4800], info[PULL_INFO_MAX];
    long long when;
    (void)h;
    if (m->dwUid <= p->start_uid || cli_parse_imap_date(m->szInternalDate, &when) != 0)
        return TRUE; /* "n:*" answers with the last message even when n is past it */
    pull_info(m->dwFlags, info);
    int n = snprintf(path, sizeof path, "%s/%s/", p->dir, info[0] ? "cur" : "new");
    maildir_uid_name(path + n, sizeof path - (size_t)n, p->uidvalidity, m->dwUid, p->key, p->host,
                     info[0] ? info : NULL);
    (void)os_set_mtime(path, when);
    return TRUE;
}

/* The INTERNALDATEs of what this run delivered, as the files' times: one
 * listing, streamed, after the fetch - memory stays flat however many
 * messages came. */
static void stamp_arrivals(HCLIENT h, pull_ctx *p, const char *set)
{
    (void)ImapListMessagesA(h, set, IMAP_MESSAGE_UID, stamp_arrival, (DWORD_PTR)p);
}

static long long arrival_of(const pull_ctx *p, DWORD uid)
{
    pull_arrival key = {uid, 0};
    const pull_arrival *a =
        p->narrivals > 0 ? bsearch(&key, p->arrivals, p->narrivals, sizeof key, by_uid) : NULL;
    return a != NULL ? a->when : 0;
}

/* The whole response is in: the message goes into new/ under its UID, or
 * is dropped. 0, or -1 on a local error. */
static int end_message(pull_ctx *p, const IMAPFETCHDATA *d)
{
    if (!p->writing && begin_message(p) != 0) /* an empty body */
        return -1;
    p->writing = 0;
    if (d->dwUid == 0) {
        maildir_abort(&p->msg);
        fprintf(stderr, "mailwire: message %u skipped: the server sent no valid UID for it\n",
                d->nMessageId);
        p->skipped++;
        return 0;
    }
    if (d->dwUid <= p->start_uid) { /* "n:*" answers with the last message even when n is past it */
        maildir_abort(&p->msg);
        return 0;
    }
    char name[600], info[PULL_INFO_MAX];
    pull_info(d->dwFlags, info);
    /* seen, answered...: into cur/ with its flags */
    maildir_uid_name(name, sizeof name, p->uidvalidity, d->dwUid, p->key, p->host, info[0] ? info : NULL);
    p->msg.arrived = arrival_of(p, d->dwUid);
    int placed = maildir_commit_in(&p->msg, p->dir, info[0] != '\0' ? "cur" : "new", name);
    if (placed < 0)
        return -1;
    if (d->dwUid > p->last_uid)
        p->last_uid = d->dwUid;
    p->prog.done_msgs += placed == 0; /* 1: that UID was already held (or at the flush) */
    progress_update(&p->prog, 0);
    if (++p->since_checkpoint == CHECKPOINT && save_imap_state(p) != 0)
        return -1;
    return 0;
}

static BOOL CALLBACK pull_chunk(HCLIENT h, const IMAPFETCHDATA *d, DWORD_PTR param)
{
    pull_ctx *p = (pull_ctx *)param;
    (void)h;
    if (d->bLastChunk) {
        p->failed = end_message(p, d) != 0;
        return !p->failed;
    }
    if (!p->writing && begin_message(p) != 0) {
        p->failed = 1;
        return FALSE;
    }
    p->prog.bytes += d->dwLength;
    progress_update(&p->prog, 0);
    if (maildir_write(&p->msg, d->lpvData, d->dwLength) != 0)
        p->failed = 1;
    return !p->failed;
}

/* The position recorded for this key, or, once, from the file an older
 * version kept per mailbox only. */
/* "UIDVALIDITY LAST-UID [HIGHESTMODSEQ]": the mod-sequence is 0 in the
 * files of versions that kept none. */
static void read_state(pull_ctx *p, const char *legacy_path, unsigned long *v, unsigned long *last,
                       unsigned long long *modseq)
{
    FILE *f = os_fopen(p->state_path, "r");
    if (f == NULL)
        f = os_fopen(legacy_path, "r");
    int fields = f != NULL ? fscanf(f, "%lu %lu %llu", v, last, modseq) : 0;
    if (fields < 2)
        *v = *last = 0;
    if (fields < 3)
        *modseq = 0;
    if (f != NULL)
        fclose(f);
}

/* Where this run starts: after the state's position, or after the highest
 * UID the Maildir holds for this key, whichever is later. */
static void find_start(pull_ctx *p, const char *mailbox)
{
    char safe_box[600], legacy[4800];
    cli_safe_name(mailbox, safe_box, sizeof safe_box);
    snprintf(p->state_path, sizeof p->state_path, "%s/.mailwire-state-%s.%s", p->dir, safe_box, p->key);
    snprintf(legacy, sizeof legacy, "%s/.mailwire-state-%s", p->dir, safe_box);
    unsigned long v = 0, last = 0;
    unsigned long long modseq = 0;
    read_state(p, legacy, &v, &last, &modseq);
    p->last_uid = v == p->uidvalidity ? (DWORD)last : 0; /* new UIDVALIDITY: start over */
    p->modseq = v == p->uidvalidity ? modseq : 0;
    /* what the Maildir holds wins over a state file a crash left behind */
    unsigned long held = maildir_max_uid(p->dir, p->uidvalidity, p->key);
    if (held > p->last_uid)
        p->last_uid = (DWORD)held;
    if (v != p->uidvalidity || last != p->last_uid || !os_exists(p->state_path))
        p->since_checkpoint = 1; /* the state file is missing or behind: write it at the end */
    p->start_uid = p->last_uid;
}

/* One change the server reports since the last pull: new flags for a
 * message held, or a range of UIDs it removed. */
static BOOL CALLBACK on_change(HCLIENT h, const IMAPCHANGE *c, DWORD_PTR param)
{
    pull_ctx *p = (pull_ctx *)param;
    (void)h;
    if (!p->held.built && held_index_build(&p->held, p->dir, p->uidvalidity, p->key) != 0) {
        p->failed = 1;
        return FALSE;
    }
    unsigned long last = c->dwKind == IMAP_CHANGE_EXPUNGED ? c->dwLastUid : c->dwUid;
    for (size_t i = held_from(&p->held, c->dwUid); i < p->held.n && p->held.v[i].uid <= last; i++) {
        held_msg *m = &p->held.v[i];
        if (m->name == NULL)
            continue;
        if (c->dwKind == IMAP_CHANGE_FLAGS) {
            int r = held_set_flags(p->dir, m, c->dwFlags);
            p->failed |= r < 0;
            p->flags_updated += r > 0;
        } else {
            p->expunged++; /* --delete-local removes it with the others (mirror_expunges) */
        }
    }
    return !p->failed;
}

/* What changed among the messages held since the last pull: one command
 * where the server has CONDSTORE and the mailbox moved on since. */
static int catch_up(HCLIENT h, pull_ctx *p, unsigned long long highest, int qresync)
{
    if (highest == 0 || p->modseq == 0 || highest <= p->modseq || p->last_uid == 0) {
        p->since_checkpoint += highest != p->modseq; /* a new mod-sequence to keep */
        p->modseq = highest;
        return 0;
    }
    char set[32];
    snprintf(set, sizeof set, "1:%lu", (unsigned long)p->last_uid);
    DWORD options = IMAP_MESSAGE_UID | (qresync ? IMAP_CHANGES_VANISHED : 0);
    INT n = ImapFetchChangesA(h, set, p->modseq, options, on_change, (DWORD_PTR)p);
    if (n < 0)
        return -1;
    p->modseq = highest;
    p->since_checkpoint++;
    return 0;
}

static BOOL CALLBACK mark_on_server(HCLIENT h, DWORD uid, DWORD_PTR param)
{
    held_index *ix = (held_index *)param;
    (void)h;
    size_t i = held_from(ix, uid);
    if (i < ix->n && ix->v[i].uid == uid)
        ix->v[i].on_server = 1;
    return TRUE;
}

/* --delete-local: every message held that the server no longer has is
 * removed, whenever it went (an earlier pull may have learned of it and
 * kept it; a server without QRESYNC says nothing at all): one UID SEARCH
 * of the range held. Only a search answered in full removes anything. */
static int mirror_expunges(HCLIENT h, pull_ctx *p)
{
    if (!p->delete_local || p->last_uid == 0)
        return 0;
    if (!p->held.built && held_index_build(&p->held, p->dir, p->uidvalidity, p->key) != 0) {
        p->failed = 1;
        return -1;
    }
    char criteria[48];
    snprintf(criteria, sizeof criteria, "UID 1:%lu", (unsigned long)p->last_uid);
    if (ImapSearchMessagesA(h, criteria, NULL, IMAP_MESSAGE_UID, mark_on_server, (DWORD_PTR)&p->held) < 0)
        return -1;
    for (size_t i = 0; i < p->held.n; i++) {
        held_msg *m = &p->held.v[i];
        if (m->name == NULL || m->on_server)
            continue;
        if (held_remove(p->dir, m) != 0) {
            p->failed = 1;
            return -1;
        }
        p->removed++;
    }
    return 0;
}

/* CONDSTORE or QRESYNC on where the server has them, before the EXAMINE
 * that then reports HIGHESTMODSEQ; a refusal only costs the catching up. */
static int enable_sync(HCLIENT h)
{
    if (ImapHasCapabilityA(h, "QRESYNC") && ImapEnableA(h, "QRESYNC") == 0)
        return 1;
    if (ImapHasCapabilityA(h, "CONDSTORE"))
        (void)ImapEnableA(h, "CONDSTORE");
    return 0;
}

static void say_changes(const pull_ctx *p)
{
    if (p->flags_updated > 0)
        printf("flags of %lu message(s) updated\n", p->flags_updated);
    if (p->delete_local)
        printf("%lu message(s) removed from the server, removed here too\n", p->removed);
    else if (p->expunged > 0)
        printf("%lu message(s) removed from the server are kept here (--delete-local removes them)\n",
               p->expunged);
}

INT pull_fetch(HCLIENT h, pull_ctx *p, const char *set)
{
    INT n = ImapFetchMessagesA(h, set, IMAP_MESSAGE_UID | IMAP_MESSAGE_PEEK, pull_chunk, (DWORD_PTR)p);
    if (p->writing)
        maildir_abort(&p->msg);
    /* also after a failure: what was delivered stays recorded */
    if (p->since_checkpoint > 0 && save_imap_state(p) != 0)
        p->failed = 1;
    maildir_batch_discard(&p->batch); /* what a failed flush left in tmp/ */
    return n;
}

int pull_imap(const cli_options *o, const cli_url *u, HCLIENT h, pull_ctx *p)
{
    IMAPMAILBOX box = {.dwSize = sizeof(IMAPMAILBOX)};
    const char *mailbox = u->mailbox[0] ? u->mailbox : "INBOX";
    int qresync = enable_sync(h);
    p->delete_local = o->delete_local;
    if (ImapExamineMailboxA(h, mailbox, &box) != 0)
        return cli_fail(mailbox, ImapGetLastError());
    if (box.dwMailboxUID == 0) { /* names would collide across UIDVALIDITY changes */
        fprintf(stderr, "mailwire: the server gave no valid UIDVALIDITY for this mailbox; "
                        "nothing pulled\n");
        return EXIT_SERVER;
    }
    p->uidvalidity = box.dwMailboxUID;
    find_start(p, mailbox);
    if (catch_up(h, p, box.ullHighestModSeq, qresync) != 0 || mirror_expunges(h, p) != 0) {
        held_index_free(&p->held);
        return p->failed ? cli_fail(p->dir, ST_ERROR_FILE_IO) : cli_fail_imap(h, "flags", ImapGetLastError());
    }
    held_index_free(&p->held);
    char criteria[64], set[32];
    /* past the largest UID there can be nothing new, nor from UIDNEXT on:
     * then the EXAMINE was the only round trip */
    int more = box.nMessages > 0 && p->last_uid < 0xFFFFFFFFu &&
               (box.dwNextMessageUID == 0 || p->last_uid + 1 < box.dwNextMessageUID);
    snprintf(criteria, sizeof criteria, "UID %lu:*", (unsigned long)p->last_uid + 1);
    INT todo = more ? ImapSearchMailboxA(h, criteria, NULL, IMAP_MESSAGE_UID, NULL, 0) : 0;
    progress_start(&p->prog, o->quiet, todo > 0 ? (unsigned long)todo : 0);
    snprintf(set, sizeof set, "%lu:*", (unsigned long)p->last_uid + 1);
    INT n = more ? pull_fetch(h, p, set) : 0;
    if (n > 0 && !p->failed)
        stamp_arrivals(h, p, set);
    if (!more && p->since_checkpoint > 0 && save_imap_state(p) != 0)
        p->failed = 1;
    free(p->arrivals);
    progress_finish(&p->prog);
    if (p->failed)
        return cli_fail(p->dir, ST_ERROR_FILE_IO);
    if (n < 0 && !(ImapGetLastError() == ST_ERROR_PROTOCOL_VIOLATION && p->skipped > 0))
        return cli_fail_imap(h, "fetch", ImapGetLastError());
    if (!o->quiet) {
        printf("%lu new message(s) in %s\n", p->prog.done_msgs, p->dir);
        say_changes(p);
    }
    return pull_skipped_exit(p);
}
