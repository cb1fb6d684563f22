/*
 * mailbox.c - IMAP mailbox operations: SELECT / EXAMINE, UNSELECT, CLOSE,
 * CHECK, EXPUNGE, CREATE, DELETE, RENAME, (UN)SUBSCRIBE and STATUS (the
 * LIST / LSUB listing is mailbox_list.c). Names cross the API as UTF-8 and
 * travel as modified UTF-7, or as UTF-8 once the server has enabled
 * UTF8=ACCEPT.
 */
#include <stddef.h>
#include <string.h>

#include "../mime/mime.h"
#include "../proto/line.h"
#include "../sys/alloc.h"
#include "imap.h"
#include "tree.h"

DWORD mw_imap_cmd_mailbox(mw_session *s, mw_imap_cmd *c, const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || mw_has_line_breaks(name, len))
        return ST_ERROR_INVALID_PARAMETER;
    if (s->imap->utf8)
        return mw_imap_cmd_astring(s, c, name, len);
    mw_buf wire;
    mw_buf_init(&wire, 0);
    DWORD err = mw_utf7_encode(name, len, &wire);
    if (err == 0)
        err = mw_imap_cmd_astring(s, c, (const char *)wire.p, wire.len);
    mw_buf_free(&wire);
    return err;
}

/* A mailbox name from the server, as UTF-8. */
DWORD mw_imap_mailbox_name(mw_session *s, const mw_imap_token *t, mw_buf *out)
{
    mw_buf raw;
    mw_buf_init(&raw, 0);
    DWORD err = mw_imap_token_value(t, &raw);
    if (err == 0 && s->imap->utf8)
        err = mw_buf_append(out, raw.p, raw.len);
    else if (err == 0)
        err = mw_utf7_decode(raw.p ? (const char *)raw.p : "", raw.len, out);
    mw_buf_free(&raw);
    return err != 0 ? err : mw_buf_terminate(out);
}

/* NO to a command naming a mailbox: [NONEXISTENT] or [TRYCREATE] say
 * there is no such mailbox. */
DWORD mw_imap_mailbox_error(DWORD err, const mw_session *s)
{
    if (err != ST_ERROR_COMMAND_REJECTED)
        return err;
    const char *t = (const char *)s->result_text.p;
    if (t != NULL && (strstr(t, "[NONEXISTENT]") != NULL || strstr(t, "[TRYCREATE]") != NULL))
        return ST_ERROR_MAILBOX_NOT_FOUND;
    return err;
}

static void forget_selection(mw_session *s)
{
    mw_free(s->imap->mailbox);
    s->imap->mailbox = NULL;
    s->imap->exists = s->imap->recent = s->imap->unseen = 0;
    s->imap->uidvalidity = s->imap->uidnext = 0;
    s->imap->highest_modseq = 0;
    s->imap->flags = s->imap->permanent_flags = 0;
    s->imap->read_only = 0;
    s->imap->changes = 0;
    if (s->state == MW_STATE_SELECTED)
        mw_session_set_state(s, MW_STATE_AUTHENTICATED);
}

/* Runs a command whose only argument is a mailbox name. */
static DWORD mailbox_command(mw_session *s, const char *verb, const char *name,
                             const char *name2)
{
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, verb);
    if (err == 0)
        err = mw_imap_cmd_mailbox(s, &c, name);
    if (err == 0 && name2 != NULL)
        err = mw_imap_cmd_mailbox(s, &c, name2);
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    return mw_imap_mailbox_error(err, s);
}

DWORD mw_imap_select_begin(mw_session *s, const char *name, int read_only, mw_imap_cmd *c)
{
    forget_selection(s);
    DWORD err = mw_imap_cmd_begin(s, c, read_only ? "EXAMINE" : "SELECT");
    return err != 0 ? err : mw_imap_cmd_mailbox(s, c, name);
}

static void fill_mailbox(const mw_session *s, IMAPMAILBOX *out)
{
    out->dwSize = sizeof *out; /* filled */
    out->nMessages = s->imap->exists;
    out->nRecentMessages = s->imap->recent;
    out->nUnseenMessageId = s->imap->unseen;
    out->dwMailboxUID = s->imap->uidvalidity;
    out->dwNextMessageUID = s->imap->uidnext;
    out->dwFlags = s->imap->flags;
    out->dwPermanentFlags = s->imap->permanent_flags;
    out->dwAccessMode = s->imap->read_only ? IMAP_ACCESS_READONLY : IMAP_ACCESS_READWRITE;
    out->ullHighestModSeq = s->imap->highest_modseq;
}

DWORD mw_imap_select_end(mw_session *s, DWORD err, const char *name, IMAPMAILBOX *out)
{
    err = mw_imap_mailbox_error(err, s);
    if (err == ST_ERROR_COMMAND_REJECTED)
        err = ST_ERROR_MAILBOX_NOT_FOUND; /* Dovecot: "NO Mailbox doesn't exist" */
    if (err != 0) {
        forget_selection(s); /* a failed SELECT leaves no mailbox selected */
        return err;
    }
    /* The tagged OK's code says [READ-ONLY] or [READ-WRITE]. */
    s->imap->mailbox = mw_strdup(name);
    if (s->imap->mailbox == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    s->imap->changes = 0;
    mw_session_set_state(s, MW_STATE_SELECTED);
    if (out != NULL)
        fill_mailbox(s, out);
    return 0;
}

DWORD mw_imap_select(mw_session *s, const char *name, int read_only, IMAPMAILBOX *out)
{
    mw_imap_cmd c;
    DWORD err = mw_imap_select_begin(s, name, read_only, &c);
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    return mw_imap_select_end(s, err, name, out);
}

DWORD mw_imap_unselect(mw_session *s)
{
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    DWORD err;
    if (mw_caps_has(&s->caps, "UNSELECT")) {
        err = mw_imap_simple(s, "UNSELECT");
    } else {
        /* RFC 3501 has no way to deselect without expunging, except by
         * selecting something that fails: EXAMINE of an impossible name. */
        mw_imap_cmd c;
        err = mw_imap_cmd_begin(s, &c, "EXAMINE");
        if (err == 0)
            err = mw_buf_append_str(&c.text, " \"\"");
        if (err == 0)
            err = mw_imap_run(s, &c, NULL, NULL);
        mw_imap_cmd_free(&c);
        if (err == ST_ERROR_COMMAND_REJECTED)
            err = 0;
    }
    if (err == 0)
        forget_selection(s);
    return err;
}

DWORD mw_imap_close(mw_session *s)
{
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    DWORD err = mw_imap_simple(s, "CLOSE");
    if (err == 0)
        forget_selection(s);
    return err;
}

DWORD mw_imap_mailbox_op(mw_session *s, const char *verb, const char *name, const char *name2)
{
    DWORD err = mailbox_command(s, verb, name, name2);
    return err;
}

/* ---- STATUS ----------------------------------------------------------- */

/* One "KEY value" of a STATUS list. Items not asked for (SIZE,
 * MAILBOXID, ones defined later) are skipped whatever their form. */
static DWORD status_item(const mw_imap_tree *t, uint32_t key, uint32_t v, IMAPMAILBOXSTATUS *st)
{
    static const struct {
        const char *name;
        size_t offset;
    } counts[] = {{"MESSAGES", offsetof(IMAPMAILBOXSTATUS, nMessages)},
                  {"RECENT", offsetof(IMAPMAILBOXSTATUS, nRecentMessages)},
                  {"UNSEEN", offsetof(IMAPMAILBOXSTATUS, nUnseenMessages)},
                  {"UIDVALIDITY", offsetof(IMAPMAILBOXSTATUS, dwMailboxUID)},
                  /* never 0 when said: 0 stands for "not said" */
                  {"UIDNEXT", offsetof(IMAPMAILBOXSTATUS, dwNextMessageUID)}};
    if (t->v[key].kind != MW_NODE_ATOM || v == 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        if (mw_node_is_atom(t, key, counts[i].name)) {
            uint64_t n;
            DWORD err = mw_node_number(t, v, 0xFFFFFFFFu, &n);
            DWORD value = (DWORD)n;
            if (err == 0)
                memcpy((char *)st + counts[i].offset, &value, sizeof value);
            return err;
        }
    if (mw_node_is_atom(t, key, "HIGHESTMODSEQ"))
        return mw_node_number(t, v, MW_IMAP_NUM63_MAX, &st->ullHighestModSeq);
    return 0;
}

/* The name of a STATUS line as a token: one string or atom before the
 * item list - or several atoms, a name with spaces sent unquoted (GNU
 * Mailutils): everything before the line's last parenthesised group. */
static DWORD status_name(const mw_imap_tree *t, uint32_t items, mw_imap_token *name)
{
    uint32_t first = mw_node_first(t, 0);
    if (first == items)
        return ST_ERROR_PROTOCOL_VIOLATION;
    if (mw_node_next(t, 0, first) == items && !mw_node_is_list(t, first)) {
        *name = mw_node_token(t, first);
        return 0;
    }
    for (uint32_t c = first; c != items; c = mw_node_next(t, 0, c))
        if (t->v[c].kind != MW_NODE_ATOM)
            return ST_ERROR_PROTOCOL_VIOLATION;
    memset(name, 0, sizeof *name);
    name->kind = MW_TOK_ATOM;
    const char *start = t->v[first].text.p, *end = t->v[items].text.p;
    while (end > start && end[-1] == ' ')
        end--;
    name->raw = (mw_imap_text){start, (size_t)(end - start)};
    return 0;
}

/* The item list: the last value of the line. */
static uint32_t status_list(const mw_imap_tree *t)
{
    uint32_t last = 0;
    for (uint32_t c = mw_node_first(t, 0); c != 0; c = mw_node_next(t, 0, c))
        last = c;
    return mw_node_is_list(t, last) ? last : 0;
}

static DWORD status_items(const mw_imap_tree *t, uint32_t items, IMAPMAILBOXSTATUS *st)
{
    uint32_t key = mw_node_first(t, items);
    for (int i = 0; key != 0; i++) {
        if (i == 64) /* a handful of items; more is not STATUS */
            return ST_ERROR_PROTOCOL_VIOLATION;
        uint32_t v = mw_node_next(t, items, key);
        DWORD err = status_item(t, key, v, st);
        if (err != 0)
            return err;
        key = mw_node_next(t, items, v);
    }
    return 0;
}

DWORD mw_imap_parse_status(mw_session *s, const mw_imap_resp *r, mw_buf *name,
                           IMAPMAILBOXSTATUS *st)
{
    if (r->has_number || !mw_imap_text_is(r->name, "STATUS"))
        return 1;
    mw_imap_tree own;
    DWORD err;
    const mw_imap_tree *t = mw_imap_resp_tree(r, &own, &err);
    uint32_t items = t != NULL ? status_list(t) : 0;
    mw_imap_token token;
    if (t != NULL)
        err = items != 0 ? status_name(t, items, &token) : ST_ERROR_PROTOCOL_VIOLATION;
    if (err == 0 && name != NULL)
        err = mw_imap_mailbox_name(s, &token, name);
    if (err == 0) {
        memset(st, 0, sizeof *st);
        st->dwSize = sizeof *st;
        err = status_items(t, items, st);
    }
    mw_imap_tree_free(&own);
    return err;
}

typedef struct status_ctx {
    IMAPMAILBOXSTATUS *st;
    int found;
} status_ctx;

/* A STATUS line that breaks the grammar is dropped, as in a listing: the
 * tagged answer decides, and no answer at all fails the call. */
static DWORD on_status(mw_session *s, const mw_imap_resp *r, void *ctx)
{
    status_ctx *c = ctx;
    IMAPMAILBOXSTATUS st;
    DWORD err = mw_imap_parse_status(s, r, NULL, &st);
    if (err == 0) {
        *c->st = st;
        c->found = 1;
    }
    return err == 1 || err == ST_ERROR_PROTOCOL_VIOLATION ? 0 : err;
}

const char *mw_imap_status_items(const mw_session *s)
{
    return mw_caps_has(&s->caps, "CONDSTORE") ? "(MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT HIGHESTMODSEQ)"
                                               : "(MESSAGES RECENT UNSEEN UIDVALIDITY UIDNEXT)";
}

DWORD mw_imap_status_of(mw_session *s, const char *name, IMAPMAILBOXSTATUS *st)
{
    mw_imap_cmd c;
    memset(st, 0, sizeof *st);
    status_ctx ctx = {st, 0};
    DWORD err = mw_imap_cmd_begin(s, &c, "STATUS");
    if (err == 0)
        err = mw_imap_cmd_mailbox(s, &c, name);
    if (err == 0)
        err = mw_buf_printf(&c.text, " %s", mw_imap_status_items(s));
    if (err == 0)
        err = mw_imap_run(s, &c, on_status, &ctx);
    mw_imap_cmd_free(&c);
    if (err == 0 && !ctx.found) {
        s->framing_intact = 1; /* an OK without the counts: the session goes on */
        return ST_ERROR_PROTOCOL_VIOLATION;
    }
    err = mw_imap_mailbox_error(err, s);
    return err == ST_ERROR_COMMAND_REJECTED ? ST_ERROR_MAILBOX_NOT_FOUND : err;
}
