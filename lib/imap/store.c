/*
 * store.c - changing messages: STORE of flags and keywords, COPY, MOVE
 * (or COPY + \Deleted + EXPUNGE), EXPUNGE, APPEND and SEARCH.
 */
#include <stdio.h>
#include <string.h>

#include "../proto/line.h"
#include "../proto/number.h"
#include "../proto/trace.h"
#include "../sys/ascii.h"
#include "imap.h"

static DWORD begin_uid(mw_session *s, mw_imap_cmd *c, const char *verb, UINT id, DWORD options)
{
    char cmd[32], idtext[16];
    snprintf(cmd, sizeof cmd, "%s%s", (options & IMAP_MESSAGE_UID) ? "UID " : "", verb);
    snprintf(idtext, sizeof idtext, "%u", id);
    DWORD err = mw_imap_cmd_begin(s, c, cmd);
    return err != 0 ? err : mw_imap_cmd_atom(c, idtext);
}

static DWORD append_flag_list(mw_buf *b, DWORD flags)
{
    static const struct {
        DWORD bit;
        const char *name;
    } names[] = {{IMAP_FLAG_SEEN, "\\Seen"},       {IMAP_FLAG_ANSWERED, "\\Answered"},
                 {IMAP_FLAG_FLAGGED, "\\Flagged"}, {IMAP_FLAG_DELETED, "\\Deleted"},
                 {IMAP_FLAG_DRAFT, "\\Draft"}};
    DWORD err = mw_buf_append(b, "(", 1);
    int first = 1;
    for (size_t i = 0; err == 0 && i < sizeof names / sizeof names[0]; i++) {
        if (!(flags & names[i].bit))
            continue;
        err = mw_buf_printf(b, "%s%s", first ? "" : " ", names[i].name);
        first = 0;
    }
    return err != 0 ? err : mw_buf_append(b, ")", 1);
}


static const char *store_verb(DWORD options)
{
    if (options & IMAP_FLAGS_ADD)
        return " +FLAGS.SILENT ";
    if (options & IMAP_FLAGS_REMOVE)
        return " -FLAGS.SILENT ";
    return " FLAGS.SILENT ";
}

/* "[UID ]STORE id +FLAGS.SILENT " and the like, after the checks. */
static DWORD begin_store(mw_session *s, mw_imap_cmd *c, UINT id, DWORD options)
{
    if ((options & IMAP_FLAGS_ADD) && (options & IMAP_FLAGS_REMOVE))
        return ST_ERROR_INVALID_PARAMETER;
    DWORD err = mw_imap_check_id(s, id, options);
    if (err == 0 && s->imap.read_only)
        err = ST_ERROR_COMMAND_REJECTED; /* EXAMINE: nothing can be stored */
    if (err == 0)
        err = begin_uid(s, c, "STORE", id, options);
    if (err == 0)
        err = mw_buf_append_str(&c->text, store_verb(options));
    return err;
}

DWORD mw_imap_store_flags(mw_session *s, UINT id, DWORD flags, DWORD options)
{
    if ((flags & ~(DWORD)(IMAP_FLAG_SEEN | IMAP_FLAG_ANSWERED | IMAP_FLAG_FLAGGED |
                          IMAP_FLAG_DELETED | IMAP_FLAG_DRAFT)) != 0)
        return ST_ERROR_INVALID_PARAMETER; /* \Recent is the server's alone */
    mw_imap_cmd c;
    memset(&c, 0, sizeof c);
    DWORD err = begin_store(s, &c, id, options);
    if (err == 0)
        err = append_flag_list(&c.text, flags);
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    return err;
}

/* A keyword is an atom without '\' (RFC 3501 flag-keyword). */
static int valid_keyword(const char *k, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)k[i];
        if (ch <= 0x20 || ch >= 0x7F || strchr("(){%*\"\\]", ch) != NULL)
            return 0;
    }
    return n > 0;
}

DWORD mw_imap_store_keywords(mw_session *s, UINT id, const char *keywords, DWORD options)
{
    mw_imap_cmd c;
    memset(&c, 0, sizeof c);
    DWORD err = begin_store(s, &c, id, options);
    if (err == 0)
        err = mw_buf_append(&c.text, "(", 1);
    for (const char *p = keywords; err == 0 && *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (n == 0)
            break;
        if (!valid_keyword(p, n))
            err = ST_ERROR_INVALID_PARAMETER;
        else if (c.text.p[c.text.len - 1] != '(')
            err = mw_buf_append(&c.text, " ", 1);
        if (err == 0)
            err = mw_buf_append(&c.text, p, n);
        p += n;
    }
    if (err == 0)
        err = mw_buf_append(&c.text, ")", 1);
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    return err;
}

static DWORD copy_to(mw_session *s, const char *verb, UINT id, const char *mailbox, DWORD options)
{
    DWORD err = mw_imap_check_id(s, id, options);
    if (err != 0)
        return err;
    mw_imap_cmd c;
    err = begin_uid(s, &c, verb, id, options);
    if (err == 0)
        err = mw_imap_cmd_mailbox(s, &c, mailbox);
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    return mw_imap_mailbox_error(err, s);
}

DWORD mw_imap_copy(mw_session *s, UINT id, const char *mailbox, DWORD options)
{
    return copy_to(s, "COPY", id, mailbox, options);
}

DWORD mw_imap_move(mw_session *s, UINT id, const char *mailbox, DWORD options)
{
    if (mw_caps_has(&s->caps, "MOVE"))
        return copy_to(s, "MOVE", id, mailbox, options);
    /* RFC 6851's fallback: copy, mark deleted, expunge just that message
     * (UID EXPUNGE with UIDPLUS; a plain EXPUNGE takes every \Deleted one). */
    DWORD err = copy_to(s, "COPY", id, mailbox, options);
    if (err == 0)
        err = mw_imap_store_flags(s, id, IMAP_FLAG_DELETED, options | IMAP_FLAGS_ADD);
    if (err != 0)
        return err;
    if (!mw_caps_has(&s->caps, "UIDPLUS"))
        return mw_imap_simple(s, "EXPUNGE");
    DWORD uid = id;
    if (!(options & IMAP_MESSAGE_UID)) {
        mw_imap_fetch_info info;
        err = mw_imap_fetch_info_of(s, id, options, &info, NULL);
        uid = info.uid;
    }
    mw_imap_cmd c;
    if (err == 0)
        err = begin_uid(s, &c, "EXPUNGE", uid, IMAP_MESSAGE_UID);
    if (err == 0) {
        err = mw_imap_run(s, &c, NULL, NULL);
        mw_imap_cmd_free(&c);
    }
    return err;
}

DWORD mw_imap_expunge(mw_session *s)
{
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    return mw_imap_simple(s, "EXPUNGE");
}

/* ---- APPEND ------------------------------------------------------------- */

static DWORD on_append_code(mw_session *s, DWORD *uid_r)
{
    /* "[APPENDUID uidvalidity uid] ..." in the result text */
    const char *t = (const char *)s->result_text.p;
    const char *code = t != NULL ? strstr(t, "[APPENDUID ") : NULL;
    *uid_r = 0;
    if (code == NULL)
        return 0;
    /* two 32-bit numbers; one out of range (or not a number) gives no UID,
     * whatever the width of long */
    const char *v = code + strlen("[APPENDUID ");
    size_t vlen = strspn(v, "0123456789");
    const char *u = v + vlen + 1;
    size_t ulen = v[vlen] == ' ' ? strspn(u, "0123456789") : 0;
    uint64_t validity, uid;
    if (ulen > 0 && u[ulen] == ']' && mw_decimal(v, vlen, 0xFFFFFFFFu, &validity) == 0 &&
        mw_decimal(u, ulen, 0xFFFFFFFFu, &uid) == 0)
        *uid_r = (DWORD)uid;
    return 0;
}

static int valid_date(const char *d)
{
    size_t n = strlen(d);
    if (n < 20 || n > 30)
        return 0;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)d[i] < 0x20 || d[i] == '"' || d[i] == '\\' || (unsigned char)d[i] > 0x7E)
            return 0;
    return 1;
}

DWORD mw_imap_append(mw_session *s, const char *mailbox, const void *msg, size_t len, DWORD flags,
                     const char *date, DWORD *uid_r)
{
    if ((flags & ~(DWORD)(IMAP_FLAG_SEEN | IMAP_FLAG_ANSWERED | IMAP_FLAG_FLAGGED |
                          IMAP_FLAG_DELETED | IMAP_FLAG_DRAFT)) != 0 ||
        (date != NULL && !valid_date(date)) || len == 0)
        return ST_ERROR_INVALID_PARAMETER;
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, "APPEND");
    if (err == 0)
        err = mw_imap_cmd_mailbox(s, &c, mailbox);
    if (err == 0 && flags != 0)
        err = mw_buf_append(&c.text, " ", 1) == 0 ? append_flag_list(&c.text, flags) : ST_ERROR_OUT_OF_MEMORY;
    if (err == 0 && date != NULL)
        err = mw_buf_printf(&c.text, " \"%s\"", date);
    if (err == 0)
        err = mw_imap_cmd_literal(s, &c, msg, len);
    if (err == 0)
        err = mw_imap_run(s, &c, NULL, NULL);
    mw_imap_cmd_free(&c);
    err = mw_imap_mailbox_error(err, s);
    return err != 0 ? err : on_append_code(s, uid_r);
}

/* ---- SEARCH ------------------------------------------------------------- */

typedef struct search_ctx {
    mw_imap_match_fn fn;
    void *ctx;
    INT count;
    int stopped;
    DWORD err;              /* a number that is no message: said when the line is in */
    const char *tag;        /* the command's: an ESEARCH answer names it */
    char esearch_prefix[64]; /* "* ESEARCH (TAG "A0003") UID ALL " */
} search_ctx;

/* Matches lo..hi (either order), as a SEARCH number (lo == hi) or an
 * ESEARCH ALL range: handed on until the consumer stops, counted always. */
static DWORD on_search_range(void *vctx, uint64_t lo, uint64_t hi)
{
    search_ctx *sc = vctx;
    if (lo == 0 || hi == 0 || lo > 0xFFFFFFFFu || hi > 0xFFFFFFFFu) {
        sc->err = ST_ERROR_PROTOCOL_VIOLATION; /* 0 or past 32 bits */
        return 0; /* read on to the line's end: the session stays in step */
    }
    uint64_t first = lo < hi ? lo : hi, last = lo < hi ? hi : lo;
    if (!sc->stopped && !sc->fn(sc->ctx, (DWORD)first, (DWORD)last))
        sc->stopped = 1; /* the rest of the line is read and dropped */
    uint64_t count = (uint64_t)sc->count + (last - first + 1);
    sc->count = count < 0x7FFFFFFF ? (INT)count : 0x7FFFFFFF;
    return 0;
}

/* Each number of a SEARCH response, streamed by the assembler. */
static DWORD on_search_number(void *vctx, uint64_t n)
{
    return on_search_range(vctx, n, n);
}

/* Does the ESEARCH's correlator, "(TAG "A0003")", name this command? One
 * without a correlator can only be this command's too. */
static int esearch_ours(const search_ctx *sc, mw_imap_lexer *lx)
{
    mw_imap_token t;
    mw_imap_lexer start = *lx;
    if (mw_imap_lex(lx, &t) != MW_TOK_LPAREN) {
        *lx = start;
        return 1;
    }
    mw_buf tag;
    mw_buf_init(&tag, 256);
    int ours = mw_imap_lex(lx, &t) == MW_TOK_ATOM && mw_imap_text_is(t.raw, "TAG") &&
               mw_imap_lex(lx, &t) == MW_TOK_STRING && mw_imap_token_value(&t, &tag) == 0 &&
               tag.len == strlen(sc->tag) && mw_ascii_ncasecmp((const char *)tag.p, sc->tag, tag.len) == 0 &&
               mw_imap_lex(lx, &t) == MW_TOK_RPAREN;
    mw_buf_free(&tag);
    return ours;
}

/* An ESEARCH answer kept as text (a server that wrote it otherwise than
 * the streamed form expects: without its correlator, say): its ALL set,
 * if it answers this command. */
static DWORD esearch_text(search_ctx *sc, const mw_imap_resp *r)
{
    mw_imap_lexer lx;
    mw_imap_token t;
    mw_imap_lexer_init(&lx, r->data);
    int ours = esearch_ours(sc, &lx);
    while (ours && mw_imap_lex(&lx, &t) == MW_TOK_ATOM) {
        if (!mw_imap_text_is(t.raw, "ALL"))
            continue; /* UID, and the values of what was not asked for */
        if (mw_imap_lex(&lx, &t) != MW_TOK_ATOM)
            return 0; /* "ALL" at the end: its set was streamed */
        mw_number_run run;
        mw_run_end end;
        size_t used;
        mw_number_run_start(&run);
        (void)mw_set_run_feed(&run, (const unsigned char *)t.raw.p, t.raw.len, on_search_range, sc,
                              &used, &end);
        (void)mw_set_run_feed(&run, (const unsigned char *)"\n", 1, on_search_range, sc, &used, &end);
        return run.broken ? ST_ERROR_PROTOCOL_VIOLATION : 0;
    }
    return 0;
}

/* A SEARCH or ESEARCH response once it is in: its numbers went to the
 * consumer as they came; what follows them ("(MODSEQ n)") is no message. */
static DWORD on_search(mw_session *s, const mw_imap_resp *r, void *vctx)
{
    search_ctx *sc = vctx;
    (void)s;
    if (!r->has_number && mw_imap_text_is(r->name, "ESEARCH")) {
        DWORD err = esearch_text(sc, r);
        return err != 0 ? err : sc->err;
    }
    if (r->has_number || !mw_imap_text_is(r->name, "SEARCH"))
        return 0;
    return sc->err;
}

/* Re-emits the caller's criteria: atoms and parentheses as they are,
 * strings as the command builder quotes them (literals for 8-bit text).
 * Nothing the caller wrote is ever spliced in raw. */
static DWORD build_criteria(mw_session *s, mw_imap_cmd *c, const char *criteria, int *eight_bit_r)
{
    mw_imap_text all = {criteria, strlen(criteria)};
    mw_imap_lexer lx;
    mw_imap_token t;
    mw_buf v;
    mw_buf_init(&v, 0);
    DWORD err = mw_has_line_breaks(criteria, all.len) ? ST_ERROR_INVALID_PARAMETER : 0;
    mw_imap_lexer_init(&lx, all);
    *eight_bit_r = 0;
    for (int n = 0; err == 0; n++) {
        mw_tok_kind k = mw_imap_lex(&lx, &t);
        if (k == MW_TOK_END)
            break;
        if (k == MW_TOK_ERROR || n > 1000)
            err = ST_ERROR_INVALID_PARAMETER;
        else if (k == MW_TOK_LPAREN || k == MW_TOK_RPAREN)
            err = mw_buf_append_str(&c->text, k == MW_TOK_LPAREN ? " (" : " )");
        else if (k == MW_TOK_NIL || k == MW_TOK_ATOM) {
            for (size_t i = 0; i < t.raw.len && err == 0; i++)
                if ((unsigned char)t.raw.p[i] >= 0x7F)
                    err = ST_ERROR_INVALID_PARAMETER; /* 8-bit text belongs in quotes */
            if (err == 0)
                err = mw_buf_append(&c->text, " ", 1) == 0 ? mw_buf_append(&c->text, t.raw.p, t.raw.len) : ST_ERROR_OUT_OF_MEMORY;
        } else {
            mw_buf_reset(&v);
            err = mw_imap_token_value(&t, &v);
            for (size_t i = 0; err == 0 && i < v.len; i++)
                *eight_bit_r |= v.p[i] >= 0x80;
            if (err == 0)
                err = mw_imap_cmd_astring(s, c, v.p ? (const char *)v.p : "", v.len);
        }
    }
    mw_buf_free(&v);
    return err;
}

/* Does any string in the criteria hold 8-bit text (needing CHARSET)? */
static int criteria_8bit(const char *criteria)
{
    mw_imap_text all = {criteria, strlen(criteria)};
    mw_imap_lexer lx;
    mw_imap_token t;
    mw_imap_lexer_init(&lx, all);
    for (mw_tok_kind k; (k = mw_imap_lex(&lx, &t)) != MW_TOK_END && k != MW_TOK_ERROR;)
        for (size_t i = 0; k == MW_TOK_STRING && i < t.raw.len; i++)
            if ((unsigned char)t.raw.p[i] >= 0x80)
                return 1;
    return 0;
}

DWORD mw_imap_search(mw_session *s, const char *criteria, const char *charset, DWORD options,
                     mw_imap_match_fn fn, void *ctx, INT *count_r)
{
    *count_r = 0;
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    if (charset != NULL && !valid_keyword(charset, strlen(charset)))
        return ST_ERROR_INVALID_PARAMETER;
    /* RFC 6855: once UTF8=ACCEPT is enabled, text is UTF-8 and a SEARCH
     * must not name a charset (Courier answers NO if it does). */
    int utf8_only = s->imap.utf8;
    if (utf8_only && charset != NULL && mw_ascii_casecmp(charset, "UTF-8") != 0)
        return ST_ERROR_INVALID_PARAMETER;
    int eight_bit = criteria_8bit(criteria);
    int uid = (options & IMAP_MESSAGE_UID) != 0;
    /* RFC 4731: the matches as ranges ("1:100000"), not one number each */
    int esearch = mw_caps_has(&s->caps, "ESEARCH");
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, uid ? "UID SEARCH" : "SEARCH");
    search_ctx sc = {fn, ctx, 0, 0, 0, c.tag, ""};
    snprintf(sc.esearch_prefix, sizeof sc.esearch_prefix, "* ESEARCH (TAG \"%s\")%s ALL ", c.tag,
             uid ? " UID" : "");
    if (err == 0 && esearch)
        err = mw_buf_append_str(&c.text, " RETURN (ALL)");
    if (err == 0 && !utf8_only && (charset != NULL || eight_bit))
        err = mw_buf_printf(&c.text, " CHARSET %s", charset != NULL ? charset : "UTF-8");
    if (err == 0)
        err = build_criteria(s, &c, criteria, &eight_bit);
    mw_imap_body_hooks numbers = {NULL,          NULL, NULL, &sc, on_search_number,
                                  sc.esearch_prefix, on_search_range};
    if (err == 0)
        err = mw_imap_run_with(s, &c, &numbers, on_search, &sc);
    mw_imap_cmd_free(&c);
    *count_r = sc.count;
    return err == 0 && sc.stopped ? ST_ERROR_CANCELLED : err;
}
