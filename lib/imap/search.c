/*
 * search.c - SEARCH and SORT: the caller's criteria re-emitted token by
 * token, the matches streamed to a consumer as they are parsed (numbers of
 * a SEARCH or SORT line, ranges of an ESEARCH ALL set), never gathered into
 * one line.
 */
#include <stdio.h>
#include <string.h>

#include "../proto/line.h"
#include "../sys/ascii.h"
#include "imap.h"
#include "tree.h"

/* ---- SEARCH ------------------------------------------------------------- */

typedef struct search_ctx {
    mw_imap_match_fn fn;
    void *ctx;
    INT count;
    int stopped;
    DWORD err;              /* a number that is no message: said when the line is in */
    const char *tag;        /* the command's: an ESEARCH answer names it */
    char esearch_prefix[64]; /* "* ESEARCH (TAG "A0003") UID ALL " */
    DWORD min, max, total;   /* RETURN (MIN MAX COUNT): what the answer said */
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
 * without a correlator can only be this command's too. *next_r: the
 * node after the correlator. */
static int esearch_ours(const search_ctx *sc, const mw_imap_tree *t, uint32_t *next_r)
{
    uint32_t first = mw_node_first(t, 0);
    *next_r = first;
    if (!mw_node_is_list(t, first))
        return 1;
    *next_r = mw_node_next(t, 0, first);
    uint32_t word = mw_node_first(t, first), tag_node = mw_node_next(t, first, word);
    mw_buf tag;
    mw_buf_init(&tag, 256);
    int ours = mw_node_is_atom(t, word, "TAG") && mw_node_is_string(t, tag_node) &&
               mw_node_next(t, first, tag_node) == 0 && mw_node_value(t, tag_node, &tag) == 0 &&
               tag.len == strlen(sc->tag) && mw_ascii_ncasecmp((const char *)tag.p, sc->tag, tag.len) == 0;
    mw_buf_free(&tag);
    return ours;
}

/* The ranges of an ESEARCH's ALL set kept as text, to the consumer. */
static DWORD all_set(search_ctx *sc, mw_imap_text set)
{
    mw_number_run run;
    mw_run_end end;
    size_t used;
    mw_number_run_start(&run);
    (void)mw_set_run_feed(&run, (const unsigned char *)set.p, set.len, on_search_range, sc, &used, &end);
    (void)mw_set_run_feed(&run, (const unsigned char *)"\n", 1, on_search_range, sc, &used, &end);
    return run.broken ? ST_ERROR_PROTOCOL_VIOLATION : 0;
}

/* One "NAME value" of an ESEARCH: RETURN (MIN MAX COUNT) a number each,
 * ALL a set (or nothing, when its set was streamed); UID and the values
 * of what was not asked for are passed over. *next_r: the node after. */
static DWORD esearch_item(search_ctx *sc, const mw_imap_tree *t, uint32_t name, uint32_t *next_r)
{
    uint32_t v = mw_node_next(t, 0, name);
    *next_r = v;
    DWORD *value = mw_node_is_atom(t, name, "MIN")     ? &sc->min
                   : mw_node_is_atom(t, name, "MAX")   ? &sc->max
                   : mw_node_is_atom(t, name, "COUNT") ? &sc->total
                                                       : NULL;
    if (value != NULL) {
        uint64_t n;
        DWORD err = mw_node_number(t, v, 0xFFFFFFFFu, &n);
        *value = (DWORD)n;
        *next_r = mw_node_next(t, 0, v);
        return err;
    }
    if (mw_node_is_atom(t, name, "ALL") && v != 0 && t->v[v].kind == MW_NODE_ATOM) {
        *next_r = mw_node_next(t, 0, v);
        return all_set(sc, t->v[v].text);
    }
    return 0;
}

/* An ESEARCH answer kept as text (a server that wrote it otherwise than
 * the streamed form expects: without its correlator, say), if it answers
 * this command. */
static DWORD esearch_text(search_ctx *sc, const mw_imap_resp *r)
{
    mw_imap_tree own;
    DWORD err;
    const mw_imap_tree *t = mw_imap_resp_tree(r, &own, &err);
    uint32_t c = 0;
    err = 0; /* one that does not parse, or answers another command, says nothing */
    if (t != NULL && esearch_ours(sc, t, &c))
        while (err == 0 && c != 0 && t->v[c].kind == MW_NODE_ATOM)
            err = esearch_item(sc, t, c, &c);
    mw_imap_tree_free(&own);
    return err;
}

/* A SEARCH, SORT or ESEARCH response once it is in: its numbers went to
 * the consumer as they came; what follows them ("(MODSEQ n)") is no
 * message. */
static DWORD on_search(mw_session *s, const mw_imap_resp *r, void *vctx)
{
    search_ctx *sc = vctx;
    (void)s;
    if (!r->has_number && mw_imap_text_is(r->name, "ESEARCH")) {
        DWORD err = esearch_text(sc, r);
        return err != 0 ? err : sc->err;
    }
    if (r->has_number || !(mw_imap_text_is(r->name, "SEARCH") || mw_imap_text_is(r->name, "SORT")))
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
        if (k == MW_TOK_ERROR || n > 1000) {
            err = ST_ERROR_INVALID_PARAMETER;
            break;
        }
        /* RFC 9051 puts no space inside a parenthesis: "(FROM x)", never
         * "( FROM x )", which Cyrus refuses */
        if (k != MW_TOK_RPAREN && c->text.p[c->text.len - 1] != '(')
            err = mw_buf_append(&c->text, " ", 1);
        if (err != 0)
            break;
        if (k == MW_TOK_LPAREN || k == MW_TOK_RPAREN)
            err = mw_buf_append_str(&c->text, k == MW_TOK_LPAREN ? "(" : ")");
        else if (k == MW_TOK_NIL || k == MW_TOK_ATOM) {
            for (size_t i = 0; i < t.raw.len && err == 0; i++)
                if ((unsigned char)t.raw.p[i] >= 0x7F)
                    err = ST_ERROR_INVALID_PARAMETER; /* 8-bit text belongs in quotes */
            if (err == 0)
                err = mw_buf_append(&c->text, t.raw.p, t.raw.len);
        } else {
            mw_buf_reset(&v);
            err = mw_imap_token_value(&t, &v);
            for (size_t i = 0; err == 0 && i < v.len; i++)
                *eight_bit_r |= v.p[i] >= 0x80;
            if (err == 0)
                err = mw_imap_cmd_astring_here(s, c, v.p ? (const char *)v.p : "", v.len);
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

/* The matches of a command begun in c, streamed to the consumer. */
static DWORD run_matching(mw_session *s, mw_imap_cmd *c, search_ctx *sc, INT *count_r)
{
    mw_imap_body_hooks numbers = {NULL, NULL, NULL, sc, on_search_number, sc->esearch_prefix,
                                  on_search_range};
    DWORD err = mw_imap_run_with(s, c, &numbers, on_search, sc);
    *count_r = sc->count;
    return err == 0 && sc->stopped ? ST_ERROR_CANCELLED : err;
}

/* The criteria after what c holds (unless err already failed it), the
 * command run and its matches streamed; c is freed. */
static DWORD criteria_and_run(mw_session *s, mw_imap_cmd *c, DWORD err, const char *criteria,
                              search_ctx *sc, INT *count_r)
{
    int eight_bit;
    if (err == 0)
        err = build_criteria(s, c, criteria, &eight_bit);
    if (err == 0)
        err = run_matching(s, c, sc, count_r);
    mw_imap_cmd_free(c);
    return err;
}

/* SEARCH with returns (" RETURN (ALL)", or "" for a plain SEARCH) into sc. */
static DWORD search_run(mw_session *s, const char *criteria, const char *charset, DWORD options,
                        const char *returns, search_ctx *sc, INT *count_r)
{
    *count_r = 0;
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    if (charset != NULL && !mw_imap_valid_keyword(charset, strlen(charset)))
        return ST_ERROR_INVALID_PARAMETER;
    /* RFC 6855: once UTF8=ACCEPT is enabled, text is UTF-8 and a SEARCH
     * must not name a charset (Courier answers NO if it does). */
    int utf8_only = s->imap->utf8;
    if (utf8_only && charset != NULL && mw_ascii_casecmp(charset, "UTF-8") != 0)
        return ST_ERROR_INVALID_PARAMETER;
    int eight_bit = criteria_8bit(criteria);
    int uid = (options & IMAP_MESSAGE_UID) != 0;
    mw_imap_cmd c;
    DWORD err = mw_imap_cmd_begin(s, &c, uid ? "UID SEARCH" : "SEARCH");
    sc->tag = c.tag;
    snprintf(sc->esearch_prefix, sizeof sc->esearch_prefix, "* ESEARCH (TAG \"%s\")%s ALL ", c.tag,
             uid ? " UID" : "");
    if (err == 0)
        err = mw_buf_append_str(&c.text, returns);
    if (err == 0 && !utf8_only && (charset != NULL || eight_bit))
        err = mw_buf_printf(&c.text, " CHARSET %s", charset != NULL ? charset : "UTF-8");
    if (err == 0)
        err = build_criteria(s, &c, criteria, &eight_bit);
    if (err == 0)
        err = run_matching(s, &c, sc, count_r);
    mw_imap_cmd_free(&c);
    return err;
}

DWORD mw_imap_search(mw_session *s, const char *criteria, const char *charset, DWORD options,
                     mw_imap_match_fn fn, void *ctx, INT *count_r)
{
    search_ctx sc = {fn, ctx, 0, 0, 0, "", "", 0, 0, 0};
    /* RFC 4731: the matches as ranges ("1:100000"), not one number each */
    const char *returns = mw_caps_has(&s->caps, "ESEARCH") ? " RETURN (ALL)" : "";
    return search_run(s, criteria, charset, options, returns, &sc, count_r);
}

/* Without ESEARCH: the smallest and largest of the matches as they stream. */
static BOOL note_extremes(void *vctx, DWORD first, DWORD last)
{
    search_ctx *sc = vctx;
    if (sc->min == 0 || first < sc->min)
        sc->min = first;
    if (last > sc->max)
        sc->max = last;
    return TRUE;
}

DWORD mw_imap_search_summary(mw_session *s, const char *criteria, const char *charset,
                             DWORD options, DWORD *count_r, DWORD *min_r, DWORD *max_r)
{
    search_ctx sc = {note_extremes, NULL, 0, 0, 0, "", "", 0, 0, 0};
    sc.ctx = &sc;
    INT count = 0;
    DWORD err;
    if (mw_caps_has(&s->caps, "ESEARCH")) { /* a few bytes, whatever matches */
        err = search_run(s, criteria, charset, options, " RETURN (MIN MAX COUNT)", &sc, &count);
        if ((DWORD)count < sc.total) /* COUNT said; numbers come only from a server that ignored RETURN */
            count = (INT)(sc.total > 0x7FFFFFFF ? 0x7FFFFFFF : sc.total);
    } else {
        err = search_run(s, criteria, charset, options, "", &sc, &count);
    }
    *count_r = (DWORD)count;
    *min_r = count > 0 ? sc.min : 0;
    *max_r = count > 0 ? sc.max : 0;
    return err;
}

/* ---- SORT (RFC 5256) ------------------------------------------------------ */

/* Is word one of the sort keys (RFC 5256, and RFC 5957's DISPLAY ones)? */
static int sort_key(const char *word, size_t n)
{
    static const char *const keys[] = {"ARRIVAL", "CC",      "DATE",        "FROM",     "SIZE",
                                       "SUBJECT", "TO",      "DISPLAYFROM", "DISPLAYTO"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strlen(keys[i]) == n && mw_ascii_ncasecmp(word, keys[i], n) == 0)
            return 1;
    return 0;
}

/* " (REVERSE DATE SUBJECT)" from "reverse date subject": keys separated by
 * spaces, each known, REVERSE only right before a key. Nothing else can
 * pass, so nothing the caller wrote reaches the server unchecked. */
static DWORD build_sort_keys(mw_buf *out, const char *keys)
{
    int reverse = 0, nkeys = 0;
    DWORD err = mw_buf_append_str(out, " (");
    for (const char *p = keys; err == 0 && *p != '\0';) {
        size_t n = strcspn(p, " ");
        if (n == 0) {
            p++;
            continue;
        }
        int is_reverse = n == 7 && mw_ascii_ncasecmp(p, "REVERSE", 7) == 0;
        if ((is_reverse && reverse) || (!is_reverse && !sort_key(p, n)))
            return ST_ERROR_INVALID_PARAMETER;
        reverse = is_reverse;
        nkeys += !is_reverse;
        if (out->p[out->len - 1] != '(')
            err = mw_buf_append(out, " ", 1);
        for (size_t i = 0; err == 0 && i < n; i++, p++) { /* sent as RFC 5256 spells them */
            char up = *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
            err = mw_buf_append(out, &up, 1);
        }
    }
    if (err == 0 && (nkeys == 0 || reverse))
        return ST_ERROR_INVALID_PARAMETER;
    return err != 0 ? err : mw_buf_append_str(out, ")");
}

DWORD mw_imap_sort(mw_session *s, const char *keys, const char *criteria, const char *charset,
                   DWORD options, mw_imap_match_fn fn, void *ctx, INT *count_r)
{
    *count_r = 0;
    if (s->state != MW_STATE_SELECTED)
        return ST_ERROR_NO_MAILBOX_SELECTED;
    if (charset != NULL && !mw_imap_valid_keyword(charset, strlen(charset)))
        return ST_ERROR_INVALID_PARAMETER;
    if (!mw_caps_has(&s->caps, "SORT"))
        return ST_ERROR_NOT_SUPPORTED;
    mw_buf sort_keys; /* checked before a tag is taken: a refused call sends nothing */
    mw_buf_init(&sort_keys, 0);
    DWORD err = build_sort_keys(&sort_keys, keys);
    if (err != 0) {
        mw_buf_free(&sort_keys);
        return err;
    }
    mw_imap_cmd c;
    err = mw_imap_cmd_begin(s, &c, (options & IMAP_MESSAGE_UID) ? "UID SORT" : "SORT");
    search_ctx sc = {fn, ctx, 0, 0, 0, c.tag, "", 0, 0, 0}; /* no ESEARCH prefix: SORT answers as SORT */
    if (err == 0)
        err = mw_buf_append(&c.text, sort_keys.p, sort_keys.len);
    mw_buf_free(&sort_keys);
    /* SORT always names a charset; every server must know UTF-8 */
    if (err == 0)
        err = mw_buf_printf(&c.text, " %s", charset != NULL ? charset : "UTF-8");
    return criteria_and_run(s, &c, err, criteria, &sc, count_r);
}
