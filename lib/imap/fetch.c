/*
 * fetch.c - reading messages: FETCH responses parsed into their items, and
 * body sections streamed straight from the socket into a sink (buffer,
 * memory, file, callback) so memory stays flat whatever the size.
 */
#include <stdio.h>
#include <string.h>

#include "../proto/trace.h"
#include "../sys/ascii.h"
#include "bodystructure.h"
#include "fetch_items.h"
#include "imap.h"

#define PROGRESS_STEP (64u * 1024u)

static int is_fetch(const mw_imap_resp *r)
{
    return r->has_number && mw_imap_text_is(r->name, "FETCH");
}

/* Whether a FETCH of message number seq with UID uid (0: not said) can be
 * the answer about message id. Other messages' FETCHes are updates, and
 * some servers answer a UID past the last with the last message (GNU
 * Mailutils): that must never pass for the message asked for. */
static int about_asked(UINT id, DWORD options, unsigned long seq, DWORD uid)
{
    if (id == 0) /* many messages: each reports its own ids */
        return 1;
    return (options & IMAP_MESSAGE_UID) ? uid == 0 || uid == id : seq == id;
}

/* ---- ids and sections -------------------------------------------------- */

DWORD mw_imap_check_id(mw_session *s, UINT id, DWORD options)
{
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    if (id == 0 || (!(options & IMAP_MESSAGE_UID) && id > s->imap->exists))
        return ST_ERROR_MESSAGE_NOT_FOUND;
    return 0;
}

DWORD mw_imap_section(UINT part, DWORD options, char *out, size_t cap)
{
    DWORD kind = options & (IMAP_SECTION_HEADER | IMAP_SECTION_MIMEHEADER | IMAP_SECTION_BODY);
    const char *what = kind == IMAP_SECTION_HEADER     ? "HEADER"
                       : kind == IMAP_SECTION_BODY      ? "TEXT"
                       : kind == IMAP_SECTION_MIMEHEADER ? "MIME"
                                                         : "";
    if (kind != 0 && kind != IMAP_SECTION_HEADER && kind != IMAP_SECTION_BODY &&
        kind != IMAP_SECTION_MIMEHEADER)
        return ST_ERROR_INVALID_PARAMETER;
    if (part == 0 && kind == IMAP_SECTION_MIMEHEADER)
        return ST_ERROR_INVALID_PARAMETER; /* the whole message has no MIME header */
    if (part == 0)
        snprintf(out, cap, "%s", what);
    else if (kind == 0)
        snprintf(out, cap, "%u", part);
    else
        snprintf(out, cap, "%u.%s", part, what);
    return 0;
}

DWORD mw_imap_fetch_begin(mw_session *s, mw_imap_cmd *c, const char *set, DWORD options)
{
    DWORD err = mw_imap_cmd_begin(s, c, (options & IMAP_MESSAGE_UID) ? "UID FETCH" : "FETCH");
    if (err == 0)
        err = mw_imap_cmd_atom(c, set);
    return err;
}

/* ---- streaming a body into a sink ------------------------------------- */

typedef struct body_ctx {
    mw_session *s;
    mw_sink *sink;
    const char *section; /* the section asked for */
    UINT id;             /* the message asked for; 0: any */
    DWORD options;       /* IMAP_MESSAGE_UID: id is a UID */
    uint64_t next_event;
    int bodies;
} body_ctx;

/* Whether the literal announced at the end of text ("... BODY[] {n}") is
 * a body item for section; h gets the FETCH's number, UID so far and item. */
static int body_literal(mw_session *s, const char *section, const char *text, size_t len,
                        mw_imap_fetch_head_info *h)
{
    return mw_imap_fetch_head(&s->imap->tree, text, len, h) == 0 && mw_imap_is_body_item(h->item, section);
}

/* Claims the literal of the body item asked for ("... BODY[] {n}") of the
 * message asked for: a UID said after the literal is checked at the end. */
static int claim(void *vctx, const char *text, size_t len, uint64_t size)
{
    body_ctx *b = vctx;
    mw_imap_fetch_head_info h;
    if (!body_literal(b->s, b->section, text, len, &h) || !about_asked(b->id, b->options, h.seq, h.uid))
        return 0;
    b->bodies++;
    atomic_store(&b->s->xfer_done, 0);
    atomic_store(&b->s->xfer_total, size);
    b->next_event = PROGRESS_STEP;
    return 1;
}

static DWORD body_data(void *vctx, const void *p, size_t n)
{
    body_ctx *b = vctx;
    DWORD err = mw_sink_write(b->sink, p, n);
    uint64_t done = atomic_fetch_add(&b->s->xfer_done, n) + n;
    if (done >= b->next_event) {
        b->next_event = done + PROGRESS_STEP;
        mw_session_event(b->s, IMAP_EVENT_PROGRESS, 0);
    }
    return err;
}

static DWORD body_end(void *vctx)
{
    body_ctx *b = vctx;
    mw_trace_note(b->s, "%llu bytes of message data", (unsigned long long)b->sink->total);
    mw_session_event(b->s, IMAP_EVENT_PROGRESS, 0);
    return 0;
}

typedef struct single_ctx {
    int found;
    int nil;
    int other; /* a body of another message reached the sink */
    mw_sink *sink;
    const char *section;
    UINT id;
    DWORD options;
} single_ctx;

/* A body sent as a quoted string, unescaped, to fn (a sink or the caller). */
typedef DWORD (*inline_fn)(void *ctx, const void *p, size_t n);
static DWORD deliver_inline(const mw_imap_token *t, inline_fn fn, void *ctx)
{
    mw_buf value;
    mw_buf_init(&value, 0);
    DWORD err = mw_imap_token_value(t, &value);
    if (err == 0 && value.len > 0)
        err = fn(ctx, value.p, value.len);
    mw_buf_free(&value);
    return err;
}

static DWORD to_sink(void *ctx, const void *p, size_t n)
{
    return mw_sink_write(ctx, p, n);
}

static DWORD on_single(mw_session *s, const mw_imap_resp *r, void *vctx)
{
    single_ctx *c = vctx;
    mw_imap_fetch_info info;
    (void)s;
    if (!is_fetch(r) || mw_imap_parse_fetch(r, c->section, &info) != 0 || !info.has_body)
        return 0; /* unsolicited updates about other messages */
    if (!about_asked(c->id, c->options, r->number, info.uid)) {
        c->other |= !info.body_inline; /* streamed before its UID was said */
        return 0;
    }
    c->found = 1;
    c->nil = info.body_nil;
    return info.body_inline ? deliver_inline(&info.body_text, to_sink, c->sink) : 0;
}

/* FETCH of one body item: section, BINARY or BODY, origin "<o.n>" or "". */
static DWORD fetch_item(mw_session *s, UINT id, const char *section, DWORD options, int binary,
                        const char *origin, mw_sink *sink)
{
    char idtext[16], item[200];
    DWORD err = mw_imap_check_id(s, id, options);
    if (err != 0)
        return err;
    snprintf(idtext, sizeof idtext, "%u", id);
    int w = snprintf(item, sizeof item, "(%s%s[%s]%s)", binary ? "BINARY" : "BODY",
                     (options & IMAP_MESSAGE_PEEK) ? ".PEEK" : "", section, origin);
    if (w < 0 || (size_t)w >= sizeof item)
        return ST_ERROR_INVALID_PARAMETER;
    body_ctx b = {s, sink, section, id, options, PROGRESS_STEP, 0};
    mw_imap_body_hooks hooks = {claim, body_data, body_end, &b};
    single_ctx found = {0, 0, 0, sink, section, id, options};
    mw_imap_cmd c;
    err = mw_imap_fetch_begin(s, &c, idtext, options);
    if (err == 0)
        err = mw_imap_cmd_atom(&c, item);
    if (err == 0)
        err = mw_imap_run_with(s, &c, &hooks, on_single, &found);
    mw_imap_cmd_free(&c);
    if (err == ST_ERROR_COMMAND_REJECTED || err == ST_ERROR_COMMAND_MALFORMED)
        return found.found ? err : binary ? ST_ERROR_NOT_SUPPORTED : ST_ERROR_MESSAGE_NOT_FOUND;
    if (err == 0 && (!found.found || found.nil))
        err = ST_ERROR_MESSAGE_NOT_FOUND; /* UID FETCH of a gone UID answers OK */
    if (err == 0 && found.other) { /* another message's bytes went in too */
        s->framing_intact = 1;     /* the tagged response is in: the session goes on */
        err = ST_ERROR_PROTOCOL_VIOLATION;
    }
    return err;
}

DWORD mw_imap_fetch_section(mw_session *s, UINT id, const char *section, DWORD options, int binary,
                            mw_sink *sink)
{
    return fetch_item(s, id, section, options, binary, "", sink);
}

DWORD mw_imap_fetch_range(mw_session *s, UINT id, const char *section, DWORD options, DWORD offset,
                          DWORD count, mw_sink *sink)
{
    char origin[32];
    snprintf(origin, sizeof origin, "<%lu.%lu>", (unsigned long)offset, (unsigned long)count);
    return fetch_item(s, id, section, options, 0, origin, sink);
}

DWORD mw_imap_fetch_body(mw_session *s, UINT id, UINT part, DWORD options, mw_sink *sink)
{
    char section[32];
    DWORD err = mw_imap_section(part, options, section, sizeof section);
    return err != 0 ? err : mw_imap_fetch_section(s, id, section, options, 0, sink);
}

/* ---- attributes --------------------------------------------------------- */

typedef struct info_ctx {
    mw_imap_fetch_info *info;
    mw_buf *keywords;
    int found;
    int keywords_cut; /* the line limit cost the message its keywords */
    UINT id;
    DWORD options;
} info_ctx;

/* The keywords of a FLAGS list, space-separated; system flags travel as
 * bits. */
static DWORD keep_keywords(const mw_imap_tree *t, uint32_t list, mw_buf *out)
{
    mw_buf_reset(out);
    DWORD err = mw_buf_terminate(out);
    for (uint32_t c = t != NULL ? mw_node_first(t, list) : 0; err == 0 && c != 0; c = mw_node_next(t, list, c)) {
        mw_imap_text k = mw_node_atom(t, c);
        if (k.len == 0 || k.p[0] == '\\')
            continue;
        if (out->len > 0)
            err = mw_buf_append(out, " ", 1);
        if (err == 0)
            err = mw_buf_append(out, k.p, k.len);
    }
    return err;
}

static DWORD on_info(mw_session *s, const mw_imap_resp *r, void *vctx)
{
    info_ctx *c = vctx;
    mw_imap_fetch_info info;
    (void)s;
    if (!is_fetch(r) || mw_imap_parse_fetch(r, NULL, &info) != 0 || !info.has_flags || info.uid == 0)
        return 0;
    if (!about_asked(c->id, c->options, r->number, info.uid))
        return 0;
    *c->info = info;
    c->found = 1;
    c->keywords_cut = r->flags_cut;
    return c->keywords != NULL ? keep_keywords(info.tree, info.flags_node, c->keywords) : 0;
}

DWORD mw_imap_fetch_info_of(mw_session *s, UINT id, DWORD options, mw_imap_fetch_info *info,
                            mw_buf *keywords)
{
    char idtext[16];
    DWORD err = mw_imap_check_id(s, id, options);
    if (err != 0)
        return err;
    snprintf(idtext, sizeof idtext, "%u", id);
    info_ctx ctx = {info, keywords, 0, 0, id, options};
    mw_imap_cmd c;
    err = mw_imap_fetch_begin(s, &c, idtext, options);
    if (err == 0)
        err = mw_imap_cmd_atom(&c, "(UID FLAGS RFC822.SIZE INTERNALDATE)");
    if (err == 0)
        err = mw_imap_run(s, &c, on_info, &ctx);
    mw_imap_cmd_free(&c);
    if (err == 0 && !ctx.found)
        err = ST_ERROR_MESSAGE_NOT_FOUND;
    if (err == 0 && ctx.keywords_cut && keywords != NULL) {
        s->framing_intact = 1; /* the answer was read to its end */
        err = ST_ERROR_RESPONSE_TOO_LARGE;
    }
    return err == ST_ERROR_COMMAND_REJECTED ? ST_ERROR_MESSAGE_NOT_FOUND : err;
}

/* ---- many messages ------------------------------------------------------ */

typedef mw_imap_many many_ctx;

/* Whether a FETCH (uid 0: not said yet) can answer the set asked for: a
 * server may answer a UID past the last with the last message (GNU
 * Mailutils), which must not pass for one asked for. */
static int in_asked_set(const many_ctx *m, unsigned long seq, DWORD uid)
{
    if (!(m->options & IMAP_MESSAGE_UID))
        return mw_msgset_may_hold(&m->set, seq);
    return uid == 0 || mw_msgset_may_hold(&m->set, uid);
}

static int many_claim(void *vctx, const char *text, size_t len, uint64_t size)
{
    many_ctx *m = vctx;
    mw_imap_fetch_head_info h;
    if (!body_literal(m->s, m->section, text, len, &h) || !in_asked_set(m, h.seq, h.uid))
        return 0; /* its literal is read and dropped */
    memset(&m->data, 0, sizeof m->data);
    m->data.dwSize = sizeof m->data;
    m->data.nMessageId = h.seq;
    m->data.dwUid = h.uid;
    m->data.dwMessageSize = size > 0xFFFFFFFFu ? 0xFFFFFFFFu : (DWORD)size;
    m->next_event = PROGRESS_STEP;
    return 1;
}

static DWORD many_data(void *vctx, const void *p, size_t n)
{
    many_ctx *m = vctx;
    uint64_t done = atomic_fetch_add(&m->s->xfer_done, n) + n;
    if (done >= m->next_event) {
        m->next_event = done + PROGRESS_STEP;
        mw_session_event(m->s, IMAP_EVENT_PROGRESS, 0);
    }
    if (m->stopped || n == 0)
        return 0;
    m->data.lpvData = p;
    m->data.dwLength = (DWORD)n;
    m->data.bLastChunk = FALSE;
    if (!m->proc(m->handle, &m->data, m->param))
        m->stopped = 1; /* the rest of the response is read and dropped */
    m->data.dwOffset += (DWORD)n;
    return 0;
}

static DWORD many_end(void *vctx)
{
    (void)vctx;
    return 0;
}

/* A FETCH the caller must not keep: a body already streamed for it ends
 * with a final call whose dwUid is 0, so the caller drops it. One that
 * breaks the grammar (a UID of 0 or past 32 bits, a size past 63 bits...)
 * also fails the call with ST_ERROR_PROTOCOL_VIOLATION once the tagged
 * response is in; one about a message not asked for is only dropped, as
 * if the server had not sent it. */
static DWORD many_drop(many_ctx *m, const mw_imap_resp *r)
{
    if (m->stopped || m->data.nMessageId == 0 || m->data.nMessageId != (DWORD)r->number)
        return 0;
    m->data.dwUid = 0;
    m->data.dwFlags = 0;
    m->data.lpvData = NULL;
    m->data.dwLength = 0;
    m->data.bLastChunk = TRUE;
    if (!m->proc(m->handle, &m->data, m->param))
        m->stopped = 1;
    m->data.nMessageId = 0;
    return 0;
}

static DWORD many_malformed(many_ctx *m, const mw_imap_resp *r)
{
    m->malformed = 1;
    return many_drop(m, r);
}

/* The whole FETCH response is in: the final call, with flags and UID. */
DWORD mw_imap_many_untagged(mw_session *s, const mw_imap_resp *r, void *vctx)
{
    many_ctx *m = vctx;
    mw_imap_fetch_info info;
    (void)s;
    if (!is_fetch(r))
        return 0;
    if (mw_imap_parse_fetch(r, m->section, &info) != 0)
        return many_malformed(m, r);
    if (!info.has_body || m->stopped)
        return 0;
    if (info.uid == 0 && (m->options & IMAP_MESSAGE_UID))
        return many_malformed(m, r); /* a UID FETCH answer must say its UID */
    if (!in_asked_set(m, info.seq, info.uid))
        return many_drop(m, r);
    if (m->data.nMessageId != info.seq) { /* an inline or NIL body: nothing streamed */
        memset(&m->data, 0, sizeof m->data);
        m->data.dwSize = sizeof m->data;
        m->data.nMessageId = info.seq;
        m->data.dwUid = info.uid;
        m->data.dwMessageSize = info.size;
        if (info.body_inline)
            (void)deliver_inline(&info.body_text, many_data, m);
        if (m->stopped)
            return 0;
    }
    m->data.dwUid = info.uid;
    m->data.dwFlags = info.flags;
    m->data.lpvData = NULL;
    m->data.dwLength = 0;
    m->data.bLastChunk = TRUE;
    m->delivered++;
    if (!m->proc(m->handle, &m->data, m->param))
        m->stopped = 1;
    return 0;
}

int mw_imap_refused_as_empty(const mw_session *s, DWORD err, DWORD options)
{
    return (err == ST_ERROR_COMMAND_REJECTED || err == ST_ERROR_COMMAND_MALFORMED) &&
           !(options & IMAP_MESSAGE_UID) && s->imap->exists == 0;
}

/* The FETCH of the set's next chunk of ranges. */
static DWORD many_command(mw_session *s, mw_imap_many *m, const mw_imap_many_args *a,
                          mw_imap_cmd *c)
{
    char item[80], chunk[MW_MSGSET_CHUNK_MAX];
    mw_msgset_format(&m->set, &m->next, chunk, sizeof chunk);
    snprintf(item, sizeof item, "(UID FLAGS BODY%s[%s])",
             (a->options & IMAP_MESSAGE_PEEK) ? ".PEEK" : "", m->section);
    DWORD err = mw_imap_fetch_begin(s, c, chunk, a->options);
    return err != 0 ? err : mw_imap_cmd_atom(c, item);
}

DWORD mw_imap_many_begin(mw_session *s, mw_imap_many *m, const mw_imap_many_args *a,
                         mw_imap_cmd *c)
{
    memset(m, 0, sizeof *m); /* whatever happens, m and c can be ended and freed */
    memset(c, 0, sizeof *c);
    DWORD err = mw_imap_section(0, a->options, m->section, sizeof m->section);
    if (err == 0)
        err = mw_msgset_parse(&m->set, a->set);
    if (err != 0)
        return err;
    m->handle = a->handle;
    m->proc = a->proc;
    m->param = a->param;
    m->options = a->options;
    m->s = s;
    m->hooks = (mw_imap_body_hooks){many_claim, many_data, many_end, m};
    return many_command(s, m, a, c);
}

DWORD mw_imap_many_rest(mw_session *s, mw_imap_many *m, const mw_imap_many_args *a)
{
    DWORD err = 0;
    while (err == 0 && !m->stopped && m->next < m->set.n) {
        mw_imap_cmd c;
        err = many_command(s, m, a, &c);
        if (err == 0)
            err = mw_imap_run_with(s, &c, &m->hooks, mw_imap_many_untagged, m);
        mw_imap_cmd_free(&c);
    }
    return err;
}

DWORD mw_imap_many_end(mw_session *s, mw_imap_many *m, const mw_imap_many_args *a, DWORD err,
                       UINT *count_r)
{
    *count_r = m->delivered;
    mw_msgset_free(&m->set);
    if (m->delivered == 0 && mw_imap_refused_as_empty(s, err, a->options))
        return strchr(a->set, '*') != NULL ? 0 : ST_ERROR_MESSAGE_NOT_FOUND; /* "1:*" of nothing */
    if (err == 0 && m->malformed) {
        s->framing_intact = 1; /* the tagged response is in: the session goes on */
        return ST_ERROR_PROTOCOL_VIOLATION;
    }
    if (err == ST_ERROR_COMMAND_REJECTED && m->delivered == 0)
        err = ST_ERROR_MESSAGE_NOT_FOUND;
    return err != 0 ? err : (m->stopped ? ST_ERROR_CANCELLED : 0);
}

DWORD mw_imap_fetch_many(mw_session *s, const mw_imap_many_args *a, UINT *count_r)
{
    *count_r = 0;
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    mw_imap_many m;
    mw_imap_cmd c;
    DWORD err = mw_imap_many_begin(s, &m, a, &c);
    if (err == 0)
        err = mw_imap_run_with(s, &c, &m.hooks, mw_imap_many_untagged, &m);
    mw_imap_cmd_free(&c);
    if (err == 0)
        err = mw_imap_many_rest(s, &m, a);
    return mw_imap_many_end(s, &m, a, err, count_r);
}

/* ---- BODYSTRUCTURE ---------------------------------------------------------- */

typedef struct bs_ctx {
    mw_bs_node **root;
    DWORD err;
} bs_ctx;

static DWORD bodystructure_item(void *vctx, const mw_imap_tree *t, mw_imap_text name, uint32_t v)
{
    bs_ctx *c = vctx;
    if (!mw_imap_text_is(name, "BODYSTRUCTURE") || *c->root != NULL)
        return 0;
    c->err = mw_bs_parse(t, v, c->root);
    return 0;
}

static DWORD on_bodystructure(mw_session *s, const mw_imap_resp *r, void *vctx)
{
    bs_ctx *c = vctx;
    (void)s;
    if (is_fetch(r) && *c->root == NULL && r->tree != NULL)
        (void)mw_imap_fetch_items(r->tree, bodystructure_item, c); /* a broken one is skipped */
    return 0;
}

DWORD mw_imap_bodystructure(mw_session *s, UINT id, DWORD options, mw_bs_node **root_r)
{
    char idtext[16];
    *root_r = NULL;
    DWORD err = mw_imap_check_id(s, id, options);
    if (err != 0)
        return err;
    snprintf(idtext, sizeof idtext, "%u", id);
    bs_ctx ctx = {root_r, 0};
    mw_imap_cmd c;
    err = mw_imap_fetch_begin(s, &c, idtext, options);
    if (err == 0)
        err = mw_imap_cmd_atom(&c, "(BODYSTRUCTURE)");
    if (err == 0)
        err = mw_imap_run(s, &c, on_bodystructure, &ctx);
    mw_imap_cmd_free(&c);
    if (err == 0)
        err = ctx.err;
    if (err == 0 && *root_r == NULL)
        err = ST_ERROR_MESSAGE_NOT_FOUND;
    if (err != 0)
        mw_bs_free(root_r);
    return err == ST_ERROR_COMMAND_REJECTED ? ST_ERROR_MESSAGE_NOT_FOUND : err;
}
