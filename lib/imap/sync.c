/*
 * sync.c - keeping a copy of a mailbox in step cheaply (RFC 7162): ENABLE
 * of CONDSTORE and QRESYNC, the flags changed since a mod-sequence (FETCH
 * CHANGEDSINCE), and SELECT with QRESYNC, which hands over what changed
 * and what vanished in the same round trip. Each change goes to a
 * consumer as it is read: nothing grows with the mailbox.
 */
#include <string.h>

#include "../sys/ascii.h"
#include "imap.h"
#include "msgset.h"
#include "tree.h"

/* ---- ENABLE ------------------------------------------------------------ */

DWORD mw_imap_on_enabled(mw_session *s, const mw_imap_resp *r, void *ctx)
{
    (void)ctx;
    if (r->has_number || !mw_imap_text_is(r->name, "ENABLED"))
        return 0;
    mw_imap_tree own;
    DWORD err;
    const mw_imap_tree *t = mw_imap_resp_tree(r, &own, &err);
    for (uint32_t c = t != NULL ? mw_node_first(t, 0) : 0; c != 0; c = mw_node_next(t, 0, c)) {
        if (mw_node_is_atom(t, c, "UTF8=ACCEPT"))
            s->imap->utf8 = 1;
        else if (mw_node_is_atom(t, c, "CONDSTORE"))
            s->imap->condstore = 1;
        else if (mw_node_is_atom(t, c, "QRESYNC"))
            s->imap->qresync = s->imap->condstore = 1; /* RFC 7162: QRESYNC implies CONDSTORE */
    }
    mw_imap_tree_free(&own);
    return 0;
}

/* Is the word one the library follows once enabled? */
static int known_extension(const char *w, size_t n)
{
    return (n == 9 && mw_ascii_ncasecmp(w, "CONDSTORE", 9) == 0) ||
           (n == 7 && mw_ascii_ncasecmp(w, "QRESYNC", 7) == 0);
}

/* Is the extension of that known word (its length tells which) on? */
static int enabled(const mw_session *s, size_t n)
{
    return n == 7 ? s->imap->qresync : s->imap->condstore;
}

DWORD mw_imap_enable(mw_session *s, const char *names)
{
    if (s->state == MW_STATE_SELECTED)
        return ST_ERROR_INVALID_PARAMETER; /* RFC 5161: only before a SELECT */
    size_t words = 0;
    for (const char *p = names; *p != '\0';) {
        size_t n = strcspn(p, " ");
        if (n > 0 && !known_extension(p, n))
            return ST_ERROR_INVALID_PARAMETER;
        if (n > 0) {
            char cap[16];
            memcpy(cap, p, n);
            cap[n] = '\0';
            if (!mw_caps_has(&s->caps, "ENABLE") || !mw_caps_has(&s->caps, cap))
                return ST_ERROR_NOT_SUPPORTED;
            words++;
        }
        p += n + (p[n] == ' ');
    }
    if (words == 0)
        return ST_ERROR_INVALID_PARAMETER;
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, "ENABLE");
    if (err == 0)
        err = mw_imap_cmd_atom(&c, names); /* checked word by word above */
    if (err == 0)
        err = mw_imap_run(s, &c, mw_imap_on_enabled, NULL);
    mw_imap_cmd_free(&c);
    for (const char *p = names; err == 0 && *p != '\0';) { /* each named came back ENABLED */
        size_t n = strcspn(p, " ");
        if (n > 0 && !enabled(s, n))
            err = ST_ERROR_NOT_SUPPORTED;
        p += n + (p[n] == ' ');
    }
    return err;
}

/* ---- changes to a consumer ---------------------------------------------- */

typedef struct change_ctx {
    mw_imap_change_fn fn;
    void *ctx;
    DWORD count;
    int stopped;
    int malformed; /* a FETCH broke the grammar: a change may be missing */
} change_ctx;

static void hand_on(change_ctx *c, const IMAPCHANGE *ch)
{
    if (c->stopped)
        return;
    if (c->count < 0xFFFFFFFFu)
        c->count++;
    if (!c->fn(c->ctx, ch))
        c->stopped = 1; /* the rest is read and dropped */
}

/* A FETCH with a UID and FLAGS: the message as it is now. One that
 * breaks the grammar is remembered: the call then fails, since a copy
 * built on the changes would miss one. */
static DWORD on_change_fetch(mw_session *s, const mw_imap_resp *r, void *vctx)
{
    change_ctx *cc = vctx;
    (void)s;
    mw_imap_fetch_info info;
    if (!r->has_number || !mw_imap_text_is(r->name, "FETCH"))
        return 0;
    if (mw_imap_parse_fetch(r, NULL, &info) != 0) {
        cc->malformed = 1;
        return 0;
    }
    if (info.uid == 0 || !info.has_flags)
        return 0;
    IMAPCHANGE ch = {sizeof ch, IMAP_CHANGE_FLAGS, info.seq, info.uid, info.uid, info.flags,
                     info.modseq};
    hand_on(cc, &ch);
    return 0;
}

/* A range of a VANISHED set, as it streams in. One that is no UID range
 * fails the call, as a malformed FETCH does: an expunge may be missing. */
static DWORD on_vanished_range(void *vctx, uint64_t lo, uint64_t hi)
{
    change_ctx *cc = vctx;
    if (lo == 0 || hi == 0 || lo > 0xFFFFFFFFu || hi > 0xFFFFFFFFu) {
        cc->malformed = 1;
        return 0;
    }
    IMAPCHANGE ch = {sizeof ch, IMAP_CHANGE_EXPUNGED, 0, (DWORD)(lo < hi ? lo : hi),
                     (DWORD)(lo < hi ? hi : lo), 0, 0};
    hand_on(vctx, &ch);
    return 0;
}

/* Runs c with its FETCH and VANISHED responses turned into changes. */
static DWORD run_for_changes(mw_session *s, mw_imap_cmd *c, change_ctx *cc)
{
    s->imap->vanished_fn = on_vanished_range;
    s->imap->vanished_ctx = cc;
    DWORD err = mw_imap_run(s, c, on_change_fetch, cc);
    s->imap->vanished_fn = NULL;
    s->imap->vanished_ctx = NULL;
    return err;
}

/* After the tagged response: a malformed FETCH fails the call, the
 * session (read to the end of the answer) going on. */
static DWORD changes_result(mw_session *s, DWORD err, const change_ctx *cc)
{
    if (err == 0 && cc->malformed) {
        s->framing_intact = 1;
        return ST_ERROR_PROTOCOL_VIOLATION;
    }
    return err;
}

/* ---- FETCH CHANGEDSINCE ----------------------------------------------------- */

DWORD mw_imap_fetch_changes(mw_session *s, const char *set, uint64_t modseq, DWORD options,
                            mw_imap_change_fn fn, void *ctx, DWORD *count_r)
{
    *count_r = 0;
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    int vanished = (options & IMAP_CHANGES_VANISHED) != 0;
    if (vanished && !(options & IMAP_MESSAGE_UID))
        return ST_ERROR_INVALID_PARAMETER; /* RFC 7162: VANISHED goes with UID FETCH alone */
    if (!mw_caps_has(&s->caps, "CONDSTORE") || (vanished && !s->imap->qresync))
        return ST_ERROR_NOT_SUPPORTED;
    mw_msgset ranges;
    DWORD err = mw_msgset_parse(&ranges, set);
    change_ctx cc = {fn, ctx, 0, 0, 0};
    for (size_t next = 0; err == 0 && next < ranges.n && !cc.stopped;) {
        char chunk[MW_MSGSET_CHUNK_MAX];
        mw_msgset_format(&ranges, &next, chunk, sizeof chunk);
        mw_imap_cmd c;
        err = mw_imap_fetch_begin(s, &c, chunk, options);
        if (err == 0) /* CHANGEDSINCE enables CONDSTORE by itself (RFC 7162 3.1) */
            err = mw_buf_printf(&c.text, " (UID FLAGS MODSEQ) (CHANGEDSINCE %llu%s)",
                                (unsigned long long)modseq, vanished ? " VANISHED" : "");
        if (err == 0)
            err = run_for_changes(s, &c, &cc);
        mw_imap_cmd_free(&c);
    }
    mw_msgset_free(&ranges);
    if (err == 0)
        s->imap->condstore = 1;
    *count_r = cc.count;
    return changes_result(s, err, &cc);
}

/* ---- SELECT with QRESYNC ----------------------------------------------------- */

DWORD mw_imap_select_resync(mw_session *s, const mw_imap_resync *rs, mw_imap_change_fn fn,
                            void *ctx, IMAPMAILBOX *out, DWORD *count_r)
{
    *count_r = 0;
    if (rs->known_uids != NULL && (!mw_msgset_valid(rs->known_uids) || strchr(rs->known_uids, '*')))
        return ST_ERROR_INVALID_PARAMETER; /* UIDs, without "*" (RFC 7162 known-uids) */
    if (rs->uidvalidity == 0 || rs->modseq == 0)
        return ST_ERROR_INVALID_PARAMETER; /* RFC 7162: both nonzero */
    if (!s->imap->qresync && s->state == MW_STATE_AUTHENTICATED && mw_caps_has(&s->caps, "QRESYNC")) {
        DWORD err = mw_imap_enable(s, "QRESYNC");
        if (err != 0)
            return err;
    }
    if (!s->imap->qresync)
        return ST_ERROR_NOT_SUPPORTED;
    mw_imap_cmd c;
    DWORD err = mw_imap_select_begin(s, rs->mailbox, rs->read_only, &c);
    if (err == 0)
        err = mw_buf_printf(&c.text, " (QRESYNC (%lu %llu%s%s))", (unsigned long)rs->uidvalidity,
                            (unsigned long long)rs->modseq, rs->known_uids != NULL ? " " : "",
                            rs->known_uids != NULL ? rs->known_uids : "");
    change_ctx cc = {fn, ctx, 0, 0, 0};
    if (err == 0)
        err = run_for_changes(s, &c, &cc);
    mw_imap_cmd_free(&c);
    *count_r = cc.count;
    err = mw_imap_select_end(s, err, rs->mailbox, out);
    return changes_result(s, err, &cc);
}
