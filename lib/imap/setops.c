/*
 * setops.c - STORE, COPY, MOVE and UID EXPUNGE of message sets: one
 * command per 7,680 bytes of compacted set (one round trip for any set of
 * runs), and the old UID -> new UID mapping of COPYUID (RFC 4315) handed
 * to the caller pair by pair.
 */
#include <stdio.h>
#include <string.h>

#include "../proto/number.h"
#include "../sys/alloc.h"
#include "msgset.h"
#include "imap.h"

/* What follows the set in each command, and what each command's answer
 * is handed to. */
typedef struct set_op {
    const char *verb; /* "STORE", "COPY", "MOVE", "EXPUNGE" */
    DWORD (*tail)(mw_session *s, mw_imap_cmd *c, const void *ctx);
    const void *tail_ctx;
} set_op;

/* "[UID ]VERB <chunk><tail>" for each chunk of the set, in order. */
static DWORD run_on_set(mw_session *s, const set_op *op, const char *set, DWORD options)
{
    mw_msgset ms;
    memset(&ms, 0, sizeof ms);
    DWORD err = s->state != MW_STATE_SELECTED ? ST_ERROR_NO_MAILBOX_SELECTED : mw_msgset_parse(&ms, set);
    char verb[32], chunk[MW_MSGSET_CHUNK_MAX + 1];
    snprintf(verb, sizeof verb, "%s%s", (options & IMAP_MESSAGE_UID) ? "UID " : "", op->verb);
    for (size_t next = 0; err == 0 && next < ms.n;) {
        mw_imap_cmd c;
        mw_msgset_format(&ms, &next, chunk, sizeof chunk);
        err = mw_imap_cmd_begin(s, &c, verb);
        if (err == 0)
            err = mw_imap_cmd_atom(&c, chunk);
        if (err == 0 && op->tail != NULL)
            err = op->tail(s, &c, op->tail_ctx);
        if (err == 0)
            err = mw_imap_run(s, &c, NULL, NULL);
        mw_imap_cmd_free(&c);
    }
    mw_msgset_free(&ms);
    return err;
}

/* ---- STORE -------------------------------------------------------------- */

typedef struct store_args {
    DWORD flags;          /* system flags, or */
    const char *keywords; /* keywords when not NULL */
    DWORD options;
    uint64_t unchanged_since; /* CONDSTORE: only messages not changed since; 0: all */
} store_args;

static const char *store_verb(DWORD options)
{
    if (options & IMAP_FLAGS_ADD)
        return " +FLAGS.SILENT (";
    if (options & IMAP_FLAGS_REMOVE)
        return " -FLAGS.SILENT (";
    return " FLAGS.SILENT (";
}

DWORD mw_imap_append_flags(mw_buf *b, DWORD flags)
{
    static const struct {
        DWORD bit;
        const char *name;
    } names[] = {{IMAP_FLAG_SEEN, "\\Seen"},       {IMAP_FLAG_ANSWERED, "\\Answered"},
                 {IMAP_FLAG_FLAGGED, "\\Flagged"}, {IMAP_FLAG_DELETED, "\\Deleted"},
                 {IMAP_FLAG_DRAFT, "\\Draft"}};
    DWORD err = 0;
    for (size_t i = 0; err == 0 && i < sizeof names / sizeof names[0]; i++)
        if (flags & names[i].bit)
            err = mw_buf_printf(b, "%s%s", b->p[b->len - 1] == '(' ? "" : " ", names[i].name);
    return err;
}

/* Keywords are atoms (RFC 3501 flag-keyword): anything else is refused
 * before it could reach the server. */
static DWORD append_keywords(mw_buf *b, const char *keywords)
{
    DWORD err = 0;
    for (const char *p = keywords; err == 0 && *p;) {
        size_t n = strcspn(p, " ");
        if (n == 0) {
            p++;
            continue;
        }
        if (!mw_imap_valid_keyword(p, n))
            return ST_ERROR_INVALID_PARAMETER;
        if (b->p[b->len - 1] != '(')
            err = mw_buf_append(b, " ", 1);
        if (err == 0)
            err = mw_buf_append(b, p, n);
        p += n;
    }
    return err;
}

static DWORD store_tail(mw_session *s, mw_imap_cmd *c, const void *vctx)
{
    const store_args *a = vctx;
    (void)s;
    DWORD err = a->unchanged_since == 0 ? 0
                                        : mw_buf_printf(&c->text, " (UNCHANGEDSINCE %llu)",
                                                        (unsigned long long)a->unchanged_since);
    if (err == 0)
        err = mw_buf_append_str(&c->text, store_verb(a->options));
    if (err == 0)
        err = a->keywords != NULL ? append_keywords(&c->text, a->keywords) : mw_imap_append_flags(&c->text, a->flags);
    return err != 0 ? err : mw_buf_append(&c->text, ")", 1);
}

/* Checks a STORE and runs it on the set. */
static DWORD store_checked(mw_session *s, const char *set, const store_args *a)
{
    DWORD options = a->options, flags = a->flags;
    const char *keywords = a->keywords;
    if ((options & IMAP_FLAGS_ADD) && (options & IMAP_FLAGS_REMOVE))
        return ST_ERROR_INVALID_PARAMETER;
    if ((flags & ~(DWORD)MW_IMAP_STORABLE_FLAGS) != 0)
        return ST_ERROR_INVALID_PARAMETER;
    mw_buf check; /* the keywords are checked before anything is sent */
    mw_buf_init(&check, 0);
    DWORD err = keywords != NULL ? mw_buf_append(&check, "(", 1) : 0;
    if (err == 0 && keywords != NULL)
        err = append_keywords(&check, keywords);
    mw_buf_free(&check);
    if (err == 0 && s->state == MW_STATE_SELECTED && s->imap->read_only)
        err = ST_ERROR_COMMAND_REJECTED; /* EXAMINE: nothing can be stored */
    set_op op = {"STORE", store_tail, a};
    return err != 0 ? err : run_on_set(s, &op, set, options);
}

DWORD mw_imap_store_set(mw_session *s, const char *set, DWORD flags, const char *keywords,
                        DWORD options)
{
    store_args a = {flags, keywords, options, 0};
    return store_checked(s, set, &a);
}


/* ---- COPY and MOVE ------------------------------------------------------- */

static DWORD mailbox_tail(mw_session *s, mw_imap_cmd *c, const void *ctx)
{
    return mw_imap_cmd_mailbox(s, c, ctx);
}

/* One "a" or "a:b" of a UID set read in the order the server wrote it. */
static int next_range(const char **p, uint64_t *lo_r, uint64_t *hi_r)
{
    const char *start = *p;
    size_t n = strspn(start, "0123456789");
    if (mw_decimal(start, n, 0xFFFFFFFFu, lo_r) != 0 || *lo_r == 0)
        return 0;
    *hi_r = *lo_r;
    start += n;
    if (*start == ':') {
        n = strspn(++start, "0123456789");
        if (mw_decimal(start, n, 0xFFFFFFFFu, hi_r) != 0 || *hi_r == 0)
            return 0;
        start += n;
    }
    if (*hi_r < *lo_r) { /* "9:5" is 5:9 */
        uint64_t t = *lo_r;
        *lo_r = *hi_r;
        *hi_r = t;
    }
    *p = *start == ',' ? start + 1 : start;
    return 1;
}

/* Walks a set's numbers in order. */
typedef struct set_walk {
    const char *p, *end;
    uint64_t at, hi; /* the current range; at > hi when it is used up */
} set_walk;

static int walk_next(set_walk *w, DWORD *v_r)
{
    if (w->at > w->hi && (w->p >= w->end || !next_range(&w->p, &w->at, &w->hi) || w->p > w->end))
        return 0;
    *v_r = (DWORD)w->at++;
    return 1;
}

typedef struct copy_map {
    mw_imap_copy_fn fn;
    void *ctx;
    DWORD pairs;
    int stopped;
    int broken; /* a COPYUID whose two sets do not pair up */
} copy_map;

/* "COPYUID uidvalidity source-set target-set": the pairs in order. The
 * code lies inside its response's line, which ends in "]": the digit runs
 * read here stop there. */
static void on_code(void *vctx, mw_imap_text word, mw_imap_text rest)
{
    copy_map *m = vctx;
    if (!mw_imap_text_is(word, "COPYUID"))
        return;
    const char *end = rest.p + rest.len;
    const char *src = memchr(rest.p, ' ', rest.len);
    const char *dst = src != NULL ? memchr(src + 1, ' ', (size_t)(end - src - 1)) : NULL;
    uint64_t validity;
    if (dst == NULL || mw_decimal(rest.p, (size_t)(src - rest.p), 0xFFFFFFFFu, &validity) != 0) {
        m->broken = 1;
        return;
    }
    set_walk a = {src + 1, dst, 1, 0}, b = {dst + 1, end, 1, 0};
    DWORD from, to;
    int more_a, more_b;
    while ((more_a = walk_next(&a, &from)) & (more_b = walk_next(&b, &to))) {
        if (!m->stopped && !m->fn(m->ctx, (DWORD)validity, from, to))
            m->stopped = 1;
        m->pairs++;
    }
    m->broken |= more_a != more_b || a.p < a.end || b.p < b.end;
}

/* COPY or MOVE of the set; the COPYUID pairs to fn (NULL: not wanted). */
static DWORD copy_set(mw_session *s, const char *verb, const char *set, const char *mailbox,
                      DWORD options, mw_imap_copy_fn fn, void *ctx)
{
    copy_map m = {fn, ctx, 0, 0, 0};
    set_op op = {verb, mailbox_tail, mailbox};
    if (fn != NULL) {
        s->imap->code_fn = on_code;
        s->imap->code_ctx = &m;
    }
    DWORD err = run_on_set(s, &op, set, options);
    s->imap->code_fn = NULL;
    s->imap->code_ctx = NULL;
    err = mw_imap_mailbox_error(err, s);
    if (err == 0 && m.stopped)
        return ST_ERROR_CANCELLED; /* every command was answered */
    if (err == 0 && m.broken) {
        s->framing_intact = 1;
        return ST_ERROR_PROTOCOL_VIOLATION;
    }
    return err;
}

DWORD mw_imap_copy_set(mw_session *s, const char *set, const char *mailbox, DWORD options,
                       mw_imap_copy_fn fn, void *ctx)
{
    return copy_set(s, "COPY", set, mailbox, options, fn, ctx);
}

/* UIDs a UID SEARCH found, in the order found. */
typedef struct uid_list {
    DWORD *v;
    size_t n, cap;
    DWORD err;
} uid_list;

static BOOL keep_uid(void *vctx, DWORD first, DWORD last)
{
    uid_list *l = vctx;
    for (uint64_t u = first; u <= last && l->err == 0; u++) {
        if (l->n == l->cap) {
            size_t cap = l->cap ? l->cap * 2 : 256;
            DWORD *v = mw_realloc(l->v, cap * sizeof *v);
            if (v == NULL) {
                l->err = ST_ERROR_OUT_OF_MEMORY;
                return FALSE;
            }
            l->v = v;
            l->cap = cap;
        }
        l->v[l->n++] = (DWORD)u;
    }
    return TRUE;
}

/* The UIDs criteria matches ("4:9" for a set of sequence numbers,
 * "DELETED"), less those in the UID set skip (NULL: none), as a set
 * ("" when none). */
static DWORD uids_matching(mw_session *s, const char *criteria, const char *skip, char **uidset_r)
{
    uid_list l = {NULL, 0, 0, 0};
    mw_msgset leave = {NULL, 0, 0};
    INT count = 0;
    *uidset_r = NULL;
    DWORD err = skip != NULL ? mw_msgset_parse(&leave, skip) : 0;
    if (err == 0)
        err = mw_imap_search(s, criteria, NULL, IMAP_MESSAGE_UID, keep_uid, &l, &count);
    if (err == ST_ERROR_CANCELLED)
        err = l.err;
    size_t kept = 0;
    for (size_t i = 0; err == 0 && i < l.n; i++)
        if (!mw_msgset_holds(&leave, l.v[i]))
            l.v[kept++] = l.v[i];
    size_t need = err == 0 ? mw_msgset_from_numbers(l.v, kept, NULL, 0) : 0;
    if (err == 0 && (need == 0 || (*uidset_r = mw_malloc(need)) == NULL))
        err = ST_ERROR_OUT_OF_MEMORY;
    if (err == 0)
        mw_msgset_from_numbers(l.v, kept, *uidset_r, need);
    mw_free(l.v);
    mw_msgset_free(&leave);
    return err;
}

/* Without UIDPLUS there is no UID EXPUNGE, and a plain EXPUNGE takes every
 * \Deleted message: those outside uidset lose the flag around it and get
 * it back after, so only the messages named go. (Another session may
 * still flag or expunge meanwhile; only UID EXPUNGE closes that gap.) */
static DWORD expunge_only(mw_session *s, const char *uidset)
{
    char *others = NULL;
    DWORD err = uids_matching(s, "DELETED", uidset, &others);
    int lifted = err == 0 && others[0] != '\0';
    if (lifted)
        err = mw_imap_store_set(s, others, IMAP_FLAG_DELETED, NULL, IMAP_MESSAGE_UID | IMAP_FLAGS_REMOVE);
    if (err == 0)
        err = mw_imap_simple(s, "EXPUNGE");
    if (lifted && (err == 0 || s->state == MW_STATE_SELECTED)) {
        DWORD back = mw_imap_store_set(s, others, IMAP_FLAG_DELETED, NULL, IMAP_MESSAGE_UID | IMAP_FLAGS_ADD);
        err = err != 0 ? err : back;
    }
    mw_free(others);
    return err;
}

DWORD mw_imap_expunge_set(mw_session *s, const char *uidset)
{
    if (!mw_caps_has(&s->caps, "UIDPLUS"))
        return expunge_only(s, uidset);
    set_op op = {"EXPUNGE", NULL, NULL};
    return run_on_set(s, &op, uidset, IMAP_MESSAGE_UID);
}

/* RFC 6851's fallback where MOVE is missing: COPY, \Deleted, and the
 * expunge of just those messages (mw_imap_expunge_set). */
static DWORD move_by_copy(mw_session *s, const char *set, const char *mailbox, DWORD options,
                          mw_imap_copy_fn fn, void *ctx)
{
    DWORD err = copy_set(s, "COPY", set, mailbox, options, fn, ctx);
    if (err == 0)
        err = mw_imap_store_set(s, set, IMAP_FLAG_DELETED, NULL, options | IMAP_FLAGS_ADD);
    if (err != 0)
        return err;
    if (options & IMAP_MESSAGE_UID)
        return mw_imap_expunge_set(s, set);
    char *uidset = NULL;
    err = uids_matching(s, set, NULL, &uidset);
    if (err == 0 && uidset[0] != '\0')
        err = mw_imap_expunge_set(s, uidset);
    mw_free(uidset);
    return err;
}

DWORD mw_imap_move_set(mw_session *s, const char *set, const char *mailbox, DWORD options,
                       mw_imap_copy_fn fn, void *ctx)
{
    if (mw_caps_has(&s->caps, "MOVE"))
        return copy_set(s, "MOVE", set, mailbox, options, fn, ctx);
    return move_by_copy(s, set, mailbox, options, fn, ctx);
}

/* ---- conditional STORE (CONDSTORE) ---------------------------------------- */

/* The numbers of each MODIFIED code (RFC 7162: the messages a conditional
 * STORE left alone because they changed since), one by one to fn. */
typedef struct modified_walk {
    mw_imap_match_fn fn;
    void *ctx;
    DWORD count;
    int stopped;
    int broken; /* a MODIFIED whose set is no set */
} modified_walk;

static void on_modified(void *vctx, mw_imap_text word, mw_imap_text rest)
{
    modified_walk *m = vctx;
    if (!mw_imap_text_is(word, "MODIFIED"))
        return;
    set_walk w = {rest.p, rest.p + rest.len, 1, 0};
    DWORD v;
    while (walk_next(&w, &v)) {
        if (v == 0 || m->count == 0xFFFFFFFFu) {
            m->broken = 1;
            return;
        }
        m->count++;
        if (!m->stopped && !m->fn(m->ctx, v, v))
            m->stopped = 1;
    }
    m->broken |= w.p < w.end;
}

DWORD mw_imap_store_unchanged(mw_session *s, const char *set, DWORD flags, DWORD options,
                              uint64_t since, mw_imap_match_fn fn, void *ctx, DWORD *count_r)
{
    *count_r = 0;
    if (since == 0 || since > MW_IMAP_NUM63_MAX)
        return ST_ERROR_INVALID_PARAMETER;
    if (!mw_caps_has(&s->caps, "CONDSTORE"))
        return ST_ERROR_NOT_SUPPORTED;
    store_args a = {flags, NULL, options, since};
    modified_walk m = {fn, ctx, 0, 0, 0};
    s->imap->code_fn = on_modified;
    s->imap->code_ctx = &m;
    DWORD err = store_checked(s, set, &a);
    s->imap->code_fn = NULL;
    s->imap->code_ctx = NULL;
    *count_r = m.count;
    if (err == 0)
        s->imap->condstore = 1; /* UNCHANGEDSINCE enables CONDSTORE (RFC 7162 3.1) */
    if (err == 0 && m.stopped)
        return ST_ERROR_CANCELLED;
    if (err == 0 && m.broken) {
        s->framing_intact = 1;
        return ST_ERROR_PROTOCOL_VIOLATION;
    }
    return err;
}
