/*
 * fetch_items.c - a FETCH response read item by item from its tree: the
 * item iterator, the handlers of the items mailwire asks for (UID, FLAGS,
 * RFC822.SIZE, INTERNALDATE, MODSEQ, body sections) registered in one
 * table, and the head of a FETCH whose body literal is still to come.
 */
#include <stdio.h>
#include <string.h>

#include "../sys/ascii.h"
#include "fetch_items.h"
#include "imap.h"

#define FETCH_ITEMS_MAX 256

/* ---- the item iterator -------------------------------------------------- */

uint32_t mw_imap_fetch_list(const mw_imap_tree *t)
{
    uint32_t items = mw_node_first(t, 0);
    if (!mw_node_is_list(t, items))
        return 0;
    /* Domino wraps the items in a second pair of parentheses */
    uint32_t inner = mw_node_first(t, items);
    if (mw_node_is_list(t, inner) && mw_node_next(t, items, inner) == 0)
        return inner;
    return items;
}

DWORD mw_imap_fetch_items(const mw_imap_tree *t, mw_fetch_item_fn fn, void *ctx)
{
    uint32_t items = mw_imap_fetch_list(t);
    if (items == 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    uint32_t name = mw_node_first(t, items);
    for (int n = 0; name != 0; n++) {
        if (n == FETCH_ITEMS_MAX)
            return ST_ERROR_RESPONSE_TOO_LARGE;
        uint32_t value = mw_node_next(t, items, name);
        if (t->v[name].kind != MW_NODE_ATOM || value == 0)
            return ST_ERROR_PROTOCOL_VIOLATION;
        DWORD err = fn(ctx, t, t->v[name].text, value);
        if (err != 0)
            return err;
        name = mw_node_next(t, items, value);
    }
    return 0;
}

/* ---- item handlers ------------------------------------------------------- */

/* The section a body item carries: "BODY[1.MIME]<0>" -> "1.MIME"; the
 * RFC822 items stand for "", "HEADER" and "TEXT". 0 for other items. */
static int item_section(mw_imap_text name, mw_imap_text *section_r)
{
    static const struct {
        const char *item, *section;
    } rfc822[] = {{"RFC822", ""}, {"RFC822.HEADER", "HEADER"}, {"RFC822.TEXT", "TEXT"}};
    for (size_t i = 0; i < sizeof rfc822 / sizeof rfc822[0]; i++)
        if (mw_imap_text_is(name, rfc822[i].item)) {
            *section_r = (mw_imap_text){rfc822[i].section, strlen(rfc822[i].section)};
            return 1;
        }
    size_t open = name.len >= 5 && mw_ascii_ncasecmp(name.p, "BODY[", 5) == 0     ? 5
                  : name.len >= 7 && mw_ascii_ncasecmp(name.p, "BINARY[", 7) == 0 ? 7
                                                                           : 0;
    const char *close = open ? memchr(name.p + open, ']', name.len - open) : NULL;
    if (close == NULL)
        return 0;
    *section_r = (mw_imap_text){name.p + open, (size_t)(close - name.p - open)};
    return 1;
}

int mw_imap_is_body_item(mw_imap_text name, const char *want)
{
    mw_imap_text section;
    return item_section(name, &section) && (want == NULL || mw_imap_text_is(section, want));
}

typedef struct fetch_parse {
    const char *want;
    mw_imap_fetch_info *out;
} fetch_parse;

typedef DWORD (*item_fn)(const mw_imap_tree *t, uint32_t v, mw_imap_fetch_info *out);

static DWORD item_uid(const mw_imap_tree *t, uint32_t v, mw_imap_fetch_info *out)
{
    return mw_node_nz32(t, v, &out->uid);
}

/* RFC 7162's "(mod-sequence-value)", 1 to 2^63-1 (0 too, which a server
 * may send for a message it never changed). */
static DWORD item_modseq(const mw_imap_tree *t, uint32_t v, mw_imap_fetch_info *out)
{
    uint32_t n = mw_node_first(t, v);
    if (!mw_node_is_list(t, v) || n == 0 || mw_node_next(t, v, n) != 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    return mw_node_number(t, n, MW_IMAP_NUM63_MAX, &out->modseq);
}

static DWORD item_size(const mw_imap_tree *t, uint32_t v, mw_imap_fetch_info *out)
{
    uint64_t size;
    DWORD err = mw_node_number(t, v, MW_IMAP_NUM63_MAX, &size);
    if (err == 0) /* a legal size of 4 GiB or more does not fit a DWORD field */
        out->size = size > 0xFFFFFFFFu ? 0xFFFFFFFFu : (DWORD)size;
    out->has_size = err == 0;
    return err;
}

static DWORD item_date(const mw_imap_tree *t, uint32_t v, mw_imap_fetch_info *out)
{
    if (!mw_node_is_string(t, v))
        return 0; /* NIL, or a server's oddity: no date */
    snprintf(out->date, sizeof out->date, "%.*s", (int)t->v[v].text.len, t->v[v].text.p);
    if (out->date[0] == ' ') /* " 5-Mar-2024" (Cyrus): one form for every server */
        out->date[0] = '0';
    return 0;
}

static DWORD item_flags(const mw_imap_tree *t, uint32_t v, mw_imap_fetch_info *out)
{
    if (!mw_node_is_list(t, v))
        return 0;
    out->tree = t;
    out->flags_node = v;
    out->flags = mw_imap_flags_in(t, v);
    out->has_flags = 1;
    return 0;
}

static const struct {
    const char *name;
    item_fn fn;
} item_handlers[] = {
    {"UID", item_uid},
    {"MODSEQ", item_modseq},
    {"RFC822.SIZE", item_size},
    {"INTERNALDATE", item_date},
    {"FLAGS", item_flags},
};

/* The length of a quoted string's value: its text less the escapes. */
static size_t unescaped_length(mw_imap_text quoted)
{
    size_t n = 0;
    for (size_t i = 0; i < quoted.len; i++, n++)
        i += quoted.p[i] == '\\';
    return n;
}

/* A body section: a literal was streamed and stands here as an empty
 * string the reader left; a quoted string is the body itself (Gmail's
 * small parts); NIL is no body. */
static DWORD item_body(const mw_imap_tree *t, uint32_t v, mw_imap_fetch_info *out)
{
    out->has_body = 1;
    out->body_nil = mw_node_is_nil(t, v);
    if (!out->body_nil && !mw_node_is_string(t, v))
        return ST_ERROR_PROTOCOL_VIOLATION;
    out->body_inline = !out->body_nil && t->v[v].quoted;
    if (out->body_inline) {
        out->body_text = mw_node_token(t, v);
        out->size = (DWORD)unescaped_length(t->v[v].text);
    }
    return 0;
}

/* Items nobody asked for (X-GM-LABELS, BODY sections not asked for, new
 * extensions) are skipped whole, literals included. */
static DWORD on_item(void *ctx, const mw_imap_tree *t, mw_imap_text name, uint32_t v)
{
    fetch_parse *p = ctx;
    for (size_t i = 0; i < sizeof item_handlers / sizeof item_handlers[0]; i++)
        if (mw_imap_text_is(name, item_handlers[i].name))
            return item_handlers[i].fn(t, v, p->out);
    return mw_imap_is_body_item(name, p->want) ? item_body(t, v, p->out) : 0;
}

DWORD mw_imap_parse_fetch(const mw_imap_resp *r, const char *want, mw_imap_fetch_info *out)
{
    memset(out, 0, sizeof *out);
    out->seq = (DWORD)r->number;
    fetch_parse p = {want, out};
    mw_imap_tree own;
    DWORD err;
    const mw_imap_tree *t = mw_imap_resp_tree(r, &own, &err);
    if (t != NULL)
        err = mw_imap_fetch_items(t, on_item, &p);
    if (t == &own) { /* freed now: nothing may point into it */
        out->tree = NULL;
        out->flags_node = 0;
    }
    mw_imap_tree_free(&own);
    return err;
}

/* ---- the head of a FETCH whose body literal is coming ------------------ */

DWORD mw_imap_fetch_head(mw_imap_tree *t, const char *text, size_t len, mw_imap_fetch_head_info *h)
{
    memset(h, 0, sizeof *h);
    while (len > 0 && text[len - 1] != '{') /* the literal's "{n}" */
        len--;
    if (len == 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    len--; /* the '{' */
    if (len > 0 && text[len - 1] == '~')
        len--; /* literal8 (RFC 3516) */
    mw_imap_resp r;
    DWORD err = mw_imap_resp_parse(text, len, &r);
    if (err == 0 && (r.kind != MW_IMAP_UNTAGGED || !r.has_number || !mw_imap_text_is(r.name, "FETCH")))
        return ST_ERROR_PROTOCOL_VIOLATION;
    if (err == 0)
        err = mw_imap_tree_parse(t, r.data, 1);
    if (err != 0)
        return err;
    uint32_t items = mw_imap_fetch_list(t);
    if (items == 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    h->seq = r.number > 0xFFFFFFFFu ? 0 : (UINT)r.number;
    /* complete pairs before the item whose value is the literal */
    uint32_t name = mw_node_first(t, items);
    while (name != 0) {
        uint32_t value = mw_node_next(t, items, name);
        if (value == 0) {
            h->item = mw_node_atom(t, name);
            return h->item.len > 0 ? 0 : ST_ERROR_PROTOCOL_VIOLATION;
        }
        if (mw_node_is_atom(t, name, "UID") && mw_node_nz32(t, value, &h->uid) != 0)
            h->uid = 0; /* out of range: the whole response is checked at its end */
        name = mw_node_next(t, items, value);
    }
    return ST_ERROR_PROTOCOL_VIOLATION; /* the literal is no item's value */
}
