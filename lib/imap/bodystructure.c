/* bodystructure.c - BODYSTRUCTURE parsing, writing and comparing. */
#include "bodystructure.h"

#include <string.h>

#include "../sys/alloc.h"
#include "../sys/ascii.h"
#include "imap.h"

typedef struct parser {
    mw_imap_lexer *lx;
    int depth;
    int parts;
} parser;

/* A string or NIL; *out NULL for NIL. */
static DWORD nstring(parser *p, char **out)
{
    mw_imap_token t;
    mw_tok_kind k = mw_imap_lex(p->lx, &t);
    *out = NULL;
    if (k == MW_TOK_NIL)
        return 0;
    if (k != MW_TOK_STRING && k != MW_TOK_ATOM)
        return ST_ERROR_PROTOCOL_VIOLATION;
    mw_buf b;
    mw_buf_init(&b, 0);
    DWORD err = mw_imap_token_value(&t, &b);
    if (err == 0)
        err = mw_buf_terminate(&b);
    if (err != 0) {
        mw_buf_free(&b);
        return err;
    }
    *out = (char *)b.p;
    return 0;
}

/* A size or line count. Some servers send -1 (or NIL) for "unknown":
 * read as 0. */
static DWORD number(parser *p, DWORD *out)
{
    mw_imap_token t;
    mw_tok_kind k = mw_imap_lex(p->lx, &t);
    *out = 0;
    if (k == MW_TOK_NIL || (k == MW_TOK_ATOM && mw_imap_text_is(t.raw, "-1")))
        return 0;
    if (k != MW_TOK_ATOM)
        return ST_ERROR_PROTOCOL_VIOLATION;
    return mw_imap_num32(t.raw, out);
}

/* Is the next token a ")"? The lexer stays where it was. */
static int at_close(parser *p)
{
    mw_imap_token t;
    mw_imap_lexer save = *p->lx;
    mw_tok_kind k = mw_imap_lex(p->lx, &t);
    *p->lx = save;
    return k == MW_TOK_RPAREN;
}

/* A name compared without case (a type, subtype, transfer encoding or
 * disposition), in lower case, as the docs show: Cyrus sends "TEXT",
 * "PLAIN", "8BIT", "ATTACHMENT". */
static DWORD lower_name(parser *p, char **out)
{
    DWORD err = nstring(p, out);
    for (char *c = err == 0 ? *out : NULL; c != NULL && *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    return err;
}

/* A type or subtype; NIL stands for dflt. */
static DWORD type_name(parser *p, char **out, const char *dflt)
{
    DWORD err = lower_name(p, out);
    if (err == 0 && *out == NULL && (*out = mw_strdup(dflt)) == NULL)
        err = ST_ERROR_OUT_OF_MEMORY;
    return err;
}

static void free_params(mw_bs_param *ps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        mw_free(ps[i].name);
        mw_free(ps[i].value);
    }
    mw_free(ps);
}

/* "(" name value ... ")" or NIL. */
static DWORD params(parser *p, mw_bs_param **out, size_t *n_r)
{
    mw_imap_token t;
    *out = NULL;
    *n_r = 0;
    mw_tok_kind k = mw_imap_lex(p->lx, &t);
    if (k == MW_TOK_NIL)
        return 0;
    if (k != MW_TOK_LPAREN)
        return ST_ERROR_PROTOCOL_VIOLATION;
    mw_bs_param *ps = mw_calloc(MW_BS_PARAMS_MAX, sizeof *ps);
    if (ps == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    size_t n = 0;
    DWORD err = 0;
    for (;;) {
        mw_imap_lexer save = *p->lx;
        if (mw_imap_lex(p->lx, &t) == MW_TOK_RPAREN)
            break;
        *p->lx = save;
        if (n == MW_BS_PARAMS_MAX) {
            err = ST_ERROR_RESPONSE_TOO_LARGE;
            break;
        }
        err = nstring(p, &ps[n].name);
        if (err == 0)
            err = nstring(p, &ps[n].value);
        n++;
        if (err != 0)
            break;
        if (ps[n - 1].name == NULL || ps[n - 1].value == NULL) { /* NIL: nothing said */
            n--;
            mw_free(ps[n].name);
            mw_free(ps[n].value);
            ps[n].name = ps[n].value = NULL;
        }
    }
    if (err != 0) {
        free_params(ps, n);
        return err;
    }
    *out = ps;
    *n_r = n;
    return 0;
}

/* Skips one value (the envelope, extensions), keeping its raw text. */
static DWORD raw_value(parser *p, char **out, size_t *len_r)
{
    mw_imap_token t;
    const char *start = p->lx->p;
    while (start < p->lx->end && *start == ' ')
        start++;
    mw_tok_kind k = mw_imap_lex(p->lx, &t);
    int depth = k == MW_TOK_LPAREN;
    if (k == MW_TOK_ERROR || k == MW_TOK_END || k == MW_TOK_RPAREN)
        return ST_ERROR_PROTOCOL_VIOLATION;
    while (depth > 0) {
        k = mw_imap_lex(p->lx, &t);
        if (k == MW_TOK_ERROR || k == MW_TOK_END)
            return ST_ERROR_PROTOCOL_VIOLATION;
        if (k == MW_TOK_LPAREN && ++depth > MW_BS_DEPTH_MAX)
            return ST_ERROR_RESPONSE_TOO_LARGE;
        depth -= k == MW_TOK_RPAREN;
    }
    if (out != NULL) {
        *len_r = (size_t)(p->lx->p - start);
        *out = mw_strndup(start, *len_r); /* literals may hold any byte */
        if (*out == NULL)
            return ST_ERROR_OUT_OF_MEMORY;
    }
    return 0;
}

/* Optional extension data up to the body's ")": the disposition is kept
 * (it carries the file name), everything else is skipped. */
static DWORD extensions(parser *p, mw_bs_node *n, int single)
{
    mw_imap_token t;
    for (int i = 0;; i++) {
        mw_imap_lexer save = *p->lx;
        mw_tok_kind k = mw_imap_lex(p->lx, &t);
        if (k == MW_TOK_RPAREN)
            return 0;
        *p->lx = save;
        DWORD err;
        /* single parts: md5, then the disposition; multiparts: disposition */
        if (i == (single ? 1 : 0) && k == MW_TOK_STRING && n->disposition == NULL) {
            err = lower_name(p, &n->disposition); /* a bare "attachment" */
        } else if (i == (single ? 1 : 0) && k == MW_TOK_LPAREN && n->disposition == NULL) {
            mw_imap_lex(p->lx, &t);
            err = lower_name(p, &n->disposition);
            if (err == 0)
                err = params(p, &n->dparams, &n->ndparams);
            if (err == 0 && mw_imap_lex(p->lx, &t) != MW_TOK_RPAREN)
                err = ST_ERROR_PROTOCOL_VIOLATION;
        } else {
            err = raw_value(p, NULL, NULL);
        }
        if (err != 0)
            return err;
        if (i > 64)
            return ST_ERROR_RESPONSE_TOO_LARGE;
    }
}

static DWORD body(parser *p, mw_bs_node **out);

/* What follows a multipart's subtype: its parameters and extensions. */
static DWORD multipart_tail(parser *p, mw_bs_node *n)
{
    mw_imap_token t;
    if (at_close(p))
        return mw_imap_lex(p->lx, &t) == MW_TOK_RPAREN ? 0 : ST_ERROR_PROTOCOL_VIOLATION;
    DWORD err = params(p, &n->params, &n->nparams);
    return err == 0 ? extensions(p, n, 0) : err;
}

/* A multipart without parts (some servers send an empty one as
 * ("MIXED" params ...)): the subtype was read as a type. */
static DWORD empty_multipart(parser *p, mw_bs_node *n)
{
    n->multipart = 1;
    n->subtype = n->type;
    n->type = mw_strdup("multipart");
    DWORD err = n->type == NULL ? ST_ERROR_OUT_OF_MEMORY : multipart_tail(p, n);
    /* No parameters are kept as an empty list, never NIL: written back as
     * "()", which keeps it a multipart when read again (a NIL there would
     * read as a single part's subtype). */
    if (err == 0 && n->params == NULL && (n->params = mw_calloc(1, sizeof *n->params)) == NULL)
        err = ST_ERROR_OUT_OF_MEMORY;
    return err;
}

static DWORD multipart(parser *p, mw_bs_node *n)
{
    n->multipart = 1;
    n->type = mw_strdup("multipart");
    if (n->type == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    mw_imap_token t;
    for (;;) {
        mw_imap_lexer save = *p->lx;
        mw_tok_kind k = mw_imap_lex(p->lx, &t);
        *p->lx = save;
        if (k != MW_TOK_LPAREN)
            break;
        mw_bs_node **c = mw_realloc(n->children, (n->nchildren + 1) * sizeof *c);
        if (c == NULL)
            return ST_ERROR_OUT_OF_MEMORY;
        n->children = c;
        c[n->nchildren] = NULL;
        DWORD err = body(p, &c[n->nchildren]);
        n->nchildren++;
        if (err != 0)
            return err;
    }
    DWORD err = type_name(p, &n->subtype, "mixed");
    return err == 0 ? multipart_tail(p, n) : err;
}

static DWORD single_part(parser *p, mw_bs_node *n)
{
    DWORD err = type_name(p, &n->type, "text");
    mw_imap_token t;
    mw_imap_lexer save = *p->lx;
    mw_tok_kind next = err == 0 ? mw_imap_lex(p->lx, &t) : MW_TOK_ERROR;
    *p->lx = save;
    if (next == MW_TOK_LPAREN || next == MW_TOK_RPAREN)
        return empty_multipart(p, n);
    if (err == 0)
        err = type_name(p, &n->subtype, "plain");
    if (err == 0)
        err = params(p, &n->params, &n->nparams);
    if (err == 0)
        err = nstring(p, &n->id);
    if (err == 0)
        err = nstring(p, &n->desc);
    if (err == 0)
        err = lower_name(p, &n->encoding);
    if (err == 0)
        err = number(p, &n->size);
    if (err != 0)
        return err;
    if (mw_ascii_casecmp(n->type, "message") == 0 && mw_ascii_casecmp(n->subtype, "rfc822") == 0) {
        n->children = mw_calloc(1, sizeof *n->children);
        if (n->children == NULL)
            return ST_ERROR_OUT_OF_MEMORY;
        n->nchildren = 1;
        err = raw_value(p, &n->envelope, &n->envelope_len);
        if (err == 0)
            err = body(p, &n->children[0]);
        if (err == 0)
            err = number(p, &n->lines);
    } else if (mw_ascii_casecmp(n->type, "text") == 0 && !at_close(p)) {
        err = number(p, &n->lines); /* some servers leave it out */
    }
    if (err != 0)
        return err;
    if (at_close(p))
        return mw_imap_lex(p->lx, &t) == MW_TOK_RPAREN ? 0 : ST_ERROR_PROTOCOL_VIOLATION;
    return extensions(p, n, 1);
}

static DWORD body(parser *p, mw_bs_node **out)
{
    mw_imap_token t;
    if (++p->depth > MW_BS_DEPTH_MAX || ++p->parts > MW_BS_PARTS_MAX)
        return ST_ERROR_RESPONSE_TOO_LARGE;
    if (mw_imap_lex(p->lx, &t) != MW_TOK_LPAREN)
        return ST_ERROR_PROTOCOL_VIOLATION;
    mw_bs_node *n = mw_calloc(1, sizeof *n);
    if (n == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    *out = n;
    mw_imap_lexer save = *p->lx;
    mw_tok_kind k = mw_imap_lex(p->lx, &t);
    *p->lx = save;
    DWORD err = k == MW_TOK_LPAREN ? multipart(p, n) : single_part(p, n);
    p->depth--;
    return err;
}

DWORD mw_bs_parse(mw_imap_lexer *lx, mw_bs_node **root_r)
{
    parser p = {lx, 0, 0};
    *root_r = NULL;
    DWORD err = body(&p, root_r);
    if (err != 0)
        mw_bs_free(root_r);
    return err;
}

void mw_bs_free(mw_bs_node **rootp)
{
    mw_bs_node *n = *rootp;
    if (n == NULL)
        return;
    for (size_t i = 0; i < n->nchildren; i++)
        mw_bs_free(&n->children[i]);
    mw_free(n->children);
    free_params(n->params, n->nparams);
    free_params(n->dparams, n->ndparams);
    mw_free(n->type);
    mw_free(n->subtype);
    mw_free(n->id);
    mw_free(n->desc);
    mw_free(n->encoding);
    mw_free(n->disposition);
    mw_free(n->envelope);
    mw_free(n);
    *rootp = NULL;
}

/* ---- writing -------------------------------------------------------------- */

static DWORD write_nstring(mw_buf *out, const char *s)
{
    if (s == NULL)
        return mw_buf_append_str(out, " NIL");
    if (strpbrk(s, "\r\n") != NULL) { /* a quoted string cannot hold them; a literal can */
        size_t n = strlen(s);
        DWORD err = mw_buf_printf(out, " {%zu}\r\n", n);
        return err != 0 ? err : mw_buf_append(out, s, n);
    }
    DWORD err = mw_buf_append_str(out, " \"");
    for (const char *q = s; err == 0 && *q; q++) {
        if (*q == '"' || *q == '\\')
            err = mw_buf_append(out, "\\", 1);
        if (err == 0)
            err = mw_buf_append(out, q, 1);
    }
    return err != 0 ? err : mw_buf_append(out, "\"", 1);
}

static DWORD write_params(mw_buf *out, const mw_bs_param *ps, size_t n)
{
    if (ps == NULL)
        return mw_buf_append_str(out, " NIL");
    DWORD err = mw_buf_append_str(out, " (");
    for (size_t i = 0; err == 0 && i < n; i++) {
        err = write_nstring(out, ps[i].name);
        if (err == 0)
            err = write_nstring(out, ps[i].value);
    }
    return err != 0 ? err : mw_buf_append(out, ")", 1);
}

static DWORD write_disposition(mw_buf *out, const mw_bs_node *n)
{
    if (n->disposition == NULL)
        return mw_buf_append_str(out, " NIL");
    DWORD err = mw_buf_append_str(out, " (");
    if (err == 0)
        err = write_nstring(out, n->disposition);
    if (err == 0)
        err = write_params(out, n->dparams, n->ndparams);
    return err != 0 ? err : mw_buf_append(out, ")", 1);
}

DWORD mw_bs_write(const mw_bs_node *n, mw_buf *out)
{
    DWORD err = mw_buf_append(out, "(", 1);
    if (n->multipart) {
        for (size_t i = 0; err == 0 && i < n->nchildren; i++)
            err = mw_bs_write(n->children[i], out);
        if (err == 0)
            err = write_nstring(out, n->subtype);
        if (err == 0)
            err = write_params(out, n->params, n->nparams);
        if (err == 0)
            err = write_disposition(out, n);
        return err != 0 ? err : mw_buf_append(out, ")", 1);
    }
    if (err == 0)
        err = write_nstring(out, n->type);
    if (err == 0)
        err = write_nstring(out, n->subtype);
    if (err == 0)
        err = write_params(out, n->params, n->nparams);
    if (err == 0)
        err = write_nstring(out, n->id);
    if (err == 0)
        err = write_nstring(out, n->desc);
    if (err == 0)
        err = write_nstring(out, n->encoding);
    if (err == 0)
        err = mw_buf_printf(out, " %lu", (unsigned long)n->size);
    if (err == 0 && n->envelope != NULL && n->nchildren == 1) {
        err = mw_buf_append(out, " ", 1);
        if (err == 0)
            err = mw_buf_append(out, n->envelope, n->envelope_len);
        if (err == 0)
            err = mw_buf_append(out, " ", 1);
        if (err == 0)
            err = mw_bs_write(n->children[0], out);
        if (err == 0)
            err = mw_buf_printf(out, " %lu", (unsigned long)n->lines);
    } else if (err == 0 && mw_ascii_casecmp(n->type, "text") == 0) {
        err = mw_buf_printf(out, " %lu", (unsigned long)n->lines);
    }
    if (err == 0)
        err = mw_buf_append_str(out, " NIL"); /* body-fld-md5 */
    if (err == 0)
        err = write_disposition(out, n);
    return err != 0 ? err : mw_buf_append(out, ")", 1);
}

/* ---- comparing and looking up ---------------------------------------------- */

static int same_str(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static int same_bytes(const char *a, size_t na, const char *b, size_t nb)
{
    return (a == NULL) == (b == NULL) && na == nb && (na == 0 || memcmp(a, b, na) == 0);
}

static int same_params(const mw_bs_param *a, size_t na, const mw_bs_param *b, size_t nb)
{
    if (na != nb || (a == NULL) != (b == NULL))
        return 0;
    for (size_t i = 0; i < na; i++)
        if (!same_str(a[i].name, b[i].name) || !same_str(a[i].value, b[i].value))
            return 0;
    return 1;
}

int mw_bs_equal(const mw_bs_node *a, const mw_bs_node *b)
{
    if (a->multipart != b->multipart || a->nchildren != b->nchildren || a->size != b->size ||
        a->lines != b->lines || !same_str(a->type, b->type) || !same_str(a->subtype, b->subtype) ||
        !same_str(a->id, b->id) || !same_str(a->desc, b->desc) ||
        !same_str(a->encoding, b->encoding) || !same_str(a->disposition, b->disposition) ||
        !same_params(a->params, a->nparams, b->params, b->nparams) ||
        !same_params(a->dparams, a->ndparams, b->dparams, b->ndparams) ||
        !same_bytes(a->envelope, a->envelope_len, b->envelope, b->envelope_len))
        return 0;
    for (size_t i = 0; i < a->nchildren; i++)
        if (!mw_bs_equal(a->children[i], b->children[i]))
            return 0;
    return 1;
}

const char *mw_bs_param_of(const mw_bs_param *p, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (p[i].name != NULL && mw_ascii_casecmp(p[i].name, name) == 0)
            return p[i].value;
    return NULL;
}
