/* envelope.c - RFC 3501 ENVELOPE (see envelope.h). */
#include "envelope.h"

#include <string.h>

#include "../mime/mime.h"
#include "../sys/alloc.h"
#include "fetch_items.h"
#include "imap.h"

/* A string or NIL (NULL); with decode, RFC 2047 words decoded. */
static DWORD nstring(const mw_imap_tree *t, uint32_t i, int decode, char **out)
{
    *out = NULL;
    if (i == 0 || mw_node_is_list(t, i))
        return ST_ERROR_PROTOCOL_VIOLATION;
    if (mw_node_is_nil(t, i))
        return 0;
    mw_buf raw, text;
    mw_buf_init(&raw, 0);
    mw_buf_init(&text, 0);
    DWORD err = mw_node_value(t, i, &raw);
    if (err == 0 && decode)
        err = mw_decode_words((const char *)raw.p, raw.len, &text);
    else if (err == 0)
        err = mw_buf_append(&text, raw.p, raw.len);
    if (err == 0)
        err = mw_buf_terminate(&text);
    mw_buf_free(&raw);
    if (err != 0) {
        mw_buf_free(&text);
        return err;
    }
    *out = (char *)text.p;
    if (*out == NULL && (*out = mw_strdup("")) == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    return 0;
}

static void free_addr(mw_env_addr *a)
{
    mw_free(a->name);
    mw_free(a->mailbox);
    mw_free(a->host);
    mw_free(a->group);
}

/* One "(name adl mailbox host)". */
static DWORD address(const mw_imap_tree *t, uint32_t a, mw_env_addr *out)
{
    memset(out, 0, sizeof *out);
    if (!mw_node_is_list(t, a) || mw_node_count(t, a) != 4)
        return ST_ERROR_PROTOCOL_VIOLATION;
    DWORD err = nstring(t, mw_node_child(t, a, 0), 1, &out->name);
    if (err == 0)
        err = nstring(t, mw_node_child(t, a, 2), 0, &out->mailbox);
    if (err == 0)
        err = nstring(t, mw_node_child(t, a, 3), 0, &out->host);
    return err;
}

/* A list of addresses, or NIL. Group syntax (RFC 3501 7.4.2): an address
 * with a NIL host starts a group (its mailbox is the group's name), one
 * with NIL mailbox and host ends it; the members carry its name. */
static DWORD address_list(const mw_imap_tree *t, uint32_t l, mw_env_addr **v_r, size_t *n_r)
{
    *v_r = NULL;
    *n_r = 0;
    if (mw_node_is_nil(t, l))
        return 0;
    if (!mw_node_is_list(t, l))
        return ST_ERROR_PROTOCOL_VIOLATION;
    unsigned count = mw_node_count(t, l);
    mw_env_addr *v = mw_calloc(count > 0 ? count : 1, sizeof *v);
    if (v == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    char *group = NULL;
    size_t n = 0;
    DWORD err = 0;
    for (uint32_t a = mw_node_first(t, l); a != 0 && err == 0 && n < MW_ENV_ADDRESSES_MAX;
         a = mw_node_next(t, l, a)) {
        mw_env_addr x;
        err = address(t, a, &x);
        if (err == 0 && x.host == NULL) { /* a group's start or end */
            mw_free(group);
            group = x.mailbox; /* NULL at the end */
            x.mailbox = NULL;
            free_addr(&x);
            continue;
        }
        if (err == 0 && group != NULL && (x.group = mw_strdup(group)) == NULL)
            err = ST_ERROR_OUT_OF_MEMORY;
        if (err == 0)
            v[n++] = x;
        else
            free_addr(&x);
    }
    mw_free(group);
    *v_r = v;
    *n_r = n;
    return err;
}

DWORD mw_envelope_parse(const mw_imap_tree *t, uint32_t node, mw_envelope *out)
{
    memset(out, 0, sizeof *out);
    /* date subject from sender reply-to to cc bcc in-reply-to message-id */
    if (!mw_node_is_list(t, node) || mw_node_count(t, node) < 10)
        return ST_ERROR_PROTOCOL_VIOLATION;
    DWORD err = nstring(t, mw_node_child(t, node, 0), 0, &out->date);
    if (err == 0)
        err = nstring(t, mw_node_child(t, node, 1), 1, &out->subject);
    for (int k = 0; k < MW_ENV_LISTS && err == 0; k++)
        err = address_list(t, mw_node_child(t, node, 2 + (unsigned)k), &out->lists[k], &out->counts[k]);
    if (err == 0)
        err = nstring(t, mw_node_child(t, node, 8), 0, &out->in_reply_to);
    if (err == 0)
        err = nstring(t, mw_node_child(t, node, 9), 0, &out->message_id);
    return err;
}

DWORD mw_envelope_parse_text(const char *text, size_t len, mw_envelope *out)
{
    mw_imap_tree t;
    memset(out, 0, sizeof *out);
    mw_imap_tree_init(&t);
    DWORD err = mw_imap_tree_parse(&t, (mw_imap_text){text, len}, 0);
    if (err == 0)
        err = mw_envelope_parse(&t, mw_node_first(&t, 0), out);
    mw_imap_tree_free(&t);
    return err;
}

void mw_envelope_free(mw_envelope *e)
{
    mw_free(e->date);
    mw_free(e->subject);
    mw_free(e->in_reply_to);
    mw_free(e->message_id);
    for (int k = 0; k < MW_ENV_LISTS; k++) {
        for (size_t i = 0; i < e->counts[k]; i++)
            free_addr(&e->lists[k][i]);
        mw_free(e->lists[k]);
    }
    memset(e, 0, sizeof *e);
}

/* ---- FETCH ENVELOPE ---------------------------------------------------------- */

typedef struct env_item {
    DWORD uid;
    uint32_t envelope; /* its node, 0 when absent */
} env_item;

static DWORD take_item(void *vctx, const mw_imap_tree *t, mw_imap_text name, uint32_t v)
{
    env_item *it = vctx;
    uint64_t uid;
    if (mw_imap_text_is(name, "UID") && mw_node_number(t, v, 0xFFFFFFFFu, &uid) == 0)
        it->uid = (DWORD)uid;
    else if (mw_imap_text_is(name, "ENVELOPE"))
        it->envelope = v;
    return 0;
}

typedef struct env_run {
    mw_envelope_fn fn;
    void *ctx;
    UINT count;
    int stopped;
} env_run;

/* Each FETCH with an ENVELOPE; one that does not parse is skipped. */
static DWORD on_fetch(mw_session *s, const mw_imap_resp *r, void *vctx)
{
    env_run *run = vctx;
    env_item it = {0, 0};
    (void)s;
    if (run->stopped || !r->has_number || !mw_imap_text_is(r->name, "FETCH") || r->tree == NULL ||
        mw_imap_fetch_items(r->tree, take_item, &it) != 0 || it.envelope == 0)
        return 0;
    mw_envelope e;
    DWORD err = mw_envelope_parse(r->tree, it.envelope, &e);
    if (err == 0) {
        run->count++;
        run->stopped = run->fn(run->ctx, (UINT)r->number, it.uid, &e) != 0;
    }
    mw_envelope_free(&e);
    return err == ST_ERROR_OUT_OF_MEMORY ? err : 0;
}

DWORD mw_imap_fetch_envelopes(mw_session *s, const char *set, DWORD options, mw_envelope_fn fn,
                              void *ctx, UINT *count_r)
{
    *count_r = 0;
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    env_run run = {fn, ctx, 0, 0};
    mw_imap_cmd c;
    DWORD err = mw_imap_fetch_begin(s, &c, set, options);
    if (err == 0)
        err = mw_imap_cmd_atom(&c, "(UID ENVELOPE)");
    if (err == 0)
        err = mw_imap_run(s, &c, on_fetch, &run);
    mw_imap_cmd_free(&c);
    if (mw_imap_refused_as_empty(s, err, options))
        err = 0;
    *count_r = run.count;
    return err;
}
