/* exchange.c - one IMAP command from its first byte to its tagged response. */
#include <string.h>

#include "../proto/trace.h"
#include "imap.h"
#include "tree.h"

static int has_tag(const mw_imap_resp *r, const char *tag)
{
    size_t n = strlen(tag);
    return r->kind == MW_IMAP_TAGGED && r->tag.len == n && memcmp(r->tag.p, tag, n) == 0;
}

int mw_imap_is_ours(const mw_session *s, const mw_imap_resp *r)
{
    return has_tag(r, s->imap->tag);
}

void mw_imap_handle_code(mw_session *s, const mw_imap_resp *r)
{
    mw_imap_text word, rest;
    if (r->code.p == NULL)
        return;
    mw_imap_code_split(r->code, &word, &rest);
    if (s->imap->code_fn != NULL)
        s->imap->code_fn(s->imap->code_ctx, word, rest);
    if (mw_imap_text_is(word, "CAPABILITY")) {
        mw_caps_clear(&s->caps);
        (void)mw_caps_add_words(&s->caps, rest.p, rest.len);
    } else if (mw_imap_text_is(word, "UIDVALIDITY")) {
        /* out of range: the code is ignored, and the value stays unknown (0) */
        (void)mw_imap_nz32(rest, &s->imap->uidvalidity);
    } else if (mw_imap_text_is(word, "UIDNEXT")) {
        (void)mw_imap_nz32(rest, &s->imap->uidnext);
    } else if (mw_imap_text_is(word, "HIGHESTMODSEQ")) {
        /* RFC 7162: 1 to 2^63-1; out of range it stays unknown (0) */
        (void)mw_imap_number_max(rest, MW_IMAP_NUM63_MAX, &s->imap->highest_modseq);
    } else if (mw_imap_text_is(word, "NOMODSEQ")) {
        s->imap->highest_modseq = 0;
    } else if (mw_imap_text_is(word, "UNSEEN")) {
        (void)mw_imap_nz32(rest, &s->imap->unseen);
    } else if (mw_imap_text_is(word, "PERMANENTFLAGS")) {
        s->imap->permanent_flags = mw_imap_flags_of(rest);
    } else if (mw_imap_text_is(word, "READ-ONLY")) {
        s->imap->read_only = 1;
    } else if (mw_imap_text_is(word, "READ-WRITE")) {
        s->imap->read_only = 0;
    }
}

static void changed(mw_session *s, DWORD what)
{
    s->imap->changes |= what;
    mw_session_event(s, IMAP_EVENT_UPDATE, 0);
}

/* With CONDSTORE the mailbox's mod-sequence follows the MODSEQ of each
 * FETCH as well as the HIGHESTMODSEQ codes (not every server sends one
 * after a command: Cyrus does not); a code may set it lower again (RFC
 * 7162 errata 1810: a server that holds back an expunge does so). */
static void raise_modseq(mw_session *s, const mw_imap_resp *r)
{
    mw_imap_fetch_info info;
    if (s->imap->condstore && mw_imap_parse_fetch(r, NULL, &info) == 0 &&
        info.modseq > s->imap->highest_modseq)
        s->imap->highest_modseq = info.modseq;
}

/* EXISTS, RECENT, EXPUNGE, FETCH and FLAGS update the selected mailbox
 * whichever command they arrive with. */
static void mailbox_update(mw_session *s, const mw_imap_resp *r)
{
    if (r->has_number && mw_imap_text_is(r->name, "EXISTS")) {
        DWORD before = s->imap->exists;
        s->imap->exists = (DWORD)r->number;
        if (s->imap->exists > before)
            changed(s, IMAP_CHANGE_NEW);
    } else if (r->has_number && mw_imap_text_is(r->name, "RECENT")) {
        s->imap->recent = (DWORD)r->number;
    } else if (r->has_number && mw_imap_text_is(r->name, "EXPUNGE")) {
        if (s->imap->exists > 0)
            s->imap->exists--;
        changed(s, IMAP_CHANGE_EXPUNGED);
    } else if (!r->has_number && mw_imap_text_is(r->name, "VANISHED")) {
        /* its set was counted as it streamed in (mw_imap_on_vanished) */
        if (s->imap->vanished > 0)
            changed(s, IMAP_CHANGE_EXPUNGED);
        s->imap->vanished = 0;
    } else if (r->has_number && mw_imap_text_is(r->name, "FETCH")) {
        raise_modseq(s, r);
        changed(s, IMAP_CHANGE_FLAGS);
    } else if (!r->has_number && mw_imap_text_is(r->name, "FLAGS")) {
        s->imap->flags = r->tree != NULL ? mw_imap_flags_in(r->tree, mw_node_first(r->tree, 0)) : 0;
    }
}

/* Each range of a "* VANISHED" set as it streams in (RFC 7162: the UIDs
 * of messages just expunged; the count goes down by as many). A range
 * that is no UID range is not counted. */
static DWORD on_vanished(void *ctx, uint64_t lo, uint64_t hi)
{
    mw_session *s = ctx;
    if (lo == 0 || hi == 0 || lo > 0xFFFFFFFFu || hi > 0xFFFFFFFFu) /* not counted; a resync hears of it */
        return s->imap->vanished_fn != NULL ? s->imap->vanished_fn(s->imap->vanished_ctx, lo, hi) : 0;
    uint64_t n = (lo < hi ? hi - lo : lo - hi) + 1;
    s->imap->exists = n < s->imap->exists ? s->imap->exists - (DWORD)n : 0;
    s->imap->vanished += n;
    return s->imap->vanished_fn != NULL ? s->imap->vanished_fn(s->imap->vanished_ctx, lo, hi) : 0;
}

/* "* VANISHED (EARLIER)": messages gone before now, which the count never
 * held; they go to the command that asked (a resynchronization), if any. */
static DWORD on_vanished_earlier(void *ctx, uint64_t lo, uint64_t hi)
{
    mw_session *s = ctx;
    return s->imap->vanished_fn != NULL ? s->imap->vanished_fn(s->imap->vanished_ctx, lo, hi) : 0;
}

void mw_imap_take_vanished(mw_session *s, mw_imap_asm *a)
{
    a->vanished = (mw_imap_vanished_hooks){on_vanished, on_vanished_earlier, s};
}

DWORD mw_imap_handle_untagged(mw_session *s, const mw_imap_resp *r)
{
    if (!r->has_number && mw_imap_text_is(r->name, "CAPABILITY")) {
        mw_caps_clear(&s->caps);
        return mw_caps_add_words(&s->caps, r->data.p, r->data.len);
    }
    if (r->status != MW_IMAP_ST_NONE)
        mw_imap_handle_code(s, r);
    else
        mailbox_update(s, r);
    return 0;
}

/* The bit of a system flag (or "\*"); 0 for a keyword. */
static DWORD flag_bit(mw_imap_text name)
{
    static const struct {
        const char *name;
        DWORD bit;
    } names[] = {{"\\Seen", IMAP_FLAG_SEEN},         {"\\Answered", IMAP_FLAG_ANSWERED},
                 {"\\Flagged", IMAP_FLAG_FLAGGED},   {"\\Deleted", IMAP_FLAG_DELETED},
                 {"\\Draft", IMAP_FLAG_DRAFT},       {"\\Recent", IMAP_FLAG_RECENT},
                 {"\\*", IMAP_FLAG_KEYWORDS}};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (mw_imap_text_is(name, names[i].name))
            return names[i].bit;
    return 0;
}

DWORD mw_imap_flags_in(const mw_imap_tree *t, uint32_t list)
{
    DWORD bits = 0;
    for (uint32_t c = mw_node_first(t, list); c != 0; c = mw_node_next(t, list, c))
        bits |= flag_bit(mw_node_atom(t, c));
    return bits;
}

DWORD mw_imap_flags_of(mw_imap_text list)
{
    mw_imap_tree t;
    mw_imap_tree_init(&t);
    DWORD bits = 0;
    /* partial: a list the line limit cut still names the flags before the cut */
    if (mw_imap_tree_parse(&t, list, 1) == 0)
        for (uint32_t c = mw_node_first(&t, 0); c != 0; c = mw_node_next(&t, 0, c))
            bits |= mw_node_is_list(&t, c) ? mw_imap_flags_in(&t, c) : flag_bit(mw_node_atom(&t, c));
    mw_imap_tree_free(&t);
    return bits;
}

static DWORD status_error(const mw_imap_resp *r)
{
    switch (r->status) {
    case MW_IMAP_ST_OK:
        return 0;
    case MW_IMAP_ST_NO:
        return ST_ERROR_COMMAND_REJECTED;
    default:
        return ST_ERROR_COMMAND_MALFORMED;
    }
}

DWORD mw_imap_finish(mw_session *s, const mw_imap_resp *r)
{
    /* The result text keeps the response code: "[AUTHENTICATIONFAILED] ..." */
    const char *from = r->code.p != NULL ? r->code.p - 1 : r->text.p;
    const char *end = r->text.p + r->text.len;
    static const int codes[] = {IMAP_RESULT_NONE, IMAP_RESULT_OK, IMAP_RESULT_NO, IMAP_RESULT_BAD};
    mw_session_set_result(s, codes[r->status <= MW_IMAP_ST_BAD ? r->status : 0], from,
                          (size_t)(end - from));
    mw_imap_handle_code(s, r);
    return status_error(r);
}

/* Writes text[from..to), plus CRLF after the last part. */
static DWORD send_part(mw_session *s, mw_imap_cmd *c, size_t from, size_t to, int last)
{
    size_t shown = c->visible > from ? c->visible - from : 0;
    size_t tracelen = to - from;
    if (!last && tracelen >= 2)
        tracelen -= 2; /* the CRLF ending a literal's announcement */
    mw_trace_line(s, IMAP_STATUS_SENT, (const char *)c->text.p + from, tracelen, shown);
    mw_session_arm_timeout(s);
    DWORD err = mw_stream_write(&s->stream, c->text.p + from, to - from);
    if (err == 0 && last)
        err = mw_stream_write(&s->stream, "\r\n", 2);
    return err;
}

/* The literal size a confused server sees at the end of our last line:
 * "{5}" there, or inside the closing quote ("x{5}"), as GNU Mailutils
 * reads it. 0 when the line does not end so. */
static size_t literal_tail(const mw_imap_cmd *c)
{
    size_t from = c->nsplits > 0 ? c->splits[c->nsplits - 1] : 0;
    const char *p = (const char *)c->text.p + from, *end = (const char *)c->text.p + c->text.len;
    if (end > p && end[-1] == '"')
        end--;
    if (end == p || *--end != '}')
        return 0;
    size_t n = 0, scale = 1;
    while (end > p && end[-1] >= '0' && end[-1] <= '9' && scale <= 1000000) {
        n += (size_t)(end[-1] - '0') * scale;
        scale *= 10;
        end--;
    }
    return end > p && end[-1] == '{' && scale > 1 ? n : 0;
}

/* A "+" after the whole command was sent: the server misread it. When it
 * waits for a literal our last line seemed to announce, spaces fill it so
 * the command ends (the server answers, mostly BAD) and the session goes
 * on, though the answer cannot be trusted to mean what was asked. Any
 * other "+" (STARTTLS answered so, say) has no known end: a violation. */
#define FILLER_MAX 4096
static DWORD unexpected_continuation(mw_session *s, const mw_imap_cmd *c)
{
    static const char spaces[64] = "                                                               ";
    size_t n = literal_tail(c);
    mw_trace_note(s, "unexpected continuation request; %zu filler bytes sent", n);
    if (n == 0 || n > FILLER_MAX)
        return ST_ERROR_PROTOCOL_VIOLATION;
    mw_session_arm_timeout(s);
    DWORD err = 0;
    for (size_t left = n; err == 0 && left > 0; left -= left < 64 ? left : 64)
        err = mw_stream_write(&s->stream, spaces, left < 64 ? left : 64);
    return err == 0 ? mw_stream_write(&s->stream, "\r\n", 2) : err;
}

DWORD mw_imap_run(mw_session *s, mw_imap_cmd *c, mw_imap_untagged_fn fn, void *ctx)
{
    return mw_imap_run_with(s, c, NULL, fn, ctx);
}

DWORD mw_imap_run_with(mw_session *s, mw_imap_cmd *c, const mw_imap_body_hooks *hooks,
                       mw_imap_untagged_fn fn, void *ctx)
{
    int split = 0, confused = 0;
    size_t end = c->nsplits > 0 ? c->splits[0] : c->text.len;
    DWORD err = send_part(s, c, 0, end, c->nsplits == 0);
    while (err == 0) {
        mw_imap_resp r;
        err = mw_imap_read_with(s, hooks, &r);
        if (err != 0)
            break;
        if (r.kind == MW_IMAP_CONTINUE && split >= c->nsplits) {
            err = confused++ ? ST_ERROR_PROTOCOL_VIOLATION : unexpected_continuation(s, c);
        } else if (r.kind == MW_IMAP_CONTINUE) {
            size_t from = c->splits[split++];
            end = split < c->nsplits ? c->splits[split] : c->text.len;
            err = send_part(s, c, from, end, split == c->nsplits);
        } else if (r.kind == MW_IMAP_UNTAGGED) {
            err = mw_imap_handle_untagged(s, &r);
            if (err == 0 && fn != NULL)
                err = fn(s, &r, ctx);
        } else {
            /* One command in flight: any other tag is forged or confused;
             * and an OK before every literal was asked for and sent would
             * report success for data the server never received. */
            if (!mw_imap_is_ours(s, &r) || (split < c->nsplits && r.status == MW_IMAP_ST_OK))
                return ST_ERROR_PROTOCOL_VIOLATION;
            err = mw_imap_finish(s, &r);
            if (confused) /* the tagged answer is in: the session goes on */
                s->framing_intact = 1;
            return confused && err == 0 ? ST_ERROR_PROTOCOL_VIOLATION : err;
        }
    }
    return err;
}

/* Reads the answer to one pipelined command, up to its tagged response. */
static DWORD read_step(mw_session *s, mw_imap_step *st, int keep_result)
{
    for (;;) {
        mw_imap_resp r;
        DWORD err = mw_imap_read_with(s, st->hooks, &r);
        if (err != 0)
            return err;
        if (r.kind == MW_IMAP_UNTAGGED) {
            err = mw_imap_handle_untagged(s, &r);
            if (err == 0 && st->fn != NULL)
                err = st->fn(s, &r, st->ctx);
            if (err != 0)
                return err;
            continue;
        }
        /* No literal waits for "+", and answers come in command order. */
        if (r.kind != MW_IMAP_TAGGED || !has_tag(&r, st->cmd->tag))
            return ST_ERROR_PROTOCOL_VIOLATION;
        if (keep_result) {
            st->result = mw_imap_finish(s, &r);
        } else {
            mw_imap_handle_code(s, &r);
            st->result = status_error(&r);
        }
        return 0;
    }
}

DWORD mw_imap_pipeline(mw_session *s, mw_imap_step *steps, int n)
{
    DWORD err = 0;
    for (int i = 0; i < n; i++)
        if (steps[i].cmd->nsplits > 0)
            return ST_ERROR_INVALID_PARAMETER; /* it would wait for "+" */
    for (int i = 0; i < n && err == 0; i++)
        err = send_part(s, steps[i].cmd, 0, steps[i].cmd->text.len, 1);
    int failed = 0;
    for (int i = 0; i < n && err == 0; i++) {
        err = read_step(s, &steps[i], !failed);
        failed |= steps[i].result != 0;
    }
    return err;
}

DWORD mw_imap_simple(mw_session *s, const char *name)
{
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, name);
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    return err;
}
