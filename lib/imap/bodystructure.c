/* bodystructure.c - BODYSTRUCTURE parsing, writing and comparing. */
#include "bodystructure.h"

#include <string.h>

#include "../sys/alloc.h"
#include "../sys/ascii.h"
#include "imap.h"

typedef struct parser {
    const mw_imap_tree *t;
    int depth;
    int parts;
} parser;

/* The fields of one body, taken in order: at is the next (0: the body's
 * ")" is reached). */
typedef struct fields {
    const mw_imap_tree *t;
    uint32_t list;
    uint32_t at;
} fields;

static uint32_t take(fields *f)
{
    uint32_t c = f->at;
    if (c != 0)
        f->at = mw_node_next(f->t, f->list, c);
    return c;
}

static int at_end(const fields *f)
{
    return f->at == 0;
}

/* A string or NIL; *out NULL for NIL. An atom is taken for a string. */
static DWORD nstring(const mw_imap_tree *t, uint32_t i, char **out)
{
    *out = NULL;
    if (mw_node_is_nil(t, i))
        return 0;
    if (i == 0 || mw_node_is_list(t, i))
        return ST_ERROR_PROTOCOL_VIOLATION;
    mw_buf b;
    mw_buf_init(&b, 0);
    DWORD err = mw_node_value(t, i, &b);
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
static DWORD number(const mw_imap_tree *t, uint32_t i, DWORD *out)
{
    *out = 0;
    if (mw_node_is_nil(t, i) || mw_node_is_atom(t, i, "-1"))
        return 0;
    uint64_t v;
    DWORD err = mw_node_number(t, i, 0xFFFFFFFFu, &v);
    *out = (DWORD)v;
    return err;
}

/* A name compared without case (a type, subtype, transfer encoding or
 * disposition), in lower case, as the docs show: Cyrus sends "TEXT",
 * "PLAIN", "8BIT", "ATTACHMENT". */
static DWORD lower_name(const mw_imap_tree *t, uint32_t i, char **out)
{
    DWORD err = nstring(t, i, out);
    for (char *c = err == 0 ? *out : NULL; c != NULL && *c; c++)
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    return err;
}

/* A type or subtype; NIL stands for dflt. */
static DWORD type_name(const mw_imap_tree *t, uint32_t i, char **out, const char *dflt)
{
    DWORD err = lower_name(t, i, out);
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

/* One "name value" pair; a NIL on either side says nothing (0 kept). */
static DWORD param(const mw_imap_tree *t, uint32_t name, uint32_t value, mw_bs_param *p, size_t *n_r)
{
    DWORD err = nstring(t, name, &p->name);
    if (err == 0)
        err = value != 0 ? nstring(t, value, &p->value) : ST_ERROR_PROTOCOL_VIOLATION;
    if (err == 0 && (p->name == NULL || p->value == NULL)) {
        mw_free(p->name);
        mw_free(p->value);
        p->name = p->value = NULL;
        return 0;
    }
    *n_r += err == 0;
    return err;
}

/* "(" name value ... ")" or NIL. */
static DWORD params(const mw_imap_tree *t, uint32_t i, mw_bs_param **out, size_t *n_r)
{
    *out = NULL;
    *n_r = 0;
    if (mw_node_is_nil(t, i))
        return 0;
    if (!mw_node_is_list(t, i))
        return ST_ERROR_PROTOCOL_VIOLATION;
    mw_bs_param *ps = mw_calloc(MW_BS_PARAMS_MAX, sizeof *ps);
    if (ps == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    size_t n = 0;
    DWORD err = 0;
    for (uint32_t c = mw_node_first(t, i); c != 0 && err == 0;) {
        uint32_t v = mw_node_next(t, i, c);
        err = n == MW_BS_PARAMS_MAX ? ST_ERROR_RESPONSE_TOO_LARGE : param(t, c, v, &ps[n], &n);
        c = v != 0 ? mw_node_next(t, i, v) : 0;
    }
    if (err != 0) {
        free_params(ps, n + (n < MW_BS_PARAMS_MAX));
        return err;
    }
    *out = ps;
    *n_r = n;
    return 0;
}

/* A value kept as its raw text (the envelope): a list or NIL as sent, a
 * quoted string with its quotes. */
static DWORD raw_value(const mw_imap_tree *t, uint32_t i, char **out, size_t *len_r)
{
    if (i == 0 || (t->v[i].kind == MW_NODE_STRING && t->v[i].literal))
        return ST_ERROR_PROTOCOL_VIOLATION;
    mw_imap_text text = t->v[i].text;
    if (t->v[i].kind == MW_NODE_STRING)
        text = (mw_imap_text){text.p - 1, text.len + 2};
    *len_r = text.len;
    *out = mw_strndup(text.p, text.len); /* it may hold any byte */
    return *out == NULL ? ST_ERROR_OUT_OF_MEMORY : 0;
}

/* "(disposition params)", or a bare "attachment" some servers send. */
static DWORD disposition(const mw_imap_tree *t, uint32_t i, mw_bs_node *n)
{
    if (!mw_node_is_list(t, i))
        return lower_name(t, i, &n->disposition);
    uint32_t name = mw_node_first(t, i), ps = mw_node_next(t, i, name);
    if (name == 0 || ps == 0 || mw_node_next(t, i, ps) != 0)
        return ST_ERROR_PROTOCOL_VIOLATION;
    DWORD err = lower_name(t, name, &n->disposition);
    return err == 0 ? params(t, ps, &n->dparams, &n->ndparams) : err;
}

/* body-fld-lang: a string, or a list of them joined with ", ". */
static DWORD language(const mw_imap_tree *t, uint32_t i, mw_bs_node *n)
{
    if (!mw_node_is_list(t, i))
        return mw_node_is_string(t, i) ? nstring(t, i, &n->language) : 0;
    mw_buf b;
    mw_buf_init(&b, 0);
    DWORD err = 0;
    for (uint32_t c = mw_node_first(t, i); c != 0 && err == 0; c = mw_node_next(t, i, c)) {
        if (b.len > 0)
            err = mw_buf_append_str(&b, ", ");
        if (err == 0 && mw_node_is_string(t, c))
            err = mw_node_value(t, c, &b);
    }
    if (err == 0 && b.len > 0 && (err = mw_buf_terminate(&b)) == 0) {
        n->language = (char *)b.p;
        return 0;
    }
    mw_buf_free(&b);
    return err;
}

/* Optional extension data up to the body's ")": the disposition (it
 * carries the file name), language and location are kept, anything
 * after them is passed over. */
static DWORD extensions(fields *f, mw_bs_node *n, int single)
{
    int first = single ? 1 : 0; /* single parts start with md5 */
    for (int i = 0; !at_end(f); i++) {
        if (i > 64)
            return ST_ERROR_RESPONSE_TOO_LARGE;
        uint32_t v = take(f);
        DWORD err = 0;
        if (i == first && (mw_node_is_string(f->t, v) || mw_node_is_list(f->t, v)))
            err = disposition(f->t, v, n);
        else if (i == first + 1)
            err = language(f->t, v, n);
        else if (i == first + 2 && mw_node_is_string(f->t, v))
            err = nstring(f->t, v, &n->location);
        if (err != 0)
            return err;
    }
    return 0;
}

static DWORD body(parser *p, uint32_t node, mw_bs_node **out);

/* What follows a multipart's subtype: its parameters and extensions. */
static DWORD multipart_tail(fields *f, mw_bs_node *n)
{
    if (at_end(f))
        return 0;
    DWORD err = params(f->t, take(f), &n->params, &n->nparams);
    return err == 0 ? extensions(f, n, 0) : err;
}

/* A multipart without parts (some servers send an empty one as
 * ("MIXED" params ...)): the subtype was read as a type. */
static DWORD empty_multipart(fields *f, mw_bs_node *n)
{
    n->multipart = 1;
    n->subtype = n->type;
    n->type = mw_strdup("multipart");
    DWORD err = n->type == NULL ? ST_ERROR_OUT_OF_MEMORY : multipart_tail(f, n);
    /* No parameters are kept as an empty list, never NIL: written back as
     * "()", which keeps it a multipart when read again (a NIL there would
     * read as a single part's subtype). */
    if (err == 0 && n->params == NULL && (n->params = mw_calloc(1, sizeof *n->params)) == NULL)
        err = ST_ERROR_OUT_OF_MEMORY;
    return err;
}

static DWORD multipart(parser *p, fields *f, mw_bs_node *n)
{
    n->multipart = 1;
    n->type = mw_strdup("multipart");
    if (n->type == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    while (mw_node_is_list(f->t, f->at)) {
        mw_bs_node **c = mw_realloc(n->children, (n->nchildren + 1) * sizeof *c);
        if (c == NULL)
            return ST_ERROR_OUT_OF_MEMORY;
        n->children = c;
        c[n->nchildren] = NULL;
        DWORD err = body(p, take(f), &c[n->nchildren]);
        n->nchildren++;
        if (err != 0)
            return err;
    }
    if (at_end(f))
        return ST_ERROR_PROTOCOL_VIOLATION; /* no subtype */
    DWORD err = type_name(f->t, take(f), &n->subtype, "mixed");
    return err == 0 ? multipart_tail(f, n) : err;
}

/* message/rfc822: the envelope, the body inside, its line count. */
static DWORD message_part(parser *p, fields *f, mw_bs_node *n)
{
    n->children = mw_calloc(1, sizeof *n->children);
    if (n->children == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    n->nchildren = 1;
    DWORD err = raw_value(f->t, take(f), &n->envelope, &n->envelope_len);
    if (err == 0)
        err = body(p, take(f), &n->children[0]);
    return err == 0 ? number(f->t, take(f), &n->lines) : err;
}

static DWORD single_part(parser *p, fields *f, mw_bs_node *n)
{
    const mw_imap_tree *t = f->t;
    DWORD err = type_name(t, take(f), &n->type, "text");
    if (err == 0 && (at_end(f) || mw_node_is_list(t, f->at)))
        return empty_multipart(f, n);
    if (err == 0)
        err = type_name(t, take(f), &n->subtype, "plain");
    if (err == 0)
        err = params(t, take(f), &n->params, &n->nparams);
    if (err == 0)
        err = nstring(t, take(f), &n->id);
    if (err == 0)
        err = nstring(t, take(f), &n->desc);
    if (err == 0)
        err = lower_name(t, take(f), &n->encoding);
    if (err == 0)
        err = number(t, take(f), &n->size);
    if (err != 0)
        return err;
    if (mw_ascii_casecmp(n->type, "message") == 0 && mw_ascii_casecmp(n->subtype, "rfc822") == 0)
        err = message_part(p, f, n);
    else if (mw_ascii_casecmp(n->type, "text") == 0 && !at_end(f))
        err = number(t, take(f), &n->lines); /* some servers leave it out */
    return err == 0 ? extensions(f, n, 1) : err;
}

static DWORD body(parser *p, uint32_t node, mw_bs_node **out)
{
    if (++p->depth > MW_BS_DEPTH_MAX || ++p->parts > MW_BS_PARTS_MAX)
        return ST_ERROR_RESPONSE_TOO_LARGE;
    if (!mw_node_is_list(p->t, node))
        return ST_ERROR_PROTOCOL_VIOLATION;
    mw_bs_node *n = mw_calloc(1, sizeof *n);
    if (n == NULL)
        return ST_ERROR_OUT_OF_MEMORY;
    *out = n;
    fields f = {p->t, node, mw_node_first(p->t, node)};
    DWORD err = mw_node_is_list(p->t, f.at) ? multipart(p, &f, n) : single_part(p, &f, n);
    p->depth--;
    return err;
}

DWORD mw_bs_parse(const mw_imap_tree *t, uint32_t node, mw_bs_node **root_r)
{
    parser p = {t, 0, 0};
    *root_r = NULL;
    DWORD err = body(&p, node, root_r);
    if (err != 0)
        mw_bs_free(root_r);
    return err;
}

DWORD mw_bs_parse_text(mw_imap_text text, mw_bs_node **root_r)
{
    mw_imap_tree t;
    mw_imap_tree_init(&t);
    *root_r = NULL;
    DWORD err = mw_imap_tree_parse(&t, text, 0);
    if (err == 0)
        err = mw_bs_parse(&t, mw_node_first(&t, 0), root_r);
    mw_imap_tree_free(&t);
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
    mw_free(n->language);
    mw_free(n->location);
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
