/*
 * pull_pop.c - `mailwire pull` over POP3: UIDL decides what is new. The
 * UIDLs already pulled (the state file) and the names already in the
 * Maildir are each read once into a sorted set, so deciding costs
 * O(n log n) however large the Maildir. Each run of new messages is then
 * fetched with PopFetchMessages, whose pipelined RETRs cost about one round
 * trip for the lot instead of one per message. With --delete, every message
 * the Maildir holds is deleted from the server once the whole pull is
 * flushed to disk, and only then (QUIT commits the deletions).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os.h"
#include "pull.h"

/* ---- sorted sets of names ------------------------------------------------- */

typedef struct name_set {
    char **v;
    size_t n, cap;
} name_set;

static int set_add(name_set *s, const char *name, size_t len)
{
    char **v = cli_room_for_one(s->v, s->n, &s->cap, sizeof *v, 256);
    if (v == NULL)
        return -1;
    s->v = v;
    char *copy = malloc(len + 1);
    if (copy == NULL)
        return -1;
    memcpy(copy, name, len);
    copy[len] = '\0';
    s->v[s->n++] = copy;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void set_sort(name_set *s)
{
    if (s->n > 1)
        qsort(s->v, s->n, sizeof *s->v, by_name);
}

static int set_has(const name_set *s, const char *name)
{
    return s->n > 0 && bsearch(&name, s->v, s->n, sizeof *s->v, by_name) != NULL;
}

static void set_free(name_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    memset(s, 0, sizeof *s);
}

static int add_name(const char *name, size_t len, void *ctx)
{
    return set_add(ctx, name, len);
}

/* One UIDL per line, as the state file keeps them. */
static int read_state(const char *path, name_set *seen)
{
    FILE *f = os_fopen(path, "r");
    char line[1024];
    int rc = 0;
    while (f != NULL && rc == 0 && fgets(line, sizeof line, f) != NULL) {
        size_t len = strcspn(line, "\r\n");
        if (len > 0)
            rc = set_add(seen, line, len);
    }
    if (f != NULL)
        fclose(f);
    return rc;
}

/* ---- the state file: every UIDL pulled, written at checkpoints ----------- */

typedef struct state_text {
    char *p;
    size_t len, cap;
} state_text;

static int state_append(state_text *t, const char *uid)
{
    size_t n = strlen(uid);
    if (t->len + n + 2 > t->cap) {
        size_t cap = (t->len + n + 2) * 2;
        char *p = realloc(t->p, cap);
        if (p == NULL)
            return -1;
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->len, uid, n);
    t->len += n;
    t->p[t->len++] = '\n';
    t->p[t->len] = '\0';
    return 0;
}

static int state_init(state_text *t, const name_set *seen)
{
    t->p = calloc(1, 1);
    t->len = 0;
    t->cap = 1;
    int rc = t->p == NULL ? -1 : 0;
    for (size_t i = 0; i < seen->n && rc == 0; i++)
        rc = state_append(t, seen->v[i]);
    return rc;
}

/* ---- fetching ------------------------------------------------------------- */

typedef struct pop_pull {
    pull_ctx *p;
    char **uids;    /* by message number; NULL: not wanted */
    unsigned char *held; /* by message number: in the Maildir (or about to be) */
    state_text state;
    UINT current;   /* the message being written, 0 if none */
    int fresh;
} pop_pull;

/* Makes every delivery so far permanent, then records the UIDLs. */
static int checkpoint(pop_pull *pp)
{
    pull_ctx *p = pp->p;
    p->since_checkpoint = 0;
    int r = maildir_sync(p->dir, &p->batch);
    pp->fresh -= (int)p->batch.dropped; /* a copy was already there */
    p->batch.dropped = 0;
    return r == 0 ? write_file_atomically(p->state_path, pp->state.p) : -1;
}

static void message_name(const pull_ctx *p, const char *uid, char *out, size_t cap)
{
    char safe[300];
    cli_safe_name(uid, safe, sizeof safe); /* the server's UIDL never becomes a path */
    snprintf(out, cap, "mw-pop-%s.%s", safe, p->host);
}

static int begin_message(pop_pull *pp, UINT id)
{
    char name[700];
    message_name(pp->p, pp->uids[id], name, sizeof name);
    if (maildir_begin(&pp->p->msg, pp->p->dir, name) != 0)
        return -1;
    pp->p->writing = 1;
    pp->current = id;
    return 0;
}

/* The message is complete: into new/, and its UIDL into the state. */
static int finish_message(pop_pull *pp, UINT id)
{
    pull_ctx *p = pp->p;
    if (pp->current != id && begin_message(pp, id) != 0) /* an empty message */
        return -1;
    p->writing = 0;
    pp->current = 0;
    int placed = maildir_commit(&p->msg); /* 1: a copy was already there (or at the flush) */
    if (placed < 0 || state_append(&pp->state, pp->uids[id]) != 0)
        return -1;
    pp->held[id] = 1; /* deleted from the server only once flushed */
    pp->fresh += placed == 0;
    p->prog.done_msgs++;
    progress_update(&p->prog, 0);
    return ++p->since_checkpoint == CHECKPOINT ? checkpoint(pp) : 0;
}

static BOOL CALLBACK on_chunk(HCLIENT h, const POPFETCHDATA *d, DWORD_PTR param)
{
    pop_pull *pp = (pop_pull *)param;
    pull_ctx *p = pp->p;
    (void)h;
    if (p->failed || pp->uids[d->nMessageId] == NULL)
        return !p->failed;
    if (d->bLastChunk) {
        p->failed = finish_message(pp, d->nMessageId) != 0;
        return !p->failed;
    }
    if (pp->current != d->nMessageId && begin_message(pp, d->nMessageId) != 0)
        p->failed = 1;
    p->prog.bytes += d->dwLength;
    progress_update(&p->prog, 0);
    if (!p->failed && maildir_write(&p->msg, d->lpvData, d->dwLength) != 0)
        p->failed = 1;
    return !p->failed;
}

/* Decides which messages are new: uids[i] set for each. Messages already
 * in the Maildir (a crash before the state was written) join the state. */
static int choose(pop_pull *pp, HCLIENT h, INT n, const name_set *seen, const name_set *present)
{
    for (INT i = 1; i <= n; i++) {
        char uid[80], name[700];
        if (PopGetMessageUidA(h, (UINT)i, uid, sizeof uid) < 0) {
            if (PopGetLastError() != ST_ERROR_PROTOCOL_VIOLATION)
                return cli_fail("UIDL", PopGetLastError());
            /* no name to keep it under, and no way to know it is new */
            fprintf(stderr, "mailwire: message %d skipped: its UIDL is not valid\n", (int)i);
            pp->p->skipped++;
            continue;
        }
        if (set_has(seen, uid)) {
            pp->p->prog.done_msgs++;
            pp->held[i] = 1;
            continue;
        }
        message_name(pp->p, uid, name, sizeof name);
        if (set_has(present, name)) {
            pp->p->prog.done_msgs++;
            if (state_append(&pp->state, uid) != 0)
                return cli_fail("pull", ST_ERROR_OUT_OF_MEMORY);
            pp->p->since_checkpoint++; /* written with the next checkpoint */
            pp->held[i] = 1;
            continue;
        }
        if ((pp->uids[i] = strdup(uid)) == NULL)
            return cli_fail("pull", ST_ERROR_OUT_OF_MEMORY);
    }
    return EXIT_OK;
}

/* Each run of consecutive new messages in one PopFetchMessages. */
static int fetch_runs(pop_pull *pp, HCLIENT h, INT n)
{
    for (INT first = 1; first <= n; first++) {
        if (pp->uids[first] == NULL)
            continue;
        INT last = first;
        while (last < n && pp->uids[last + 1] != NULL)
            last++;
        INT r = PopFetchMessages(h, (UINT)first, (UINT)last, on_chunk, (DWORD_PTR)pp, 0);
        if (pp->p->writing) {
            maildir_abort(&pp->p->msg);
            pp->p->writing = 0;
        }
        if (pp->p->failed)
            return cli_fail(pp->p->dir, ST_ERROR_FILE_IO);
        if (r < 0)
            return cli_fail("RETR", PopGetLastError());
        first = last;
    }
    return EXIT_OK;
}

static int load_sets(pull_ctx *p, name_set *seen, name_set *present)
{
    if (read_state(p->state_path, seen) != 0 || maildir_each_name(p->dir, add_name, present) != 0)
        return -1;
    set_sort(seen);
    set_sort(present);
    return 0;
}

/* --delete: DELE of every message the Maildir holds. Called only once
 * the pull has succeeded and its last checkpoint is on disk; the server
 * deletes nothing before QUIT, so a broken connection deletes nothing. */
static int delete_held(const cli_options *o, const pop_pull *pp, HCLIENT h, INT n)
{
    int deleted = 0;
    for (INT i = 1; i <= n; i++) {
        if (!pp->held[i])
            continue;
        if (PopDeleteMessage(h, (UINT)i) != 0)
            return cli_fail("DELE", PopGetLastError());
        deleted++;
    }
    if (!o->quiet)
        printf("%d message(s) deleted from the server\n", deleted);
    return EXIT_OK;
}

int pull_pop(const cli_options *o, HCLIENT h, pull_ctx *p)
{
    snprintf(p->state_path, sizeof p->state_path, "%s/.mailwire-state-pop3", p->dir);
    name_set seen = {0}, present = {0};
    pop_pull pp;
    memset(&pp, 0, sizeof pp);
    pp.p = p;
    INT n = PopGetMessageCount(h);
    int rc = n < 0 ? cli_fail("STAT", PopGetLastError()) : EXIT_OK;
    if (rc == EXIT_OK && (load_sets(p, &seen, &present) != 0 || state_init(&pp.state, &seen) != 0 ||
                          (pp.uids = calloc((size_t)n + 1, sizeof *pp.uids)) == NULL ||
                          (pp.held = calloc((size_t)n + 1, 1)) == NULL))
        rc = cli_fail("pull", ST_ERROR_OUT_OF_MEMORY);
    if (rc == EXIT_OK) {
        progress_start(&p->prog, o->quiet, (unsigned long)n);
        rc = choose(&pp, h, n, &seen, &present);
    }
    if (rc == EXIT_OK)
        rc = fetch_runs(&pp, h, n);
    /* also after a failure: what was delivered stays recorded */
    if (pp.state.p != NULL && p->since_checkpoint > 0 && checkpoint(&pp) != 0 && rc == EXIT_OK)
        rc = cli_fail(p->state_path, ST_ERROR_FILE_IO);
    if (n >= 0)
        progress_finish(&p->prog);
    if (rc == EXIT_OK && !o->quiet)
        printf("%d new message(s) in %s\n", pp.fresh, p->dir);
    if (rc == EXIT_OK && o->pop_delete)
        rc = delete_held(o, &pp, h, n);
    maildir_batch_discard(&p->batch); /* what a failed flush left in tmp/ */
    for (INT i = 0; pp.uids != NULL && i <= n; i++)
        free(pp.uids[i]);
    free(pp.uids);
    free(pp.held);
    free(pp.state.p);
    set_free(&seen);
    set_free(&present);
    return rc == EXIT_OK ? pull_skipped_exit(p) : rc;
}
