/* resp.c - classifying IMAP responses and lexing their data. */
#include "resp.h"

#include <string.h>

#include <mailwire/errors.h>

#include "../proto/number.h"
#include "../sys/ascii.h"

int mw_imap_text_is(mw_imap_text t, const char *w)
{
    size_t n = strlen(w);
    return t.len == n && mw_ascii_ncasecmp(t.p, w, n) == 0;
}

static int is_tag_char(char c)
{
    /* ASTRING-CHAR minus '+' (RFC 3501 tag). */
    return c > 0x20 && c < 0x7F && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' &&
           c != '"' && c != '\\' && c != '+';
}

static mw_imap_text word_at(const char **pp, const char *end)
{
    mw_imap_text t = {*pp, 0};
    while (*pp < end && **pp != ' ')
        (*pp)++;
    t.len = (size_t)(*pp - t.p);
    if (*pp < end)
        (*pp)++; /* the space */
    return t;
}

static mw_imap_status status_of(mw_imap_text w)
{
    if (mw_imap_text_is(w, "OK"))
        return MW_IMAP_ST_OK;
    if (mw_imap_text_is(w, "NO"))
        return MW_IMAP_ST_NO;
    if (mw_imap_text_is(w, "BAD"))
        return MW_IMAP_ST_BAD;
    if (mw_imap_text_is(w, "PREAUTH"))
        return MW_IMAP_ST_PREAUTH;
    if (mw_imap_text_is(w, "BYE"))
        return MW_IMAP_ST_BYE;
    return MW_IMAP_ST_NONE;
}

/* resp-text: ["[" code "]" SP] text */
static DWORD parse_resp_text(const char *p, const char *end, mw_imap_resp *r)
{
    if (p < end && *p == '[') {
        const char *close = memchr(p, ']', (size_t)(end - p));
        if (close == NULL)
            return ST_ERROR_PROTOCOL_VIOLATION;
        r->code.p = p + 1;
        r->code.len = (size_t)(close - p - 1);
        p = close + 1;
        if (p < end && *p == ' ')
            p++;
    }
    r->text.p = p;
    r->text.len = (size_t)(end - p);
    return 0;
}

DWORD mw_imap_number_max(mw_imap_text t, uint64_t max, uint64_t *v_r)
{
    return mw_decimal(t.p, t.len, max, v_r) == 0 ? 0 : ST_ERROR_PROTOCOL_VIOLATION;
}

DWORD mw_imap_num32(mw_imap_text t, DWORD *v_r)
{
    uint64_t v;
    DWORD err = mw_imap_number_max(t, 0xFFFFFFFFu, &v);
    if (err == 0)
        *v_r = (DWORD)v;
    return err;
}

DWORD mw_imap_nz32(mw_imap_text t, DWORD *v_r)
{
    DWORD err = mw_imap_num32(t, v_r);
    return err == 0 && *v_r == 0 ? ST_ERROR_PROTOCOL_VIOLATION : err;
}

static DWORD parse_untagged(const char *p, const char *end, mw_imap_resp *r)
{
    r->kind = MW_IMAP_UNTAGGED;
    mw_imap_text first = word_at(&p, end);
    if (first.len == 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    if (first.p[0] >= '0' && first.p[0] <= '9') {
        DWORD v;
        if (mw_imap_num32(first, &v) != 0)
            return ST_ERROR_PROTOCOL_VIOLATION;
        r->has_number = 1;
        r->number = v;
        first = word_at(&p, end);
        if (first.len == 0)
            return ST_ERROR_PROTOCOL_VIOLATION;
    }
    r->name = first;
    r->data.p = p;
    r->data.len = (size_t)(end - p);
    r->status = r->has_number ? MW_IMAP_ST_NONE : status_of(first);
    return r->status != MW_IMAP_ST_NONE ? parse_resp_text(p, end, r) : 0;
}

static DWORD parse_tagged(const char *p, const char *end, mw_imap_resp *r)
{
    r->kind = MW_IMAP_TAGGED;
    r->tag = word_at(&p, end);
    for (size_t i = 0; i < r->tag.len; i++)
        if (!is_tag_char(r->tag.p[i]))
            return ST_ERROR_PROTOCOL_VIOLATION;
    r->name = word_at(&p, end);
    r->status = status_of(r->name);
    if (r->tag.len == 0 || r->status == MW_IMAP_ST_NONE || r->status == MW_IMAP_ST_PREAUTH ||
        r->status == MW_IMAP_ST_BYE)
        return ST_ERROR_PROTOCOL_VIOLATION;
    return parse_resp_text(p, end, r);
}

DWORD mw_imap_resp_parse(const char *line, size_t len, mw_imap_resp *r)
{
    memset(r, 0, sizeof *r);
    const char *end = line + len;
    if (len >= 1 && line[0] == '+') {
        r->kind = MW_IMAP_CONTINUE;
        const char *p = line + 1;
        if (p < end && *p == ' ')
            p++;
        r->text.p = p;
        r->text.len = (size_t)(end - p);
        return 0;
    }
    if (len >= 2 && line[0] == '*' && line[1] == ' ')
        return parse_untagged(line + 2, end, r);
    return parse_tagged(line, end, r);
}

void mw_imap_code_split(mw_imap_text code, mw_imap_text *word_r, mw_imap_text *rest_r)
{
    const char *p = code.p, *end = code.p + code.len;
    *word_r = word_at(&p, end);
    rest_r->p = p;
    rest_r->len = (size_t)(end - p);
}

/* ---- lexer ------------------------------------------------------------ */

void mw_imap_lexer_init(mw_imap_lexer *lx, mw_imap_text text)
{
    lx->p = text.p;
    lx->end = text.len > 0 ? text.p + text.len : text.p; /* no text may be NULL */
}

static mw_tok_kind lex_quoted(mw_imap_lexer *lx, mw_imap_token *t)
{
    const char *p = lx->p + 1;
    t->raw.p = p;
    t->quoted = 1;
    while (p < lx->end && *p != '"') {
        if (*p == '\\' && p + 1 < lx->end)
            p++;
        if (*p == '\r' || *p == '\n' || *p == '\0')
            return t->kind = MW_TOK_ERROR; /* never inside a quoted string */
        p++;
    }
    if (p >= lx->end)
        return t->kind = MW_TOK_ERROR;
    t->raw.len = (size_t)(p - t->raw.p);
    lx->p = p + 1;
    return t->kind = MW_TOK_STRING;
}

static mw_tok_kind lex_literal(mw_imap_lexer *lx, mw_imap_token *t)
{
    const char *p = lx->p + 1;
    size_t n = 0;
    int digits = 0;
    while (p < lx->end && *p >= '0' && *p <= '9' && digits < 10) {
        n = n * 10 + (size_t)(*p - '0');
        p++;
        digits++;
    }
    if (digits == 0 || (size_t)(lx->end - p) < 3 || p[0] != '}' || p[1] != '\r' || p[2] != '\n')
        return t->kind = MW_TOK_ERROR;
    p += 3;
    if (n > (size_t)(lx->end - p))
        return t->kind = MW_TOK_ERROR;
    t->raw.p = p;
    t->raw.len = n;
    lx->p = p + n;
    return t->kind = MW_TOK_STRING;
}

static int atom_char(char c)
{
    return c > 0x20 && c != 0x7F && c != '(' && c != ')' && c != '{' && c != '"';
}

/* A section spec ("HEADER.FIELDS (TO CC)", "1.MIME") runs to its "]" and
 * holds spaces, parentheses and quoted field names: it belongs to the
 * atom it opened ("BODY[HEADER.FIELDS (TO CC)]").
 * Without a "]" on the line the "[" was a plain atom character (an
 * unquoted mailbox name may hold one) and the atom goes on as before. */
static void skip_section(mw_imap_lexer *lx)
{
    int quoted = 0;
    for (const char *p = lx->p; p < lx->end; p++) {
        char c = *p;
        if (c == '\r' || c == '\n' || c == '\0' || c == '{')
            return;
        if (quoted && c == '\\' && p + 1 < lx->end) {
            c = *++p; /* escaped, but never a line break */
            if (c == '\r' || c == '\n' || c == '\0')
                return;
        } else if (c == '"')
            quoted = !quoted;
        else if (c == ']' && !quoted) {
            lx->p = p + 1;
            return;
        }
    }
}

mw_tok_kind mw_imap_lex(mw_imap_lexer *lx, mw_imap_token *t)
{
    memset(t, 0, sizeof *t);
    while (lx->p < lx->end && *lx->p == ' ')
        lx->p++;
    if (lx->p >= lx->end)
        return t->kind = MW_TOK_END;
    char c = *lx->p;
    if (c == '(' || c == ')') {
        lx->p++;
        return t->kind = c == '(' ? MW_TOK_LPAREN : MW_TOK_RPAREN;
    }
    if (c == '"')
        return lex_quoted(lx, t);
    if (c == '{')
        return lex_literal(lx, t);
    if (c == '~' && lx->end - lx->p > 1 && lx->p[1] == '{') { /* literal8 (RFC 3516) */
        lx->p++;
        return lex_literal(lx, t);
    }
    t->raw.p = lx->p;
    while (lx->p < lx->end && atom_char(*lx->p))
        if (*lx->p++ == '[')
            skip_section(lx);
    t->raw.len = (size_t)(lx->p - t->raw.p);
    if (t->raw.len == 0)
        return t->kind = MW_TOK_ERROR;
    return t->kind = mw_imap_text_is(t->raw, "NIL") ? MW_TOK_NIL : MW_TOK_ATOM;
}

DWORD mw_imap_token_value(const mw_imap_token *t, mw_buf *out)
{
    if (!t->quoted)
        return mw_buf_append(out, t->raw.p, t->raw.len);
    for (size_t i = 0; i < t->raw.len; i++) {
        size_t at = i;
        if (t->raw.p[i] == '\\' && i + 1 < t->raw.len)
            at = ++i;
        DWORD err = mw_buf_append(out, t->raw.p + at, 1);
        if (err != 0)
            return err;
    }
    return 0;
}
