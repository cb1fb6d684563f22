/*
 * mailbox_list.c - LIST / LSUB, with LIST-STATUS (RFC 5819) counts: each
 * line parsed as it arrives and handed to a consumer, either the cursor of
 * ImapGetFirstMailbox (which keeps the listing) or a caller's callback
 * (which keeps nothing but the mailbox whose counts may still follow).
 */
#include <string.h>

#include "../sys/alloc.h"
#include "imap.h"
#include "tree.h"

static DWORD attribute_bit(mw_imap_text a)
{
    static const struct {
        const char *name;
        DWORD bit;
    } attrs[] = {{"\\Noinferiors", IMAP_FLAG_NOINFERIORS}, {"\\Noselect", IMAP_FLAG_NOSELECT},
                 {"\\Marked", IMAP_FLAG_MARKED},           {"\\Unmarked", IMAP_FLAG_UNMARKED},
                 {"\\HasChildren", IMAP_FLAG_HASCHILDREN}, {"\\HasNoChildren", IMAP_FLAG_HASNOCHILDREN},
                 {"\\NonExistent", IMAP_FLAG_NONEXISTENT}, {"\\Subscribed", IMAP_FLAG_SUBSCRIBED},
                 {"\\Sent", IMAP_FLAG_SENT},               {"\\Drafts", IMAP_FLAG_DRAFTS},
                 {"\\Trash", IMAP_FLAG_TRASH},             {"\\Junk", IMAP_FLAG_JUNK},
                 {"\\Archive", IMAP_FLAG_ARCHIVE},         {"\\All", IMAP_FLAG_ALL},
                 {"\\Flagged", IMAP_FLAG_FLAGGED_MAILBOX}};
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
        if (mw_imap_text_is(a, attrs[i].name))
            return attrs[i].bit;
    return 0;
}

typedef struct list_run {
    mw_imap_mailbox_fn fn;
    void *ctx;
} list_run;

/* A "* STATUS" line of LIST-STATUS, after its mailbox's LIST line. A
 * malformed one is dropped, as a malformed LIST line is: that mailbox's
 * counts are then asked for with STATUS. */
static DWORD on_listed_status(mw_session *s, const mw_imap_resp *r, list_run *run)
{
    IMAPMAILBOXSTATUS st;
    mw_buf name;
    mw_buf_init(&name, 0);
    DWORD err = mw_imap_parse_status(s, r, &name, &st);
    if (err == 0) {
        mw_imap_mailbox_entry e = {(const char *)name.p, 0, 0, &st};
        err = run->fn(run->ctx, &e);
    }
    mw_buf_free(&name);
    return err == 1 || err == ST_ERROR_PROTOCOL_VIOLATION ? 0 : err;
}

/* The parts of "* LIST (attrs) delim name [extended data]" into e (name
 * not yet decoded: *name_r); ST_ERROR_PROTOCOL_VIOLATION when the line
 * breaks the grammar. */
static DWORD list_line(const mw_imap_tree *t, mw_imap_mailbox_entry *e, mw_imap_token *name_r)
{
    uint32_t attrs = mw_node_first(t, 0);
    uint32_t delim = mw_node_next(t, 0, attrs);
    uint32_t name = mw_node_next(t, 0, delim);
    if (!mw_node_is_list(t, attrs) || name == 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    for (uint32_t a = mw_node_first(t, attrs); a != 0; a = mw_node_next(t, attrs, a)) {
        if (t->v[a].kind != MW_NODE_ATOM)
            return ST_ERROR_PROTOCOL_VIOLATION;
        e->flags |= attribute_bit(t->v[a].text);
    }
    /* the delimiter: a one-character string or NIL */
    if (mw_node_is_string(t, delim) && t->v[delim].text.len >= 1)
        e->delimiter = t->v[delim].text.p[t->v[delim].text.len - 1];
    else if (!mw_node_is_nil(t, delim))
        return ST_ERROR_PROTOCOL_VIOLATION;
    if (mw_node_is_list(t, name))
        return ST_ERROR_PROTOCOL_VIOLATION;
    *name_r = mw_node_token(t, name); /* NIL too: a mailbox named NIL, as Dovecot lists it */
    return 0;
}

DWORD mw_imap_parse_list(mw_session *s, const mw_imap_resp *r, mw_imap_mailbox_entry *e, mw_buf *name)
{
    if (r->has_number || !(mw_imap_text_is(r->name, "LIST") || mw_imap_text_is(r->name, "LSUB")))
        return 1;
    memset(e, 0, sizeof *e);
    mw_imap_token t;
    mw_imap_tree own;
    DWORD err;
    const mw_imap_tree *tree = mw_imap_resp_tree(r, &own, &err);
    if (tree != NULL)
        err = list_line(tree, e, &t);
    mw_buf_reset(name);
    if (err == 0)
        err = mw_imap_mailbox_name(s, &t, name);
    mw_imap_tree_free(&own);
    if (err != 0)
        return err;
    if (mw_imap_text_is(r->name, "LSUB"))
        e->flags |= IMAP_FLAG_SUBSCRIBED;
    e->name = (const char *)name->p;
    return 0;
}

/* One "* LIST (attrs) delim name" line, handed on. A line that breaks the
 * grammar costs that entry, not the listing (the framing is intact: the
 * reader delimited the line). */
static DWORD on_list(mw_session *s, const mw_imap_resp *r, void *ctx)
{
    list_run *run = ctx;
    if (!r->has_number && mw_imap_text_is(r->name, "STATUS"))
        return on_listed_status(s, r, run);
    mw_imap_mailbox_entry e;
    mw_buf name;
    mw_buf_init(&name, 4096);
    DWORD err = mw_imap_parse_list(s, r, &e, &name);
    if (err == 0 && e.delimiter != 0)
        s->imap->delimiter = e.delimiter;
    if (err == 0)
        err = run->fn(run->ctx, &e);
    mw_buf_free(&name);
    /* a line or name the server spelled wrong is skipped, not fatal */
    return err == 1 || err == ST_ERROR_PROTOCOL_VIOLATION ? 0 : err;
}

DWORD mw_imap_list_each(mw_session *s, const char *reference, const char *pattern, DWORD options,
                        mw_imap_mailbox_fn fn, void *ctx)
{
    mw_imap_cmd c;
    list_run run = {fn, ctx};
    int subscribed = (options & IMAP_LIST_SUBSCRIBED) != 0;
    DWORD err = mw_imap_cmd_begin(s, &c, subscribed ? "LSUB" : "LIST");
    if (err == 0)
        err = *reference ? mw_imap_cmd_mailbox(s, &c, reference) : mw_buf_append_str(&c.text, " \"\"");
    if (err == 0)
        err = *pattern ? mw_imap_cmd_mailbox(s, &c, pattern) : mw_buf_append_str(&c.text, " \"\"");
    if (err == 0 && !subscribed && (options & IMAP_LIST_STATUS) && mw_caps_has(&s->caps, "LIST-STATUS"))
        err = mw_buf_printf(&c.text, " RETURN (STATUS %s)", mw_imap_status_items(s));
    if (err == 0)
        err = mw_imap_run(s, &c, on_list, &run);
    mw_imap_cmd_free(&c);
    return err;
}

/* ---- the listing cursor ------------------------------------------------ */

/* The entry a STATUS of LIST-STATUS names. Servers send it right after its
 * LIST line (the last entry), or all of them after all the LIST lines, in
 * their order (the entry after the one named before): both are found at
 * once, so tens of thousands of mailboxes cost no quadratic search; any
 * other order falls back to looking at every entry. */
static size_t listed_entry(const mw_imap_listing *l, const char *name)
{
    if (l->count > 0 && strcmp(l->names[l->count - 1], name) == 0)
        return l->count - 1;
    if (l->status_next < l->count && strcmp(l->names[l->status_next], name) == 0)
        return l->status_next;
    for (size_t i = 0; i < l->count; i++)
        if (strcmp(l->names[i], name) == 0)
            return i;
    return l->count;
}

/* The cursor's consumer: entries kept, counts put with their entry. */
static DWORD keep_entry(void *ctx, const mw_imap_mailbox_entry *e)
{
    mw_imap_listing *l = ctx;
    if (e->status == NULL)
        return mw_imap_listing_add(l, e->name, e->flags);
    size_t i = listed_entry(l, e->name);
    if (i < l->count) {
        l->status[i] = *e->status;
        l->has_status[i] = 1;
        l->status_next = i + 1;
    }
    return 0;
}

DWORD mw_imap_list(mw_session *s, const char *reference, const char *pattern, DWORD options,
                   mw_imap_listing *l)
{
    return mw_imap_list_each(s, reference, pattern, options, keep_entry, l);
}

/* The delimiter, learned with LIST "" "" when not yet known. */
DWORD mw_imap_delimiter(mw_session *s, char *delim_r)
{
    DWORD err = 0;
    if (s->imap->delimiter == 0) {
        mw_imap_listing l;
        mw_imap_listing_init(&l);
        err = mw_imap_list(s, "", "", IMAP_LIST_DEFAULT, &l);
        mw_imap_listing_free(&l);
    }
    *delim_r = s->imap->delimiter == '\0' ? 0 : s->imap->delimiter;
    return err;
}

void mw_imap_listing_init(mw_imap_listing *l)
{
    memset(l, 0, sizeof *l);
}

void mw_imap_listing_free(mw_imap_listing *l)
{
    mw_name_list_free(l);
}

/* Room for one more entry in each of the listing's arrays. */
static DWORD listing_grow(mw_imap_listing *l)
{
    size_t cap = l->cap ? l->cap * 2 : 16;
    char **names = mw_realloc(l->names, cap * sizeof *names);
    if (names != NULL)
        l->names = names;
    DWORD *flags = names ? mw_realloc(l->flags, cap * sizeof *flags) : NULL;
    if (flags != NULL)
        l->flags = flags;
    IMAPMAILBOXSTATUS *status = flags ? mw_realloc(l->status, cap * sizeof *status) : NULL;
    if (status != NULL)
        l->status = status;
    unsigned char *has = status ? mw_realloc(l->has_status, cap) : NULL;
    if (has == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    l->has_status = has;
    l->cap = cap;
    return 0;
}

DWORD mw_imap_listing_add(mw_imap_listing *l, const char *name, DWORD flags)
{
    if (l->count == MW_IMAP_LISTING_MAX)
        return ST_ERROR_RESPONSE_TOO_LARGE;
    DWORD err = l->count == l->cap ? listing_grow(l) : 0;
    if (err != 0)
        return err;
    l->names[l->count] = mw_strdup(name);
    if (l->names[l->count] == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    l->has_status[l->count] = 0;
    l->flags[l->count++] = flags;
    return 0;
}

int mw_imap_listed_status(const mw_session *s, const char *name, IMAPMAILBOXSTATUS *st)
{
    const mw_imap_listing *l = &s->imap->listing;
    size_t last = l->next - 1; /* the entry the cursor handed out last */
    if (!s->imap->listing_fresh || l->next == 0 || last >= l->count || !l->has_status[last] ||
        strcmp(l->names[last], name) != 0)
        return 0;
    *st = l->status[last];
    return 1;
}

/* ---- the streamed listing ---------------------------------------------- */

/* The callback's consumer: a mailbox is held until its counts come (right
 * after its LIST line, as servers send them) or the next LIST line does;
 * counts of a mailbox already handed on go on alone. */
typedef struct joiner {
    mw_imap_joined_fn fn;
    void *ctx;
    mw_buf name; /* the held mailbox; empty: none */
    DWORD flags;
    char delimiter;
    int held;
    int stopped;
    DWORD count;
} joiner;

static void hand_on(joiner *j, const char *name, DWORD flags, char delimiter,
                    const IMAPMAILBOXSTATUS *st, int status_only)
{
    if (j->stopped)
        return;
    mw_imap_mailbox_entry e = {name, flags, delimiter, st};
    if (!j->fn(j->ctx, &e, status_only))
        j->stopped = 1;
    else
        j->count += !status_only;
}

static void release_held(joiner *j, const IMAPMAILBOXSTATUS *st)
{
    if (j->held)
        hand_on(j, (const char *)j->name.p, j->flags, j->delimiter, st, 0);
    j->held = 0;
}

static DWORD join_entry(void *ctx, const mw_imap_mailbox_entry *e)
{
    joiner *j = ctx;
    if (e->status != NULL) {
        if (j->held && strcmp((const char *)j->name.p, e->name) == 0)
            release_held(j, e->status);
        else
            hand_on(j, e->name, 0, 0, e->status, 1);
        return 0;
    }
    release_held(j, NULL);
    mw_buf_reset(&j->name);
    DWORD err = mw_buf_append_str(&j->name, e->name);
    if (err == 0)
        err = mw_buf_terminate(&j->name);
    j->flags = e->flags;
    j->delimiter = e->delimiter;
    j->held = err == 0;
    return err;
}

DWORD mw_imap_list_joined(mw_session *s, const char *reference, const char *pattern, DWORD options,
                          mw_imap_joined_fn fn, void *ctx, DWORD *count_r)
{
    joiner j = {fn, ctx, {0}, 0, 0, 0, 0, 0};
    mw_buf_init(&j.name, 0);
    DWORD err = mw_imap_list_each(s, reference, pattern, options, join_entry, &j);
    if (err == 0)
        release_held(&j, NULL);
    mw_buf_free(&j.name);
    *count_r = j.count;
    return err == 0 && j.stopped ? ST_ERROR_CANCELLED : err;
}
